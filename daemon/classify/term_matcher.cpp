#include "classify/term_matcher.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <stdexcept>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "core/utf8.h"

namespace feedsentry::classify {
namespace {

struct CompiledTerm {
  std::string key;  // normalized bytes
  std::uint32_t id = 0;
  bool prefix = false;
};

[[noreturn]] void reject(std::size_t index, const TermSpec& term, std::string_view reason) {
  throw std::invalid_argument("TermMatcher: term #" + std::to_string(index) + " (id " +
                              std::to_string(term.id) + ") \"" + core::sanitize_utf8(term.text) +
                              "\": " + std::string(reason));
}

char32_t last_code_point(std::string_view text) {
  std::size_t start = text.size() - 1;
  while (start > 0 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) --start;
  return core::next_code_point(text, start);
}

CompiledTerm compile_term(std::size_t index, const TermSpec& term, NormalizedText& scratch) {
  if (!core::is_valid_utf8(term.text)) reject(index, term, "not valid UTF-8");
  normalize(term.text, scratch);
  std::string_view key = scratch.text();
  while (!key.empty() && key.front() == ' ') key.remove_prefix(1);
  while (!key.empty() && key.back() == ' ') key.remove_suffix(1);
  CompiledTerm compiled;
  compiled.id = term.id;
  if (!key.empty() && key.back() == '*') {
    compiled.prefix = true;
    key.remove_suffix(1);
    if (!key.empty() && key.back() == ' ') reject(index, term, "'*' must follow a character");
  }
  if (key.empty()) reject(index, term, "empty term");
  if (key.find('*') != std::string_view::npos) reject(index, term, "'*' is only allowed last");
  // Korean particles attach to the noun: a Hangul ending means "this word, any ending".
  if (is_hangul(last_code_point(key))) compiled.prefix = true;
  compiled.key = std::string(key);
  return compiled;
}

constexpr std::array<bool, 256> kAsciiWordByte = [] {
  std::array<bool, 256> table{};
  for (int c = 0; c < 128; ++c) {
    table[c] =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  }
  return table;
}();

std::uint32_t quad_hash(const char* bytes, std::uint32_t shift) {
  std::uint32_t quad;
  std::memcpy(&quad, bytes, 4);
  return (quad * 0x9E3779B1u) >> shift;
}

// Index of the first byte at or after `pos` that is not an ASCII letter, digit or '_'.
// Words that start no term are skipped whole; with SSE2 the word's length costs no branch.
[[gnu::always_inline]] inline std::size_t skip_ascii_word(const unsigned char* bytes,
                                                          std::size_t pos, std::size_t size) {
#if defined(__SSE2__)
  const __m128i case_bit = _mm_set1_epi8(0x20);
  const __m128i letter_a = _mm_set1_epi8('a');
  const __m128i letters = _mm_set1_epi8(25);
  const __m128i digit_0 = _mm_set1_epi8('0');
  const __m128i digits = _mm_set1_epi8(9);
  const __m128i underscore = _mm_set1_epi8('_');
  while (pos + 16 <= size) {
    const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(bytes + pos));
    const __m128i letter = _mm_sub_epi8(_mm_or_si128(block, case_bit), letter_a);
    const __m128i digit = _mm_sub_epi8(block, digit_0);
    const __m128i word =
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(_mm_min_epu8(letter, letters), letter),
                                  _mm_cmpeq_epi8(_mm_min_epu8(digit, digits), digit)),
                     _mm_cmpeq_epi8(block, underscore));
    const unsigned other = ~static_cast<unsigned>(_mm_movemask_epi8(word)) & 0xFFFF;
    if (other != 0) return pos + static_cast<std::size_t>(__builtin_ctz(other));
    pos += 16;
  }
#endif
  while (pos < size && kAsciiWordByte[bytes[pos]]) ++pos;
  return pos;
}

// Decodes the code point containing byte `pos` and moves `pos` past it. Starting inside a
// code point is allowed (the scanner can fall back to the root mid-character).
char32_t decode_code_point(std::string_view text, std::size_t& pos) {
  std::size_t start = pos;
  while (start > 0 && pos - start < 3 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) {
    --start;
  }
  const auto lead = static_cast<unsigned char>(text[start]);
  if (lead >= 0xC2 && lead <= 0xDF && start + 1 < text.size() && start + 1 >= pos) {
    const auto next = static_cast<unsigned char>(text[start + 1]);
    if ((next & 0xC0) == 0x80) {
      pos = start + 2;
      return (static_cast<char32_t>(lead & 0x1F) << 6) | (next & 0x3F);
    }
  }
  const std::size_t original = pos;
  const char32_t cp = core::next_code_point(text, start);
  pos = std::max(start, original + 1);  // always progress, even on invalid input
  return cp;
}

