#include "store/seen_store.h"

#include <string_view>
#include <unordered_set>

#include "store/database.h"
#include "store/transaction.h"

namespace feedsentry::store {

namespace {

constexpr std::string_view kIsKnown =
    "SELECT EXISTS (SELECT 1 FROM seen_items WHERE feed_id = ?1 AND item_key = ?2) "
    "OR (?3 IS NOT NULL AND "
    "EXISTS (SELECT 1 FROM seen_items WHERE feed_id = ?1 AND secondary_key = ?3))";

// last_seen never moves backwards, should the wall clock do so.
constexpr std::string_view kUpsertByKey =
    "INSERT INTO seen_items (feed_id, item_key, secondary_key, first_seen, last_seen, published) "
    "VALUES (?1, ?2, ?3, ?4, ?4, ?5) "
    "ON CONFLICT (feed_id, item_key) DO UPDATE SET "
    "last_seen = MAX(last_seen, excluded.last_seen), "
    "secondary_key = COALESCE(secondary_key, excluded.secondary_key), "
    "published = COALESCE(published, excluded.published) "
    // A row that would not change is not rewritten (nor its last_seen index entry); ?6 is
    // `now` less the last_seen resolution.
    "WHERE last_seen < ?6 "
    "OR (secondary_key IS NULL AND excluded.secondary_key IS NOT NULL) "
    "OR (published IS NULL AND excluded.published IS NOT NULL)";

// Usually the row the upsert just refreshed is the only match: rows refreshed since ?4 (now
// less the resolution) are skipped instead of rewritten. The last_seen term would otherwise make
// the planner walk all of the feed's rows by primary key instead of using the secondary-key index.
constexpr std::string_view kRefreshBySecondaryKey =
    "UPDATE seen_items INDEXED BY seen_items_by_secondary_key SET last_seen = ?3 "
    "WHERE feed_id = ?1 AND secondary_key = ?2 AND last_seen < ?4";

constexpr std::string_view kPrune = "DELETE FROM seen_items WHERE last_seen < ?1";

constexpr std::string_view kHasHistory =
    "SELECT EXISTS (SELECT 1 FROM seen_items WHERE feed_id = ?1)";

core::Result<bool> single_bool(Statement& query) {
  auto row = query.step();
  if (!row) return tl::unexpected(row.error());
  return *row && query.column_bool(0);
}

}  // namespace

core::Result<std::vector<bool>> SeenStore::find_new(const std::string& feed_id,
                                                    const std::vector<Candidate>& candidates) {
  std::vector<bool> fresh;
  fresh.reserve(candidates.size());
  std::unordered_set<std::string> keys_in_list;
  std::unordered_set<std::string> secondary_keys_in_list;
  for (const Candidate& candidate : candidates) {
    core::Result<bool> known = true;
    if (!candidate.recorded_recently) {
      auto query = db_.prepare(kIsKnown);
      if (!query) return tl::unexpected(query.error());
      query->bind_text(1, feed_id)
          .bind_text(2, candidate.item_key)
          .bind_text_or_null(3, candidate.secondary_key);
      known = single_bool(*query);
      if (!known) return tl::unexpected(known.error());
    }

    // Earlier candidates count as recorded, as they will be by record().
    bool repeated = !keys_in_list.insert(candidate.item_key).second;
    if (!candidate.secondary_key.empty()) {
      repeated = !secondary_keys_in_list.insert(candidate.secondary_key).second || repeated;
    }
    fresh.push_back(!*known && !repeated);
  }
  return fresh;
}

core::Result<void> SeenStore::record(const std::string& feed_id,
                                     const std::vector<Candidate>& candidates,
                                     core::SystemTime now) {
  auto transaction = Transaction::begin(db_);
  if (!transaction) return tl::unexpected(transaction.error());
  const std::int64_t seen_at = core::to_unix_seconds(now);
  const std::int64_t refresh_before = seen_at - last_seen_resolution_.count();
  for (const Candidate& candidate : candidates) {
    if (candidate.recorded_recently) continue;
    auto upsert = db_.prepare(kUpsertByKey);
    if (!upsert) return tl::unexpected(upsert.error());
    upsert->bind_text(1, feed_id)
        .bind_text(2, candidate.item_key)
        .bind_text_or_null(3, candidate.secondary_key)
        .bind_int64(4, seen_at)
        .bind_optional_int64(5, candidate.published)
        .bind_int64(6, refresh_before);
    if (auto done = upsert->run(); !done) return done;

    if (candidate.secondary_key.empty()) continue;
    auto refresh = db_.prepare(kRefreshBySecondaryKey);
    if (!refresh) return tl::unexpected(refresh.error());
    refresh->bind_text(1, feed_id)
        .bind_text(2, candidate.secondary_key)
        .bind_int64(3, seen_at)
        .bind_int64(4, refresh_before);
    if (auto done = refresh->run(); !done) return done;
  }
  return transaction->commit();
}

core::Result<std::size_t> SeenStore::prune(core::SystemTime older_than) {
  auto prune = db_.prepare(kPrune);
  if (!prune) return tl::unexpected(prune.error());
  prune->bind_int64(1, core::to_unix_seconds(older_than));
  if (auto done = prune->run(); !done) return tl::unexpected(done.error());
  return static_cast<std::size_t>(db_.changed_rows());
}

core::Result<bool> SeenStore::feed_has_history(const std::string& feed_id) {
  auto query = db_.prepare(kHasHistory);
  if (!query) return tl::unexpected(query.error());
  query->bind_text(1, feed_id);
  return single_bool(*query);
}

}  // namespace feedsentry::store
