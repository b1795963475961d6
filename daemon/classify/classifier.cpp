#include "classify/classifier.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>

#include "classify/compiled_rules.h"
#include "classify/evaluation.h"
#include "core/utf8.h"

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

void collect_lexicon_names(const Expr& expr, std::set<std::string>& out) {
  if (expr.kind == Expr::Kind::kLexicon) out.insert(expr.lexicon);
  for (const Expr& child : expr.children) collect_lexicon_names(child, out);
}

// Lexicons that only attributes: clauses use: their terms go into the attribute matcher.
std::set<std::string> attribute_only_lexicons(const RuleSet& rules) {
  std::set<std::string> by_attributes;
  for (const AttributeRule& attribute : rules.attributes) {
    collect_lexicon_names(attribute.clause, by_attributes);
  }
  std::set<std::string> elsewhere;
  for (const Topic& topic : rules.topics) collect_lexicon_names(topic.match, elsewhere);
  for (const auto& [code, clause] : rules.countries) collect_lexicon_names(clause, elsewhere);
  std::set<std::string> only;
  for (const std::string& name : by_attributes) {
    if (!elsewhere.contains(name)) only.insert(name);
  }
  return only;
}

void check_term_normalizes(const std::string& term, const SourceLocation& where,
                           NormalizedText& scratch) {
  normalize(term, scratch);
  const std::string_view text = scratch.text();
  const bool has_content =
      std::any_of(text.begin(), text.end(), [](char c) { return c != ' ' && c != '*'; });
  if (!has_content) throw RuleError(where, "term '" + term + "' is empty after normalization");
}

// A name pattern the matcher can take as a whole-word term: valid UTF-8, no '*', and
// something left after normalization. Builders check this too; a bad pattern is skipped
// rather than failing the rules.
bool usable_pattern(std::string_view text) {
  if (text.find('*') != std::string_view::npos || !core::is_valid_utf8(text)) return false;
  return std::any_of(text.begin(), text.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte >= 0x80 || (byte >= '0' && byte <= '9') ||
           ((byte | 0x20) >= 'a' && (byte | 0x20) <= 'z');
  });
}

// Watch-list terms take the ids after every rule term: id - rule_terms indexes watch_terms.
void add_watchlist_terms(const WatchlistTerms& watchlist, Classifier::Compiled& compiled,
                         std::vector<TermSpec>& terms) {
  const auto next_id = [&compiled] {
    return compiled.rule_terms + static_cast<std::uint32_t>(compiled.watch_terms.size());
  };
  for (std::size_t p = 0; p < watchlist.patterns.size(); ++p) {
    const WatchlistPattern& pattern = watchlist.patterns[p];
    if (!usable_pattern(pattern.text) || pattern.entity >= watchlist.entities.size()) continue;
    if (pattern.cue_set >= static_cast<std::int32_t>(watchlist.cue_sets.size())) continue;
    terms.push_back({pattern.text, next_id()});
    compiled.watch_terms.push_back({false, static_cast<std::uint32_t>(p)});
  }
  for (std::size_t c = 0; c < watchlist.cue_sets.size(); ++c) {
    for (const std::string& cue : watchlist.cue_sets[c].terms) {
      terms.push_back({cue, next_id()});
      compiled.watch_terms.push_back({true, static_cast<std::uint32_t>(c)});
    }
  }
}

