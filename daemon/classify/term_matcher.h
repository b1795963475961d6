#pragma once
// Multi-term matcher: compiles terms once into an Aho–Corasick automaton (double array over
// byte classes of normalized UTF-8) and finds every whole-word or prefix match in one pass.
// The matcher owns its tables and is immutable after compile(): share it across threads;
// each caller owns its NormalizedText and hit vector.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "classify/text_normalizer.h"

namespace feedsentry::classify {

struct TermSpec {
  std::string text;  // as written by a rule author, e.g. "North Korea", "санкци*", "북한"
  std::uint32_t id = 0;
};

// Byte span [begin, end) in the NORMALIZED text; map it back with
// NormalizedText::original_span().
struct TermHit {
  std::uint32_t id = 0;
  std::size_t begin = 0;
  std::size_t end = 0;
  friend bool operator==(const TermHit&, const TermHit&) = default;
};

// Term syntax and matching rules:
//  - terms are normalized like text (case, NFC, ё→е, apostrophes, dashes, whitespace runs →
//    one space) and trimmed; '-' and '\'' are literal characters;
//  - every match starts at a word boundary (start of text or a non-word character before);
//  - a match ends at a word boundary, unless the term ends with '*' ("sanction*" matches
//    "sanctions") or its last character is Hangul ("북한" matches "북한의", particles);
//  - '*' is only allowed as the last character, directly after a non-space character.
class TermMatcher {
 public:
  // Throws std::invalid_argument naming the term and its id when a term is empty after
  // normalization, is not valid UTF-8, or misuses '*'.
  static TermMatcher compile(const std::vector<TermSpec>& terms);

  TermMatcher() = default;  // matches nothing

  // Appends all hits, ordered by end offset (for equal ends, longer matches first).
  // Duplicate term strings with different ids each report. The string_view form expects
  // text that is already normalized (it is not normalized again; any bytes are safe).
  void find_all(const NormalizedText& text, std::vector<TermHit>& hits) const;
  void find_all(std::string_view normalized, std::vector<TermHit>& hits) const;

  std::size_t term_count() const { return term_count_; }
  std::size_t state_count() const { return state_count_; }
  std::size_t memory_bytes() const;

 private:
  // One double-array cell: a state's transition base and, for the state stored in this
  // cell, its parent (check), failure link and first output. Kept together so a transition
  // touches one cache line. Failure links only lead to suffixes that start at a word
  // boundary, since no match can start elsewhere.
  struct Cell {
    std::int32_t base = 0;
    std::int32_t check = -1;   // parent cell; -1 = free
    std::int32_t fail = 0;     // failure cell * 2 + (1 if a match may start after this state)
    std::int32_t output = -1;  // index into outputs_, -1 = no term ends here or via fail
  };
  // A state where terms end: the terms' entries and the next output along the fail chain.
  struct Output {
    std::uint32_t length = 0;  // bytes, the same for every term ending in this state
    std::uint32_t first_entry = 0;
    std::uint32_t end_entry = 0;
    std::int32_t next = -1;
  };
  struct Entry {
    std::uint32_t id = 0;
    bool prefix = false;  // may end inside a word
  };

  bool is_word(char32_t cp) const;
  // First position at or after `pos` that does not continue the current word.
  std::size_t skip_word(std::string_view text, std::size_t pos) const;
  void report(std::string_view text, std::int32_t output, std::size_t end,
              std::vector<TermHit>& hits) const;

  std::uint8_t byte_class_[256] = {};  // 0 = byte occurs in no term
  std::int32_t root_next_[256] = {};   // root transitions by byte, dense
  // Start filters: most words start no term, and a bit test or two rejects them before the
  // automaton is entered (entering and leaving it costs branch mispredictions). Terms of
  // 4+ bytes set a hashed bit for their first 4 bytes; shorter terms set the exact bit for
  // their first 2 bytes (every second byte for a 1-byte term).
  std::vector<std::uint64_t> start_quads_;
  std::uint32_t quad_shift_ = 20;
  std::vector<std::uint64_t> start_pairs_;
  std::uint64_t word_bits_[0x800 / 64] = {};  // is_word_char below U+0800, for skipping words
  std::vector<Cell> cells_;
  std::vector<Output> outputs_;
  std::vector<Entry> entries_;
  std::size_t term_count_ = 0;
  std::size_t state_count_ = 0;
};

}  // namespace feedsentry::classify
