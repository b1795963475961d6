#pragma once
// Text normalization for matching: NFC + full case folding + robustness folds (spaces,
// apostrophes, dashes, ё→е), with a byte-offset map back to the caller's original text.
// NormalizedText owns its buffers and is refilled in place; the caller owns the input.
// Pure: the only shared data are immutable lookup tables, so any thread may call this.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace feedsentry::classify {

// Byte span [begin, end) in the original (un-normalized) input.
struct OriginalSpan {
  std::size_t begin = 0;
  std::size_t end = 0;
  friend bool operator==(const OriginalSpan&, const OriginalSpan&) = default;
};

class NormalizedText {
 public:
  // Always valid UTF-8.
  std::string_view text() const { return {bytes_.data(), size_}; }
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  std::size_t original_size() const { return offsets_.empty() ? 0 : offsets_[size_]; }

  // Original offset where the source of normalized byte `pos` starts (pos <= size();
  // original_offset(size()) == original_size()). A collapsed whitespace run maps to its
  // first character; every byte of a composed or expanded character maps to its start.
  std::size_t original_offset(std::size_t pos) const {
    return offsets_.empty() ? 0 : offsets_[pos];
  }

  // Maps a normalized byte span to the smallest original span covering every source
  // character that contributed to it. A span cutting through an expansion (ß → "ss") grows
  // to the whole source character, so the result always lies on original UTF-8 boundaries.
  // Dropped invisible characters right after the span are included in it.
  OriginalSpan original_span(std::size_t begin, std::size_t end) const;

 private:
  friend void normalize(std::string_view utf8, NormalizedText& out);

  // Both buffers only grow and size_ is the logical length, so refilling a text of similar
  // size costs no allocation and no zero-filling.
  std::string bytes_;
  std::vector<std::uint32_t> offsets_;  // size_ + 1 meaningful entries
  std::size_t size_ = 0;
  std::vector<std::int32_t> scratch_;  // code points of the NFC segment being composed
};

// Refills `out` with the normalization of `utf8`:
//  - Unicode NFC and full case folding ("STRASSE", "Straße" → "strasse");
//  - every White_Space character (incl. NBSP, tab, newline) → ' ', runs collapsed to one;
//  - ’ ‘ ʼ → '\'';  ‐ ‑ ‒ – — ― → '-';  ё/Ё → е;
//  - soft hyphen, ZWSP, ZWNJ, ZWJ, word joiner and BOM are dropped (they hide inside words);
//  - invalid UTF-8 → U+FFFD, one per offending byte.
// Throws std::length_error for inputs of 4 GiB or more (offsets are 32-bit).
void normalize(std::string_view utf8, NormalizedText& out);

// Convenience form; allocates a fresh result.
NormalizedText normalize(std::string_view utf8);

// Holds one reusable result: the returned reference stays valid until the next call.
// One Normalizer per thread; it is cheap to construct.
class Normalizer {
 public:
  const NormalizedText& normalize(std::string_view utf8) {
    classify::normalize(utf8, result_);
    return result_;
  }

 private:
  NormalizedText result_;
};

// Letters and digits of any script (categories L*, N*), combining marks Mn/Mc (they sit
// inside words), and '_'. Word boundaries for matching are defined by this class.
bool is_word_char(char32_t cp);

// Hangul syllables and all Jamo blocks (conjoining, compatibility, extended A/B).
bool is_hangul(char32_t cp);

}  // namespace feedsentry::classify
