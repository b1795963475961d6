#include "core/utf8.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace feedsentry::core {
namespace {

bool is_continuation(unsigned char byte) {
  return (byte & 0xC0) == 0x80;
}

// Length of the valid sequence starting with the non-ASCII byte at `pos`, 0 if invalid.
// The same rules as next_code_point, without building the code point: the second byte's
// range excludes overlong forms, surrogates and values above U+10FFFF.
std::size_t valid_sequence_length(const unsigned char* bytes, std::size_t pos, std::size_t size) {
  const unsigned char lead = bytes[pos];
  const std::size_t left = size - pos;
  if (lead < 0xC2) return 0;
  if (lead < 0xE0) return left >= 2 && is_continuation(bytes[pos + 1]) ? 2 : 0;
  if (lead < 0xF0) {
    if (left < 3 || !is_continuation(bytes[pos + 2])) return 0;
    const unsigned char second = bytes[pos + 1];
    const unsigned char low = lead == 0xE0 ? 0xA0 : 0x80;
    const unsigned char high = lead == 0xED ? 0x9F : 0xBF;
    return second >= low && second <= high ? 3 : 0;
  }
  if (lead < 0xF5) {
    if (left < 4 || !is_continuation(bytes[pos + 2]) || !is_continuation(bytes[pos + 3])) {
      return 0;
    }
    const unsigned char second = bytes[pos + 1];
    const unsigned char low = lead == 0xF0 ? 0x90 : 0x80;
    const unsigned char high = lead == 0xF4 ? 0x8F : 0xBF;
    return second >= low && second <= high ? 4 : 0;
  }
  return 0;
}

#if defined(__SSE2__)
unsigned byte_mask(__m128i bytes) {
  return static_cast<unsigned>(_mm_movemask_epi8(bytes));
}

// Checks 16 bytes that start on a sequence boundary and hold only ASCII, 2-byte and 3-byte
// sequences: Latin, Cyrillic, Greek, Hebrew, Arabic, Indic, CJK and Hangul text, and
// typographic punctuation. Returns how many bytes from the start are complete valid
// sequences (14 to 16: a sequence that runs into the next chunk is left for it), or 0 when
// the chunk needs the byte-wise check: a 4-byte sequence or an error.
//
// With one bit per byte, the chunk is valid when every byte is ASCII, a continuation or a
// lead, and the continuations are exactly the bytes the leads call for: a continuation
// nobody calls for, or a call answered by a lead or ASCII byte, breaks the equality.
//
// With kStopAtControls, a chunk holding a C0 control other than tab, LF and CR also
// returns 0, so that the byte-wise check stops at it.
template <bool kStopAtControls>
std::size_t valid_chunk_prefix(const unsigned char* start) {
  const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(start));
  if constexpr (kStopAtControls) {
    const __m128i control =
        _mm_cmpeq_epi8(_mm_min_epu8(chunk, _mm_set1_epi8(0x1F)), chunk);  // <= 0x1F
    if (byte_mask(control) != 0) {  // usually a line break; tab, LF and CR are allowed
      const __m128i allowed =
          _mm_or_si128(_mm_cmpeq_epi8(chunk, _mm_set1_epi8('\t')),
                       _mm_or_si128(_mm_cmpeq_epi8(chunk, _mm_set1_epi8('\n')),
                                    _mm_cmpeq_epi8(chunk, _mm_set1_epi8('\r'))));
      if (byte_mask(_mm_andnot_si128(allowed, control)) != 0) return 0;
    }
  }
  const unsigned non_ascii = byte_mask(chunk);
  if (non_ascii == 0) return 16;
  // Signed comparisons: 0x80-0xBF is -128..-65, 0xC2-0xDF is -62..-33, 0xE0-0xEF is -32..-17.
  const auto below = [&](int value) {
    return _mm_cmplt_epi8(chunk, _mm_set1_epi8(static_cast<char>(value)));
  };
  const auto above = [&](int value) {
    return _mm_cmpgt_epi8(chunk, _mm_set1_epi8(static_cast<char>(value)));
  };
  const unsigned continuation = byte_mask(below(0xC0));
  const unsigned low_continuation = byte_mask(below(0xA0));  // 0x80-0x9F
  const unsigned lead2 = byte_mask(_mm_and_si128(above(0xC1), below(0xE0)));
  const unsigned lead3 = byte_mask(_mm_and_si128(above(0xDF), below(0xF0)));
  const unsigned lead_e0 = byte_mask(_mm_cmpeq_epi8(chunk, _mm_set1_epi8(static_cast<char>(0xE0))));
  const unsigned lead_ed = byte_mask(_mm_cmpeq_epi8(chunk, _mm_set1_epi8(static_cast<char>(0xED))));
  if ((continuation | lead2 | lead3) != non_ascii) return 0;
  const unsigned called = (lead2 << 1) | (lead3 << 1) | (lead3 << 2);
  if ((called & 0xFFFF) != continuation) return 0;
  // E0 must not start an overlong form (second byte 80-9F), ED a surrogate (A0-BF).
  if (((lead_e0 << 1) & low_continuation) != 0) return 0;
  if (((lead_ed << 1) & continuation & ~low_continuation & 0xFFFF) != 0) return 0;
  if ((lead3 & 0x4000) != 0) return 14;
  if (((lead2 | lead3) & 0x8000) != 0) return 15;
  return 16;
}
#endif

