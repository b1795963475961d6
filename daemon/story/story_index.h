#pragma once
// Story grouping, the one decision the daemon and `feedsentry stories` run: the recent items
// of each story, indexed by link key and by token (inverted index), answering "is this item
// a copy of a story, related to one, or new?". An item is a copy when it agrees with the
// story's first item (or with every one of its items) by
//   (a) link: the same canonical link;
//   (b) text: near-identical text (weighted token similarity, less a penalty growing with
//       the time between them, at least `near_identical`) and no conflicting attribute;
//   (c) event: the same topic, no conflicting attribute (event_match.h), the same actor and
//       class (or number), or the same named party or package, and event times close
//       together;
// and conflicts with none of the story's items (a chain of look-alikes never bridges two
// events). An item that is no copy but resembles a story (similarity at least
// `related_threshold`) is a new story related to it. Pure in-memory state; not thread-safe
// (not even the const queries, which memoize token weights).
#include <cmath>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/clock.h"
#include "story/fingerprint.h"

namespace feedsentry::story {

struct GroupingOptions {
  // false: no grouping at all; every item is a new story (StoryGrouper::decide).
  bool enabled = true;
  // An item is compared only with items at most this far from it in time; a story stays
  // open while new items keep matching it, so the window runs from its latest item.
  core::Duration window = std::chrono::hours(48);
  // Score = title_weight * similarity(titles) + (1 - title_weight) * similarity(title +
  // summary) - time_penalty * gap / window, where similarity is IDF-weighted Jaccard over
  // token sets. At least near_identical: a copy by text (b); at least related_threshold: a
  // related story (a copy by event (c) needs no similarity).
  double near_identical = 0.22;
  double related_threshold = 0.15;
  // A report naming a class, party or package none of the story's items names folds by
  // text only at this similarity (else it may be a new event that reads like the story).
  double identical = 0.6;
  double time_penalty = 0.30;
  double title_weight = 0.7;
  // Same-event copies (c): reports at most this far apart, or at most event_gap_same_day
  // when both name the same event day ("on Thursday"): the same salvo is reported for hours,
  // a launch the next day is another launch.
  core::Duration event_gap = std::chrono::hours(12);
  core::Duration event_gap_same_day = std::chrono::hours(48);
  // IDF comes from the items in the index: log((N + prior) / (df + 1)). The prior keeps
  // weights sane while the index holds few items.
  double idf_prior_items = 20;
  // Tokens in more indexed items than this carry almost no weight; their posting lists
  // are not scanned for candidates.
  std::size_t max_posting_scan = 2000;
  // At most this many items are kept, the oldest forgotten first (about 1.5 KB each), so a
  // flood of matches (a rule matching everything on thousands of feeds) cannot grow memory
  // without bound. Real alert rates stay far below it within a window; when it binds, a
  // late copy of a story whose items were all evicted alerts as a new story.
  std::size_t max_items = 10'000;
};

enum class CopyReason { kLink, kText, kEvent };
std::string_view copy_reason_name(CopyReason reason);  // "link", "text", "event"

struct StoryDecision {
  enum class Kind { kNew, kCopy, kRelated };
  Kind kind = Kind::kNew;
  std::string story_id;  // kCopy: the story joined; kRelated: the story it resembles
  CopyReason reason = CopyReason::kLink;  // kCopy
  double similarity = 0;  // with the closest item of that story (time penalty included)
  std::string agreement;  // kCopy by event: "actor+class", "party", ...
  // kRelated (and kNew after a near look-alike): why it was kept apart from that story.
  std::vector<std::string> conflicts;
  // "new story", "copy of story X (event: actor+class)", "related to story X (class icbm
  // vs cruise)".
  std::string describe() const;
};

class StoryIndex {
 public:
  explicit StoryIndex(GroupingOptions options = {});

  // The decision for `item` against the stories indexed now.
  StoryDecision decide(const Fingerprint& item) const;

  // Remembers an item of story `story_id`.
  void add(const std::string& story_id, const Fingerprint& item);
  // Forgets items whose time is more than one window before `now`.
  void expire(core::SystemTime now);
  std::size_t size() const { return entries_.size(); }

