#pragma once
// Story grouping: the recent items of each story, indexed by link key and by token
// (inverted index), answering "which story does this item belong to?". An item joins a
// story when it has the same link key as one of the story's items, or when its weighted
// token similarity to one of them, less a penalty growing with the time between them,
// reaches a threshold. Pure in-memory state; not thread-safe (not even the const queries,
// which memoize token weights).
#include <cmath>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/clock.h"
#include "story/fingerprint.h"

namespace feedsentry::story {

struct GroupingOptions {
  // An item is compared only with items at most this far from it in time; a story stays
  // open while new items keep matching it, so the window runs from its latest item.
  core::Duration window = std::chrono::hours(48);
  // Score = title_weight * similarity(titles) + (1 - title_weight) * similarity(title +
  // summary) - time_penalty * gap / window; an item joins the best story with score >=
  // match_threshold. Similarity is IDF-weighted Jaccard over token sets.
  double match_threshold = 0.15;
  double time_penalty = 0.30;
  double title_weight = 0.7;
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

struct StoryMatch {
  std::string story_id;
  double score = 0;  // infinity for a link match
};

class StoryIndex {
 public:
  explicit StoryIndex(GroupingOptions options = {});

  // The story this item belongs to, if any.
  std::optional<std::string> find(const Fingerprint& item) const;
  // The same decision with its score, for explanations and tests.
  std::optional<StoryMatch> best_match(const Fingerprint& item) const;

  // Remembers an item of story `story_id`.
  void add(const std::string& story_id, const Fingerprint& item);
  // Forgets items whose time is more than one window before `now`.
  void expire(core::SystemTime now);
  std::size_t size() const { return entries_.size(); }

 private:
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
  EntryNumber next_entry_ = 0;
  // weight_for's memo: entry [d] is the weight for d documents (NaN: not computed yet), valid
  // while entries_.size() == weights_for_size_.
  mutable std::vector<double> weight_by_documents_;
  mutable std::size_t weights_for_size_ = 0;
};

}  // namespace feedsentry::story