constexpr bool is_c0_control_but_whitespace(unsigned char byte) {
  return byte < 0x20 && byte != '\t' && byte != '\n' && byte != '\r';
}

// One step of the byte-wise check at `pos`: the length of the valid sequence or allowed
// ASCII byte there, 0 where the scan must stop.
template <bool kStopAtControls>
std::size_t step(const unsigned char* bytes, std::size_t pos, std::size_t size) {
  if (bytes[pos] < 0x80) return kStopAtControls && is_c0_control_but_whitespace(bytes[pos]) ? 0 : 1;
  return valid_sequence_length(bytes, pos, size);
}

template <bool kStopAtControls>
std::size_t scan_utf8(std::string_view text, std::size_t pos) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t size = text.size();
  while (pos < size) {
#if defined(__SSE2__)
    if (pos + 16 <= size) {
      if (const std::size_t checked = valid_chunk_prefix<kStopAtControls>(bytes + pos);
          checked > 0) {
        pos += checked;
        continue;
      }
      // Something the chunk check leaves to the byte-wise one (a 4-byte sequence, an
      // error): finish this chunk byte-wise before trying again.
      const std::size_t chunk_end = pos + 16;
      while (pos < chunk_end) {
        const std::size_t length = step<kStopAtControls>(bytes, pos, size);
        if (length == 0) return pos;
        pos += length;
      }
      continue;
    }
#endif
    const std::size_t length = step<kStopAtControls>(bytes, pos, size);
    if (length == 0) return pos;
    pos += length;
  }
  return std::string_view::npos;
}

}  // namespace

void append_utf8(std::string& out, char32_t cp) {
  if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) cp = kReplacementChar;
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

char32_t next_code_point(std::string_view text, std::size_t& pos) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(pos);
  if (lead < 0x80) {
    ++pos;
    return lead;
  }
  std::size_t length = 0;
  char32_t cp = 0;
  char32_t min = 0;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2, cp = lead & 0x1F, min = 0x80;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3, cp = lead & 0x0F, min = 0x800;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4, cp = lead & 0x07, min = 0x10000;
  } else {
    ++pos;
    return kReplacementChar;
  }
  if (pos + length > text.size()) {
    ++pos;
    return kReplacementChar;
  }
  for (std::size_t i = 1; i < length; ++i) {
    const unsigned char next = byte(pos + i);
    if ((next & 0xC0) != 0x80) {
      ++pos;
      return kReplacementChar;
    }
    cp = (cp << 6) | (next & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    ++pos;
    return kReplacementChar;
  }
  pos += length;
  return cp;
}

std::size_t skip_ascii(std::string_view text, std::size_t pos) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t size = text.size();
  if (pos < size && bytes[pos] >= 0x80) return pos;  // cheap exit inside non-Latin text
#if defined(__SSE2__)
  for (; pos + 16 <= size; pos += 16) {
    const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(bytes + pos));
    if (const int high = _mm_movemask_epi8(chunk); high != 0) {
      return pos + static_cast<std::size_t>(__builtin_ctz(static_cast<unsigned>(high)));
    }
  }
#endif
  while (pos < size && bytes[pos] < 0x80) ++pos;
  return pos;
}

std::size_t find_invalid_utf8(std::string_view text, std::size_t pos) {
  return scan_utf8<false>(text, pos);
}

std::size_t find_invalid_utf8_or_control(std::string_view text, std::size_t pos) {
  return scan_utf8<true>(text, pos);
}

bool is_valid_utf8(std::string_view text) {
  return find_invalid_utf8(text) == std::string_view::npos;
}

std::string sanitize_utf8(std::string_view text) {
  std::size_t bad = find_invalid_utf8(text);
  if (bad == std::string_view::npos) return std::string(text);
  std::string out;
  out.reserve(text.size() + 8);
  std::size_t pos = 0;
  while (bad != std::string_view::npos) {
    out.append(text.substr(pos, bad - pos));
    out.append("\xEF\xBF\xBD");  // one U+FFFD per invalid byte, as next_code_point
    pos = bad + 1;
    bad = find_invalid_utf8(text, pos);
  }
  out.append(text.substr(pos));
  return out;
}

std::string_view truncate_utf8(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  std::size_t end = max_bytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end);
}

}  // namespace feedsentry::core
