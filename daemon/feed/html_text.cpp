#include "feed/html_text.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <utility>

#include "core/text.h"
#include "core/utf8.h"
#include "feed/mojibake.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace feedsentry::feed {
namespace {

struct HtmlEntity {
  std::string_view name;   // without '&'; ends in ';' unless it is a legacy name
  std::string_view value;  // UTF-8, NUL-terminated (a string literal)
};

#include "feed/html_entities.inc"

constexpr bool entity_table_is_sorted() {
  for (std::size_t i = 1; i < std::size(kHtmlEntities); ++i) {
    if (!(kHtmlEntities[i - 1].name < kHtmlEntities[i].name)) return false;
  }
  return true;
}
// Binary search depends on it; a hand edit of the generated file must not break it silently.
static_assert(entity_table_is_sorted(), "html_entities.inc must be sorted by name");

constexpr char32_t kMaxCodePoint = 0x10FFFF;

constexpr bool is_ascii_space(char c) {
  return c == ' ' || (c >= '\t' && c <= '\r');  // \t \n \v \f \r
}
using core::is_ascii_alnum;
using core::is_ascii_alpha;
using core::is_ascii_digit;
using core::to_lower_ascii;

int hex_value(char c) {
  if (is_ascii_digit(c)) return c - '0';
  const char lower = static_cast<char>(c | 0x20);
  if (lower >= 'a' && lower <= 'f') return lower - 'a' + 10;
  return -1;
}

// kEntityBuckets[c] is the index of the first entity whose name starts with a byte >= c, so
// a lookup binary-searches only the names sharing its first letter (at most a few hundred).
constexpr std::array<std::uint16_t, 129> make_entity_buckets() {
  std::array<std::uint16_t, 129> buckets{};
  std::size_t index = 0;
  for (std::size_t byte = 0; byte <= 128; ++byte) {
    while (index < std::size(kHtmlEntities) &&
           static_cast<unsigned char>(kHtmlEntities[index].name[0]) < byte) {
      ++index;
    }
    buckets[byte] = static_cast<std::uint16_t>(index);
  }
  return buckets;
}
constexpr std::array<std::uint16_t, 129> kEntityBuckets = make_entity_buckets();
static_assert(kEntityBuckets[128] == std::size(kHtmlEntities), "entity names must be ASCII");

// Bytewise three-way comparison from index 1 (the bucket already fixed the first byte).
// Written out because names are a few bytes long: a memcmp call per probe cost more than the
// comparison itself on entity-heavy text.
int compare_name_tails(std::string_view a, std::string_view b) {
  const std::size_t common = std::min(a.size(), b.size());
  for (std::size_t i = 1; i < common; ++i) {
    if (a[i] != b[i]) {
      return static_cast<unsigned char>(a[i]) < static_cast<unsigned char>(b[i]) ? -1 : 1;
    }
  }
  return a.size() == b.size() ? 0 : (a.size() < b.size() ? -1 : 1);
}

// `name` is not empty.
const HtmlEntity* find_entity(std::string_view name) {
  const auto first = static_cast<unsigned char>(name[0]);
  if (first >= 128) return nullptr;
  std::size_t low = kEntityBuckets[first];
  std::size_t high = kEntityBuckets[first + 1];
  while (low < high) {
    const std::size_t middle = low + (high - low) / 2;
    const int order = compare_name_tails(kHtmlEntities[middle].name, name);
    if (order == 0) return &kHtmlEntities[middle];
    if (order < 0) {
      low = middle + 1;
    } else {
      high = middle;
    }
  }
  return nullptr;
}

// One character reference starting at an '&'.
struct Reference {
  std::size_t length = 0;   // bytes consumed including '&'; 0 means "not a reference"
  std::string_view named;   // replacement of a named reference
  char32_t code_point = 0;  // replacement of a numeric reference (when named is empty)
};

char32_t numeric_replacement(char32_t value) {
  if (value == 0 || value > kMaxCodePoint || (value >= 0xD800 && value <= 0xDFFF)) {
    return core::kReplacementChar;
  }
  // HTML5 "numeric character reference end state": C1 controls are almost always
  // windows-1252 bytes that went through a Latin-1 pipeline.
  return windows_1252_for_c1(value);
}

Reference match_numeric(std::string_view text, std::size_t amp) {
  std::size_t pos = amp + 2;  // past "&#"
  const bool hex = pos < text.size() && (text[pos] == 'x' || text[pos] == 'X');
  if (hex) ++pos;
  const std::size_t digits = pos;
  // Saturates just above the Unicode range so any number of digits stays linear and
  // cannot overflow, while still mapping to U+FFFD.
  char32_t value = 0;
  for (; pos < text.size(); ++pos) {
    const int digit =
        hex ? hex_value(text[pos]) : (is_ascii_digit(text[pos]) ? text[pos] - '0' : -1);
    if (digit < 0) break;
    value = std::min<char32_t>(value * (hex ? 16 : 10) + static_cast<char32_t>(digit),
                               kMaxCodePoint + 1);
  }
  if (pos == digits) return {};                      // "&#" or "&#x" without digits is text
  if (pos < text.size() && text[pos] == ';') ++pos;  // a missing ';' is tolerated (HTML5)
  return Reference{pos - amp, {}, numeric_replacement(value)};
}

Reference match_named(std::string_view text, std::size_t amp) {
  const std::size_t start = amp + 1;
  std::size_t end = start;
  // Names are ASCII alphanumerics; the bound keeps a long word after '&' cheap.
  while (end < text.size() && end - start < kMaxEntityNameLength && is_ascii_alnum(text[end])) {
    ++end;
  }
  const std::size_t run = end - start;
  if (run == 0) return {};
  if (end < text.size() && text[end] == ';') {
    if (const HtmlEntity* entity = find_entity(text.substr(start, run + 1))) {
      return Reference{run + 2, entity->value, 0};
    }
  }
  // HTML5 takes the longest legacy name that prefixes the run, so "&notit;" is "¬it;".
  // Only legacy names are stored without ';', so an exact lookup can match nothing else.
  for (std::size_t length = std::min(run, kMaxLegacyEntityNameLength); length >= 2; --length) {
    if (const HtmlEntity* entity = find_entity(text.substr(start, length))) {
      return Reference{length + 1, entity->value, 0};
    }
  }
  return {};
}

// `text[amp]` is '&'.
Reference match_reference(std::string_view text, std::size_t amp) {
  if (amp + 1 < text.size() && text[amp + 1] == '#') return match_numeric(text, amp);
  return match_named(text, amp);
}

// Order matters: copy_text() handles every class up to kSpace itself.
enum class ByteClass : std::uint8_t { kPlain, kSpace, kLess, kAmpersand, kBracket };

constexpr std::array<ByteClass, 256> make_byte_classes() {
  std::array<ByteClass, 256> classes{};
  for (const char c : {' ', '\t', '\n', '\v', '\f', '\r'}) {
    classes[static_cast<unsigned char>(c)] = ByteClass::kSpace;
  }
  classes['<'] = ByteClass::kLess;
  classes['&'] = ByteClass::kAmpersand;
  classes[']'] = ByteClass::kBracket;
  return classes;
}
constexpr std::array<ByteClass, 256> kByteClasses = make_byte_classes();

ByteClass byte_class(char c) {
  return kByteClasses[static_cast<unsigned char>(c)];
}

// Output with whitespace collapsing folded in, so html_to_text needs no second pass: ASCII
// whitespace only marks a pending separator, which is written as one space before the next
// visible byte and never at the start or end.
// Writes go through a raw cursor into a buffer sized once from the input (the hot loop copies
// byte by byte without std::string bookkeeping). Every write path first calls reserve() with
// an upper bound of what it may write, so the cursor can never pass the end; the buffer only
// grows for the rare references whose replacement is longer than the reference.
class CollapsingWriter {
 public:
  // Room for the text made from `input_size` bytes: at most one byte each, plus copy_text's
  // two spare bytes and the byte reserve() keeps free, so that a plain run never grows it.
  explicit CollapsingWriter(std::size_t input_size) {
    buffer_.resize(input_size + 3);
    cursor_ = buffer_.data();
    end_ = cursor_ + buffer_.size();
  }