bool word_char_at(std::string_view text, std::size_t pos) {
  if (pos >= text.size()) return false;
  return is_word_char(core::next_code_point(text, pos));
}

// Plain trie built from sorted keys; only used during compile().
struct TrieNode {
  std::uint32_t first_child = 0;  // 0 = none (the root is never a child)
  std::uint32_t last_child = 0;
  std::uint32_t next_sibling = 0;
  std::uint8_t label = 0;    // byte class of the edge into this node
  std::uint8_t pending = 0;  // continuation bytes still missing from the last code point
  char32_t code_point = 0;   // the last code point, complete when pending == 0
  std::int32_t output = -1;

  // A match may start right after this node's string: it ends on a code point boundary and
  // its last code point is not a word character.
  bool boundary_after() const { return pending == 0 && !is_word_char(code_point); }
};

// Free cells of the double array as a doubly-linked list in index order, so placing a node
// visits only free cells instead of probing every base.
class FreeList {
 public:
  explicit FreeList(std::vector<std::int32_t>& checks) : checks_(checks) {}

  std::int32_t head() const { return head_; }
  std::int32_t next(std::int32_t cell) const { return next_[cell]; }
  std::size_t size() const { return checks_.size(); }

  void grow(std::size_t new_size) {
    const std::size_t old_size = checks_.size();
    if (new_size <= old_size) return;
    checks_.resize(new_size, -1);
    next_.resize(new_size, -1);
    prev_.resize(new_size, -1);
    for (std::size_t cell = old_size; cell < new_size; ++cell) {
      const auto index = static_cast<std::int32_t>(cell);
      prev_[cell] = tail_;
      if (tail_ >= 0)
        next_[tail_] = index;
      else
        head_ = index;
      tail_ = index;
    }
  }

  void take(std::int32_t cell, std::int32_t parent) {
    checks_[cell] = parent;
    const std::int32_t before = prev_[cell];
    const std::int32_t after = next_[cell];
    if (before >= 0)
      next_[before] = after;
    else
      head_ = after;
    if (after >= 0)
      prev_[after] = before;
    else
      tail_ = before;
  }

  bool is_free(std::int32_t cell) const { return checks_[cell] == -1; }

 private:
  std::vector<std::int32_t>& checks_;
  std::vector<std::int32_t> next_;
  std::vector<std::int32_t> prev_;
  std::int32_t head_ = -1;
  std::int32_t tail_ = -1;
};

// First base at which every label of `labels` (ascending) lands on a free cell.
std::int32_t find_base(FreeList& free_list, const std::vector<std::uint8_t>& labels) {
  const std::int32_t first = labels.front();
  const std::int32_t last = labels.back();
  std::int32_t cell = free_list.head();
  for (;;) {
    if (cell < 0) {
      const std::size_t old_size = free_list.size();
      free_list.grow(old_size + std::max<std::size_t>(old_size / 4, 512));
      cell = static_cast<std::int32_t>(old_size);
    }
    const std::int32_t base = cell - first;
    if (base >= 0) {
      if (static_cast<std::size_t>(base + last) >= free_list.size()) {
        free_list.grow(static_cast<std::size_t>(base + last) + 1);
      }
      bool fits = true;
      for (std::size_t k = 1; k < labels.size() && fits; ++k)
        fits = free_list.is_free(base + labels[k]);
      if (fits) return base;
    }
    cell = free_list.next(cell);
  }
}

}  // namespace

