#include "feed/xml_reader.h"

#include <algorithm>
#include <array>
#include <cstring>

#include "core/text.h"
#include "core/url.h"
#include "core/utf8.h"
#include "feed/html_text.h"
#include "feed/xml_repair.h"

namespace feedsentry::feed::xml {
namespace {

constexpr unsigned kParseOptions = pugi::parse_cdata | pugi::parse_eol | pugi::parse_ws_pcdata;
constexpr int kMaxEntityDepth = 8;
constexpr std::size_t kMaxEntityNameLength = 64;

struct KnownNamespace {
  std::string_view uri;
  Ns ns;
};

// Compared after lower-casing and dropping a trailing '/' or '#'.
constexpr std::array<KnownNamespace, 17> kKnownNamespaces = {{
    {"http://www.w3.org/2005/atom", Ns::kAtom10},
    {"http://purl.org/atom/ns", Ns::kAtom03},
    {"http://purl.org/rss/1.0", Ns::kRss10},
    {"http://my.netscape.com/rdf/simple/0.9", Ns::kRss090},
    {"http://backend.userland.com/rss2", Ns::kRss20Userland},
    {"http://backend.userland.com/rss", Ns::kRss20Userland},
    {"http://blogs.law.harvard.edu/tech/rss", Ns::kRss20Userland},
    {"http://www.w3.org/1999/02/22-rdf-syntax-ns", Ns::kRdf},
    {"http://purl.org/dc/elements/1.1", Ns::kDc},
    {"http://purl.org/dc/elements/1.0", Ns::kDc},
    {"http://purl.org/dc/terms", Ns::kDcTerms},
    {"http://purl.org/rss/1.0/modules/content", Ns::kContent},
    {"http://www.w3.org/1999/xhtml", Ns::kXhtml},
    {"http://purl.org/rss/1.0/modules/syndication", Ns::kSyndication},
    {"http://www.w3.org/xml/1998/namespace", Ns::kXml},
    {"http://purl.org/net/rss1.1", Ns::kRss10},
    {"", Ns::kNone},
}};

// Prefixes real feeds use without declaring them; reading them is better than dropping
// the data, but the document is still not well-formed.
constexpr std::array<std::pair<std::string_view, Ns>, 8> kConventionalPrefixes = {{
    {"dc", Ns::kDc},
    {"dcterms", Ns::kDcTerms},
    {"content", Ns::kContent},
    {"atom", Ns::kAtom10},
    {"rdf", Ns::kRdf},
    {"sy", Ns::kSyndication},
    {"xhtml", Ns::kXhtml},
    {"html", Ns::kXhtml},
}};

Ns namespace_from_uri(std::string_view uri) {
  std::string key = core::to_lower_ascii(core::trim_ascii(uri));
  while (!key.empty() && (key.back() == '/' || key.back() == '#')) key.pop_back();
  for (const auto& known : kKnownNamespaces) {
    if (known.uri == key) return known.ns;
  }
  return Ns::kOther;
}

bool is_name_start(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) || c == '_' || c == ':' ||
         static_cast<unsigned char>(c) >= 0x80;
}

bool is_name_char(char c) {
  return is_name_start(c) || std::isdigit(static_cast<unsigned char>(c)) || c == '-' || c == '.';
}

void append_escaped(std::string& out, std::string_view text, bool in_attribute) {
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        if (in_attribute) {
          out += "&quot;";
          break;
        }
        [[fallthrough]];
      default:
        out += c;
    }
  }
}

std::string_view local_part(std::string_view qualified) {
  const std::size_t colon = qualified.find(':');
  return colon == std::string_view::npos ? qualified : qualified.substr(colon + 1);
}

bool is_void_html_element(std::string_view name) {
  static constexpr std::array<std::string_view, 8> kVoid = {"br",   "hr",   "img",  "input",
                                                            "meta", "link", "area", "col"};
  return std::find(kVoid.begin(), kVoid.end(), name) != kVoid.end();
}

}  // namespace

Reader::Reader(std::string utf8, std::string_view base_url) : buffer_(std::move(utf8)) {
  Scope& top = scopes_.emplace_back();
  top.base = std::string(base_url);
  load();
}