 private:
  // Bounds on a decision's work: reports of the same topic sharing no word are looked for
  // among the latest kEventScanItems items (kEventScanStories stories); text similarity is
  // measured against at most kScoredItems of a story (its first and latest).
  static constexpr std::size_t kEventScanItems = 512;
  static constexpr std::size_t kEventScanStories = 64;
  static constexpr std::size_t kScoredItems = 32;
  static constexpr std::size_t kScoredWhenBlocked = 4;
  static constexpr std::size_t kConflictsShown = 4;
  using EntryNumber = std::uint64_t;
  using Slot = std::uint32_t;  // a token's place in documents_by_slot_
  struct Postings {
    Slot slot = 0;
    std::vector<EntryNumber> entries;  // the items with this token
  };
  struct Entry {
    std::string story_id;
    Fingerprint fingerprint;
    std::vector<std::uint32_t> all_tokens;  // title and summary tokens, sorted, unique
    // Each token's slot, aligned with fingerprint.title_tokens and all_tokens: scoring reads
    // document frequencies from one dense array instead of a hash node per token.
    std::vector<Slot> title_slots;
    std::vector<Slot> all_slots;
  };
  // The query side of a comparison: tokens with their weights, computed once per query.
  struct WeightedTokens {
    std::vector<std::uint32_t> tokens;
    std::vector<double> weights;
  };

  WeightedTokens weighted(std::vector<std::uint32_t> tokens) const;
  // IDF of a token found in `documents` items, memoized per document count: every candidate
  // of a query shares the memo, which forget_stale_weights() clears once the number of
  // items has changed.
  double weight_for(std::size_t documents) const {
    if (documents < weight_by_documents_.size()) {
      const double memo = weight_by_documents_[documents];
      if (!std::isnan(memo)) return memo;
    }
    return compute_weight(documents);
  }
  double compute_weight(std::size_t documents) const;
  void forget_stale_weights() const;
  double weighted_jaccard(const WeightedTokens& a, const std::vector<std::uint32_t>& b,
                          const std::vector<Slot>& b_slots) const;
  Slot slot_for(std::uint32_t token, EntryNumber number);
  double score(const Fingerprint& item, const WeightedTokens& item_title,
               const WeightedTokens& item_all, const Entry& entry) const;
  // What a story's items say about the event, once per distinct set of attributes: copies
  // of one report share a profile, so the conflict check of a story with hundreds of copies
  // costs a few comparisons. `earliest`/`latest` bound its items' times (conservatively:
  // a forgotten item does not narrow them).
  struct Profile {
    EventAttributes event;
    std::vector<std::uint32_t> title_dates;
    core::SystemTime earliest;
    core::SystemTime latest;
    std::size_t items = 0;
  };
  struct Members {
    std::vector<EntryNumber> items;  // in the order added: the first is its first report
    std::vector<Profile> profiles;
  };
  // How `item` relates to one story (its indexed items, first first).
  struct StoryVerdict;
  StoryVerdict judge(const Fingerprint& item, const WeightedTokens& item_title,
                     const WeightedTokens& item_all, const std::string& story_id,
                     const Members& members) const;
  bool within_window(core::SystemTime a, core::SystemTime b) const;
  // Removes one item from every index but by_time_ (the caller erases it there).
  void forget(EntryNumber number);

  GroupingOptions options_;
  std::unordered_map<EntryNumber, Entry> entries_;
  std::multimap<core::SystemTime, EntryNumber> by_time_;
  std::unordered_map<std::uint32_t, Postings> postings_;
  // Document frequency by slot; a token's slot is freed (free_slots_) with its last item.
  std::vector<std::uint32_t> documents_by_slot_;
  std::vector<Slot> free_slots_;
  std::unordered_map<std::uint64_t, std::vector<EntryNumber>> by_link_;
  std::unordered_map<std::string, Members> members_;
  EntryNumber next_entry_ = 0;
  // weight_for's memo: entry [d] is the weight for d documents (NaN: not computed yet), valid
  // while entries_.size() == weights_for_size_.
  mutable std::vector<double> weight_by_documents_;
  mutable std::size_t weights_for_size_ = 0;
};

}  // namespace feedsentry::story