// Watch-list hits that pass their cue guard, one per entity (its first in field and text
// order), as the watch-list topic; nullopt when none holds.
std::optional<TopicMatch> watchlist_topic(const Classifier::Compiled& compiled,
                                          Workspace::State& state) {
  if (state.watch_hits.empty()) return std::nullopt;
  const WatchlistTerms& watchlist = compiled.watchlist;
  std::vector<const HitRef*> best(watchlist.entities.size(), nullptr);
  for (const HitRef& hit : state.watch_hits) {
    const WatchlistPattern& pattern = watchlist.patterns[hit.term];
    if (pattern.cue_set >= 0) {
      const auto window = static_cast<std::uint32_t>(watchlist.cue_sets[pattern.cue_set].window);
      const std::uint32_t first = word_index(state, hit.field, hit.begin);
      const std::uint32_t last = word_index(state, hit.field, hit.end - 1);
      const bool cued =
          std::any_of(state.cue_hits.begin(), state.cue_hits.end(), [&](const HitRef& cue) {
            if (cue.term != static_cast<std::uint32_t>(pattern.cue_set) || cue.field != hit.field ||
                (cue.begin < hit.end && hit.begin < cue.end)) {
              return false;  // another set, another field, or a word of the name itself
            }
            const std::uint32_t word = word_index(state, cue.field, cue.begin);
            return word + window >= first && word <= last + window;
          });
      if (!cued) continue;
    }
    const HitRef*& kept = best[pattern.entity];
    if (kept == nullptr || hit.field < kept->field ||
        (hit.field == kept->field &&
         (hit.begin < kept->begin || (hit.begin == kept->begin && hit.end > kept->end)))) {
      kept = &hit;
    }
  }
  std::vector<std::pair<std::uint32_t, const HitRef*>> named;
  for (std::size_t e = 0; e < best.size(); ++e) {
    if (best[e] != nullptr) named.emplace_back(static_cast<std::uint32_t>(e), best[e]);
  }
  if (named.empty()) return std::nullopt;
  std::sort(named.begin(), named.end(), [](const auto& a, const auto& b) {
    return a.second->field != b.second->field ? a.second->field < b.second->field
                                              : a.second->begin < b.second->begin;
  });
  TopicMatch match;
  match.id = watchlist.topic_id;
  match.title = watchlist.topic_title;
  for (const auto& [entity_index, hit] : named) {
    const WatchlistEntity& entity = watchlist.entities[entity_index];
    const WatchlistPattern& pattern = watchlist.patterns[hit->term];
    const auto f = static_cast<std::size_t>(hit->field);
    const OriginalSpan span = state.text[f].original_span(hit->begin, hit->end);
    match.score = std::max(match.score, compiled.field_weight[f]);
    match.hits.push_back({watchlist.topic_id, pattern.alias, hit->field, span.begin, span.end});
    match.clauses.push_back("sdn " + entity.sdn_number);
    match.entities.push_back({entity.sdn_number, entity.name, entity.type, entity.programs,
                              pattern.alias, hit->field, span.begin, span.end});
  }
  return match;
}

// Records one hit of a rule term (a case-sensitive term only where the text has its exact
// bytes) under its lexicon.
void record_rule_hit(const Classifier::Compiled& compiled, const ItemText& item, Field field,
                     const TermHit& hit, Workspace::State& state) {
  const auto f = static_cast<std::size_t>(field);
  if (const std::string& exact = compiled.exact_case[hit.id]; !exact.empty()) {
    const OriginalSpan span = state.text[f].original_span(hit.begin, hit.end);
    const std::string_view original = item.field(field);
    if (original.substr(span.begin, span.end - span.begin) != exact) return;
  }
  const std::uint32_t lexicon = compiled.term_lexicon[hit.id];
  if (state.lexicon_fields[lexicon] == 0) state.touched.push_back(lexicon);
  state.lexicon_fields[lexicon] |= static_cast<FieldMask>(1u << f);
  state.lexicon_hits[lexicon].push_back(
      {hit.id, field, static_cast<std::uint32_t>(hit.begin), static_cast<std::uint32_t>(hit.end)});
}

void scan_fields(const Classifier::Compiled& compiled, const ItemText& item,
                 Workspace::State& state) {
  state.watch_hits.clear();
  state.cue_hits.clear();
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
      if (hit.id >= compiled.rule_terms && compiled.has_watchlist) {
        const WatchTerm& watch = compiled.watch_terms[hit.id - compiled.rule_terms];
        (watch.cue ? state.cue_hits : state.watch_hits)
            .push_back({watch.index, field, static_cast<std::uint32_t>(hit.begin),
                        static_cast<std::uint32_t>(hit.end)});
        continue;
      }
      record_rule_hit(compiled, item, field, hit, state);
    }
  }
}

