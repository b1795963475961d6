#include "classify/classifier.h"

#include <algorithm>
#include <map>
#include <stdexcept>

#include "classify/compiled_rules.h"
#include "classify/evaluation.h"

namespace feedsentry::classify {
namespace {

class NodeBuilder {
 public:
  NodeBuilder(Classifier::Compiled& compiled, const std::map<std::string, std::uint32_t>& index)
      : compiled_(compiled), lexicon_index_(index) {}

  std::uint32_t add(const Expr& expr) {
    Node node;
    node.kind = expr.kind;
    node.label = expr.label;
    node.within = expr.within;
    node.ordered = expr.ordered;
    node.count = expr.count;
    if (expr.kind == Expr::Kind::kLexicon) node.lexicon = lexicon_index_.at(expr.lexicon);
    if (expr.kind == Expr::Kind::kScope) {
      node.scope = expr.scope == FieldScope::kTitle  ? kTitleOnly
                   : expr.scope == FieldScope::kBody ? kBodyOnly
                                                     : kAllFields;
    }
    if (expr.kind == Expr::Kind::kNear) {
      for (const Expr& operand : expr.children) {
        collect_lexicons(operand, node.lexicons);
        node.split.push_back(static_cast<std::uint32_t>(node.lexicons.size()));
      }
    }
    for (const Expr& child : expr.children) node.children.push_back(add(child));
    compiled_.nodes.push_back(std::move(node));
    return static_cast<std::uint32_t>(compiled_.nodes.size() - 1);
  }

 private:
  void collect_lexicons(const Expr& expr, std::vector<std::uint32_t>& out) const {
    if (expr.kind == Expr::Kind::kLexicon) out.push_back(lexicon_index_.at(expr.lexicon));
    for (const Expr& child : expr.children) collect_lexicons(child, out);
  }

