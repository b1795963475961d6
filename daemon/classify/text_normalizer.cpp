#include "classify/text_normalizer.h"

#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstring>
#include <stdexcept>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "core/utf8.h"

namespace feedsentry::classify {
namespace {

constexpr utf8proc_option_t kFoldOptions =
    static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD);
constexpr utf8proc_option_t kComposeOptions =
    static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE);
constexpr std::size_t kNoStarter = static_cast<std::size_t>(-1);

// What to do with one input code point. kCombining means "may merge with the previous
// character under NFC", so the previous character has to be normalized again with it.
enum class Kind : std::uint8_t { kMapped, kCopy, kSpace, kDrop, kCombining, kNormalize };

constexpr std::array<bool, 128> kAsciiSpace = [] {
  std::array<bool, 128> table{};
  for (char c : {'\t', '\n', '\v', '\f', '\r', ' '}) table[static_cast<unsigned char>(c)] = true;
  return table;
}();

// Lower case, with ASCII whitespace as ' '.
constexpr std::array<char, 128> kAsciiLower = [] {
  std::array<char, 128> table{};
  for (int c = 0; c < 128; ++c) {
    table[c] = static_cast<char>(kAsciiSpace[c] ? ' ' : c >= 'A' && c <= 'Z' ? c + 32 : c);
  }
  return table;
}();

constexpr std::array<bool, 128> kAsciiWord = [] {
  std::array<bool, 128> table{};
  for (int c = 0; c < 128; ++c) {
    table[c] =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  }
  return table;
}();

// Unicode White_Space, minus the ASCII members handled by the byte loop.
bool is_unicode_space(char32_t cp) {
  return cp == 0x85 || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) ||
         cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

