#include "feed/mojibake.h"

#include <array>
#include <cstddef>

#include "core/utf8.h"

namespace feedsentry::feed {
namespace {

// Indexed by code point - 0x80; 0 where windows-1252 has no character.
constexpr std::array<char32_t, 32> kWindows1252C1 = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,  // 0x80
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,       // 0x88
    0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,  // 0x90
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,  // 0x98
};

// U+0080–U+00FF are exactly the two-byte sequences led by 0xC2 or 0xC3.
constexpr bool is_latin1_lead(unsigned char byte) {
  return (byte & 0xFE) == 0xC2;
}

// True when every character of `text` is below U+0100, with at least one above U+007F.
bool is_latin1_range(std::string_view text) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  bool any = false;
  for (std::size_t pos = core::skip_ascii(text, 0); pos < text.size();
       pos = core::skip_ascii(text, pos + 2)) {
    if (!is_latin1_lead(bytes[pos])) return false;  // in non-Latin text, at the first letter
    any = true;
  }
  return any;
}

// The ISO-8859-1 bytes of `text`, whose characters are all below U+0100.
std::string to_latin1(std::string_view text) {
  std::string latin1;
  latin1.reserve(text.size());
  for (std::size_t pos = 0; pos < text.size(); ++pos) {
    const auto byte = static_cast<unsigned char>(text[pos]);
    if (byte < 0x80 || pos + 1 == text.size()) {
      latin1 += static_cast<char>(byte);
    } else {
      const auto next = static_cast<unsigned char>(text[++pos]);
      latin1 += static_cast<char>(((byte & 0x03) << 6) | (next & 0x3F));
    }
  }
  return latin1;
}

void map_c1_controls(std::string& text) {
  std::string out;
  std::size_t copied = 0;
  for (std::size_t pos = text.find('\xC2'); pos != std::string::npos && pos + 1 < text.size();
       pos = text.find('\xC2', pos + 1)) {
    const auto next = static_cast<unsigned char>(text[pos + 1]);
    if (next > 0x9F) continue;
    const char32_t replacement = windows_1252_for_c1(next);
    if (replacement == next) continue;
    out.append(text, copied, pos - copied);
    core::append_utf8(out, replacement);
    copied = pos + 2;
  }
  if (copied == 0) return;
  out.append(text, copied, std::string::npos);
  text = std::move(out);
}

}  // namespace

char32_t windows_1252_for_c1(char32_t code_point) {
  if (code_point < 0x80 || code_point > 0x9F) return code_point;
  const char32_t mapped = kWindows1252C1[code_point - 0x80];
  return mapped != 0 ? mapped : code_point;
}

bool may_hold_mojibake(std::string_view text) {
  // Two memchr passes beat one byte-wise pass: most documents have neither byte and are
  // scanned whole.
  return text.find('\xC2') != std::string_view::npos || text.find('\xC3') != std::string_view::npos;
}

void repair_mojibake(std::string& text) {
  if (!may_hold_mojibake(text)) return;
  if (is_latin1_range(text)) {
    if (std::string latin1 = to_latin1(text); core::is_valid_utf8(latin1)) text = std::move(latin1);
  }
  map_c1_controls(text);
}

}  // namespace feedsentry::feed