  // Nothing is pending while the output is empty, which trims the start for free.
  void separator() { pending_space_ = cursor_ != buffer_.data(); }

  // Room for `count` more bytes besides a pending separator.
  void reserve(std::size_t count) {
    if (static_cast<std::size_t>(end_ - cursor_) <= count) grow(count + 1);
  }

  // Starts a run of visible bytes: writes the pending separator and returns the cursor.
  // The caller has reserved room for the run and hands the advanced cursor back.
  char* begin_run() {
    if (pending_space_) *cursor_++ = ' ';
    pending_space_ = false;
    return cursor_;
  }
  void end_run(char* cursor) { cursor_ = cursor; }

  // The hot loop of html_to_text: copies text from `pos`, collapsing whitespace, up to the
  // next byte that needs markup or reference handling (with kStopAtMarkup; otherwise to the
  // end); returns its index. Cursor and flag live in locals so they stay in registers.
  template <bool kStopAtMarkup>
  std::size_t copy_text(std::string_view text, std::size_t pos) {
    // A run writes at most one byte per input byte plus one separator; the two spare bytes
    // are for the branch-free stores below.
    reserve(text.size() - pos + 2);
    if (cursor_ == buffer_.data()) {  // leading whitespace: nothing to separate yet
      while (pos < text.size() && byte_class(text[pos]) == ByteClass::kSpace) ++pos;
    }
    char* cursor = cursor_;
    bool pending_space = pending_space_;
#if defined(__SSE2__)
    pos = copy_chunks<kStopAtMarkup>(text, pos, cursor, pending_space);
#endif
    // Branch-free per byte (word/space alternation defeats branch prediction): the
    // separator and the byte are always stored and the cursor advanced only as needed.
    for (; pos < text.size(); ++pos) {
      const char c = text[pos];
      const ByteClass byte = byte_class(c);
      if (kStopAtMarkup && byte > ByteClass::kSpace) break;
      const bool plain = byte != ByteClass::kSpace;
      *cursor = ' ';
      cursor += plain & pending_space;
      *cursor = c;
      cursor += plain;
      pending_space = !plain;
    }
    cursor_ = cursor;
    pending_space_ = pending_space;
    return pos;
  }