void Reader::flag(std::string_view reason, pugi::xml_node where) {
  if (!bozo_reason_.empty()) return;
  if (where && where.offset_debug() >= 0) {
    flag_at(reason, where.offset_debug());
  } else {
    bozo_reason_ = std::string(reason);
  }
}

void Reader::flag_at(std::string_view reason, std::ptrdiff_t offset) {
  if (!bozo_reason_.empty()) return;
  const std::size_t end =
      std::min(static_cast<std::size_t>(std::max<std::ptrdiff_t>(offset, 0)), buffer_.size());
  std::size_t line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < end; ++i) {
    if (buffer_[i] == '\n') ++line, line_start = i + 1;
  }
  bozo_reason_ = std::to_string(line) + ":" + std::to_string(end - line_start + 1) + ": " +
                 std::string(reason);
}

void Reader::load() {
  // Control characters other than tab/newline are not allowed in XML; a NUL would also
  // cut pugixml's strings short. Blank them and keep going.
  for (std::size_t i = 0; i < buffer_.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(buffer_[i]);
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
      flag_at("invalid control character", static_cast<std::ptrdiff_t>(i));
      buffer_[i] = ' ';
    }
  }
  scan_prolog();
  const pugi::xml_parse_result result =
      document_.load_buffer(buffer_.data(), buffer_.size(), kParseOptions, pugi::encoding_utf8);
  if (result) {
    check_trailing_content();
    return;
  }
  flag_at(result.description(), result.offset);
  buffer_ = balance_tags(buffer_);
  document_.reset();
  document_.load_buffer(buffer_.data(), buffer_.size(), kParseOptions, pugi::encoding_utf8);
}

void Reader::scan_prolog() {
  const std::size_t doctype = buffer_.find("<!DOCTYPE");
  if (doctype == std::string::npos) return;
  const std::size_t first_element = [&] {
    for (std::size_t pos = buffer_.find('<'); pos != std::string::npos;
         pos = buffer_.find('<', pos + 1)) {
      if (pos + 1 < buffer_.size() && is_name_start(buffer_[pos + 1])) return pos;
    }
    return buffer_.size();
  }();
  if (doctype > first_element) return;
  const std::size_t open = buffer_.find('[', doctype);
  const std::size_t close = buffer_.find("]>", doctype);
  if (open == std::string::npos || close == std::string::npos || open > close) return;
  std::string_view subset(buffer_.data() + open + 1, close - open - 1);
  for (std::size_t pos = subset.find("<!ENTITY"); pos != std::string_view::npos;
       pos = subset.find("<!ENTITY", pos + 1)) {
    std::size_t cursor = pos + 8;
    while (cursor < subset.size() && core::is_ascii_space(subset[cursor])) ++cursor;
    if (cursor >= subset.size() || subset[cursor] == '%') continue;  // parameter entity
    const std::size_t name_start = cursor;
    while (cursor < subset.size() && is_name_char(subset[cursor])) ++cursor;
    const std::string name(subset.substr(name_start, cursor - name_start));
    while (cursor < subset.size() && core::is_ascii_space(subset[cursor])) ++cursor;
    if (name.empty() || cursor >= subset.size()) continue;
    const char quote = subset[cursor];
    if (quote != '"' && quote != '\'') {
      entities_.emplace(name, std::string());  // SYSTEM/PUBLIC: declared, never loaded
      continue;
    }
    const std::size_t value_end = subset.find(quote, cursor + 1);
    if (value_end == std::string_view::npos) break;
    entities_.emplace(name, std::string(subset.substr(cursor + 1, value_end - cursor - 1)));
  }
}

void Reader::check_trailing_content() {
  const pugi::xml_node root = document_.document_element();
  if (!root) {
    flag("no document element");
    return;
  }
  int elements = 0;
  for (pugi::xml_node child = document_.first_child(); child; child = child.next_sibling()) {
    if (child.type() == pugi::node_element) ++elements;
  }
  if (elements > 1) {
    flag("content after the document element", root.next_sibling());
    return;
  }
  // pugixml drops stray top-level text silently; look for it after the root's end tag.
  const std::string end_tag = std::string("</") + root.name();
  const std::size_t end = buffer_.rfind(end_tag);
  if (end == std::string::npos) return;
  const std::size_t after = buffer_.find('>', end);
  std::string_view tail(buffer_);
  tail.remove_prefix(after == std::string::npos ? buffer_.size() : after + 1);
  while (!tail.empty()) {
    tail = core::trim_ascii(tail);
    if (tail.starts_with("<!--")) {
      const std::size_t close = tail.find("-->");
      tail.remove_prefix(close == std::string_view::npos ? tail.size() : close + 3);
    } else if (tail.starts_with("<?")) {
      const std::size_t close = tail.find("?>");
      tail.remove_prefix(close == std::string_view::npos ? tail.size() : close + 2);
    } else if (!tail.empty()) {
      flag_at("content after the document element",
              static_cast<std::ptrdiff_t>(buffer_.size() - tail.size()));
      return;
    }
  }
}