TermMatcher TermMatcher::compile(const std::vector<TermSpec>& terms) {
  std::vector<CompiledTerm> compiled;
  compiled.reserve(terms.size());
  NormalizedText scratch;
  for (std::size_t index = 0; index < terms.size(); ++index) {
    compiled.push_back(compile_term(index, terms[index], scratch));
  }
  std::stable_sort(compiled.begin(), compiled.end(),
                   [](const CompiledTerm& a, const CompiledTerm& b) { return a.key < b.key; });

  TermMatcher matcher;
  matcher.term_count_ = terms.size();

  // Byte classes in byte order shrink the double array to the bytes terms actually use.
  bool used[256] = {};
  for (const CompiledTerm& term : compiled) {
    for (char byte : term.key) used[static_cast<unsigned char>(byte)] = true;
  }
  int class_count = 0;
  for (int byte = 0; byte < 256; ++byte) {
    if (used[byte]) matcher.byte_class_[byte] = static_cast<std::uint8_t>(++class_count);
  }

  // Trie from sorted keys: a new key shares its longest common prefix with the previous one,
  // and new children always come after existing siblings, so no searching is needed.
  std::vector<TrieNode> nodes(1);
  std::vector<std::uint32_t> path{0};
  std::string_view previous;
  for (const CompiledTerm& term : compiled) {
    const std::string_view key = term.key;
    std::size_t common = 0;
    while (common < key.size() && common < previous.size() && key[common] == previous[common]) {
      ++common;
    }
    path.resize(common + 1);
    for (std::size_t depth = common; depth < key.size(); ++depth) {
      const auto child = static_cast<std::uint32_t>(nodes.size());
      const auto byte = static_cast<unsigned char>(key[depth]);
      const TrieNode& parent_node = nodes[path.back()];
      TrieNode node;
      node.label = matcher.byte_class_[byte];
      if ((byte & 0xC0) == 0x80 && parent_node.pending > 0) {
        node.code_point = (parent_node.code_point << 6) | (byte & 0x3F);
        node.pending = static_cast<std::uint8_t>(parent_node.pending - 1);
      } else {
        node.pending = byte >= 0xF0 ? 3 : byte >= 0xE0 ? 2 : byte >= 0xC0 ? 1 : 0;
        node.code_point = byte >= 0xF0   ? byte & 0x07
                          : byte >= 0xE0 ? byte & 0x0F
                          : byte >= 0xC0 ? byte & 0x1F
                                         : byte;
      }
      nodes.push_back(node);
      TrieNode& parent = nodes[path.back()];
      if (parent.last_child != 0)
        nodes[parent.last_child].next_sibling = child;
      else
        parent.first_child = child;
      parent.last_child = child;
      path.push_back(child);
    }
    TrieNode& end_node = nodes[path.back()];
    if (end_node.output < 0) {
      end_node.output = static_cast<std::int32_t>(matcher.outputs_.size());
      Output output;
      output.length = static_cast<std::uint32_t>(key.size());
      output.first_entry = static_cast<std::uint32_t>(matcher.entries_.size());
      matcher.outputs_.push_back(output);
    }
    matcher.entries_.push_back(Entry{term.id, term.prefix});
    matcher.outputs_[end_node.output].end_entry =
        static_cast<std::uint32_t>(matcher.entries_.size());
    previous = key;
  }
  matcher.state_count_ = nodes.size();

  // Double-array placement in breadth-first order (which the failure links need anyway).
  std::vector<std::int32_t> checks;
  std::vector<std::int32_t> bases;
  FreeList free_list(checks);
  free_list.grow(std::max<std::size_t>(nodes.size() + nodes.size() / 8, 1024));
  free_list.take(0, -2);  // the root's cell; -2 is no parent and never a state
  std::vector<std::int32_t> cell_of(nodes.size(), 0);
  std::vector<std::uint32_t> order{0};
  order.reserve(nodes.size());
  bases.assign(checks.size(), 0);
  std::vector<std::uint8_t> labels;
  for (std::size_t next = 0; next < order.size(); ++next) {
    const std::uint32_t node = order[next];
    if (nodes[node].first_child == 0) continue;
    labels.clear();
    for (std::uint32_t child = nodes[node].first_child; child != 0;
         child = nodes[child].next_sibling) {
      labels.push_back(nodes[child].label);
    }
    const std::int32_t base = find_base(free_list, labels);
    if (bases.size() < checks.size()) bases.resize(checks.size(), 0);
    bases[cell_of[node]] = base;
    for (std::uint32_t child = nodes[node].first_child; child != 0;
         child = nodes[child].next_sibling) {
      const std::int32_t cell = base + nodes[child].label;
      free_list.take(cell, cell_of[node]);
      cell_of[child] = cell;
      order.push_back(child);
    }
  }

  // Pad so that base + any class stays inside the array: the scan needs no bounds checks.
  std::int32_t max_base = 0;
  for (std::int32_t base : bases) max_base = std::max(max_base, base);
  const std::size_t cell_count =
      std::max(checks.size(),
               static_cast<std::size_t>(max_base) + static_cast<std::size_t>(class_count) + 1);
  matcher.cells_.resize(cell_count);
  for (std::size_t cell = 0; cell < checks.size(); ++cell) {
    matcher.cells_[cell].check = checks[cell] == -2 ? -1 : checks[cell];
    matcher.cells_[cell].base = cell < bases.size() ? bases[cell] : 0;
  }
  std::vector<std::int32_t>().swap(checks);
  Cell* cells = matcher.cells_.data();

  // Failure links restricted to suffixes that start at a word boundary: a match may only
  // start there, so the automaton never follows a suffix that starts inside a word. The
  // chain from any state then lists exactly the terms that end here and start validly.
  // Each fail field also carries, in bit 0, whether a match may start right after the
  // state (the scanner needs it when it falls back to the root).
  std::vector<std::int32_t> fail_of(cell_count, 0);
  for (const std::uint32_t node : order) {
    const std::int32_t cell = cell_of[node];
    const bool boundary_after = node != 0 && nodes[node].boundary_after();
    for (std::uint32_t child = nodes[node].first_child; child != 0;
         child = nodes[child].next_sibling) {
      const std::int32_t child_cell = cell_of[child];
      const std::uint8_t label = nodes[child].label;
      std::int32_t fail = 0;
      if (node != 0) {
        for (std::int32_t state = fail_of[cell];; state = fail_of[state]) {
          if (state == 0 && !boundary_after) break;
          const std::int32_t target = cells[state].base + label;
          if (cells[target].check == state) {
            fail = target;
            break;
          }
          if (state == 0) break;
        }
      }
      fail_of[child_cell] = fail;
      cells[child_cell].fail = fail * 2 + (nodes[child].boundary_after() ? 1 : 0);
      const std::int32_t own = nodes[child].output;
      if (own >= 0) {
        matcher.outputs_[own].next = cells[fail].output;
        cells[child_cell].output = own;
      } else {
        cells[child_cell].output = cells[fail].output;
      }
    }
  }

  for (char32_t cp = 0; cp < 0x800; ++cp) {
    if (is_word_char(cp)) matcher.word_bits_[cp >> 6] |= 1ULL << (cp & 63);
  }
  for (int byte = 0; byte < 256; ++byte) {
    const std::uint8_t label = matcher.byte_class_[byte];
    const std::int32_t target = cells[0].base + label;
    matcher.root_next_[byte] = label != 0 && cells[target].check == 0 ? target : 0;
  }
  matcher.start_pairs_.assign(65536 / 64, 0);
  const auto allow_pair = [&](unsigned first, unsigned second) {
    const unsigned pair = first | (second << 8);
    matcher.start_pairs_[pair >> 6] |= 1ULL << (pair & 63);
  };
  // About 64 bits per distinct long term keeps false positives near 1.5%.
  std::size_t quad_bits = std::size_t{1} << 12;
  int quad_log = 12;
  while (quad_bits < compiled.size() * 64 && quad_log < 21) quad_bits <<= 1, ++quad_log;
  matcher.start_quads_.assign(quad_bits / 64, 0);
  matcher.quad_shift_ = static_cast<std::uint32_t>(32 - quad_log);
  for (const CompiledTerm& term : compiled) {
    const auto first = static_cast<unsigned char>(term.key[0]);
    if (term.key.size() >= 4) {
      const std::uint32_t hash = quad_hash(term.key.data(), matcher.quad_shift_);
      matcher.start_quads_[hash >> 6] |= 1ULL << (hash & 63);
    } else if (term.key.size() == 1) {
      for (unsigned second = 0; second < 256; ++second) allow_pair(first, second);
    } else {
      allow_pair(first, static_cast<unsigned char>(term.key[1]));
    }
  }
  return matcher;
}

