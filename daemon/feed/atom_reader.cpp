#include "core/text.h"
#include "core/utf8.h"
#include "feed/dates.h"
#include "feed/format_parsers.h"
#include "feed/html_text.h"
#include "feed/text_construct.h"

namespace feedsentry::feed {
namespace {

using xml::Element;
using xml::Ns;

bool is_atom(Ns ns) {
  return ns == Ns::kAtom10 || ns == Ns::kAtom03;
}

enum class ConstructKind { kText, kHtml, kXhtml, kXml };

ConstructKind construct_kind(std::string_view type) {
  const std::string lower = core::to_lower_ascii(core::trim_ascii(type));
  if (lower.empty() || lower == "text" || lower == "text/plain") return ConstructKind::kText;
  if (lower == "html" || lower == "text/html") return ConstructKind::kHtml;
  if (lower == "xhtml" || lower == "application/xhtml+xml") return ConstructKind::kXhtml;
  if (lower.ends_with("+xml") || lower.ends_with("/xml")) return ConstructKind::kXml;
  return ConstructKind::kText;
}

bool has_element_child(const Element& element) {
  for (pugi::xml_node child = element.node.first_child(); child; child = child.next_sibling()) {
    if (child.type() == pugi::node_element) return true;
  }
  return false;
}

// The xhtml:div that is all `element` holds besides whitespace, or an empty Element.
Element sole_xhtml_div(xml::Reader& reader, const Element& element) {
  Element div;
  bool anything_else = false;
  reader.for_each_child(element, [&](const Element& child) {
    if (!div && child.is(Ns::kXhtml, "div")) {
      div = child;
    } else {
      anything_else = true;
    }
  });
  if (!div || anything_else) return {};
  for (pugi::xml_node child = element.node.first_child(); child; child = child.next_sibling()) {
    const pugi::xml_node_type type = child.type();
    if ((type == pugi::node_pcdata || type == pugi::node_cdata) &&
        !core::trim_ascii(child.value()).empty()) {
      return {};
    }
  }
  return div;
}

// Atom text constructs: type text/html/xhtml (1.0) plus mode escaped/base64/xml (0.3).
TextField read_text_construct(xml::Reader& reader, const Element& element) {
  const ConstructKind kind = construct_kind(reader.attribute(element, "type"));
  const std::string mode =
      core::to_lower_ascii(core::trim_ascii(reader.attribute(element, "mode")));
  if (mode == "base64") {
    // The payload is bytes: anything but UTF-8 would break the promise of item.h.
    std::string decoded = core::sanitize_utf8(decode_base64(reader.text(element)));
    return kind == ConstructKind::kText ? text_from_plain(decoded)
                                        : text_from_html(std::move(decoded));
  }
  if (kind == ConstructKind::kXhtml) {
    // The content is the children of the wrapping xhtml:div, when there is one.
    Element wrapper;
    reader.for_each_child(element, [&](const Element& child) {
      if (!wrapper && child.local == "div") wrapper = child;
    });
    return text_from_html(reader.inner_markup(wrapper ? wrapper : element, true));
  }
  if (kind == ConstructKind::kHtml && mode != "xml") {
    // TypePad wrapped escaped HTML in an xhtml:div while saying type="html": the div is
    // only a wrapper and its text is the HTML.
    if (const Element wrapper = sole_xhtml_div(reader, element)) {
      return text_from_html(reader.inner_markup(wrapper, false));
    }
  }
  if (mode == "xml" || kind == ConstructKind::kXml || has_element_child(element)) {
    return text_from_html(reader.inner_markup(element, true));
  }
  if (kind == ConstructKind::kHtml) return text_from_html(reader.text(element));
  std::string storage;
  return text_from_plain(reader.text_view(element, storage));
}

std::string read_person(xml::Reader& reader, const Element& person) {
  std::string name;
  std::string email;
  reader.for_each_child(person, [&](const Element& child) {
    if (child.local == "name" && name.empty()) name = collapse_whitespace(reader.text(child));
    if (child.local == "email" && email.empty()) email = collapse_whitespace(reader.text(child));
  });
  if (name.empty() && email.empty()) return collapse_whitespace(reader.text(person));
  if (email.empty()) return name;
  if (name.empty()) return email;
  return name + " (" + email + ")";
}

// The alternate link: rel="alternate" or no rel at all; the first one wins.
void consider_link(xml::Reader& reader, const Element& link, std::string& target) {
  if (!target.empty()) return;
  const std::string rel = core::to_lower_ascii(core::trim_ascii(reader.attribute(link, "rel")));
  if (!rel.empty() && rel != "alternate") return;
  // Without href, the URL is the element's text, as in RSS; feeds converted from RSS by
  // hand do this.
  const std::string href =
      reader.has_attribute(link, "href") ? reader.attribute(link, "href") : reader.text(link);
  if (!core::trim_ascii(href).empty()) target = reader.resolve(link, href);
}

void set_date(xml::Reader& reader, const Element& element, std::optional<Timestamp>& target) {
  std::string storage;
  if (const auto parsed = parse_date(reader.text_view(element, storage))) target = parsed;
}

void read_entry(xml::Reader& reader, const Element& entry, Item& item) {
  std::optional<Timestamp> created;
  reader.for_each_child(entry, [&](const Element& child) {
    const std::string_view name = child.local;
    if (is_atom(child.ns) || child.ns == Ns::kNone) {
      if (name == "id") {
        std::string storage;
        if (item.guid.empty()) {
          item.guid = std::string(core::trim_ascii(reader.text_view(child, storage)));
        }
      } else if (name == "title") {
        item.title = read_text_construct(reader, child).text;
      } else if (name == "link") {
        consider_link(reader, child, item.link);
      } else if (name == "summary") {
        item.summary = read_text_construct(reader, child);
      } else if (name == "content") {
        if (item.content.html.empty()) item.content = read_text_construct(reader, child);
      } else if (name == "published" || name == "issued") {
        set_date(reader, child, item.published);
      } else if (name == "updated" || name == "modified") {
        set_date(reader, child, item.updated);
      } else if (name == "created") {
        set_date(reader, child, created);
      } else if (name == "author") {
        if (item.author.empty()) item.author = read_person(reader, child);
      } else if (name == "category") {
        std::string term = collapse_whitespace(reader.attribute(child, "term"));
        if (term.empty()) term = collapse_whitespace(reader.attribute(child, "label"));
        if (!term.empty()) item.categories.push_back(std::move(term));
      }
    } else if (child.ns == Ns::kDc) {
      if (name == "creator" && item.author.empty())
        item.author = collapse_whitespace(reader.text(child));
      if (name == "subject") item.categories.push_back(collapse_whitespace(reader.text(child)));
      if (name == "date") set_date(reader, child, item.updated);
    }
  });
  if (!item.published && created) item.published = created;
}

}  // namespace

void read_atom(xml::Reader& reader, const Element& root, Feed& feed) {
  const std::string version(core::trim_ascii(reader.attribute(root, "version")));
  feed.format =
      root.ns == Ns::kAtom03 || version == "0.3" ? FeedFormat::kAtom03 : FeedFormat::kAtom10;
  feed.language = std::string(root.scope->language);
  feed.items.reserve(reader.count_children(root, "entry"));
  reader.for_each_child(root, [&](const Element& child) {
    if (!is_atom(child.ns) && child.ns != Ns::kNone) return;
    if (child.local == "title") {
      feed.title = read_text_construct(reader, child).text;
    } else if (child.local == "link") {
      consider_link(reader, child, feed.link);
    } else if (child.local == "entry") {
      read_entry(reader, child, feed.items.emplace_back());
    }
  });
}

}  // namespace feedsentry::feed