Element Reader::root() {
  const pugi::xml_node node = document_.document_element();
  if (!node) return {};
  return make_element(node, &scopes_.front());
}

Element Reader::make_element(pugi::xml_node node, const Scope* parent_scope) {
  const Scope* scope = parent_scope;
  for (pugi::xml_attribute attribute = node.first_attribute(); attribute;
       attribute = attribute.next_attribute()) {
    const std::string_view name = attribute.name();
    const bool declares = name.starts_with("xmlns") && (name.size() == 5 || name[5] == ':');
    if (!declares && name != "xml:base" && name != "xml:lang") continue;
    if (scope == parent_scope) {
      Scope& fresh = scopes_.emplace_back();
      fresh.parent = parent_scope;
      fresh.base = parent_scope->base;
      fresh.language = parent_scope->language;
      scope = &fresh;
    }
    Scope& own = const_cast<Scope&>(*scope);  // created just above, owned by scopes_
    if (declares) {
      own.prefixes.emplace_back(name.size() == 5 ? std::string_view() : name.substr(6),
                                namespace_from_uri(attribute.value()));
    } else if (name == "xml:base") {
      std::string value;
      append_decoded(value, attribute.value(), node);
      own.base = core::resolve_url(parent_scope->base, value);
    } else {
      own.language = attribute.value();
    }
  }
  const std::string_view qualified = node.name();
  const std::size_t colon = qualified.find(':');
  Element element{node, scope, Ns::kNone, qualified};
  if (colon == std::string_view::npos) {
    element.ns = resolve_prefix({}, scope, node);
  } else {
    element.ns = resolve_prefix(qualified.substr(0, colon), scope, node);
    element.local = qualified.substr(colon + 1);
  }
  return element;
}

Ns Reader::resolve_prefix(std::string_view prefix, const Scope* scope, pugi::xml_node where) {
  for (; scope != nullptr; scope = scope->parent) {
    for (auto it = scope->prefixes.rbegin(); it != scope->prefixes.rend(); ++it) {
      if (it->first == prefix) return it->second;
    }
  }
  if (prefix.empty()) return Ns::kNone;
  if (prefix == "xml") return Ns::kXml;
  flag("undeclared namespace prefix '" + std::string(prefix) + "'", where);
  for (const auto& [conventional, ns] : kConventionalPrefixes) {
    if (conventional == prefix) return ns;
  }
  return Ns::kOther;
}

void Reader::append_decoded(std::string& out, std::string_view raw, pugi::xml_node where,
                            int depth) {
  std::size_t pos = 0;
  while (pos < raw.size()) {
    const std::size_t amp = raw.find('&', pos);
    if (amp == std::string_view::npos) {
      out.append(raw.substr(pos));
      return;
    }
    out.append(raw.substr(pos, amp - pos));
    const std::size_t semicolon = raw.find(';', amp + 1);
    const std::size_t name_length = semicolon == std::string_view::npos ? 0 : semicolon - amp - 1;
    const std::string_view name = raw.substr(amp + 1, name_length);
    if (name_length == 0 || name_length > kMaxEntityNameLength ||
        !(name.front() == '#' || is_name_start(name.front())) ||
        !std::all_of(name.begin() + 1, name.end(), is_name_char)) {
      flag("unescaped '&'", where);
      out += '&';
      pos = amp + 1;
      continue;
    }
    pos = semicolon + 1;
    if (name.front() == '#') {
      const std::string reference = "&" + std::string(name) + ";";
      const std::string decoded = decode_entities(reference);
      if (decoded == reference) flag("invalid character reference", where);
      out += decoded;
    } else if (name == "lt") {
      out += '<';
    } else if (name == "gt") {
      out += '>';
    } else if (name == "amp") {
      out += '&';
    } else if (name == "quot") {
      out += '"';
    } else if (name == "apos") {
      out += '\'';
    } else if (const auto declared = entities_.find(std::string(name));
               declared != entities_.end()) {
      if (depth >= kMaxEntityDepth || declared->second.size() > entity_budget_) {
        flag("entity expansion limit exceeded", where);
        continue;
      }
      entity_budget_ -= declared->second.size();
      append_decoded(out, declared->second, where, depth + 1);
    } else if (const char* html = lookup_html_entity(name)) {
      flag("undefined entity &" + std::string(name) + ";", where);
      out += html;
    } else {
      flag("undefined entity &" + std::string(name) + ";", where);
      out.append(raw.substr(amp, semicolon + 1 - amp));
    }
  }
}