inline bool TermMatcher::is_word(char32_t cp) const {
  if (cp < 0x80) return kAsciiWordByte[cp];
  if (cp < 0x800) return (word_bits_[cp >> 6] >> (cp & 63)) & 1;
  if (cp >= 0xAC00 && cp <= 0xD7A3) return true;
  return is_word_char(cp);
}

[[gnu::always_inline]] inline std::size_t TermMatcher::skip_word(std::string_view text,
                                                                 std::size_t pos) const {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t size = text.size();
  while (pos < size) {
    const unsigned char lead = bytes[pos];
    if (lead < 0x80) {
      if (!kAsciiWordByte[lead]) return pos;
      pos = skip_ascii_word(bytes, pos + 1, size);
    } else if (lead >= 0xC2 && lead <= 0xDF && pos + 1 < size &&
               (bytes[pos + 1] & 0xC0) == 0x80) {  // Cyrillic and other two-byte letters
      const char32_t cp = (static_cast<char32_t>(lead & 0x1F) << 6) | (bytes[pos + 1] & 0x3F);
      if (!((word_bits_[cp >> 6] >> (cp & 63)) & 1)) return pos;
      pos += 2;
    } else {
      std::size_t next = pos;
      if (!is_word(decode_code_point(text, next))) return pos;
      pos = next;
    }
  }
  return pos;
}

