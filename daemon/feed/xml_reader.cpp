#include "feed/xml_reader.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <optional>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "core/text.h"
#include "core/url.h"
#include "core/utf8.h"
#include "feed/html_text.h"
#include "feed/mojibake.h"
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
constexpr std::array<KnownNamespace, 21> kKnownNamespaces = {{
    {"http://www.w3.org/2005/atom", Ns::kAtom10},
    {"http://purl.org/atom/ns", Ns::kAtom03},
    // Names Atom went by in 2003 drafts (Echo, Necho, Pie); early 0.3 feeds kept them.
    {"http://example.com/newformat", Ns::kAtom03},
    {"http://example.com/necho", Ns::kAtom03},
    {"http://purl.org/echo", Ns::kAtom03},
    {"http://purl.org/pie", Ns::kAtom03},
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
  std::size_t run_start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    std::string_view replacement;
    switch (text[i]) {
      case '&':
        replacement = "&amp;";
        break;
      case '<':
        replacement = "&lt;";
        break;
      case '>':
        replacement = "&gt;";
        break;
      case '"':
        if (in_attribute) replacement = "&quot;";
        break;
      default:
        break;
    }
    if (replacement.empty()) continue;
    out.append(text.data() + run_start, i - run_start);
    out += replacement;
    run_start = i + 1;
  }
  out.append(text.data() + run_start, text.size() - run_start);
}

// The five entities XML predefines, which are nearly every reference in real feeds, matched
// without extracting the name. `after_amp` follows the '&'; returns the character and sets
// `length` to the bytes through ';', or returns 0 when it is not one of them.
char predefined_entity(std::string_view after_amp, std::size_t& length) {
  const auto spelled = [&](std::string_view rest) {  // rest of the name after its first byte
    if (after_amp.size() <= rest.size()) return false;
    for (std::size_t i = 0; i < rest.size(); ++i) {
      if (after_amp[i + 1] != rest[i]) return false;
    }
    length = rest.size() + 1;
    return true;
  };
  switch (after_amp.empty() ? '\0' : after_amp.front()) {
    case 'l':
      return spelled("t;") ? '<' : '\0';
    case 'g':
      return spelled("t;") ? '>' : '\0';
    case 'a':
      if (spelled("mp;")) return '&';
      return spelled("pos;") ? '\'' : '\0';
    case 'q':
      return spelled("uot;") ? '"' : '\0';
    default:
      return '\0';
  }
}

// The character of a reference "&#digits;" or "&#xhex;", given what follows the '#'.
// Unlike HTML, XML takes U+0080–U+009F as they are: repair_mojibake maps them later, with
// the rest of the element's text, after it had the chance to see a double encoding.
// 0, surrogates and values beyond U+10FFFF become U+FFFD; nullopt when there are no digits.
std::optional<char32_t> character_reference(std::string_view number) {
  int base = 10;
  if (!number.empty() && (number.front() == 'x' || number.front() == 'X')) {
    base = 16;
    number.remove_prefix(1);
  }
  if (number.empty()) return std::nullopt;
  constexpr char32_t kBeyondUnicode = 0x110000;
  char32_t value = 0;
  for (const char c : number) {
    int digit = -1;
    if (c >= '0' && c <= '9') {
      digit = c - '0';
    } else if (base == 16 && (c | 0x20) >= 'a' && (c | 0x20) <= 'f') {
      digit = (c | 0x20) - 'a' + 10;
    }
    if (digit < 0) return std::nullopt;
    // Saturates, so a long run of digits can neither overflow nor wrap into range.
    value = std::min<char32_t>(value * static_cast<char32_t>(base) + static_cast<char32_t>(digit),
                               kBeyondUnicode);
  }
  if (value == 0 || value >= kBeyondUnicode || (value >= 0xD800 && value <= 0xDFFF)) {
    return core::kReplacementChar;
  }
  return value;
}

