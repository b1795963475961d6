#pragma once
// Internal to classify/: evaluates compiled topic expressions over one item's hits.
//
// Scoring, in [0, 1]: a lexicon clause scores the weight of the best field it hit (title 1.0,
// summary/content `body_weight`); all = the weakest child; any = the strongest child plus a
// small bonus for each other child that also holds (corroboration); not = 1 when the child
// scores 0, else 0; near = the weight of the best field where both operands hit within N
// words (before = the same, with the first operand's hit first); at_least N = the N-th strongest
// child; title:/body: restrict the fields looked at.
#include <cstdint>
#include <string>
#include <vector>

#include "classify/compiled_rules.h"

namespace feedsentry::classify {

inline constexpr double kCorroborationBonus = 0.05;
inline constexpr std::size_t kMaxEvidencePerLexicon = 6;

class Evaluation {
 public:
  Evaluation(const Classifier::Compiled& compiled, const ItemText& item, Workspace::State& state)
      : compiled_(compiled), item_(item), state_(state) {}

  double value(std::uint32_t node, FieldMask fields);

  // Evidence and fired clauses of one topic. Clauses under a not: that held are reported as
  // "vetoed by ...", so a near miss shows what stopped it.
  TopicMatch explain(const CompiledTopic& topic, double score);

  std::vector<std::string> countries();
  // The `attributes:` values whose clause holds.
  std::vector<Attribute> attributes();

 private:
  double near_value(const Node& node, FieldMask fields, HitRef* best_a, HitRef* best_b);
  std::uint32_t word_index(Field field, std::uint32_t offset);
  void collect(std::uint32_t node, FieldMask fields, const std::string& prefix, TopicMatch& out);
  void add_evidence(const HitRef& hit, TopicMatch& out);
  double best_weight(FieldMask hit_fields) const;

  const Classifier::Compiled& compiled_;
  const ItemText& item_;
  Workspace::State& state_;
  bool explaining_miss_ = false;
};

}  // namespace feedsentry::classify