  void append_char(char c) {
    reserve(1);
    *begin_run() = c;
    ++cursor_;
  }

  void append_text(std::string_view text) {
    reserve(text.size());
    for (const char c : text) {
      if (is_ascii_space(c)) {
        separator();
      } else {
        *begin_run() = c;
        ++cursor_;
      }
    }
  }

  void append_code_point(char32_t cp) {
    if (cp < 0x80 && is_ascii_space(static_cast<char>(cp))) {
      separator();
      return;
    }
    std::string utf8;  // at most 4 bytes: stays in the small-string buffer
    core::append_utf8(utf8, cp);
    reserve(utf8.size());
    char* cursor = begin_run();
    for (const char c : utf8) *cursor++ = c;
    end_run(cursor);
  }

  void append_reference(const Reference& reference) {
    if (reference.named.empty()) {
      append_code_point(reference.code_point);
    } else {
      append_text(reference.named);  // &Tab; and &NewLine; collapse like literal whitespace
    }
  }

  std::string finish() && {
    buffer_.resize(static_cast<std::size_t>(cursor_ - buffer_.data()));
    return std::move(buffer_);
  }

 private:
#if defined(__SSE2__)
  static unsigned mask(__m128i bytes) {
    return static_cast<unsigned>(_mm_movemask_epi8(bytes));
  }

