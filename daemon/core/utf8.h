#pragma once
// UTF-8 helpers shared by every module: validation with replacement, code point
// encoding and decoding, and boundary-safe truncation. Pure functions over bytes.
#include <cstdint>
#include <string>
#include <string_view>

namespace feedsentry::core {

inline constexpr char32_t kReplacementChar = 0xFFFD;

// Appends the UTF-8 encoding of `cp`; invalid code points (surrogates, > U+10FFFF)
// become U+FFFD.
void append_utf8(std::string& out, char32_t cp);

// Decodes one code point at `pos`, advancing `pos`. Invalid or truncated sequences
// yield U+FFFD and advance by one byte.
char32_t next_code_point(std::string_view text, std::size_t& pos);

bool is_valid_utf8(std::string_view text);

// Index of the first byte at or after `pos` that does not start a valid sequence (a stray
// continuation byte, an overlong form, a surrogate, a value above U+10FFFF, a sequence cut
// short), or npos when the rest of `text` is valid. Made for whole documents: ASCII runs
// are skipped 16 bytes at a time.
std::size_t find_invalid_utf8(std::string_view text, std::size_t pos = 0);

// The same scan, stopping also at a C0 control character other than tab, line feed and
// carriage return (which XML and HTML text may not hold): both checks in one pass over a
// document. Returns the index of the first such byte or invalid sequence, or npos.
std::size_t find_invalid_utf8_or_control(std::string_view text, std::size_t pos = 0);

// Index of the first byte >= 0x80 at or after `pos`, or text.size() when there is none.
std::size_t skip_ascii(std::string_view text, std::size_t pos);

// Returns `text` with every invalid byte sequence replaced by U+FFFD.
std::string sanitize_utf8(std::string_view text);

// Longest prefix of at most `max_bytes` bytes that does not split a UTF-8 sequence.
std::string_view truncate_utf8(std::string_view text, std::size_t max_bytes);

}  // namespace feedsentry::core
