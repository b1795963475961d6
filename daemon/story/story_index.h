#pragma once
// Story grouping: the recent items of each story, indexed by link key and by token
// (inverted index), answering "which story does this item belong to?". An item joins a
// story when it has the same link key as one of the story's items, or when its weighted
// token similarity to one of them, less a penalty growing with the time between them,
// reaches a threshold. Pure in-memory state; not thread-safe.
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
  struct Entry {
    std::string story_id;
    Fingerprint fingerprint;
    std::vector<std::uint32_t> all_tokens;  // title and summary tokens, sorted, unique
  };

  double weight(std::uint32_t token) const;
  double weighted_jaccard(const std::vector<std::uint32_t>& a,
                          const std::vector<std::uint32_t>& b) const;
  double score(const Fingerprint& item, const std::vector<std::uint32_t>& item_tokens,
               const Entry& entry) const;
  bool within_window(core::SystemTime a, core::SystemTime b) const;
  // Removes one item from every index but by_time_ (the caller erases it there).
  void forget(EntryNumber number);

  GroupingOptions options_;
  std::unordered_map<EntryNumber, Entry> entries_;
  std::multimap<core::SystemTime, EntryNumber> by_time_;
  std::unordered_map<std::uint32_t, std::vector<EntryNumber>> postings_;
  std::unordered_map<std::uint64_t, std::vector<EntryNumber>> by_link_;
  EntryNumber next_entry_ = 0;
};

}  // namespace feedsentry::story