// Invisible characters that CMSs leave inside words ("sanc\u00ADtions").
bool is_dropped(char32_t cp) {
  return cp == 0xAD || (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 || cp == 0xFEFF;
}

// Applied after NFC and case folding, so it sees ё whether the input had Ё, ё or е+U+0308.
char32_t robustness_fold(char32_t cp) {
  switch (cp) {
    case 0x2018:  // ‘
    case 0x2019:  // ’
    case 0x02BC:  // ʼ
      return U'\'';
    case 0x2010:
    case 0x2011:
    case 0x2012:
    case 0x2013:
    case 0x2014:
    case 0x2015:
      return U'-';
    case 0x0401:
    case 0x0451:
      return 0x0435;
    default:
      return cp;
  }
}

bool property_combines(char32_t cp) {
  // Hangul V and T jamo compose algorithmically, so utf8proc's table does not flag them.
  if ((cp >= 0x1161 && cp <= 0x1175) || (cp >= 0x11A8 && cp <= 0x11C2)) return true;
  const utf8proc_property_t* property = utf8proc_get_property(static_cast<utf8proc_int32_t>(cp));
  // comb_index >= 0x8000 marks the second element of a canonical composition pair.
  if (property->combining_class != 0 ||
      (property->comb_index != UINT16_MAX && property->comb_index >= 0x8000)) {
    return true;
  }
  // A few starters (Tibetan U+0F73, U+0F75, U+0F81) decompose into non-starters, which NFC
  // then reorders with the marks before them.
  if (property->decomp_seqindex != UINT16_MAX && property->decomp_type == 0) {
    std::array<utf8proc_int32_t, 8> buffer{};
    int boundclass = 0;
    const utf8proc_ssize_t count =
        utf8proc_decompose_char(static_cast<utf8proc_int32_t>(cp), buffer.data(), buffer.size(),
                                UTF8PROC_DECOMPOSE, &boundclass);
    if (count > 0 && count <= static_cast<utf8proc_ssize_t>(buffer.size())) {
      return utf8proc_get_property(buffer[0])->combining_class != 0;
    }
  }
  return false;
}

// Writes the UTF-8 form of `cp` (a valid scalar value from utf8proc) to out[0..4).
std::size_t encode_utf8(char32_t cp, char* out) {
  if (cp < 0x80) {
    out[0] = static_cast<char>(cp);
    return 1;
  }
  if (cp < 0x800) {
    out[0] = static_cast<char>(0xC0 | (cp >> 6));
    out[1] = static_cast<char>(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    out[0] = static_cast<char>(0xE0 | (cp >> 12));
    out[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out[2] = static_cast<char>(0x80 | (cp & 0x3F));
    return 3;
  }
  out[0] = static_cast<char>(0xF0 | (cp >> 18));
  out[1] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
  out[2] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
  out[3] = static_cast<char>(0x80 | (cp & 0x3F));
  return 4;
}

// Precomputed folded form of U+0080..U+07FF (Latin, Greek, Cyrillic...) and of general
// punctuation U+2000..U+20FF (’ “ ” – — …): nearly all non-ASCII news text, where utf8proc
// per character would dominate the cost.
// 16 bytes so the fast path copies an entry whole, whatever its length.
struct FoldEntry {
  char bytes[14] = {};
  std::uint8_t length = 0;
  Kind kind = Kind::kMapped;
};
static_assert(sizeof(FoldEntry) == 16 && offsetof(FoldEntry, bytes) == 0);

constexpr char32_t kPunctuationFirst = 0x2000;
constexpr char32_t kPunctuationEnd = 0x2100;
constexpr std::size_t kTwoByteEntries = 0x800 - 0x80;

class FoldTable {
 public:
  FoldTable() {
    for (char32_t cp = 0x80; cp < 0x800; ++cp) fill(entries_[cp - 0x80], cp);
    for (char32_t cp = kPunctuationFirst; cp < kPunctuationEnd; ++cp) {
      fill(entries_[kTwoByteEntries + (cp - kPunctuationFirst)], cp);
    }
  }
  // cp must be in U+0080..U+07FF.
  const FoldEntry& two_byte(char32_t cp) const { return entries_[cp - 0x80]; }
  // cp must be in U+2000..U+20FF.
  const FoldEntry& punctuation(char32_t cp) const {
    return entries_[kTwoByteEntries + (cp - kPunctuationFirst)];
  }
  const FoldEntry* find(char32_t cp) const {
    if (cp >= 0x80 && cp < 0x800) return &two_byte(cp);
    if (cp >= kPunctuationFirst && cp < kPunctuationEnd) return &punctuation(cp);
    return nullptr;
  }

 private:
  static void fill(FoldEntry& entry, char32_t cp) {
    if (is_unicode_space(cp)) {
      entry.kind = Kind::kSpace;
    } else if (is_dropped(cp)) {
      entry.kind = Kind::kDrop;
    } else if (property_combines(cp)) {
      entry.kind = Kind::kCombining;
    } else {
      std::array<utf8proc_int32_t, 16> buffer{};
      int boundclass = 0;
      utf8proc_ssize_t count =
          utf8proc_decompose_char(static_cast<utf8proc_int32_t>(cp), buffer.data(), buffer.size(),
                                  kFoldOptions, &boundclass);
      if (count < 0 || count > static_cast<utf8proc_ssize_t>(buffer.size())) {
        buffer[0] = static_cast<utf8proc_int32_t>(cp), count = 1;
      }
      count = utf8proc_normalize_utf32(buffer.data(), count, kComposeOptions);
      std::string folded;
      for (utf8proc_ssize_t k = 0; k < count; ++k) {
        core::append_utf8(folded, robustness_fold(static_cast<char32_t>(buffer[k])));
      }
      if (folded.size() > sizeof entry.bytes) {
        entry.kind = Kind::kNormalize;  // no such character today; stay correct regardless
      } else {
        entry.kind = Kind::kMapped;
        entry.length = static_cast<std::uint8_t>(folded.size());
        std::memcpy(entry.bytes, folded.data(), folded.size());
      }
    }
  }

  std::array<FoldEntry, kTwoByteEntries + (kPunctuationEnd - kPunctuationFirst)> entries_{};
};

const FoldTable& fold_table() {
  static const FoldTable table;  // immutable after the thread-safe first initialization
  return table;
}

// Classification of code points from U+0800 up.
Kind classify_wide(char32_t cp) {
  if ((cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0x4E00 && cp <= 0x9FFF)) return Kind::kCopy;
  if (is_unicode_space(cp)) return Kind::kSpace;
  if (is_dropped(cp)) return Kind::kDrop;
  if (robustness_fold(cp) != cp) return Kind::kNormalize;
  if (property_combines(cp)) return Kind::kCombining;
  const utf8proc_property_t* property = utf8proc_get_property(static_cast<utf8proc_int32_t>(cp));
  if (property->casefold_seqindex == UINT16_MAX && property->decomp_seqindex == UINT16_MAX) {
    return Kind::kCopy;
  }
  return Kind::kNormalize;
}

bool is_combining(const FoldTable& table, char32_t cp) {
  if (cp < 0x80) return false;
  if (const FoldEntry* entry = table.find(cp)) return entry->kind == Kind::kCombining;
  return classify_wide(cp) == Kind::kCombining;
}

// Appends normalized bytes to NormalizedText buffers through raw pointers; the capacity
// check is explicit so the ASCII loop can check once per run instead of once per byte.
class Writer {
 public:
  Writer(std::string& bytes, std::vector<std::uint32_t>& offsets, std::size_t capacity)
      : bytes_(bytes), offsets_(offsets) {
    grow_to(capacity);
  }

  std::size_t capacity() const { return bytes_.size(); }

  void reserve(std::size_t extra) {
    if (position + extra > bytes_.size()) grow_to(std::max(bytes_.size() * 2, position + extra));
  }

  void put(char byte, std::size_t original) {
    bytes[position] = byte;
    offsets[position] = static_cast<std::uint32_t>(original);
    ++position;
  }

  void put_code_point(char32_t cp, std::size_t original) {
    char encoded[4];
    const std::size_t length =
        cp < 0x80 ? (encoded[0] = static_cast<char>(cp), 1) : encode_utf8(cp, encoded);
    reserve(length);
    for (std::size_t k = 0; k < length; ++k) put(encoded[k], original);
  }

  char* bytes = nullptr;
  std::uint32_t* offsets = nullptr;
  std::size_t position = 0;

 private:
  void grow_to(std::size_t capacity) {
    // +1 keeps room for the end sentinel in offsets.
    if (bytes_.size() < capacity) bytes_.resize(capacity);
    if (offsets_.size() < bytes_.size() + 1) offsets_.resize(bytes_.size() + 1);
    bytes = bytes_.data();
    offsets = offsets_.data();
  }

  std::string& bytes_;
  std::vector<std::uint32_t>& offsets_;
};

// NFC + case fold of a short valid UTF-8 segment (a starter and its combining marks, or
// one character that needs utf8proc), all output bytes attributed to `original`.
void emit_segment(std::string_view segment, std::size_t original,
                  std::vector<std::int32_t>& scratch, Writer& writer) {
  if (scratch.size() < segment.size() * 4 + 16) scratch.resize(segment.size() * 4 + 16);
  const auto* data = reinterpret_cast<const utf8proc_uint8_t*>(segment.data());
  const auto length = static_cast<utf8proc_ssize_t>(segment.size());
  utf8proc_ssize_t count = utf8proc_decompose(
      data, length, scratch.data(), static_cast<utf8proc_ssize_t>(scratch.size()), kFoldOptions);
  if (count > static_cast<utf8proc_ssize_t>(scratch.size())) {
    scratch.resize(static_cast<std::size_t>(count));
    count = utf8proc_decompose(data, length, scratch.data(), count, kFoldOptions);
  }
  if (count < 0) {  // cannot happen for valid UTF-8; keep the text rather than lose it
    writer.reserve(segment.size());
    for (char byte : segment) writer.put(byte, original);
    return;
  }
  count = utf8proc_normalize_utf32(scratch.data(), count, kComposeOptions);
  for (utf8proc_ssize_t k = 0; k < count; ++k) {
    writer.put_code_point(robustness_fold(static_cast<char32_t>(scratch[k])), original);
  }
}

}  // namespace

void normalize(std::string_view utf8, NormalizedText& out) {
  const std::size_t size = utf8.size();
  if (size >= UINT32_MAX) throw std::length_error("normalize: input of 4 GiB or more");
  const FoldTable& table = fold_table();
  const char* in = utf8.data();

  Writer writer(out.bytes_, out.offsets_, size + 16);
  bool in_space = false;
  // Start of the last character that a following combining mark could merge with, in the
  // input and in the output; kNoStarter after spaces, dropped or invalid bytes.
  std::size_t starter_in = kNoStarter;
  std::size_t starter_out = 0;
  std::size_t i = 0;

  while (i < size) {
    {
      // Fast path for ASCII, two-byte letters (Latin, Greek, Cyrillic...) and precomposed
      // Hangul, which is nearly all news text. Invariant: capacity >= o + (size - k) + 16, so
      // ASCII needs no check and a table entry may be copied as a whole 16-byte block.
      writer.reserve(size - i + 16);
      char* bytes = writer.bytes;
      std::uint32_t* offsets = writer.offsets;
      std::size_t o = writer.position;
      std::size_t capacity = writer.capacity();
      std::size_t k = i;
      std::size_t unit_in = kNoStarter;  // last non-space character handled here
      std::size_t unit_out = 0;
      // Branch-free: every byte is written, and the position only advances unless the byte
      // continues a whitespace run.
      const auto ascii_step = [&](std::size_t at) {
        const auto byte = static_cast<unsigned char>(in[at]);
        const bool space = kAsciiSpace[byte];
        bytes[o] = kAsciiLower[byte];
        offsets[o] = static_cast<std::uint32_t>(at);
        o += !(space & in_space);
        in_space = space;
      };
      // Emits a precomputed entry for the character at `at`; false if it needs the slow path.
      const auto copy_entry = [&](const FoldEntry& entry, std::size_t at) {
        if (entry.kind != Kind::kMapped) return false;
        std::memcpy(bytes + o, &entry, sizeof entry);  // bytes[] comes first
#if defined(__SSE2__)
        _mm_storeu_si128(reinterpret_cast<__m128i*>(offsets + o),
                         _mm_set1_epi32(static_cast<int>(at)));
#else
        for (std::size_t j = 0; j < 4; ++j) offsets[o + j] = static_cast<std::uint32_t>(at);
#endif
        for (std::size_t j = 4; j < entry.length; ++j)
          offsets[o + j] = static_cast<std::uint32_t>(at);
        unit_in = at, unit_out = o;
        o += entry.length;
        in_space = false;
        return true;
      };
      for (;;) {
        const std::size_t ascii_start = k;
#if defined(__SSE2__)
        // 16 ASCII bytes without a whitespace run map one to one: fold them in one go.
        // (Not tried between two letters of a non-Latin script.)
        for (; k + 16 <= size && static_cast<unsigned char>(in[k]) < 0x80; k += 16) {
          const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(in + k));
          if (_mm_movemask_epi8(block) != 0) break;
          const __m128i upper_offset = _mm_sub_epi8(block, _mm_set1_epi8('A'));
          const __m128i upper =
              _mm_cmpeq_epi8(_mm_min_epu8(upper_offset, _mm_set1_epi8(25)), upper_offset);
          const __m128i control_offset = _mm_sub_epi8(block, _mm_set1_epi8('\t'));
          const __m128i space = _mm_or_si128(
              _mm_cmpeq_epi8(block, _mm_set1_epi8(' ')),
              _mm_cmpeq_epi8(_mm_min_epu8(control_offset, _mm_set1_epi8(4)), control_offset));
          const auto space_bits = static_cast<unsigned>(_mm_movemask_epi8(space));
          if (space_bits & ((space_bits << 1) | (in_space ? 1u : 0u))) {
            for (std::size_t j = 0; j < 16; ++j) ascii_step(k + j);
            continue;
          }
          const __m128i lowered = _mm_add_epi8(block, _mm_and_si128(upper, _mm_set1_epi8(0x20)));
          const __m128i folded = _mm_or_si128(_mm_andnot_si128(space, lowered),
                                              _mm_and_si128(space, _mm_set1_epi8(' ')));
          _mm_storeu_si128(reinterpret_cast<__m128i*>(bytes + o), folded);
          __m128i position =
              _mm_add_epi32(_mm_set1_epi32(static_cast<int>(k)), _mm_setr_epi32(0, 1, 2, 3));
          for (std::size_t j = 0; j < 16; j += 4) {
            _mm_storeu_si128(reinterpret_cast<__m128i*>(offsets + o + j), position);
            position = _mm_add_epi32(position, _mm_set1_epi32(4));
          }
          o += 16;
          in_space = (space_bits >> 15) & 1;
        }
#else
        for (std::uint64_t chunk; k + 8 <= size; k += 8) {
          std::memcpy(&chunk, in + k, 8);
          if (chunk & 0x8080808080808080ULL) break;
          for (std::size_t j = 0; j < 8; ++j) ascii_step(k + j);
        }
#endif
        for (; k < size && static_cast<unsigned char>(in[k]) < 0x80; ++k) ascii_step(k);
        if (k > ascii_start && !in_space) unit_in = k - 1, unit_out = o - 1;
        if (k >= size) break;

        const auto lead = static_cast<unsigned char>(in[k]);
        if (lead >= 0xC2 && lead <= 0xDF) {
          // A run of two-byte letters (a Cyrillic or Greek word) stays in this loop.
          bool slow = false;
          do {
            if (k + 1 >= size || (static_cast<unsigned char>(in[k + 1]) & 0xC0) != 0x80) {
              slow = true;
              break;
            }
            const char32_t cp = ((static_cast<unsigned char>(in[k]) & 0x1Fu) << 6) |
                                (static_cast<unsigned char>(in[k + 1]) & 0x3Fu);
            const FoldEntry& entry = table.two_byte(cp);
            if (!copy_entry(entry, k)) {
              slow = true;
              break;
            }
            k += 2;
            if (entry.length > 2 && o + (size - k) + 16 > capacity) break;  // expansion
          } while (k < size && static_cast<unsigned char>(in[k]) >= 0xC2 &&
                   static_cast<unsigned char>(in[k]) <= 0xDF);
          if (slow) break;
        } else if (lead == 0xE2 && k + 2 < size && static_cast<unsigned char>(in[k + 1]) >= 0x80 &&
                   static_cast<unsigned char>(in[k + 1]) <= 0x83 &&
                   (static_cast<unsigned char>(in[k + 2]) & 0xC0) == 0x80) {
          const char32_t cp = 0x2000 | ((static_cast<unsigned char>(in[k + 1]) & 0x3Fu) << 6) |
                              (static_cast<unsigned char>(in[k + 2]) & 0x3F);
          if (!copy_entry(table.punctuation(cp), k)) break;
          k += 3;
        } else if (lead >= 0xEA && lead <= 0xED && k + 2 < size) {
          const auto second = static_cast<unsigned char>(in[k + 1]);
          const auto third = static_cast<unsigned char>(in[k + 2]);
          if ((second & 0xC0) != 0x80 || (third & 0xC0) != 0x80) break;
          const char32_t cp = (static_cast<char32_t>(lead & 0x0F) << 12) |
                              (static_cast<char32_t>(second & 0x3F) << 6) | (third & 0x3F);
          if (cp < 0xAC00 || cp > 0xD7A3) break;  // Hangul syllables: no case, already NFC
          for (std::size_t j = 0; j < 3; ++j) {
            bytes[o + j] = in[k + j];
            offsets[o + j] = static_cast<std::uint32_t>(k);
          }
          unit_in = k, unit_out = o;
          o += 3;
          k += 3;
        } else {
          break;
        }
        in_space = false;
        if (o + (size - k) + 16 > capacity) {  // only after expansions such as ß → ss
          writer.position = o;
          writer.reserve(size - k + 16);
          bytes = writer.bytes;
          offsets = writer.offsets;
          capacity = writer.capacity();
        }
      }
      if (k > i) {
        if (in_space || unit_in == kNoStarter) {
          starter_in = kNoStarter;
        } else {
          starter_in = unit_in;
          starter_out = unit_out;
        }
      }
      writer.position = o;
      i = k;
    }
    if (i >= size) break;

    const std::size_t start = i;
    const auto lead = static_cast<unsigned char>(in[i]);
    char32_t cp;
    if (lead >= 0xC2 && lead <= 0xDF && i + 1 < size &&
        (static_cast<unsigned char>(in[i + 1]) & 0xC0) == 0x80) {
      cp = (static_cast<char32_t>(lead & 0x1F) << 6) |
           (static_cast<unsigned char>(in[i + 1]) & 0x3F);
      i += 2;
    } else {
      cp = core::next_code_point(utf8, i);
      if (i == start + 1) {  // invalid byte: U+FFFD is a starter nothing composes with
        writer.put_code_point(core::kReplacementChar, start);
        in_space = false;
        starter_in = kNoStarter;
        continue;
      }
    }

    const FoldEntry* entry = table.find(cp);
    const Kind kind = entry != nullptr ? entry->kind : classify_wide(cp);

    switch (kind) {
      case Kind::kSpace:
        if (!in_space) writer.put(' ', start);
        in_space = true;
        starter_in = kNoStarter;
        continue;
      case Kind::kDrop:
        starter_in = kNoStarter;
        continue;
      case Kind::kMapped:
        writer.reserve(entry->length);
        starter_in = start, starter_out = writer.position;
        for (std::size_t k = 0; k < entry->length; ++k) writer.put(entry->bytes[k], start);
        break;
      case Kind::kCopy:
        writer.reserve(i - start);
        starter_in = start, starter_out = writer.position;
        for (std::size_t k = start; k < i; ++k) writer.put(in[k], start);
        break;
      case Kind::kNormalize:
        starter_in = start, starter_out = writer.position;
        emit_segment(utf8.substr(start, i - start), start, out.scratch_, writer);
        break;
      case Kind::kCombining: {
        std::size_t end = i;
        while (end < size) {
          std::size_t next = end;
          const char32_t follower = core::next_code_point(utf8, next);
          if (next == end + 1) break;  // ASCII or an invalid byte: never combining
          if (!is_combining(table, follower)) break;
          end = next;
        }
        if (starter_in == kNoStarter) starter_in = start, starter_out = writer.position;
        writer.position = starter_out;  // re-emit the starter composed with its marks
        emit_segment(utf8.substr(starter_in, end - starter_in), starter_in, out.scratch_, writer);
        i = end;
        break;
      }
    }
    in_space = false;
  }

  writer.reserve(1);
  writer.offsets[writer.position] = static_cast<std::uint32_t>(size);
  out.size_ = writer.position;
}

NormalizedText normalize(std::string_view utf8) {
  NormalizedText result;
  normalize(utf8, result);
  return result;
}

OriginalSpan NormalizedText::original_span(std::size_t begin, std::size_t end) const {
  if (offsets_.empty()) return {};
  end = std::min(end, size_);
  begin = std::min(begin, end);
  if (begin == end) return {offsets_[begin], offsets_[begin]};
  // Bytes of one source character share its start offset; extend to that character's end.
  const std::uint32_t last = offsets_[end - 1];
  while (end < size_ && offsets_[end] == last) ++end;
  return {offsets_[begin], offsets_[end]};
}

namespace {

bool category_is_word(char32_t cp) {
  switch (utf8proc_category(static_cast<utf8proc_int32_t>(cp))) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
      return true;
    default:
      return false;
  }
}

// Word-ness of U+0000..U+07FF as a bitmap: the matcher asks for every Cyrillic letter it
// steps over, and utf8proc_category per letter would cost more than the automaton.
class TwoByteWordBits {
 public:
  TwoByteWordBits() {
    for (char32_t cp = 0; cp < 0x800; ++cp) {
      if (cp < 0x80 ? kAsciiWord[cp] : category_is_word(cp)) bits_[cp >> 6] |= 1ULL << (cp & 63);
    }
  }
  bool test(char32_t cp) const { return (bits_[cp >> 6] >> (cp & 63)) & 1; }

 private:
  std::array<std::uint64_t, 0x800 / 64> bits_{};
};

}  // namespace

bool is_word_char(char32_t cp) {
  if (cp < 0x80) return kAsciiWord[cp];
  if (cp < 0x800) {
    static const TwoByteWordBits bits;  // immutable after the thread-safe first initialization
    return bits.test(cp);
  }
  if ((cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0x4E00 && cp <= 0x9FFF)) return true;
  if (cp > 0x10FFFF) return false;
  return category_is_word(cp);
}

bool is_hangul(char32_t cp) {
  return (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0x1100 && cp <= 0x11FF) ||
         (cp >= 0x3130 && cp <= 0x318F) || (cp >= 0xA960 && cp <= 0xA97F) ||
         (cp >= 0xD7B0 && cp <= 0xD7FF) || (cp >= 0xFFA0 && cp <= 0xFFDC);
}

}  // namespace feedsentry::classify