  // copy_text's fast path, 16 bytes at a time. Prose is words between single spaces, and
  // such a run is already collapsed: it is stored as it is, up to the first byte that is
  // not a plain byte or a lone ' '. A space that ends a run becomes the pending separator
  // instead (rolled back after the store), so the output never ends in one. Returns where
  // the byte-wise loop takes over: near the end of the text, or at a byte only it handles.
  // The caller's reserve() leaves room for a whole chunk: it runs only while 16 input bytes
  // remain, and the output never outgrows the input by more than the pending separator.
  template <bool kStopAtMarkup>
  static std::size_t copy_chunks(std::string_view text, std::size_t pos, char*& cursor,
                                 bool& pending_space) {
    const __m128i space = _mm_set1_epi8(' ');
    const __m128i tab = _mm_set1_epi8('\t');
    const __m128i four = _mm_set1_epi8(4);
    const __m128i less = _mm_set1_epi8('<');
    const __m128i ampersand = _mm_set1_epi8('&');
    const __m128i bracket = _mm_set1_epi8(']');
    while (pos + 16 <= text.size()) {
      const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + pos));
      const __m128i from_tab = _mm_sub_epi8(chunk, tab);  // \t \n \v \f \r map to 0..4
      const __m128i other_space = _mm_cmpeq_epi8(_mm_min_epu8(from_tab, four), from_tab);
      const __m128i markup = _mm_or_si128(
          _mm_cmpeq_epi8(chunk, less),
          _mm_or_si128(_mm_cmpeq_epi8(chunk, ampersand), _mm_cmpeq_epi8(chunk, bracket)));
      const unsigned spaces = mask(_mm_cmpeq_epi8(chunk, space));
      const unsigned other_spaces = mask(other_space);
      const unsigned whitespace = spaces | other_spaces;
      // Stop before anything but a lone ' ', keeping that space when a second one follows.
      const unsigned stops = kStopAtMarkup ? other_spaces | mask(markup) : other_spaces;
      if ((whitespace & 1) != 0) {  // separators merge with any pending one
        pos += static_cast<std::size_t>(__builtin_ctz(~whitespace));
        pending_space = true;
        continue;
      }
      unsigned limit = stops != 0 ? static_cast<unsigned>(__builtin_ctz(stops)) : 16;
      if (const unsigned doubled = whitespace & (whitespace >> 1); doubled != 0) {
        limit = std::min(limit, static_cast<unsigned>(__builtin_ctz(doubled)) + 1);
      }
      if (limit == 0) break;  // markup or a reference: the caller's business
      *cursor = ' ';
      cursor += pending_space;
      _mm_storeu_si128(reinterpret_cast<__m128i*>(cursor), chunk);
      cursor += limit;
      pos += limit;
      pending_space = text[pos - 1] == ' ';
      cursor -= pending_space;
    }
    return pos;
  }
#endif

  void grow(std::size_t needed) {
    const std::size_t used = static_cast<std::size_t>(cursor_ - buffer_.data());
    buffer_.resize(std::max(buffer_.size() * 2, used + needed));
    cursor_ = buffer_.data() + used;
    end_ = buffer_.data() + buffer_.size();
  }

  std::string buffer_;
  char* cursor_ = nullptr;
  char* end_ = nullptr;
  bool pending_space_ = false;
};

enum class TagKind : std::uint8_t {
  kInline,   // no effect on spacing: "un<b>believ</b>able" is one word
  kBlock,    // a word boundary, as a renderer would break the line
  kRawText,  // content is not text at all (script, style): dropped
};

struct TagEntry {
  std::string_view name;
  TagKind kind;
};

