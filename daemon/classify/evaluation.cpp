#include "classify/evaluation.h"

#include <algorithm>
#include <functional>

#include "core/utf8.h"

namespace feedsentry::classify {
namespace {

bool in_mask(Field field, FieldMask mask) {
  return (mask >> static_cast<unsigned>(field)) & 1u;
}

}  // namespace

double Evaluation::best_weight(FieldMask hit_fields) const {
  double best = 0;
  for (std::size_t f = 0; f < kFieldCount; ++f) {
    if ((hit_fields >> f) & 1u) best = std::max(best, compiled_.field_weight[f]);
  }
  return best;
}

double Evaluation::value(std::uint32_t index, FieldMask fields) {
  const Node& node = compiled_.nodes[index];
  switch (node.kind) {
    case Expr::Kind::kLexicon:
      return best_weight(state_.lexicon_fields[node.lexicon] & fields);
    case Expr::Kind::kAll: {
      double weakest = 1.0;
      for (const std::uint32_t child : node.children) {
        weakest = std::min(weakest, value(child, fields));
        if (weakest == 0) break;
      }
      return weakest;
    }
    case Expr::Kind::kAny: {
      double strongest = 0;
      int holding = 0;
      for (const std::uint32_t child : node.children) {
        const double child_value = value(child, fields);
        if (child_value > 0) ++holding;
        strongest = std::max(strongest, child_value);
      }
      if (holding == 0) return 0;
      return std::min(1.0, strongest + kCorroborationBonus * (holding - 1));
    }
    case Expr::Kind::kNot:
      return value(node.children.front(), fields) > 0 ? 0.0 : 1.0;
    case Expr::Kind::kScope:
      return value(node.children.front(), static_cast<FieldMask>(fields & node.scope));
    case Expr::Kind::kNear:
      return near_value(node, fields, nullptr, nullptr);
    case Expr::Kind::kAtLeast: {
      std::vector<double> values;
      for (const std::uint32_t child : node.children) values.push_back(value(child, fields));
      std::sort(values.begin(), values.end(), std::greater<>());
      return values[static_cast<std::size_t>(node.count) - 1];
    }
  }
  return 0;
}

std::uint32_t word_index(Workspace::State& state, Field field, std::uint32_t offset) {
  const auto f = static_cast<std::size_t>(field);
  std::vector<std::uint32_t>& starts = state.word_starts[f];
  if (!state.word_starts_ready[f]) {
    starts.clear();
    const std::string_view text = state.text[f].text();
    bool in_word = false;
    for (std::size_t pos = 0; pos < text.size();) {
      const std::size_t start = pos;
      const bool word = is_word_char(core::next_code_point(text, pos));
      if (word && !in_word) starts.push_back(static_cast<std::uint32_t>(start));
      in_word = word;
    }
    state.word_starts_ready[f] = true;
  }
  const auto after = std::upper_bound(starts.begin(), starts.end(), offset);
  return static_cast<std::uint32_t>(after - starts.begin());
}

std::uint32_t Evaluation::word_index(Field field, std::uint32_t offset) {
  return classify::word_index(state_, field, offset);
}

// Sorts both operands' hits by word position and, for each hit of the first, looks up the
// closest qualifying hit of the second: O(n log n), so a text with thousands of hits cannot
// make evaluation quadratic.
double Evaluation::near_value(const Node& node, FieldMask fields, HitRef* best_a, HitRef* best_b) {
  const auto gather = [&](std::size_t operand, Field field, std::vector<Positioned>& out) {
    out.clear();
    const std::size_t begin = operand == 0 ? 0 : node.split[0];
    for (std::size_t i = begin; i < node.split[operand]; ++i) {
      const std::uint32_t lexicon = node.lexicons[i];
      if (!in_mask(field, state_.lexicon_fields[lexicon])) continue;
      for (const HitRef& hit : state_.lexicon_hits[lexicon]) {
        if (hit.field == field) out.push_back({word_index(field, hit.begin), hit});
      }
    }
    std::sort(out.begin(), out.end(), [](const Positioned& x, const Positioned& y) {
      return x.word != y.word ? x.word < y.word : x.hit.begin < y.hit.begin;
    });
  };
  const auto within = static_cast<std::uint32_t>(node.within);
  double best = 0;
  std::uint32_t best_distance = UINT32_MAX;
  // Fields where each operand has at least one hit: only these can hold a pair, and
  // gathering positions (which splits the field into words) is skipped everywhere else.
  FieldMask operand_fields[2] = {0, 0};
  for (std::size_t operand = 0; operand < 2; ++operand) {
    const std::size_t begin = operand == 0 ? 0 : node.split[0];
    for (std::size_t i = begin; i < node.split[operand]; ++i) {
      operand_fields[operand] |= state_.lexicon_fields[node.lexicons[i]];
    }
  }
  const FieldMask both = static_cast<FieldMask>(operand_fields[0] & operand_fields[1] & fields);
  for (std::size_t f = 0; f < kFieldCount; ++f) {
    const auto field = static_cast<Field>(f);
    const double weight = compiled_.field_weight[f];
    if (!in_mask(field, both) || weight < best) continue;
    gather(0, field, state_.near_a);
    if (state_.near_a.empty()) continue;
    gather(1, field, state_.near_b);
    const std::vector<Positioned>& second = state_.near_b;
    for (const Positioned& a : state_.near_a) {
      const std::uint32_t low =
          node.ordered || a.word < within ? (node.ordered ? a.word : 0) : a.word - within;
      auto b =
          std::lower_bound(second.begin(), second.end(), low,
                           [](const Positioned& x, std::uint32_t word) { return x.word < word; });
      for (; b != second.end() && b->word <= a.word + within; ++b) {
        if (b->hit.begin == a.hit.begin && b->hit.end == a.hit.end) continue;  // the same hit
        if (node.ordered && b->hit.begin <= a.hit.begin) continue;
        const std::uint32_t distance = a.word > b->word ? a.word - b->word : b->word - a.word;
        if (weight > best || (weight == best && distance < best_distance)) {
          best = weight;
          best_distance = distance;
          if (best_a != nullptr) *best_a = a.hit;
          if (best_b != nullptr) *best_b = b->hit;
        }
        if (best_distance == 0 && best_a == nullptr) return best;
      }
    }
  }
  return best;
}

void Evaluation::add_evidence(const HitRef& hit, TopicMatch& out) {
  const auto f = static_cast<std::size_t>(hit.field);
  // A prefix term ("sanction*", "북한") shows the whole word it matched ("sanctions").
  const std::string_view normalized = state_.text[f].text();
  std::size_t end = hit.end;
  while (end < normalized.size()) {
    std::size_t next = end;
    if (!is_word_char(core::next_code_point(normalized, next))) break;
    end = next;
  }
  const OriginalSpan span = state_.text[f].original_span(hit.begin, end);
  const std::string& lexicon = compiled_.lexicon_names[compiled_.term_lexicon[hit.term]];
  for (const Evidence& existing : out.hits) {
    if (existing.field == hit.field && existing.begin == span.begin && existing.end == span.end &&
        existing.lexicon == lexicon) {
      return;
    }
  }
  out.hits.push_back({lexicon, compiled_.term_text[hit.term], hit.field, span.begin, span.end});
}

void Evaluation::collect(std::uint32_t index, FieldMask fields, const std::string& prefix,
                         TopicMatch& out) {
  const Node& node = compiled_.nodes[index];
  const auto add_clause = [&](const std::string& clause) {
    const std::string full = prefix + clause;
    if (std::find(out.clauses.begin(), out.clauses.end(), full) == out.clauses.end()) {
      out.clauses.push_back(full);
    }
  };
  switch (node.kind) {
    case Expr::Kind::kLexicon: {
      if ((state_.lexicon_fields[node.lexicon] & fields) == 0) return;
      add_clause(node.label);
      std::size_t added = 0;
      for (const HitRef& hit : state_.lexicon_hits[node.lexicon]) {
        if (!in_mask(hit.field, fields)) continue;
        if (added++ == kMaxEvidencePerLexicon) break;
        add_evidence(hit, out);
      }
      return;
    }
    case Expr::Kind::kNear: {
      HitRef a, b;
      if (near_value(node, fields, &a, &b) == 0) return;
      add_clause(node.label);
      add_evidence(a, out);
      add_evidence(b, out);
      return;
    }
    case Expr::Kind::kNot:
      if (value(node.children.front(), fields) > 0) {
        collect(node.children.front(), fields, prefix + "vetoed by ", out);
      }
      return;
    case Expr::Kind::kScope: {
      const std::string scope = node.scope == kTitleOnly ? "title:" : "body:";
      collect(node.children.front(), static_cast<FieldMask>(fields & node.scope), prefix + scope,
              out);
      return;
    }
    case Expr::Kind::kAll:
    case Expr::Kind::kAny:
    case Expr::Kind::kAtLeast:
      // A matched topic shows only the branches that held; a near miss shows everything
      // that hit, so its reader sees what was missing.
      if (!explaining_miss_ && value(index, fields) == 0) return;
      for (const std::uint32_t child : node.children) collect(child, fields, prefix, out);
      return;
  }
}

TopicMatch Evaluation::explain(const CompiledTopic& topic, double score) {
  TopicMatch match;
  match.id = topic.id;
  match.title = topic.title;
  match.score = score;
  explaining_miss_ = score < topic.threshold;
  collect(topic.root, kAllFields, "", match);
  std::stable_sort(match.hits.begin(), match.hits.end(), [](const Evidence& a, const Evidence& b) {
    return a.field != b.field ? a.field < b.field : a.begin < b.begin;
  });
  return match;
}

std::vector<Attribute> Evaluation::attributes() {
  std::vector<Attribute> found;
  for (const Classifier::Compiled::CompiledAttribute& attribute : compiled_.attributes) {
    if (value(attribute.node, kAllFields) > 0) found.push_back({attribute.kind, attribute.value});
  }
  return found;
}

std::vector<std::string> Evaluation::countries() {
  std::vector<std::string> codes;
  for (const auto& [code, node] : compiled_.countries) {
    if (value(node, kAllFields) > 0) codes.push_back(code);
  }
  return codes;
}

}  // namespace feedsentry::classify