// Index of the first '&' at or after `pos`, or text.size(). Not memchr: in escaped HTML the
// runs between references are a few bytes long, and the call cost more than the search.
std::size_t find_ampersand(std::string_view text, std::size_t pos) {
#if defined(__SSE2__)
  const __m128i ampersand = _mm_set1_epi8('&');
  for (; pos + 16 <= text.size(); pos += 16) {
    const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + pos));
    const int found = _mm_movemask_epi8(_mm_cmpeq_epi8(chunk, ampersand));
    if (found != 0)
      return pos + static_cast<std::size_t>(__builtin_ctz(static_cast<unsigned>(found)));
  }
#endif
  while (pos < text.size() && text[pos] != '&') ++pos;
  return pos;
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

bool is_forbidden_control(unsigned char c) {
  return c < 0x20 && c != '\t' && c != '\n' && c != '\r';
}

// Index of the first C0 control other than tab, newline and carriage return at or after
// `pos`, or text.size(). Real documents have none, so whole documents are scanned 16 bytes
// at a time.
std::size_t find_forbidden_control(std::string_view text, std::size_t pos) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t size = text.size();
#if defined(__SSE2__)
  const __m128i last_control = _mm_set1_epi8(0x1F);
  const __m128i tab = _mm_set1_epi8('\t');
  const __m128i newline = _mm_set1_epi8('\n');
  const __m128i carriage_return = _mm_set1_epi8('\r');
  for (; pos + 16 <= size; pos += 16) {
    const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(bytes + pos));
    const __m128i control = _mm_cmpeq_epi8(_mm_min_epu8(chunk, last_control), chunk);  // <= 0x1F
    if (_mm_movemask_epi8(control) == 0) continue;  // most chunks: no line break, no tab
    const __m128i allowed = _mm_or_si128(
        _mm_cmpeq_epi8(chunk, tab),
        _mm_or_si128(_mm_cmpeq_epi8(chunk, newline), _mm_cmpeq_epi8(chunk, carriage_return)));
    const unsigned forbidden =
        static_cast<unsigned>(_mm_movemask_epi8(_mm_andnot_si128(allowed, control)));
    if (forbidden != 0) return pos + static_cast<std::size_t>(__builtin_ctz(forbidden));
  }
#endif
  while (pos < size && !is_forbidden_control(bytes[pos])) ++pos;
  return pos;
}

// Most links in feeds are absolute http(s) URLs without dot segments or surrounding
// whitespace. resolve_url ignores the base for those and rebuilds them byte for byte, at
// the cost of a split and a few allocations per link.
bool is_clean_absolute_http_url(std::string_view reference) {
  return (reference.starts_with("http://") || reference.starts_with("https://")) &&
         !core::is_ascii_space(reference.back()) && reference.find("/.") == std::string_view::npos;
}

}  // namespace

Reader::Reader(std::string_view utf8, std::string_view base_url, bool no_control_characters)
    : text_(utf8) {
  Scope& top = scopes_.emplace_back();
  top.base = std::string(base_url);
  load(no_control_characters);
}

void Reader::repair(std::string& text) const {
  if (may_hold_mojibake_) repair_mojibake(text);
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
      std::min(static_cast<std::size_t>(std::max<std::ptrdiff_t>(offset, 0)), text_.size());
  std::size_t line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < end; ++i) {
    if (text_[i] == '\n') ++line, line_start = i + 1;
  }
  bozo_reason_ = std::to_string(line) + ":" + std::to_string(end - line_start + 1) + ": " +
                 std::string(reason);
}