std::string Reader::text(const Element& element) {
  std::string out;
  for (pugi::xml_node child = element.node.first_child(); child; child = child.next_sibling()) {
    if (child.type() == pugi::node_pcdata) {
      append_decoded(out, child.value(), child);
    } else if (child.type() == pugi::node_cdata) {
      out += child.value();
    }
  }
  return out;
}

std::string Reader::inner_markup(const Element& element, bool escape_text) {
  std::string out;
  for (pugi::xml_node child = element.node.first_child(); child; child = child.next_sibling()) {
    if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) {
      std::string decoded;
      if (child.type() == pugi::node_pcdata) {
        append_decoded(decoded, child.value(), child);
      } else {
        decoded = child.value();
      }
      if (escape_text) {
        append_escaped(out, decoded, false);
      } else {
        out += decoded;
      }
    } else if (child.type() == pugi::node_element) {
      append_markup(out, child);
    }
  }
  return out;
}

void Reader::append_markup(std::string& out, pugi::xml_node node) {
  // Iterative walk: markup depth is attacker-controlled.
  pugi::xml_node current = node;
  while (current) {
    const pugi::xml_node_type type = current.type();
    bool descend = false;
    if (type == pugi::node_pcdata || type == pugi::node_cdata) {
      std::string decoded;
      if (type == pugi::node_pcdata) {
        append_decoded(decoded, current.value(), current);
      } else {
        decoded = current.value();
      }
      append_escaped(out, decoded, false);
    } else if (type == pugi::node_element) {
      const std::string_view name = local_part(current.name());
      out += '<';
      out += name;
      for (pugi::xml_attribute attribute = current.first_attribute(); attribute;
           attribute = attribute.next_attribute()) {
        const std::string_view attribute_name = attribute.name();
        if (attribute_name.starts_with("xmlns")) continue;
        out += ' ';
        out += local_part(attribute_name);
        out += "=\"";
        std::string value;
        append_decoded(value, attribute.value(), current);
        append_escaped(out, value, true);
        out += '"';
      }
      if (current.first_child()) {
        out += '>';
        descend = true;
      } else {
        out += is_void_html_element(name) ? " />" : "></" + std::string(name) + ">";
      }
    }
    if (descend) {
      current = current.first_child();
      continue;
    }
    // Climb until a next sibling exists, closing elements on the way.
    bool done = current == node;
    while (!done && !current.next_sibling()) {
      current = current.parent();
      out += "</";
      out += local_part(current.name());
      out += '>';
      done = current == node;
    }
    if (done) break;
    current = current.next_sibling();
  }
}

pugi::xml_attribute Reader::find_attribute(pugi::xml_node node, std::string_view local_name) const {
  for (pugi::xml_attribute attribute = node.first_attribute(); attribute;
       attribute = attribute.next_attribute()) {
    if (local_part(attribute.name()) == local_name) return attribute;
  }
  return {};
}

std::string Reader::attribute(const Element& element, std::string_view local_name) {
  const pugi::xml_attribute found = find_attribute(element.node, local_name);
  std::string out;
  if (found) append_decoded(out, found.value(), element.node);
  return out;
}

bool Reader::has_attribute(const Element& element, std::string_view local_name) {
  return static_cast<bool>(find_attribute(element.node, local_name));
}

std::string Reader::resolve(const Element& element, std::string_view reference) const {
  return core::resolve_url(element.scope->base, reference);
}

}  // namespace feedsentry::feed::xml