// Sorted by name. Anything absent (including custom and unknown elements) is inline, the
// safe default: gluing two words is rarer than splitting one.
constexpr auto kTags = std::to_array<TagEntry>({
    {"address", TagKind::kBlock},    {"article", TagKind::kBlock},    {"aside", TagKind::kBlock},
    {"blockquote", TagKind::kBlock}, {"body", TagKind::kBlock},       {"br", TagKind::kBlock},
    {"caption", TagKind::kBlock},    {"center", TagKind::kBlock},     {"dd", TagKind::kBlock},
    {"details", TagKind::kBlock},    {"dialog", TagKind::kBlock},     {"dir", TagKind::kBlock},
    {"div", TagKind::kBlock},        {"dl", TagKind::kBlock},         {"dt", TagKind::kBlock},
    {"fieldset", TagKind::kBlock},   {"figcaption", TagKind::kBlock}, {"figure", TagKind::kBlock},
    {"footer", TagKind::kBlock},     {"form", TagKind::kBlock},       {"frame", TagKind::kBlock},
    {"frameset", TagKind::kBlock},   {"h1", TagKind::kBlock},         {"h2", TagKind::kBlock},
    {"h3", TagKind::kBlock},         {"h4", TagKind::kBlock},         {"h5", TagKind::kBlock},
    {"h6", TagKind::kBlock},         {"head", TagKind::kBlock},       {"header", TagKind::kBlock},
    {"hgroup", TagKind::kBlock},     {"hr", TagKind::kBlock},         {"html", TagKind::kBlock},
    {"iframe", TagKind::kBlock},     {"legend", TagKind::kBlock},     {"li", TagKind::kBlock},
    {"listing", TagKind::kBlock},    {"main", TagKind::kBlock},       {"menu", TagKind::kBlock},
    {"nav", TagKind::kBlock},        {"ol", TagKind::kBlock},         {"optgroup", TagKind::kBlock},
    {"option", TagKind::kBlock},     {"p", TagKind::kBlock},          {"pre", TagKind::kBlock},
    {"script", TagKind::kRawText},   {"section", TagKind::kBlock},    {"select", TagKind::kBlock},
    {"style", TagKind::kRawText},    {"summary", TagKind::kBlock},    {"table", TagKind::kBlock},
    {"tbody", TagKind::kBlock},      {"td", TagKind::kBlock},         {"textarea", TagKind::kBlock},
    {"tfoot", TagKind::kBlock},      {"th", TagKind::kBlock},         {"thead", TagKind::kBlock},
    {"title", TagKind::kBlock},      {"tr", TagKind::kBlock},         {"ul", TagKind::kBlock},
    {"xmp", TagKind::kBlock},
});
constexpr bool tag_table_is_sorted() {
  for (std::size_t i = 1; i < kTags.size(); ++i) {
    if (!(kTags[i - 1].name < kTags[i].name)) return false;
  }
  return true;
}
static_assert(tag_table_is_sorted(), "kTags must be sorted by name");

// kTagBuckets[i] is the index of the first tag whose name starts with 'a' + i (26 is the end),
// so a lookup scans only the few names sharing the first letter.
constexpr std::array<std::size_t, 27> make_tag_buckets() {
  std::array<std::size_t, 27> buckets{};
  std::size_t index = 0;
  for (std::size_t letter = 0; letter < 26; ++letter) {
    buckets[letter] = index;
    while (index < kTags.size() && kTags[index].name[0] == static_cast<char>('a' + letter)) {
      ++index;
    }
  }
  buckets[26] = index;
  return buckets;
}
constexpr std::array<std::size_t, 27> kTagBuckets = make_tag_buckets();
static_assert(kTagBuckets[26] == kTags.size(), "tag names must start with a lower-case letter");

bool equals_lower(std::string_view lower, std::string_view name) {
  for (std::size_t i = 0; i < name.size(); ++i) {
    if (lower[i] != to_lower_ascii(name[i])) return false;
  }
  return true;
}

// Case-insensitive and allocation-free; runs once per tag, so it avoids memcmp calls and
// binary search. Returns the table entry (whose name is the lower-case spelling), or an
// inline entry for names not in the table. `name` starts with an ASCII letter.
TagEntry classify_tag(std::string_view name) {
  const std::size_t letter = static_cast<std::size_t>(to_lower_ascii(name[0]) - 'a');
  for (std::size_t i = kTagBuckets[letter]; i < kTagBuckets[letter + 1]; ++i) {
    if (kTags[i].name.size() == name.size() && equals_lower(kTags[i].name, name)) return kTags[i];
  }
  return TagEntry{{}, TagKind::kInline};
}

constexpr std::size_t kNpos = std::string_view::npos;

// Whitespace that ends a tag name or separates attributes in the HTML5 tokenizer.
constexpr bool is_tag_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

struct TagEnd {
  std::size_t end = kNpos;  // index just past '>'; kNpos when the input ends inside the tag
  bool self_closing = false;
};

