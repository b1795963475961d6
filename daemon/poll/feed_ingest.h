#pragma once
// The store step of one successful poll: in ONE transaction, find which of the feed's items
// are new, mark every item seen (refreshing last_seen of the ones still listed), and hand
// the new, alert-worthy, matching items to the sink. Items flagged recorded_recently are
// known and left alone. A failure anywhere rolls all of it back, so nothing is marked seen
// without its alert having been accepted.
// Runs on the thread that owns the Database.
#include <cstdint>
#include <string>
#include <vector>

#include "classify/classifier.h"
#include "core/clock.h"
#include "core/result.h"
#include "feed/item.h"
#include "poll/match.h"
#include "store/database.h"
#include "store/seen_store.h"

namespace feedsentry::poll {

struct FeedIdentity {
  std::string id;  // the configured URL (stable across redirects)
  std::string name;
  std::string url;  // where it was fetched from
  std::vector<std::string> tags;
};

// A parsed item made ready for the store step off the store thread: its seen-store key and,
// unless that key was recorded recently (it is then known and cannot alert), its
// classification.
struct ClassifiedItem {
  feed::Item item;
  store::SeenStore::Candidate seen;
  std::uint64_t fingerprint = 0;  // RecentItems::fingerprint(seen)
  classify::Classification classification;
};

struct IngestOptions {
  bool first_fetch = false;  // no item of this feed was recorded before
  core::Duration backfill{std::chrono::hours(6)};
};

struct IngestResult {
  std::size_t items = 0;
  std::size_t new_items = 0;
  std::size_t suppressed_by_backfill = 0;
  std::size_t matches = 0;
  std::size_t recorded_recently = 0;    // known from RecentItems: not looked up, not rewritten
  std::vector<std::uint64_t> recorded;  // fingerprints of the items this step recorded
};

core::Result<IngestResult> ingest_items(store::Database& db, const FeedIdentity& feed,
                                        const std::vector<ClassifiedItem>& items,
                                        const IngestOptions& options, core::SystemTime now,
                                        MatchSink& sink);

}  // namespace feedsentry::poll
