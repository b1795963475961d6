#include "feed/charset.h"

#include <iconv.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstddef>
#include <cstring>
#include <optional>
#include <utility>

#include "core/text.h"
#include "core/utf8.h"

namespace feedsentry::feed {
namespace {

constexpr std::string_view kUtf8 = "utf-8";
constexpr std::size_t kMaxLabelLength = 64;
// The XML declaration is short; a bound keeps a document without "?>" from being scanned
// to its end.
constexpr std::size_t kMaxDeclarationLength = 1024;
constexpr std::string_view kReplacementUtf8 = "\xEF\xBF\xBD";

// Loose label keys: lower-case letters and digits only, so "ISO_8859-2", "iso8859-2" and
// "iso-8859-2" all meet at "iso88592". Families with a number (iso-8859-N, windows-125N)
// are parsed separately in family_charset().
struct LabelEntry {
  std::string_view key;
  std::string_view charset;
};

constexpr std::array kLabels = std::to_array<LabelEntry>({
    // UTF-8 and the WHATWG aliases.
    {"utf8", "utf-8"},
    {"unicode11utf8", "utf-8"},
    {"unicode20utf8", "utf-8"},
    // UTF-16/32 without endianness: resolved from the bytes when decoding. "u16" and
    // "unicode" are Python codec aliases that occur in real declarations.
    {"utf16", "utf-16"},
    {"u16", "utf-16"},
    {"ucs2", "utf-16"},
    {"unicode", "utf-16"},
    {"iso10646ucs2", "utf-16"},
    {"csunicode", "utf-16"},
    {"utf16le", "utf-16le"},
    {"unicodefeff", "utf-16le"},
    {"utf16be", "utf-16be"},
    {"unicodefffe", "utf-16be"},
    {"utf32", "utf-32"},
    {"u32", "utf-32"},
    {"ucs4", "utf-32"},
    {"iso10646ucs4", "utf-32"},
    {"csucs4", "utf-32"},
    {"utf32le", "utf-32le"},
    {"utf32be", "utf-32be"},
    // WHATWG: Latin-1 and ASCII labels decode as windows-1252, because documents so
    // labelled routinely contain curly quotes and dashes in 0x80-0x9F.
    {"latin1", "windows-1252"},
    {"l1", "windows-1252"},
    {"ascii", "windows-1252"},
    {"usascii", "windows-1252"},
    {"us", "windows-1252"},
    {"ansix341968", "windows-1252"},
    {"iso646us", "windows-1252"},
    {"iso646irv", "windows-1252"},
    {"csascii", "windows-1252"},
    {"cp367", "windows-1252"},
    {"ibm367", "windows-1252"},
    {"isoir6", "windows-1252"},
    {"cp819", "windows-1252"},
    {"ibm819", "windows-1252"},
    {"isoir100", "windows-1252"},
    {"csisolatin1", "windows-1252"},
    {"latin2", "iso-8859-2"},
    {"l2", "iso-8859-2"},
    {"csisolatin2", "iso-8859-2"},
    {"isoir101", "iso-8859-2"},
    {"latin3", "iso-8859-3"},
    {"l3", "iso-8859-3"},
    {"csisolatin3", "iso-8859-3"},
    {"isoir109", "iso-8859-3"},
    {"latin4", "iso-8859-4"},
    {"l4", "iso-8859-4"},
    {"csisolatin4", "iso-8859-4"},
    {"isoir110", "iso-8859-4"},
    {"cyrillic", "iso-8859-5"},
    {"csisolatincyrillic", "iso-8859-5"},
    {"isoir144", "iso-8859-5"},
    {"arabic", "iso-8859-6"},
    {"asmo708", "iso-8859-6"},
    {"csiso88596e", "iso-8859-6"},
    {"csiso88596i", "iso-8859-6"},
    {"csisolatinarabic", "iso-8859-6"},
    {"ecma114", "iso-8859-6"},
    {"isoir127", "iso-8859-6"},
    {"greek", "iso-8859-7"},
    {"greek8", "iso-8859-7"},
    {"csisolatingreek", "iso-8859-7"},
    {"ecma118", "iso-8859-7"},
    {"elot928", "iso-8859-7"},
    {"isoir126", "iso-8859-7"},
    {"suneugreek", "iso-8859-7"},
    {"hebrew", "iso-8859-8"},
    {"csiso88598e", "iso-8859-8"},
    {"csiso88598i", "iso-8859-8"},
    {"csisolatinhebrew", "iso-8859-8"},
    {"isoir138", "iso-8859-8"},
    {"visual", "iso-8859-8"},
    {"logical", "iso-8859-8"},
    {"latin5", "windows-1254"},
    {"l5", "windows-1254"},
    {"csisolatin5", "windows-1254"},
    {"isoir148", "windows-1254"},
    {"latin6", "iso-8859-10"},
    {"l6", "iso-8859-10"},
    {"csisolatin6", "iso-8859-10"},
    {"isoir157", "iso-8859-10"},
    {"latin7", "iso-8859-13"},
    {"l7", "iso-8859-13"},
    {"latin8", "iso-8859-14"},
    {"l8", "iso-8859-14"},
    {"latin9", "iso-8859-15"},
    {"l9", "iso-8859-15"},
    {"csisolatin9", "iso-8859-15"},
    {"latin10", "iso-8859-16"},
    {"l10", "iso-8859-16"},
    // windows-874 is the WHATWG superset of TIS-620 / ISO-8859-11.
    {"windows874", "windows-874"},
    {"win874", "windows-874"},
    {"cp874", "windows-874"},
    {"dos874", "windows-874"},
    {"tis620", "windows-874"},
    {"koi8r", "koi8-r"},
    {"koi8", "koi8-r"},
    {"koi", "koi8-r"},
    {"cskoi8r", "koi8-r"},
    {"koi8u", "koi8-u"},
    {"koi8ru", "koi8-u"},
    {"ibm866", "ibm866"},
    {"cp866", "ibm866"},
    {"866", "ibm866"},
    {"csibm866", "ibm866"},
    {"macintosh", "macintosh"},
    {"mac", "macintosh"},
    {"macroman", "macintosh"},
    {"csmacintosh", "macintosh"},
    {"maccyrillic", "mac-cyrillic"},
    {"macukrainian", "mac-cyrillic"},
    // Korean: CP949 (UHC) is the superset that EUC-KR-labelled documents actually use.
    {"euckr", "cp949"},
    {"cseuckr", "cp949"},
    {"cp949", "cp949"},
    {"uhc", "cp949"},
    {"windows949", "cp949"},
    {"ksc56011987", "cp949"},
    {"ksc56011989", "cp949"},
    {"ksc5601", "cp949"},
    {"csksc56011987", "cp949"},
    {"isoir149", "cp949"},
    {"korean", "cp949"},
    // Japanese: CP932 (Windows-31J) is the Shift_JIS that real documents use.
    {"shiftjis", "cp932"},
    {"sjis", "cp932"},
    {"mskanji", "cp932"},
    {"csshiftjis", "cp932"},
    {"windows31j", "cp932"},
    {"cp932", "cp932"},
    {"ms932", "cp932"},
    {"mscp932", "cp932"},
    {"eucjp", "euc-jp"},
    {"ujis", "euc-jp"},
    {"cseucpkdfmtjapanese", "euc-jp"},
    {"iso2022jp", "iso-2022-jp"},
    {"csiso2022jp", "iso-2022-jp"},
    // Simplified Chinese: GB18030 is a superset of GB2312 and GBK.
    {"gb18030", "gb18030"},
    {"gbk", "gb18030"},
    {"gb2312", "gb18030"},
    {"gb231280", "gb18030"},
    {"csgb2312", "gb18030"},
    {"csiso58gb231280", "gb18030"},
    {"isoir58", "gb18030"},
    {"chinese", "gb18030"},
    {"cngb", "gb18030"},
    {"euccn", "gb18030"},
    {"cp936", "gb18030"},
    {"ms936", "gb18030"},
    {"windows936", "gb18030"},
    // Traditional Chinese: Big5-HKSCS is the WHATWG big5 decoder.
    {"big5", "big5-hkscs"},
    {"big5hkscs", "big5-hkscs"},
    {"cnbig5", "big5-hkscs"},
    {"csbig5", "big5-hkscs"},
    {"xxbig5", "big5-hkscs"},
    {"cp950", "big5-hkscs"},
    {"ms950", "big5-hkscs"},
});

// Decoder properties of a canonical charset.
struct Codec {
  std::string_view name;
  std::size_t unit = 1;           // bytes skipped after an invalid sequence
  bool ascii_transparent = true;  // bytes < 0x80 are ASCII and there is no shift state
  bool shift_state = false;       // a flush would forget the current shift (ISO-2022)
  // Windows code pages leave a few 0x80-0x9F bytes undefined; Windows and WHATWG decode
  // them as the C1 control of the same value, so they are not treated as errors.
  bool c1_holes = false;
  // iconv tables that fill gaps of the primary one (Big5 euro sign, NEC row 13 in EUC-JP),
  // tried only for sequences the primary table rejects.
  std::string_view fallback;
  std::size_t fallback_window = 0;
};

Codec codec_for(std::string_view name) {
  Codec codec;
  codec.name = name;
  if (name.starts_with("utf-16")) {
    codec.unit = 2;
    codec.ascii_transparent = false;
  } else if (name.starts_with("utf-32")) {
    codec.unit = 4;
    codec.ascii_transparent = false;
  } else if (name == "iso-2022-jp") {
    codec.ascii_transparent = false;
    codec.shift_state = true;
  } else if (name.starts_with("windows-")) {
    codec.c1_holes = true;
  } else if (name == "big5-hkscs") {
    codec.fallback = "cp950";
    codec.fallback_window = 2;
  } else if (name == "euc-jp") {
    codec.fallback = "euc-jp-ms";
    codec.fallback_window = 3;
  }
  return codec;
}

bool is_wide(std::string_view charset) {
  return charset.starts_with("utf-16") || charset.starts_with("utf-32");
}

std::string_view trim_label(std::string_view label) {
  const auto junk = [](char c) { return core::is_ascii_space(c) || c == '"' || c == '\''; };
  while (!label.empty() && junk(label.front())) label.remove_prefix(1);
  while (!label.empty() && junk(label.back())) label.remove_suffix(1);
  return label;
}

// Builds the loose key; a ":1987"-style year suffix is dropped first.
std::string loose_key(std::string_view label) {
  if (const std::size_t colon = label.find(':'); colon != std::string_view::npos) {
    label = label.substr(0, colon);
  }
  std::string key;
  key.reserve(label.size());
  for (const char c : label) {
    const char lower = core::to_lower_ascii(c);
    if ((lower >= 'a' && lower <= 'z') || (lower >= '0' && lower <= '9')) key.push_back(lower);
  }
  return key;
}

std::optional<int> parse_small_number(std::string_view digits) {
  if (digits.empty() || digits.size() > 2) return std::nullopt;
  int value = 0;
  for (const char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

// Numbered families: iso-8859-N in all its spellings and windows-125N / cp125N / win-125N.
std::string_view family_charset(std::string_view key) {
  static constexpr std::array<std::string_view, 17> kIso8859 = {
      "",           "windows-1252", "iso-8859-2",  "iso-8859-3",   "iso-8859-4",  "iso-8859-5",
      "iso-8859-6", "iso-8859-7",   "iso-8859-8",  "windows-1254", "iso-8859-10", "windows-874",
      "",           "iso-8859-13",  "iso-8859-14", "iso-8859-15",  "iso-8859-16"};
  static constexpr std::array<std::string_view, 9> kWindows = {
      "windows-1250", "windows-1251", "windows-1252", "windows-1253", "windows-1254",
      "windows-1255", "windows-1256", "windows-1257", "windows-1258"};

  std::string_view rest = key;
  if (rest.starts_with("iso")) rest.remove_prefix(3);
  if (rest.starts_with("8859")) {
    rest.remove_prefix(4);
    // "iso-8859-6-i", "iso-8859-8-e": direction variants of the same table.
    if (rest.size() > 1 && (rest.back() == 'i' || rest.back() == 'e')) rest.remove_suffix(1);
    const std::optional<int> number = parse_small_number(rest);
    if (number && *number >= 1 && *number <= 16) return kIso8859[static_cast<std::size_t>(*number)];
    return {};
  }
  for (const std::string_view prefix : {"windows", "win", "cp", "ms"}) {
    if (!key.starts_with(prefix)) continue;
    rest = key.substr(prefix.size());
    if (rest.size() == 4 && rest.starts_with("125") && rest[3] >= '0' && rest[3] <= '8') {
      return kWindows[static_cast<std::size_t>(rest[3] - '0')];
    }
  }
  return {};
}

std::string_view lookup_key(std::string_view key) {
  for (const LabelEntry& entry : kLabels) {
    if (entry.key == key) return entry.charset;
  }
  return family_charset(key);
}

std::string_view canonical_view(std::string_view label) {
  const std::string key = loose_key(trim_label(label));
  if (key.empty()) return {};
  if (const std::string_view found = lookup_key(key); !found.empty()) return found;
  // "x-sjis", "x-euc-kr", "x-cp1251", "x-mac-cyrillic": vendor prefixes on known names.
  if (key.size() > 1 && key.front() == 'x') return lookup_key(std::string_view(key).substr(1));
  return {};
}

// A label as it may appear in an error message: bounded and valid UTF-8.
std::string printable_label(std::string_view label) {
  return core::sanitize_utf8(core::truncate_utf8(trim_label(label), kMaxLabelLength));
}

void add_error(DecodedText& result, std::string message) {
  result.had_errors = true;
  if (!result.error.empty()) result.error += "; ";
  result.error += message;
}

// The value of encoding="..." (or '...') in an XML declaration at the start of `text`,
// which must be ASCII-compatible there; nullopt when there is no such attribute.
std::optional<std::string_view> declared_encoding(std::string_view text) {
  std::size_t pos = 0;
  // Tolerate stray whitespace before the declaration; feeds with a leading blank line
  // still name their charset.
  while (pos < text.size() && pos < kMaxDeclarationLength && core::is_ascii_space(text[pos])) ++pos;
  text = text.substr(pos);
  if (!core::starts_with_ignore_case(text, "<?xml") || text.size() < 6 ||
      !core::is_ascii_space(text[5])) {
    return std::nullopt;
  }
  std::string_view declaration = text.substr(5, kMaxDeclarationLength);
  if (const std::size_t end = declaration.find('>'); end != std::string_view::npos) {
    declaration = declaration.substr(0, end);
  }
  for (std::size_t at = 0; at + 8 <= declaration.size(); ++at) {
    if (!core::starts_with_ignore_case(declaration.substr(at), "encoding")) continue;
    std::size_t i = at + 8;
    while (i < declaration.size() && core::is_ascii_space(declaration[i])) ++i;
    if (i >= declaration.size() || declaration[i] != '=') continue;
    ++i;
    while (i < declaration.size() && core::is_ascii_space(declaration[i])) ++i;
    if (i >= declaration.size() || (declaration[i] != '"' && declaration[i] != '\'')) continue;
    const char quote = declaration[i];
    const std::size_t close = declaration.find(quote, i + 1);
    if (close == std::string_view::npos) return std::nullopt;
    return declaration.substr(i + 1, close - i - 1);
  }
  return std::nullopt;
}

struct Detection {
  std::string_view charset;
  std::size_t bom_length = 0;
};

std::optional<Detection> detect_bom(std::string_view bytes) {
  const auto starts = [&](std::string_view prefix) { return bytes.starts_with(prefix); };
  using namespace std::string_view_literals;
  // UTF-32LE's BOM begins with UTF-16LE's, so it is tested first.
  if (starts("\xFF\xFE\x00\x00"sv)) return Detection{"utf-32le", 4};
  if (starts("\x00\x00\xFE\xFF"sv)) return Detection{"utf-32be", 4};
  if (starts("\xEF\xBB\xBF"sv)) return Detection{"utf-8", 3};
  if (starts("\xFF\xFE"sv)) return Detection{"utf-16le", 2};
  if (starts("\xFE\xFF"sv)) return Detection{"utf-16be", 2};
  return std::nullopt;
}

// XML 1.0 Appendix F: without a BOM, the first characters are "<?xml", whose byte
// pattern reveals UTF-16/32 and the byte order. Any ASCII character after '<' is
// accepted too, so a BOM-less UTF-16 document without a declaration is still read.
std::optional<std::string_view> detect_wide_xml(std::string_view bytes) {
  if (bytes.size() < 4) return std::nullopt;
  const auto b = [&](std::size_t i) { return static_cast<unsigned char>(bytes[i]); };
  if (b(0) == 0 && b(1) == 0 && b(2) == 0 && b(3) == '<') return "utf-32be";
  if (b(0) == '<' && b(1) == 0 && b(2) == 0 && b(3) == 0) return "utf-32le";
  if (b(0) == 0 && b(1) == '<' && b(2) == 0 && b(3) != 0 && b(3) < 0x80) return "utf-16be";
  if (b(0) == '<' && b(1) == 0 && b(2) != 0 && b(2) < 0x80 && b(3) == 0) return "utf-16le";
  return std::nullopt;
}

// A label without byte order ("utf-16") on BOM-less text: ASCII characters put their
// zero byte first in big-endian, so count zeros by position. Little-endian is the
// WHATWG default when the evidence is even.
std::string_view resolve_byte_order(std::string_view charset, std::string_view bytes) {
  if (charset != "utf-16" && charset != "utf-32") return charset;
  const std::size_t unit = charset == "utf-16" ? 2 : 4;
  std::size_t zeros_first = 0;
  std::size_t zeros_last = 0;
  const std::size_t limit = std::min<std::size_t>(bytes.size(), 256) / unit * unit;
  for (std::size_t i = 0; i < limit; i += unit) {
    if (bytes[i] == 0) ++zeros_first;
    if (bytes[i + unit - 1] == 0) ++zeros_last;
  }
  const bool big_endian = zeros_first > zeros_last;
  if (unit == 2) return big_endian ? "utf-16be" : "utf-16le";
  return big_endian ? "utf-32be" : "utf-32le";
}

// Text that starts with four non-zero bytes cannot be UTF-16/32 markup.
bool looks_ascii_compatible(std::string_view bytes) {
  return bytes.substr(0, 4).find('\0') == std::string_view::npos;
}

bool is_ascii(std::string_view text) {
  return core::skip_ascii(text, 0) == text.size();
}

struct Damage {
  std::size_t count = 0;
  std::size_t first_offset = 0;

  void record(std::size_t offset) {
    if (count++ == 0) first_offset = offset;
  }
};

void report_damage(DecodedText& result, std::string_view charset, const Damage& damage) {
  if (damage.count == 0) return;
  std::string message = "invalid " + std::string(charset) + " byte sequence at offset " +
                        std::to_string(damage.first_offset);
  if (damage.count > 1) message += " (" + std::to_string(damage.count) + " replaced with U+FFFD)";
  add_error(result, std::move(message));
}

// Returns the decoded text: `body` itself when it is valid (the fast path: no copy, no
// transcoding), else result.utf8.
std::string_view decode_utf8(std::string_view body, std::size_t base_offset, DecodedText& result) {
  const std::size_t stop = core::find_invalid_utf8_or_control(body);
  if (stop == std::string_view::npos) {
    result.no_control_characters = true;
    return body;
  }
  std::size_t bad = static_cast<unsigned char>(body[stop]) < 0x80
                        ? core::find_invalid_utf8(body, stop)  // stopped at a control
                        : stop;
  if (bad == std::string_view::npos) return body;
  std::string& out = result.utf8;
  out.reserve(body.size() + body.size() / 8 + 16);
  out.clear();
  Damage damage;
  std::size_t pos = 0;
  // Valid runs are copied whole; each byte that starts no valid sequence becomes U+FFFD.
  while (bad != std::string_view::npos) {
    out.append(body.substr(pos, bad - pos));
    damage.record(base_offset + bad);
    out.append(kReplacementUtf8);
    pos = bad + 1;
    bad = core::find_invalid_utf8(body, pos);
  }
  out.append(body.substr(pos));
  report_damage(result, kUtf8, damage);
  return out;
}

class IconvHandle {
 public:
  IconvHandle() = default;
  explicit IconvHandle(std::string_view from) { open(from); }
  ~IconvHandle() { close(); }
  IconvHandle(const IconvHandle&) = delete;
  IconvHandle& operator=(const IconvHandle&) = delete;

  bool open(std::string_view from) {
    close();
    const std::string name(from);
    descriptor_ = iconv_open("UTF-8", name.c_str());
    return valid();
  }
  bool valid() const { return descriptor_ != kInvalid; }
  iconv_t get() const { return descriptor_; }

 private:
  static inline const iconv_t kInvalid = reinterpret_cast<iconv_t>(-1);

  void close() {
    if (valid()) iconv_close(descriptor_);
    descriptor_ = kInvalid;
  }

  iconv_t descriptor_ = kInvalid;
};

// Output buffer written in place by iconv; grows geometrically, so the final size stays
// within a small factor of the input (at most 3 bytes of UTF-8 per input byte).
class OutputBuffer {
 public:
  explicit OutputBuffer(std::string& storage, std::size_t initial) : storage_(storage) {
    storage_.clear();
    storage_.resize(std::max<std::size_t>(initial, 64));
  }
  char* cursor() { return storage_.data() + used_; }
  std::size_t room() const { return storage_.size() - used_; }
  void advance_to(const char* cursor) {
    used_ = static_cast<std::size_t>(cursor - storage_.data());
  }
  void grow(std::size_t at_least = 0) {
    storage_.resize(std::max(storage_.size() * 2, used_ + at_least));
  }
  void append(std::string_view bytes) {
    if (room() < bytes.size()) grow(bytes.size());
    std::memcpy(cursor(), bytes.data(), bytes.size());
    used_ += bytes.size();
  }
  void finish() { storage_.resize(used_); }

 private:
  std::string& storage_;
  std::size_t used_ = 0;
};

// Stateful decoders (Big5-HKSCS holds a character back to see whether a combining mark
// follows, ISO-2022-JP returns to ASCII) emit pending output on a flush.
void flush(iconv_t converter, OutputBuffer& out) {
  while (true) {
    char* out_ptr = out.cursor();
    std::size_t out_left = out.room();
    const std::size_t rc = iconv(converter, nullptr, nullptr, &out_ptr, &out_left);
    out.advance_to(out_ptr);
    if (rc != static_cast<std::size_t>(-1) || errno != E2BIG) return;
    out.grow();
  }
}

// Decodes one sequence the primary table rejected with the fallback table; returns the
// number of input bytes consumed, 0 if the fallback rejects it too.
std::size_t convert_with_fallback(iconv_t fallback, std::string_view window, OutputBuffer& out) {
  iconv(fallback, nullptr, nullptr, nullptr, nullptr);
  std::array<char, 32> scratch;
  char* in = const_cast<char*>(window.data());
  std::size_t in_left = window.size();
  char* out_ptr = scratch.data();
  std::size_t out_left = scratch.size();
  iconv(fallback, &in, &in_left, &out_ptr, &out_left);
  const std::size_t consumed = window.size() - in_left;
  if (consumed == 0) return 0;
  out.append(std::string_view(scratch.data(), static_cast<std::size_t>(out_ptr - scratch.data())));
  return consumed;
}

// Returns false when iconv does not know the charset.
bool decode_iconv(std::string_view body, const Codec& codec, std::size_t base_offset,
                  DecodedText& result) {
  IconvHandle converter(codec.name);
  if (!converter.valid()) return false;
  IconvHandle fallback;  // opened on the first rejected sequence; most documents have none
  bool fallback_tried = false;

  // UTF-16 shrinks or stays the same for BMP text; single-byte text grows by about half
  // for typical non-Latin scripts.
  const std::size_t initial =
      codec.unit == 1 ? body.size() + body.size() / 2 : body.size() * 2 / codec.unit;
  OutputBuffer out(result.utf8, initial + 16);
  Damage damage;
  char* in = const_cast<char*>(body.data());
  std::size_t in_left = body.size();
  while (in_left > 0) {
    char* out_ptr = out.cursor();
    std::size_t out_left = out.room();
    const std::size_t rc = iconv(converter.get(), &in, &in_left, &out_ptr, &out_left);
    out.advance_to(out_ptr);
    if (rc != static_cast<std::size_t>(-1)) continue;
    if (errno == E2BIG) {
      out.grow();
      continue;
    }
    // EILSEQ or EINVAL (truncated at the end): the bad sequence starts at `in`. A
    // character the decoder still holds back must come out before the replacement.
    if (!codec.shift_state) flush(converter.get(), out);
    const std::size_t offset = static_cast<std::size_t>(in - body.data());
    const auto byte = static_cast<unsigned char>(*in);
    if (codec.c1_holes && byte >= 0x80 && byte <= 0x9F) {
      std::string c1;
      core::append_utf8(c1, byte);
      out.append(c1);
      ++in;
      --in_left;
      continue;
    }
    if (!codec.fallback.empty() && !fallback_tried) {
      fallback_tried = true;
      fallback.open(codec.fallback);
    }
    if (fallback.valid()) {
      const std::size_t window = std::min(codec.fallback_window, in_left);
      const std::size_t consumed =
          convert_with_fallback(fallback.get(), body.substr(offset, window), out);
      if (consumed > 0) {
        in += consumed;
        in_left -= consumed;
        continue;
      }
    }
    damage.record(base_offset + offset);
    out.append(kReplacementUtf8);
    const std::size_t skip = std::min(codec.unit, in_left);
    in += skip;
    in_left -= skip;
  }
  flush(converter.get(), out);
  out.finish();
  report_damage(result, codec.name, damage);
  return true;
}

// Decodes `body` (the input after any BOM, which starts at `base_offset`) with `charset`;
// returns the text, which is `body` itself when it needed no change, else result.utf8.
std::string_view decode_body(std::string_view body, std::string_view charset,
                             std::size_t base_offset, DecodedText& result) {
  charset = resolve_byte_order(charset, body);
  const Codec codec = codec_for(charset);
  if (charset == kUtf8 || (codec.ascii_transparent && is_ascii(body))) {
    result.encoding = std::string(charset);
    return decode_utf8(body, base_offset, result);
  }
  if (decode_iconv(body, codec, base_offset, result)) {
    result.encoding = std::string(charset);
    return result.utf8;
  }
  // Only reachable when the C library lacks a conversion module.
  add_error(result, "no converter for " + std::string(charset) + "; decoded as utf-8");
  result.encoding = std::string(kUtf8);
  return decode_utf8(body, base_offset, result);
}

// Once the bytes themselves fixed the charset (BOM or UTF-16/32 pattern), the declaration
// can only confirm it. A contradiction is a well-formedness error (XML 1.0 section 4.3.3)
// but the bytes still win.
void check_declaration(DecodedText& result, std::string_view text, std::string_view detected,
                       std::string_view evidence) {
  const std::optional<std::string_view> label = declared_encoding(text);
  if (!label) return;
  const std::string_view declared = canonical_view(*label);
  if (declared.empty()) {
    add_error(result, "unknown encoding '" + printable_label(*label) + "'");
    return;
  }
  const bool agrees = declared == detected ||
                      (declared == "utf-16" && detected.starts_with("utf-16")) ||
                      (declared == "utf-32" && detected.starts_with("utf-32"));
  if (!agrees) {
    add_error(result, "encoding '" + printable_label(*label) + "' contradicts the " +
                          std::string(evidence) + "; decoded as " + std::string(detected));
  }
}

}  // namespace

std::string canonical_charset(std::string_view label) {
  return std::string(canonical_view(label));
}

DecodedText decode_to_utf8(std::string_view bytes, std::string_view http_charset) {
  DecodedText result;
  const std::string_view text = decode_to_utf8_view(bytes, http_charset, result);
  if (text.data() != result.utf8.data()) result.utf8.assign(text);
  return result;
}

std::string_view decode_to_utf8_view(std::string_view bytes, std::string_view http_charset,
                                     DecodedText& result) {
  if (const std::optional<Detection> bom = detect_bom(bytes)) {
    const std::string_view text =
        decode_body(bytes.substr(bom->bom_length), bom->charset, bom->bom_length, result);
    check_declaration(result, text, bom->charset, "byte order mark");
    return text;
  }
  if (const std::optional<std::string_view> wide = detect_wide_xml(bytes)) {
    const std::string_view text = decode_body(bytes, *wide, 0, result);
    check_declaration(result, text, *wide, "byte pattern of the document");
    return text;
  }

  // ASCII-compatible from here on: the declaration can be read from the raw bytes.
  std::string_view charset;
  if (const std::optional<std::string_view> label = declared_encoding(bytes)) {
    const std::string_view declared = canonical_view(*label);
    if (declared.empty()) {
      add_error(result, "unknown encoding '" + printable_label(*label) + "'");
    } else if (is_wide(declared)) {
      add_error(result, "encoding '" + printable_label(*label) +
                            "' contradicts the document, which is ASCII-compatible");
    } else {
      charset = declared;
    }
  }
  if (charset.empty() && !trim_label(http_charset).empty()) {
    const std::string_view from_http = canonical_view(http_charset);
    if (from_http.empty()) {
      add_error(result, "unknown encoding '" + printable_label(http_charset) + "'");
    } else if (is_wide(from_http) && looks_ascii_compatible(bytes)) {
      add_error(result, "charset '" + printable_label(http_charset) +
                            "' contradicts the document, which is ASCII-compatible");
    } else {
      charset = from_http;
    }
  }
  if (charset.empty()) charset = kUtf8;
  return decode_body(bytes, charset, 0, result);
}

}  // namespace feedsentry::feed
