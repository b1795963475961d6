#pragma once
// Small ASCII string helpers shared across modules (trimming, case-insensitive compare,
// hashing). Unicode-aware text processing lives in feed/ and classify/.
#include <cstdint>
#include <string>
#include <string_view>

namespace feedsentry::core {

constexpr bool is_ascii_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
constexpr bool is_ascii_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
constexpr bool is_ascii_digit(char c) {
  return c >= '0' && c <= '9';
}
constexpr bool is_ascii_alnum(char c) {
  return is_ascii_alpha(c) || is_ascii_digit(c);
}
// ASCII-only on purpose: the C library's tolower consults the locale.
constexpr char to_lower_ascii(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

std::string_view trim_ascii(std::string_view text);
std::string to_lower_ascii(std::string_view text);
// & < > " as HTML entities: safe in element text and in double-quoted attributes.
std::string escape_html(std::string_view text);
bool equals_ignore_case(std::string_view a, std::string_view b);
bool starts_with_ignore_case(std::string_view text, std::string_view prefix);

// 64-bit FNV-1a: stable across runs and builds, used for derived identities.
std::uint64_t stable_hash(std::string_view data, std::uint64_t seed = 0xcbf29ce484222325ULL);
std::string to_hex(std::uint64_t value);

}  // namespace feedsentry::core