void TermMatcher::find_all(const NormalizedText& text, std::vector<TermHit>& hits) const {
  find_all(text.text(), hits);
}

void TermMatcher::find_all(std::string_view text, std::vector<TermHit>& hits) const {
  if (cells_.empty()) return;
  const Cell* cells = cells_.data();
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t size = text.size();
  std::size_t i = 0;
  bool boundary = true;  // the code point before i is not a word character
  while (i < size) {
    if (boundary) {
      bool candidate;
      if (i + 4 <= size) {
        const std::uint32_t hash = quad_hash(text.data() + i, quad_shift_);
        const unsigned pair = bytes[i] | (bytes[i + 1] << 8);
        candidate = ((start_quads_[hash >> 6] >> (hash & 63)) & 1) |
                    ((start_pairs_[pair >> 6] >> (pair & 63)) & 1);
      } else {
        candidate = true;  // the last bytes of the text: let the automaton decide
      }
      std::int32_t state = candidate ? root_next_[bytes[i]] : 0;
      if (state != 0) {
        ++i;
        if (cells[state].output >= 0) report(text, cells[state].output, i, hits);
        // Walk until the automaton falls back to the root, which then retries byte i.
        for (;;) {
          if (i >= size) return;
          const std::uint8_t label = byte_class_[bytes[i]];
          const std::int32_t target = cells[state].base + label;
          if (cells[target].check == state) {  // never true for label 0
            state = target;
            ++i;
            if (cells[state].output >= 0) report(text, cells[state].output, i, hits);
            continue;
          }
          const std::int32_t fail = cells[state].fail;
          if (label == 0) {  // no term contains this byte: skip the failure chain
            boundary = fail & 1;
            break;
          }
          state = fail >> 1;
          if (state == 0) {
            boundary = fail & 1;
            break;
          }
        }
        continue;
      }
    }
    // No term starts at i: step over this code point, or over the word it begins and the
    // non-word character after that word (no term can start there either).
    const unsigned char byte = bytes[i];
    std::size_t next = i;
    const char32_t cp = byte < 0x80 ? bytes[next++] : decode_code_point(text, next);
    boundary = true;
    if (!is_word(cp)) {
      i = next;
      continue;
    }
    next = skip_word(text, next);
    if (next < size) {
      if (bytes[next] < 0x80) {
        ++next;
      } else {
        decode_code_point(text, next);
      }
    }
    i = next;
  }
}

void TermMatcher::report(std::string_view text, std::int32_t output, std::size_t end,
                         std::vector<TermHit>& hits) const {
  int word_follows = -1;  // computed once per end position, only if a whole-word term needs it
  for (; output >= 0; output = outputs_[output].next) {
    const Output& out = outputs_[output];
    const std::size_t begin = end - out.length;
    for (std::uint32_t k = out.first_entry; k < out.end_entry; ++k) {
      const Entry& entry = entries_[k];
      if (!entry.prefix) {
        if (word_follows < 0) word_follows = word_char_at(text, end) ? 1 : 0;
        if (word_follows == 1) continue;
      }
      hits.push_back(TermHit{entry.id, begin, end});
    }
  }
}

std::size_t TermMatcher::memory_bytes() const {
  return sizeof(*this) +
         (start_pairs_.capacity() + start_quads_.capacity()) * sizeof(std::uint64_t) +
         cells_.capacity() * sizeof(Cell) + outputs_.capacity() * sizeof(Output) +
         entries_.capacity() * sizeof(Entry);
}

}  // namespace feedsentry::classify
