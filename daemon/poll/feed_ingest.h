#pragma once
// The store step of one successful poll: in ONE transaction, find which of the feed's items
// are new, mark every item seen (refreshing last_seen of the ones still listed), and hand
// the new, alert-worthy, matching items to the sink. Items flagged recorded_recently are
// known and left alone. A failure anywhere rolls all of it back, so nothing is marked seen
// without its alert having been accepted.
// ingest_batch commits the store steps of several polls together (group commit); each
// step still stands or falls on its own.
// Runs on the thread that owns the Database.
#include <cstdint>
#include <span>
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
  core::UrlSecrecy url_secrecy = core::UrlSecrecy::kPlain;
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

// One poll's store step, as ingest_items takes it; the pointees outlive the call.
struct IngestRequest {
  const FeedIdentity* feed = nullptr;
  const std::vector<ClassifiedItem>* items = nullptr;
  IngestOptions options;
  core::SystemTime now{};
  bool may_alert = true;  // see may_alert()
};

// The store steps of `requests`, in order, in one transaction: each step is a savepoint, so
// a step that fails is rolled back alone (its rows, and the sink's after-commit actions)
// and the others still commit. If the transaction cannot begin or commit, or SQLite ends it
// after an error (disk full, I/O error), every step fails with that error and nothing of
// them is kept. One request runs exactly as ingest_items.
//
// Once a step has handed a match to the sink, the batch ends before the next step that may
// alert: the story index learns an alert's story only when the alert commits, and a later
// alert on the same story must find it. So the results (in order) may be fewer than the
// requests; the rest were not run. The first request always runs.
std::vector<core::Result<IngestResult>> ingest_batch(store::Database& db,
                                                     std::span<const IngestRequest> requests,
                                                     MatchSink& sink);

// Whether a poll's items include one that could reach the sink: not known from RecentItems
// and matching a topic (whether it is new, and outside the backfill window, is only known
// in the store step).
bool may_alert(const std::vector<ClassifiedItem>& items);

}  // namespace feedsentry::poll