void Reader::load(bool no_control_characters) {
  // Control characters other than tab/newline are not allowed in XML; a NUL would also
  // cut pugixml's strings short. Blank them and keep going.
  for (std::size_t i = no_control_characters ? text_.size() : find_forbidden_control(text_, 0);
       i < text_.size(); i = find_forbidden_control(text_, i + 1)) {
    flag_at("invalid control character", static_cast<std::ptrdiff_t>(i));
    if (owned_.empty()) {
      owned_.assign(text_);
      text_ = owned_;
    }
    owned_[i] = ' ';
  }
  scan_prolog();
  may_hold_mojibake_ = may_hold_mojibake(text_);
  const pugi::xml_parse_result result =
      document_.load_buffer(text_.data(), text_.size(), kParseOptions, pugi::encoding_utf8);
  if (result) {
    check_trailing_content();
    return;
  }
  flag_at(result.description(), result.offset);
  std::string repaired = balance_tags(text_);
  owned_ = std::move(repaired);
  text_ = owned_;
  document_.reset();
  document_.load_buffer(text_.data(), text_.size(), kParseOptions, pugi::encoding_utf8);
}

void Reader::scan_prolog() {
  const std::size_t first_element = [&] {
    for (std::size_t pos = text_.find('<'); pos != std::string::npos;
         pos = text_.find('<', pos + 1)) {
      if (pos + 1 < text_.size() && is_name_start(text_[pos + 1])) return pos;
    }
    return text_.size();
  }();
  // Only the prolog is searched: a search of the whole document would stop at every '<'.
  const std::size_t doctype = text_.substr(0, first_element).find("<!DOCTYPE");
  if (doctype == std::string::npos) return;
  const std::size_t open = text_.find('[', doctype);
  const std::size_t close = text_.find("]>", doctype);
  if (open == std::string::npos || close == std::string::npos || open > close) return;
  std::string_view subset(text_.data() + open + 1, close - open - 1);
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
  const std::size_t end = text_.rfind(end_tag);
  if (end == std::string::npos) return;
  const std::size_t after = text_.find('>', end);
  std::string_view tail(text_);
  tail.remove_prefix(after == std::string::npos ? text_.size() : after + 1);
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
              static_cast<std::ptrdiff_t>(text_.size() - tail.size()));
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
    // Only xmlns, xmlns:*, xml:base and xml:lang matter here; their first bytes rule out
    // every other attribute before its name is measured.
    const char* raw_name = attribute.name();
    if (raw_name[0] != 'x' || raw_name[1] != 'm' || raw_name[2] != 'l') continue;
    const std::string_view name = raw_name;
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
  // One pass over the name for its length and its colon, where strlen and find took two.
  const char* name = node.name();
  std::size_t length = 0;
  std::size_t colon = std::string_view::npos;
  for (; name[length] != '\0'; ++length) {
    if (name[length] == ':' && colon == std::string_view::npos) colon = length;
  }
  const std::string_view qualified(name, length);
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
  std::size_t amp = find_ampersand(raw, 0);
  if (amp == raw.size()) {
    out.append(raw);
    return;
  }
  out.reserve(out.size() + raw.size());  // references rarely decode to more than they take
  std::size_t pos = 0;
  while (amp < raw.size()) {
    out.append(raw.data() + pos, amp - pos);
    pos = append_reference(out, raw, amp, where, depth);
    amp = find_ampersand(raw, pos);
  }
  out.append(raw.substr(pos));
}

std::size_t Reader::append_reference(std::string& out, std::string_view raw, std::size_t amp,
                                     pugi::xml_node where, int depth) {
  std::size_t length = 0;
  if (const char predefined = predefined_entity(raw.substr(amp + 1), length)) {
    out += predefined;
    return amp + 1 + length;
  }
  const std::size_t semicolon = raw.find(';', amp + 1);
  const std::size_t name_length = semicolon == std::string_view::npos ? 0 : semicolon - amp - 1;
  const std::string_view name = raw.substr(amp + 1, name_length);
  if (name_length == 0 || name_length > kMaxEntityNameLength ||
      !(name.front() == '#' || is_name_start(name.front())) ||
      !std::all_of(name.begin() + 1, name.end(), is_name_char)) {
    flag("unescaped '&'", where);
    out += '&';
    return amp + 1;
  }
  if (name.front() == '#') {
    if (const std::optional<char32_t> code_point = character_reference(name.substr(1))) {
      if (*code_point >= 0x80 && *code_point <= 0xFF) may_hold_mojibake_ = true;
      core::append_utf8(out, *code_point);
    } else {
      flag("invalid character reference", where);
      out.append(raw.substr(amp, semicolon + 1 - amp));
    }
  } else if (const auto declared = entities_.find(std::string(name)); declared != entities_.end()) {
    if (depth >= kMaxEntityDepth || declared->second.size() > entity_budget_) {
      flag("entity expansion limit exceeded", where);
    } else {
      entity_budget_ -= declared->second.size();
      append_decoded(out, declared->second, where, depth + 1);
    }
  } else if (const char* html = lookup_html_entity(name)) {
    flag("undefined entity &" + std::string(name) + ";", where);
    if (may_hold_mojibake(html)) may_hold_mojibake_ = true;
    out += html;
  } else {
    flag("undefined entity &" + std::string(name) + ";", where);
    out.append(raw.substr(amp, semicolon + 1 - amp));
  }
  return semicolon + 1;
}

