#pragma once
// What one feed's recent store steps recorded, kept in memory on the poller's side. A changed
// feed usually gains a story or two and keeps the rest; the items it keeps were recorded
// within the hour, so they skip the seen store's lookups and writes (and their
// classification, since a known item never alerts). Pure.
//
// Valid for the seen store's last_seen resolution R from the store step that recorded every
// member (`recorded_at` = T), after which each member's last_seen is at least T - R; items
// added by later steps are at least as fresh. Skipping refreshes until T + R therefore lets
// last_seen lag by less than 2R (2 h), where the store alone keeps it within R: nothing for
// pruning after 90 days, and no rewrite of every row when a process starts (`once` from
// cron starts every time).
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
