#include "feed/text_construct.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "feed/html_text.h"

namespace feedsentry::feed {
namespace {

constexpr std::array<std::string_view, 118> kHtmlElements = {
    "a",          "abbr",         "acronym",  "address",
    "area",       "article",      "aside",    "audio",
    "b",          "bdi",          "bdo",      "big",
    "blockquote", "body",         "br",       "button",
    "canvas",     "caption",      "center",   "cite",
    "code",       "col",          "colgroup", "command",
    "data",       "datagrid",     "datalist", "dd",
    "del",        "details",      "dfn",      "dialog",
    "dir",        "div",          "dl",       "dt",
    "em",         "event-source", "fieldset", "figcaption",
    "figure",     "font",         "footer",   "form",
    "h1",         "h2",           "h3",       "h4",
    "h5",         "h6",           "head",     "header",
    "hr",         "html",         "i",        "iframe",
    "img",        "input",        "ins",      "kbd",
    "keygen",     "label",        "legend",   "li",
    "link",       "main",         "map",      "mark",
    "menu",       "meta",         "meter",    "multicol",
    "nav",        "nextid",       "noscript", "ol",
    "optgroup",   "option",       "output",   "p",
    "picture",    "pre",          "progress", "q",
    "rp",         "rt",           "ruby",     "s",
    "samp",       "section",      "select",   "small",
    "sound",      "source",       "spacer",   "span",
    "strike",     "strong",       "sub",      "summary",
    "sup",        "table",        "tbody",    "td",
    "textarea",   "tfoot",        "th",       "thead",
    "time",       "tr",           "tt",       "u",
    "ul",         "var",          "video",    "wbr",
    "noembed",    "nobr",
};

bool is_word_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

bool is_html_element(std::string_view name) {
  std::string lower(name);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return std::find(kHtmlElements.begin(), kHtmlElements.end(), lower) != kHtmlElements.end();
}

int base64_value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+' || c == '-') return 62;
  if (c == '/' || c == '_') return 63;
  return -1;
}

}  // namespace

TextField text_from_html(std::string html) {
  TextField field;
  field.text = html_to_text(html);
  field.html = std::move(html);
  return field;
}

TextField text_from_plain(std::string_view plain) {
  return TextField{escape_html(plain), collapse_whitespace(plain)};
}

bool looks_like_html(std::string_view text) {
  bool has_end_tag_or_reference = false;
  for (std::size_t pos = 0; pos < text.size(); ++pos) {
    if (text[pos] == '<') {
      std::size_t start = pos + 1;
      const bool is_end = start < text.size() && text[start] == '/';
      if (is_end) ++start;
      std::size_t end = start;
      while (end < text.size() && is_word_char(text[end])) ++end;
      if (end == start) continue;
      if (!is_html_element(text.substr(start, end - start))) return false;
      if (is_end && end < text.size() && text[end] == '>') has_end_tag_or_reference = true;
    } else if (text[pos] == '&') {
      std::size_t start = pos + 1;
      const bool numeric = start < text.size() && text[start] == '#';
      if (numeric) ++start;
      std::size_t end = start;
      while (end < text.size() && is_word_char(text[end])) ++end;
      if (end == start || end >= text.size() || text[end] != ';') continue;
      if (!numeric && lookup_html_entity(text.substr(start, end - start + 1)) == nullptr) {
        return false;
      }
      has_end_tag_or_reference = true;
    }
  }
  return has_end_tag_or_reference;
}

std::string decode_base64(std::string_view encoded) {
  std::string out;
  out.reserve(encoded.size() * 3 / 4);
  unsigned accumulator = 0;
  int bits = 0;
  for (const char c : encoded) {
    if (c == '=') break;
    const int value = base64_value(c);
    if (value < 0) {
      if (std::isspace(static_cast<unsigned char>(c))) continue;
      break;
    }
    accumulator = (accumulator << 6) | static_cast<unsigned>(value);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((accumulator >> bits) & 0xFF));
    }
  }
  return out;
}

}  // namespace feedsentry::feed