// The hits of the attribute-only lexicons, added to an item's hits once it matched a topic.
void scan_attribute_terms(const Classifier::Compiled& compiled, const ItemText& item,
                          Workspace::State& state) {
  if (!compiled.has_attribute_terms) return;
  for (std::size_t f = 0; f < kFieldCount; ++f) {
    const Field field = static_cast<Field>(f);
    state.raw_hits.clear();
    compiled.attribute_matcher.find_all(state.text[f], state.raw_hits);
    for (const TermHit& hit : state.raw_hits) record_rule_hit(compiled, item, field, hit, state);
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

Classifier Classifier::compile(const RuleSet& rules, const WatchlistTerms* watchlist) {
  auto compiled = std::make_unique<Compiled>();
  compiled->field_weight = {1.0, rules.body_weight, rules.body_weight};
  std::map<std::string, std::uint32_t> lexicon_index;
  std::vector<TermSpec> terms;
  std::vector<TermSpec> attribute_terms;
  const std::set<std::string> attribute_only = attribute_only_lexicons(rules);
  NormalizedText scratch;
  for (const auto& [name, lexicon] : rules.lexicons) {
    std::vector<TermSpec>& into = attribute_only.contains(name) ? attribute_terms : terms;
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
      const auto id = static_cast<std::uint32_t>(compiled->term_text.size());
      into.push_back({term, id});
      compiled->exact_case.push_back(exact ? term : std::string());
      compiled->term_lexicon.push_back(index);
      compiled->term_text.push_back(lexicon.terms[t]);
    }
  }
  compiled->rule_terms = static_cast<std::uint32_t>(compiled->term_text.size());
  if (watchlist != nullptr) {
    for (const Topic& topic : rules.topics) {
      if (topic.id == watchlist->topic_id) {
        throw RuleError(topic.where, "topic id '" + topic.id +
                                         "' is taken by the watch list; rename the rule topic");
      }
    }
    compiled->has_watchlist = true;
    compiled->watchlist = *watchlist;
    add_watchlist_terms(*watchlist, *compiled, terms);
  }
  try {
    compiled->matcher = TermMatcher::compile(terms);
    compiled->has_attribute_terms = !attribute_terms.empty();
    if (compiled->has_attribute_terms) {
      compiled->attribute_matcher = TermMatcher::compile(attribute_terms);
    }
  } catch (const std::invalid_argument& error) {
    throw RuleError({}, error.what());
  }
  // The automaton holds the name patterns now; hits need only their alias and entity.
  for (WatchlistPattern& pattern : compiled->watchlist.patterns) std::string().swap(pattern.text);
  NodeBuilder builder(*compiled, lexicon_index);
  for (const Topic& topic : rules.topics) {
    compiled->topics.push_back({topic.id, topic.title, topic.threshold, builder.add(topic.match)});
  }
  for (const auto& [code, clause] : rules.countries) {
    compiled->countries.emplace_back(code, builder.add(clause));
  }
  for (const AttributeRule& attribute : rules.attributes) {
    compiled->attributes.push_back(
        {attribute.kind, attribute.value, builder.add(attribute.clause)});
  }
  return Classifier(std::move(compiled));
}

Classification Classifier::classify(const ItemText& item, Workspace& workspace) const {
  Workspace::State& state = workspace.state();
  scan_fields(*compiled_, item, state);
  Classification result;
  // The common case: no term of any rule and no listed name.
  if (state.touched.empty() && state.watch_hits.empty()) return result;
  Evaluation evaluation(*compiled_, item, state);
  if (!state.touched.empty()) {
    for (const CompiledTopic& topic : compiled_->topics) {
      const double score = evaluation.value(topic.root, kAllFields);
      if (score >= topic.threshold) result.topics.push_back(evaluation.explain(topic, score));
    }
  }
  if (std::optional<TopicMatch> listed = watchlist_topic(*compiled_, state)) {
    result.topics.push_back(std::move(*listed));
  }
  if (result.matched() && !state.touched.empty()) {
    result.countries = evaluation.countries();
    scan_attribute_terms(*compiled_, item, state);
    result.attributes = evaluation.attributes();
  }
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
  if (compiled_->has_watchlist) {
    std::optional<TopicMatch> listed = watchlist_topic(*compiled_, state);
    scores.push_back({compiled_->watchlist.topic_id, listed ? listed->score : 0.0, bool(listed)});
    any_matched = any_matched || listed;
    if (listed) result.topics.push_back(std::move(*listed));
  }
  if (any_matched && !state.touched.empty()) {
    result.countries = evaluation.countries();
    scan_attribute_terms(*compiled_, item, state);
    result.attributes = evaluation.attributes();
  }
  return result;
}

std::size_t Classifier::term_count() const {
  return compiled_->term_text.size();
}
std::size_t Classifier::watchlist_pattern_count() const {
  std::size_t count = 0;
  for (const WatchTerm& term : compiled_->watch_terms) count += term.cue ? 0 : 1;
  return count;
}
std::size_t Classifier::topic_count() const {
  return compiled_->topics.size();
}

std::vector<std::string> Classifier::topic_ids() const {
  std::vector<std::string> ids;
  for (const CompiledTopic& topic : compiled_->topics) ids.push_back(topic.id);
  if (compiled_->has_watchlist) ids.push_back(compiled_->watchlist.topic_id);
  return ids;
}

}  // namespace feedsentry::classify
