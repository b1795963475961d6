#include "core/text.h"
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

// Atom text constructs: type text/html/xhtml (1.0) plus mode escaped/base64/xml (0.3).
TextField read_text_construct(xml::Reader& reader, const Element& element) {
  const ConstructKind kind = construct_kind(reader.attribute(element, "type"));
  const std::string mode =
      core::to_lower_ascii(core::trim_ascii(reader.attribute(element, "mode")));
  if (mode == "base64") {
    std::string decoded = decode_base64(reader.text(element));
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
  if (mode == "xml" || kind == ConstructKind::kXml || has_element_child(element)) {
    return text_from_html(reader.inner_markup(element, true));
  }
  if (kind == ConstructKind::kHtml) return text_from_html(reader.text(element));
  return text_from_plain(reader.text(element));
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
  const std::string href = reader.attribute(link, "href");
  if (!core::trim_ascii(href).empty()) target = reader.resolve(link, href);
}

void set_date(xml::Reader& reader, const Element& element, std::optional<Timestamp>& target) {
  if (const auto parsed = parse_date(reader.text(element))) target = parsed;
}

Item read_entry(xml::Reader& reader, const Element& entry) {
  Item item;
  std::optional<Timestamp> created;
  reader.for_each_child(entry, [&](const Element& child) {
    const std::string_view name = child.local;
    if (is_atom(child.ns) || child.ns == Ns::kNone) {
      if (name == "id") {
        if (item.guid.empty()) item.guid = std::string(core::trim_ascii(reader.text(child)));
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
  return item;
}

}  // namespace

void read_atom(xml::Reader& reader, const Element& root, Feed& feed) {
  const std::string version(core::trim_ascii(reader.attribute(root, "version")));
  feed.format =
      root.ns == Ns::kAtom03 || version == "0.3" ? FeedFormat::kAtom03 : FeedFormat::kAtom10;
  feed.language = std::string(root.scope->language);
  reader.for_each_child(root, [&](const Element& child) {
    if (!is_atom(child.ns) && child.ns != Ns::kNone) return;
    if (child.local == "title") {
      feed.title = read_text_construct(reader, child).text;
    } else if (child.local == "link") {
      consider_link(reader, child, feed.link);
    } else if (child.local == "entry") {
      feed.items.push_back(read_entry(reader, child));
    }
  });
}

}  // namespace feedsentry::feed
