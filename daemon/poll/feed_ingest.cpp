#include "poll/feed_ingest.h"

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
    const Match match{
        feed.id, feed.name, feed.url, feed.tags, classified.item, classified.classification, now};
    if (auto accepted = sink.accept(match); !accepted) return tl::unexpected(accepted.error());
    ++result.matches;
  }
  if (auto committed = transaction->commit(); !committed) {
    return tl::unexpected(committed.error());
  }
  return result;
}

}  // namespace feedsentry::poll
