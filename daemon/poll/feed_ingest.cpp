#include "poll/feed_ingest.h"

#include <algorithm>

#include "store/backfill.h"
#include "store/seen_store.h"
#include "store/transaction.h"

namespace feedsentry::poll {

core::Result<IngestResult> ingest_items(store::Database& db, const FeedIdentity& feed,
                                        const std::vector<ClassifiedItem>& items,
                                        const IngestOptions& options, core::SystemTime now,
                                        MatchSink& sink) {
  IngestResult result;
  result.items = items.size();
  std::vector<store::SeenStore::Candidate> candidates;
  candidates.reserve(items.size());
  for (const ClassifiedItem& classified : items) {
    candidates.push_back(classified.seen);
    if (classified.seen.recorded_recently) {
      ++result.recorded_recently;
    } else {
      result.recorded.push_back(classified.fingerprint);
    }
  }

  auto transaction = store::Transaction::begin(db);
  if (!transaction) return tl::unexpected(transaction.error());
  store::SeenStore seen(db);
  const auto fresh = seen.find_new(feed.id, candidates);
  if (!fresh) return tl::unexpected(fresh.error());
  if (auto recorded = seen.record(feed.id, candidates, now); !recorded) {
    return tl::unexpected(recorded.error());
  }

  const store::FetchHistory history = options.first_fetch
                                          ? store::FetchHistory::kFirstSuccessfulFetch
                                          : store::FetchHistory::kFetchedBefore;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (!(*fresh)[i]) continue;
    ++result.new_items;
    const ClassifiedItem& classified = items[i];
    std::optional<core::SystemTime> published;
    if (classified.item.published) published = *classified.item.published;
    if (!store::should_alert_new_item(history, published, now, options.backfill)) {
      ++result.suppressed_by_backfill;
      continue;
    }
    if (!classified.classification.matched()) continue;
    const Match match{feed.id,   feed.name,       feed.url,
                      feed.tags, classified.item, classified.classification,
                      now,       feed.url_secrecy};
    if (auto accepted = sink.accept(match); !accepted) return tl::unexpected(accepted.error());
    ++result.matches;
  }
  if (auto committed = transaction->commit(); !committed) {
    return tl::unexpected(committed.error());
  }
  return result;
}

std::vector<core::Result<IngestResult>> ingest_batch(store::Database& db,
                                                     std::span<const IngestRequest> requests,
                                                     MatchSink& sink) {
  std::vector<core::Result<IngestResult>> results;
  results.reserve(requests.size());
  if (requests.size() == 1) {
    const IngestRequest& only = requests.front();
    results.push_back(ingest_items(db, *only.feed, *only.items, only.options, only.now, sink));
    return results;
  }
  auto fail_all = [&](const core::Error& error) {
    results.assign(requests.size(), core::Result<IngestResult>(tl::unexpected(error)));
    return std::move(results);
  };
  auto transaction = store::Transaction::begin(db);
  if (!transaction) return fail_all(transaction.error());
  bool alerted = false;
  for (const IngestRequest& request : requests) {
    if (alerted && request.may_alert) break;
    auto result =
        ingest_items(db, *request.feed, *request.items, request.options, request.now, sink);
    // SQLite itself ends the transaction after some errors: the earlier steps are gone too,
    // and a later step would otherwise begin and commit a transaction of its own.
    if (!result && !db.in_transaction()) return fail_all(result.error());
    alerted = alerted || (result && result->matches > 0);
    results.push_back(std::move(result));
  }
  if (auto committed = transaction->commit(); !committed) return fail_all(committed.error());
  return results;
}

bool may_alert(const std::vector<ClassifiedItem>& items) {
  return std::any_of(items.begin(), items.end(), [](const ClassifiedItem& item) {
    return !item.seen.recorded_recently && item.classification.matched();
  });
}

}  // namespace feedsentry::poll