// Skips the attributes of a tag from `pos` (just after the tag name) through its '>'.
// Follows the HTML5 attribute states closely enough that a '>' inside a quoted value does
// not end the tag, while a quote in an unquoted value or an attribute name does not open one.
TagEnd skip_attributes(std::string_view text, std::size_t pos) {
  const std::size_t size = text.size();
  bool slash = false;
  while (pos < size) {
    const char c = text[pos];
    if (c == '>') return TagEnd{pos + 1, slash};
    if (c == '/') {
      slash = true;
      ++pos;
      continue;
    }
    slash = false;
    if (is_tag_space(c)) {
      ++pos;
      continue;
    }
    // Attribute name: its first character may be anything, even '=' or a quote.
    ++pos;
    while (pos < size && !is_tag_space(text[pos]) && text[pos] != '/' && text[pos] != '>' &&
           text[pos] != '=') {
      ++pos;
    }
    while (pos < size && is_tag_space(text[pos])) ++pos;
    if (pos >= size || text[pos] != '=') continue;
    ++pos;
    while (pos < size && is_tag_space(text[pos])) ++pos;
    if (pos >= size) break;
    if (text[pos] == '"' || text[pos] == '\'') {
      const std::size_t close = text.find(text[pos], pos + 1);
      if (close == kNpos) break;
      pos = close + 1;
    } else {
      while (pos < size && !is_tag_space(text[pos]) && text[pos] != '>') ++pos;
    }
  }
  return TagEnd{};
}

// Finds the end tag closing a raw-text element named `name` and returns the index just past
// it, or kNpos when there is none (HTML5 then treats the rest of the input as raw text).
std::size_t skip_raw_text(std::string_view text, std::size_t pos, std::string_view name) {
  while (true) {
    const std::size_t lt = text.find("</", pos);
    if (lt == kNpos) return kNpos;
    std::size_t after = lt + 2;
    bool match = after + name.size() <= text.size();
    for (std::size_t i = 0; match && i < name.size(); ++i) {
      match = to_lower_ascii(text[after + i]) == name[i];
    }
    after += name.size();
    if (match && after < text.size() &&
        (is_tag_space(text[after]) || text[after] == '/' || text[after] == '>')) {
      return skip_attributes(text, after).end;
    }
    pos = lt + 1;
  }
}

// "--" followed by '>' or "!>" closes a comment; "<!-->" and "<!--->" are empty comments.
std::size_t skip_comment(std::string_view text, std::size_t body) {
  if (text.substr(body, 1) == ">") return body + 1;
  if (text.substr(body, 2) == "->") return body + 2;
  std::size_t pos = body;
  while (true) {
    const std::size_t dashes = text.find("--", pos);
    if (dashes == kNpos) return kNpos;
    if (text.substr(dashes + 2, 1) == ">") return dashes + 3;
    if (text.substr(dashes + 2, 2) == "!>") return dashes + 4;
    pos = dashes + 1;
  }
}

constexpr std::string_view kCdataOpen = "<![CDATA[";
constexpr std::string_view kCdataClose = "]]>";

// Handles the markup starting at `text[lt] == '<'` and returns where text resumes. A '<'
// that starts nothing HTML would recognise is written as text.
std::size_t consume_markup(std::string_view text, std::size_t lt, CollapsingWriter& writer,
                           bool& in_cdata) {
  const std::size_t size = text.size();
  const char next = lt + 1 < size ? text[lt + 1] : '\0';
  if (next == '!') {
    const std::string_view rest = text.substr(lt + 2);
    if (rest.starts_with("--")) {
      const std::size_t end = skip_comment(text, lt + 4);
      return end == kNpos ? size : end;
    }
    if (rest.starts_with(kCdataOpen.substr(2))) {
      // The feed's XML layer has already unwrapped real CDATA sections, so one left in HTML
      // is a double-wrapped payload meant as markup: only the markers are dropped and the
      // content is processed like the rest. The flag lets the caller drop the "]]>".
      in_cdata = true;
      return lt + kCdataOpen.size();
    }
    // <!DOCTYPE ...> and other declarations are bogus comments up to the next '>'.
    const std::size_t close = text.find('>', lt + 2);
    return close == kNpos ? size : close + 1;
  }
  if (next == '?') {
    const std::size_t close = text.find('>', lt + 2);
    return close == kNpos ? size : close + 1;
  }
  const bool end_tag = next == '/';
  const std::size_t name_start = lt + (end_tag ? 2 : 1);
  if (name_start >= size || !is_ascii_alpha(text[name_start])) {
    writer.append_char('<');  // "a < b", "x<3", "</ 2"
    return lt + 1;
  }
  std::size_t name_end = name_start + 1;
  while (name_end < size && !is_tag_space(text[name_end]) && text[name_end] != '/' &&
         text[name_end] != '>') {
    ++name_end;
  }
  const TagEnd tag = skip_attributes(text, name_end);
  if (tag.end == kNpos) return size;  // truncated tag: drop it
  const TagEntry entry = classify_tag(text.substr(name_start, name_end - name_start));
  switch (entry.kind) {
    case TagKind::kInline:
      return tag.end;
    case TagKind::kBlock:
      writer.separator();
      return tag.end;
    case TagKind::kRawText: {
      // "<script/>" is honoured as empty: feeds often carry XHTML, where it is.
      if (end_tag || tag.self_closing) return tag.end;
      const std::size_t end = skip_raw_text(text, tag.end, entry.name);
      return end == kNpos ? size : end;
    }
  }
  return tag.end;
}

}  // namespace

