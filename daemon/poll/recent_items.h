#pragma once
// What one feed's recent store steps recorded, kept in memory on the poller's side. A changed
// feed usually gains a story or two and keeps the rest; the items it keeps are known to be
// recorded with a fresh last_seen, so they skip the seen store's lookups and writes (and
// their classification, since a known item never alerts). Pure.
//
// Valid for the seen store's last_seen resolution from the time every member was recorded
// with last_seen set to that time (`recorded_at`): within it, skipping a member's refresh
// leaves its last_seen no further behind than the store's own rule would. Items added by a
// later store step are recorded with last_seen = that step's time, so they keep the bound.
#include <cstdint>
#include <vector>

#include "core/clock.h"
#include "store/seen_store.h"

namespace feedsentry::poll {

class RecentItems {
 public:
  // Identifies a candidate by all that record() would store: its key, secondary key and
  // published time. A candidate differing in any of them is not covered.
  static std::uint64_t fingerprint(const store::SeenStore::Candidate& candidate);

  RecentItems(core::SystemTime recorded_at, std::vector<std::uint64_t> fingerprints);

  // Whether the set may be used at `now`: within `validity` of recorded_at, and not before
  // it (a clock stepped back gets no benefit of the doubt).
  bool valid_at(core::SystemTime now, core::Duration validity) const;
  bool contains(std::uint64_t fingerprint) const;
  core::SystemTime recorded_at() const { return recorded_at_; }
  std::size_t size() const { return fingerprints_.size(); }

  // This set plus `more`, same recorded_at.
  RecentItems with(std::vector<std::uint64_t> more) const;

 private:
  core::SystemTime recorded_at_;
  std::vector<std::uint64_t> fingerprints_;  // sorted, unique
};

}  // namespace feedsentry::poll