  Classifier::Compiled& compiled_;
  const std::map<std::string, std::uint32_t>& lexicon_index_;
};

void check_term_normalizes(const std::string& term, const SourceLocation& where,
                           NormalizedText& scratch) {
  normalize(term, scratch);
  const std::string_view text = scratch.text();
  const bool has_content =
      std::any_of(text.begin(), text.end(), [](char c) { return c != ' ' && c != '*'; });
  if (!has_content) throw RuleError(where, "term '" + term + "' is empty after normalization");
}

void scan_fields(const Classifier::Compiled& compiled, const ItemText& item,
                 Workspace::State& state) {
  for (const std::uint32_t lexicon : state.touched) {
    state.lexicon_hits[lexicon].clear();
    state.lexicon_fields[lexicon] = 0;
  }
  state.touched.clear();
  state.word_starts_ready.fill(false);
  if (state.lexicon_hits.size() < compiled.lexicon_names.size()) {
    state.lexicon_hits.resize(compiled.lexicon_names.size());
    state.lexicon_fields.resize(compiled.lexicon_names.size(), 0);
  }
  for (std::size_t f = 0; f < kFieldCount; ++f) {
    const Field field = static_cast<Field>(f);
    NormalizedText& text = state.text[f];
    normalize(item.field(field), text);
    state.raw_hits.clear();
    compiled.matcher.find_all(text, state.raw_hits);
    for (const TermHit& hit : state.raw_hits) {
      if (const std::string& exact = compiled.exact_case[hit.id]; !exact.empty()) {
        const OriginalSpan span = text.original_span(hit.begin, hit.end);
        const std::string_view original = item.field(field);
        if (original.substr(span.begin, span.end - span.begin) != exact) continue;
      }
      const std::uint32_t lexicon = compiled.term_lexicon[hit.id];
      if (state.lexicon_fields[lexicon] == 0) state.touched.push_back(lexicon);
      state.lexicon_fields[lexicon] |= static_cast<FieldMask>(1u << f);
      state.lexicon_hits[lexicon].push_back({hit.id, field, static_cast<std::uint32_t>(hit.begin),
                                             static_cast<std::uint32_t>(hit.end)});
    }
  }
}

}  // namespace

std::string_view field_name(Field field) {
  switch (field) {
    case Field::kTitle:
      return "title";
    case Field::kSummary:
      return "summary";
    case Field::kContent:
      return "content";
  }
  return "?";
}

std::string_view ItemText::field(Field which) const {
  switch (which) {
    case Field::kTitle:
      return title;
    case Field::kSummary:
      return summary;
    case Field::kContent:
      return content;
  }
  return {};
}

Classifier::Classifier() : compiled_(std::make_unique<Compiled>()) {}
Classifier::Classifier(std::unique_ptr<Compiled> compiled) : compiled_(std::move(compiled)) {}
Classifier::~Classifier() = default;
Classifier::Classifier(Classifier&&) noexcept = default;
Classifier& Classifier::operator=(Classifier&&) noexcept = default;

Workspace::Workspace() : state_(std::make_unique<State>()) {}
Workspace::~Workspace() = default;

Classifier Classifier::compile(const RuleSet& rules) {
  auto compiled = std::make_unique<Compiled>();
  compiled->field_weight = {1.0, rules.body_weight, rules.body_weight};
  std::map<std::string, std::uint32_t> lexicon_index;
  std::vector<TermSpec> terms;
  NormalizedText scratch;
  for (const auto& [name, lexicon] : rules.lexicons) {
    const auto index = static_cast<std::uint32_t>(compiled->lexicon_names.size());
    lexicon_index.emplace(name, index);
    compiled->lexicon_names.push_back(name);
    for (std::size_t t = 0; t < lexicon.terms.size(); ++t) {
      const SourceLocation& where =
          t < lexicon.term_locations.size() ? lexicon.term_locations[t] : lexicon.where;
      const std::string& written = lexicon.terms[t];
      // "=US": matched like any term, then kept only where the text has exactly "US".
      const bool exact = written.starts_with('=');
      const std::string term = exact ? written.substr(1) : written;
      check_term_normalizes(term, where, scratch);
      const auto id = static_cast<std::uint32_t>(terms.size());
      terms.push_back({term, id});
      compiled->exact_case.push_back(exact ? term : std::string());
      compiled->term_lexicon.push_back(index);
      compiled->term_text.push_back(lexicon.terms[t]);
    }
  }
  try {
    compiled->matcher = TermMatcher::compile(terms);
  } catch (const std::invalid_argument& error) {
    throw RuleError({}, error.what());
  }
  NodeBuilder builder(*compiled, lexicon_index);
  for (const Topic& topic : rules.topics) {
    compiled->topics.push_back({topic.id, topic.title, topic.threshold, builder.add(topic.match)});
  }
  for (const auto& [code, clause] : rules.countries) {
    compiled->countries.emplace_back(code, builder.add(clause));
  }
  return Classifier(std::move(compiled));
}

Classification Classifier::classify(const ItemText& item, Workspace& workspace) const {
  Workspace::State& state = workspace.state();
  scan_fields(*compiled_, item, state);
  Classification result;
  if (state.touched.empty()) return result;  // the common case: no term of any rule
  Evaluation evaluation(*compiled_, item, state);
  for (const CompiledTopic& topic : compiled_->topics) {
    const double score = evaluation.value(topic.root, kAllFields);
    if (score >= topic.threshold) result.topics.push_back(evaluation.explain(topic, score));
  }
  if (result.matched()) result.countries = evaluation.countries();
  return result;
}

Classification Classifier::explain_all(const ItemText& item, Workspace& workspace,
                                       std::vector<TopicScore>& scores) const {
  Workspace::State& state = workspace.state();
  scan_fields(*compiled_, item, state);
  Evaluation evaluation(*compiled_, item, state);
  Classification result;
  scores.clear();
  bool any_matched = false;
  for (const CompiledTopic& topic : compiled_->topics) {
    const double score = state.touched.empty() ? 0.0 : evaluation.value(topic.root, kAllFields);
    const bool matched = score >= topic.threshold;
    any_matched = any_matched || matched;
    scores.push_back({topic.id, score, matched});
    if (score > 0) result.topics.push_back(evaluation.explain(topic, score));
  }
  if (any_matched) result.countries = evaluation.countries();
  return result;
}

std::size_t Classifier::term_count() const {
  return compiled_->term_text.size();
}
std::size_t Classifier::topic_count() const {
  return compiled_->topics.size();
}

std::vector<std::string> Classifier::topic_ids() const {
  std::vector<std::string> ids;
  for (const CompiledTopic& topic : compiled_->topics) ids.push_back(topic.id);
  return ids;
}

}  // namespace feedsentry::classify