std::string html_to_text(std::string_view html) {
  const std::size_t size = html.size();
  CollapsingWriter writer(size);
  std::size_t pos = 0;
  bool in_cdata = false;
  while (pos < size) {
    switch (byte_class(html[pos])) {
      case ByteClass::kPlain:
      case ByteClass::kSpace:
        pos = writer.copy_text<true>(html, pos);
        break;
      case ByteClass::kLess:
        pos = consume_markup(html, pos, writer, in_cdata);
        break;
      case ByteClass::kAmpersand: {
        const Reference reference = match_reference(html, pos);
        if (reference.length == 0) {
          writer.append_char('&');
          ++pos;
        } else {
          writer.append_reference(reference);
          pos += reference.length;
        }
        break;
      }
      case ByteClass::kBracket:
        if (in_cdata && html.substr(pos, kCdataClose.size()) == kCdataClose) {
          in_cdata = false;
          pos += kCdataClose.size();
        } else {
          writer.append_char(']');
          ++pos;
        }
        break;
    }
  }
  return std::move(writer).finish();
}

std::string decode_entities(std::string_view text) {
  std::size_t amp = text.find('&');
  if (amp == kNpos) return std::string(text);
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  while (amp != kNpos) {
    out.append(text.substr(pos, amp - pos));
    const Reference reference = match_reference(text, amp);
    if (reference.length == 0) {
      out.push_back('&');
      pos = amp + 1;
    } else {
      if (reference.named.empty()) {
        core::append_utf8(out, reference.code_point);
      } else {
        out.append(reference.named);
      }
      pos = amp + reference.length;
    }
    amp = text.find('&', pos);
  }
  out.append(text.substr(pos));
  return out;
}

const char* lookup_html_entity(std::string_view name) {
  if (name.empty() || name.size() > kMaxEntityNameLength) return nullptr;
  const HtmlEntity* entity = find_entity(name);
  return entity == nullptr ? nullptr : entity->value.data();
}

// No ASCII whitespace at either end, and none inside but single ' ' characters.
bool is_collapsed_whitespace(std::string_view text) {
  if (text.empty()) return true;
  if (byte_class(text.front()) == ByteClass::kSpace ||
      byte_class(text.back()) == ByteClass::kSpace) {
    return false;
  }
  std::size_t pos = 0;
  bool after_space = false;
#if defined(__SSE2__)
  const __m128i space = _mm_set1_epi8(' ');
  const __m128i tab = _mm_set1_epi8('\t');
  const __m128i four = _mm_set1_epi8(4);
  for (; pos + 16 <= text.size(); pos += 16) {
    const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + pos));
    const __m128i from_tab = _mm_sub_epi8(chunk, tab);  // \t \n \v \f \r map to 0..4
    if (_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(from_tab, four), from_tab)) != 0) {
      return false;
    }
    const unsigned spaces = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(chunk, space)));
    if (((spaces << 1 | static_cast<unsigned>(after_space)) & spaces) != 0) return false;
    after_space = (spaces >> 15) != 0;
  }
#endif
  for (; pos < text.size(); ++pos) {
    const char c = text[pos];
    const bool is_space = byte_class(c) == ByteClass::kSpace;
    if (is_space && (after_space || c != ' ')) return false;
    after_space = is_space;
  }
  return true;
}

std::string collapse_whitespace(std::string_view text) {
  if (is_collapsed_whitespace(text)) return std::string(text);  // most titles, names, terms
  CollapsingWriter writer(text.size());
  writer.copy_text<false>(text, 0);
  return std::move(writer).finish();
}

}  // namespace feedsentry::feed
