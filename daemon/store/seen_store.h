#pragma once
// The seen-filter's memory (table `seen_items`): which items of each feed were already
// handled. An item is known by its key, or by its secondary key (canonical link + title,
// see secondary_key.h) so that a feed changing an item's guid does not re-alert it.
// Borrows the Database, which must outlive it. Writes join the caller's Transaction when one
// is open, so seen marks and outbox rows can commit together:
//
//   auto tx = Transaction::begin(db);          // check
//   auto fresh = seen.find_new(feed_id, candidates);
//   seen.record(feed_id, candidates, now);     // marks ALL candidates, new or not
//   outbox.enqueue(...);                       // the alerts for the fresh ones
//   tx->commit();
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/result.h"

namespace feedsentry::store {

class Database;

class SeenStore {
 public:
  struct Candidate {
    std::string item_key;                   // feed::Item::key
    std::string secondary_key;              // store::secondary_key(...); "" = none
    std::optional<std::int64_t> published;  // unix seconds
    // The caller knows this very candidate (key, secondary key and published time) was
    // recorded at a time whose refresh still holds (see RecentItems in poll/): find_new
    // counts it as known without a query and record() leaves its row alone.
    bool recorded_recently = false;
  };

  // last_seen is rewritten only once it is more than `last_seen_resolution` old: a feed polled
  // every minute would otherwise rewrite every row of its items at every changed poll, most of the
  // state database's write load. Pruning (90 days by default) needs far less precision.
  static constexpr std::chrono::seconds kDefaultLastSeenResolution = std::chrono::hours(1);

  explicit SeenStore(Database& db,
                     std::chrono::seconds last_seen_resolution = kDefaultLastSeenResolution)
      : db_(db), last_seen_resolution_(last_seen_resolution) {}

  // Read-only. result[i] is true when candidates[i] is new: neither its key nor its
  // secondary key is known for this feed, and no earlier candidate in the same list has
  // the same key or secondary key (a feed listing one story twice alerts once).
  core::Result<std::vector<bool>> find_new(const std::string& feed_id,
                                           const std::vector<Candidate>& candidates);

  // Marks every candidate as seen at `now`, all or nothing: inserts unknown keys; for known
  // ones refreshes last_seen (when older than the resolution) and fills a missing secondary key or
  // published time. Rows that share a candidate's secondary key are refreshed too, and the
  // candidate's own key is inserted beside them, so after guid churn both the old and the new guid
  // are known.
  core::Result<void> record(const std::string& feed_id, const std::vector<Candidate>& candidates,
                            core::SystemTime now);

  // Deletes rows last seen before `older_than` and returns how many. An item still present
  // in its feed is refreshed by successful polls (to within the resolution), so it is never
  // pruned by a cutoff further back than that.
  core::Result<std::size_t> prune(core::SystemTime older_than);

  // Whether any item of the feed is recorded. FeedState::first_fetch_done is the primary
  // "first fetch" signal; this one also covers state saved before it existed, but turns
  // false again once prune() has removed all of a feed's items.
  core::Result<bool> feed_has_history(const std::string& feed_id);

 private:
  Database& db_;
  std::chrono::seconds last_seen_resolution_;
};

}  // namespace feedsentry::store
