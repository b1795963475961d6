#pragma once
// Internal to classify/: the flattened form of a RuleSet that Classifier evaluates, and the
// per-thread scratch state. Not part of the module's public interface.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "classify/classifier.h"
#include "classify/term_matcher.h"
#include "classify/text_normalizer.h"

namespace feedsentry::classify {

using FieldMask = std::uint8_t;
inline constexpr FieldMask kAllFields = 0b111;
inline constexpr FieldMask kTitleOnly = 0b001;
inline constexpr FieldMask kBodyOnly = 0b110;

struct Node {
  Expr::Kind kind = Expr::Kind::kAny;
  std::uint32_t lexicon = 0;  // kLexicon
  std::vector<std::uint32_t> children;
  std::vector<std::uint32_t> lexicons;  // kNear: every lexicon under each operand, per child
  std::vector<std::uint32_t> split;     // kNear: lexicons[0, split[0]) belong to operand 0
  int within = 0;
  bool ordered = false;
  int count = 0;
  FieldMask scope = kAllFields;
  std::string label;
};

struct CompiledTopic {
  std::string id;
  std::string title;
  double threshold = 0.5;
  std::uint32_t root = 0;
};

// A matcher term beyond the rule terms: a watch-list name pattern or a cue word.
struct WatchTerm {
  bool cue = false;
  std::uint32_t index = 0;  // into WatchlistTerms::patterns, or the cue set
};

struct Classifier::Compiled {
  TermMatcher matcher;
  // Terms of the lexicons only `attributes:` refers to, scanned only in items that matched a
  // topic: common words ("after", "oil", "US") must not slow every item down.
  TermMatcher attribute_matcher;
  bool has_attribute_terms = false;
  // Term ids [0, rule_terms) are rule terms; the rest are watch_terms[id - rule_terms].
  std::uint32_t rule_terms = 0;
  std::vector<WatchTerm> watch_terms;
  bool has_watchlist = false;
  WatchlistTerms watchlist;
  std::vector<std::uint32_t> term_lexicon;  // term id -> lexicon index
  std::vector<std::string> term_text;       // term id -> term as written
  // term id -> the exact bytes a case-sensitive term ("=US") must match, else empty
  std::vector<std::string> exact_case;
  std::vector<std::string> lexicon_names;
  std::vector<Node> nodes;
  std::vector<CompiledTopic> topics;
  std::vector<std::pair<std::string, std::uint32_t>> countries;  // code -> node
  struct CompiledAttribute {
    std::string kind;
    std::string value;
    std::uint32_t node = 0;
  };
  std::vector<CompiledAttribute> attributes;
  std::array<double, kFieldCount> field_weight{1.0, 0.8, 0.8};
};

// One hit in normalized text of one field.
struct HitRef {
  std::uint32_t term = 0;
  Field field = Field::kTitle;
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
};

// A hit with the index of the word it starts in; near: and before: compare these.
struct Positioned {
  std::uint32_t word = 0;
  HitRef hit;
};

struct Workspace::State {
  std::array<NormalizedText, kFieldCount> text;
  std::vector<TermHit> raw_hits;
  std::vector<std::vector<HitRef>> lexicon_hits;  // by lexicon index
  std::vector<FieldMask> lexicon_fields;          // by lexicon index: fields with a hit
  std::vector<std::uint32_t> touched;             // lexicons with hits for this item
  // Word start offsets per field, built only when a near: clause needs them.
  std::array<std::vector<std::uint32_t>, kFieldCount> word_starts;
  std::array<bool, kFieldCount> word_starts_ready{};
  std::vector<Positioned> near_a;  // scratch for near:/before: evaluation
  std::vector<Positioned> near_b;
  std::vector<HitRef> watch_hits;  // watch-list name hits (term = pattern index)
  std::vector<HitRef> cue_hits;    // cue word hits (term = cue set index)
};

// Index of the word that contains or follows byte `offset` of the normalized field text:
// word numbers for near:/before: and the watch list's cue window. Fills
// state.word_starts[field] on first use per item.
std::uint32_t word_index(Workspace::State& state, Field field, std::uint32_t offset);

}  // namespace feedsentry::classify