std::size_t Reader::count_children(const Element& parent, std::string_view local_name) const {
  std::size_t count = 0;
  for (pugi::xml_node child = parent.node.first_child(); child; child = child.next_sibling()) {
    if (child.type() == pugi::node_element && local_part(child.name()) == local_name) ++count;
  }
  return count;
}

std::string Reader::text(const Element& element) {
  std::string out;
  for (pugi::xml_node child = element.node.first_child(); child; child = child.next_sibling()) {
    const pugi::xml_node_type type = child.type();
    if (type == pugi::node_pcdata) {
      append_decoded(out, child.value(), child);
    } else if (type == pugi::node_cdata) {
      out += child.value();
    }
  }
  repair(out);
  return out;
}

std::string_view Reader::text_view(const Element& element, std::string& storage) {
  const pugi::xml_node only = element.node.first_child();
  if (only && !only.next_sibling()) {
    const pugi::xml_node_type type = only.type();
    const std::string_view raw = only.value();
    const bool plain = type == pugi::node_cdata ||
                       (type == pugi::node_pcdata && find_ampersand(raw, 0) == raw.size());
    if (plain && !(may_hold_mojibake_ && may_hold_mojibake(raw))) return raw;
  }
  storage = text(element);
  return storage;
}

std::string Reader::inner_markup(const Element& element, bool escape_text) {
  std::string out;
  for (pugi::xml_node child = element.node.first_child(); child; child = child.next_sibling()) {
    if (child.type() == pugi::node_pcdata) {
      if (escape_text) {
        scratch_.clear();
        append_decoded(scratch_, child.value(), child);
        append_escaped(out, scratch_, false);
      } else {
        append_decoded(out, child.value(), child);
      }
    } else if (child.type() == pugi::node_cdata) {
      if (escape_text) {
        append_escaped(out, child.value(), false);
      } else {
        out += child.value();
      }
    } else if (child.type() == pugi::node_element) {
      append_markup(out, child);
    }
  }
  repair(out);
  return out;
}

void Reader::append_markup(std::string& out, pugi::xml_node node) {
  // Iterative walk: markup depth is attacker-controlled.
  pugi::xml_node current = node;
  while (current) {
    const pugi::xml_node_type type = current.type();
    bool descend = false;
    if (type == pugi::node_pcdata) {
      scratch_.clear();
      append_decoded(scratch_, current.value(), current);
      append_escaped(out, scratch_, false);
    } else if (type == pugi::node_cdata) {
      append_escaped(out, current.value(), false);
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
        scratch_.clear();
        append_decoded(scratch_, attribute.value(), current);
        append_escaped(out, scratch_, true);
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
  repair(out);
  return out;
}

bool Reader::has_attribute(const Element& element, std::string_view local_name) {
  return static_cast<bool>(find_attribute(element.node, local_name));
}

std::string Reader::resolve(const Element& element, std::string_view reference) const {
  if (is_clean_absolute_http_url(reference)) return std::string(reference);
  return core::resolve_url(element.scope->base, reference);
}

}  // namespace feedsentry::feed::xml
