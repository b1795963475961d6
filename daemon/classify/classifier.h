#pragma once
// The compiled rule set: every lexicon term of every topic goes into one TermMatcher, so an
// item is scanned once per field however many rules there are; topic expressions are then
// evaluated over the hits. Scores are in [0, 1]; each matched topic carries its evidence
// (lexicon, term, field, byte span in the caller's text) and the clauses that fired.
// An optional watch list (watchlist_terms.h) compiles into the same automaton and adds one
// topic whose match lists the listed parties named. A Classifier is immutable after
// compile() and may be shared across threads; each thread passes its own Workspace.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "classify/rules.h"
#include "classify/watchlist_terms.h"

namespace feedsentry::classify {

enum class Field : std::uint8_t { kTitle = 0, kSummary = 1, kContent = 2 };
inline constexpr std::size_t kFieldCount = 3;
std::string_view field_name(Field field);

// Plain text of one item (HTML already reduced to text by the feed parser).
struct ItemText {
  std::string_view title;
  std::string_view summary;
  std::string_view content;
  std::string_view field(Field which) const;
};

struct Evidence {
  std::string lexicon;
  std::string term;  // as written in the rule file
  Field field = Field::kTitle;
  std::size_t begin = 0;  // byte span in the item's field text, [begin, end)
  std::size_t end = 0;
};

// A watch-list party named by the item: who it is and the name form that was found.
struct EntityHit {
  std::string sdn_number;
  std::string name;  // primary name
  std::string type;  // "individual", "entity", "vessel", "aircraft"
  std::vector<std::string> programs;
  std::string alias;  // the listed name form that matched, e.g. "OOO INTELLEKT"
  Field field = Field::kTitle;
  std::size_t begin = 0;  // byte span in the item's field text, [begin, end)
  std::size_t end = 0;
};

struct TopicMatch {
  std::string id;
  std::string title;
  double score = 0;
  std::vector<Evidence> hits;
  std::vector<std::string> clauses;  // leaf clauses that fired, e.g. "near(sanctions, dprk, 8)"
  std::vector<EntityHit> entities;   // the watch-list topic only: each party once, text order
};

// An `attributes:` value the item carries, e.g. {"actor", "eu"} or {"class", "icbm"}.
struct Attribute {
  std::string kind;
  std::string value;
  friend bool operator==(const Attribute&, const Attribute&) = default;
};

struct Classification {
  std::vector<TopicMatch> topics;      // matched topics only, in rule order
  std::vector<std::string> countries;  // e.g. {"KP", "RU"}; empty when no topic matched
  std::vector<Attribute> attributes;   // in rule order; empty when no topic matched
  bool matched() const { return !topics.empty(); }
};

// What a topic scored even when it did not match; `feedsentry eval` uses it to explain misses.
struct TopicScore {
  std::string id;
  double score = 0;
  bool matched = false;
};

class Workspace;

class Classifier {
 public:
  // Throws RuleError when a term cannot be compiled, or when `watchlist` names a topic id
  // the rules already use. Without a watch list, matching is exactly that of the rules.
  static Classifier compile(const RuleSet& rules, const WatchlistTerms* watchlist = nullptr);

  Classifier();
  ~Classifier();
  Classifier(Classifier&&) noexcept;
  Classifier& operator=(Classifier&&) noexcept;

  Classification classify(const ItemText& item, Workspace& workspace) const;
  // Like classify(), but reports evidence for every topic with a non-zero score, matched
  // or not: what a near miss did and did not see.
  Classification explain_all(const ItemText& item, Workspace& workspace,
                             std::vector<TopicScore>& scores) const;

  std::size_t term_count() const;  // rule terms only
  std::size_t topic_count() const;
  std::size_t watchlist_pattern_count() const;  // 0 without a watch list
  std::vector<std::string> topic_ids() const;

  struct Compiled;

 private:
  explicit Classifier(std::unique_ptr<Compiled> compiled);
  std::unique_ptr<Compiled> compiled_;
};

// Per-thread scratch buffers, reused across items so classification does not allocate in
// the common case.
class Workspace {
 public:
  Workspace();
  ~Workspace();
  Workspace(const Workspace&) = delete;
  Workspace& operator=(const Workspace&) = delete;

  struct State;
  State& state() { return *state_; }

 private:
  std::unique_ptr<State> state_;
};

}  // namespace feedsentry::classify
