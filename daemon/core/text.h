#pragma once
// Small ASCII string helpers shared across modules (trimming, case-insensitive compare,
// hashing). Unicode-aware text processing lives in feed/ and classify/.
#include <cstdint>
#include <string>
#include <string_view>

namespace feedsentry::core {

inline bool is_ascii_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
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
