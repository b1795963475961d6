#include "store/feed_state_store.h"

#include <string_view>

#include "store/database.h"
#include "store/transaction.h"

namespace feedsentry::store {

namespace {

// Column order shared by the statements below and read_row().
constexpr std::string_view kColumns =
    "feed_id, current_url, etag, last_modified, body_hash, next_due, interval_hint_s, "
    "consecutive_failures, last_success, last_attempt, last_error_class, last_error_message, "
    "last_status, degraded_logged, first_fetch_done, title";

const std::string& select_one_sql() {
  static const std::string sql =
      "SELECT " + std::string(kColumns) + " FROM feeds WHERE feed_id = ?1";
  return sql;
}

const std::string& select_all_sql() {
  static const std::string sql = "SELECT " + std::string(kColumns) + " FROM feeds ORDER BY feed_id";
  return sql;
}

const std::string& upsert_sql() {
  static const std::string sql =
      "INSERT INTO feeds (" + std::string(kColumns) +
      ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16) "
      "ON CONFLICT (feed_id) DO UPDATE SET current_url = excluded.current_url, "
      "etag = excluded.etag, last_modified = excluded.last_modified, "
      "body_hash = excluded.body_hash, next_due = excluded.next_due, "
      "interval_hint_s = excluded.interval_hint_s, "
      "consecutive_failures = excluded.consecutive_failures, "
      "last_success = excluded.last_success, last_attempt = excluded.last_attempt, "
      "last_error_class = excluded.last_error_class, "
      "last_error_message = excluded.last_error_message, last_status = excluded.last_status, "
      "degraded_logged = excluded.degraded_logged, first_fetch_done = excluded.first_fetch_done, "
      "title = excluded.title";
  return sql;
}

// The common case, a feed saved before: one primary-key seek instead of the upsert's
// failed insert followed by its update.
const std::string& update_sql() {
  static const std::string sql =
      "UPDATE feeds SET current_url = ?2, etag = ?3, last_modified = ?4, body_hash = ?5, "
      "next_due = ?6, interval_hint_s = ?7, consecutive_failures = ?8, last_success = ?9, "
      "last_attempt = ?10, last_error_class = ?11, last_error_message = ?12, "
      "last_status = ?13, degraded_logged = ?14, first_fetch_done = ?15, title = ?16 "
      "WHERE feed_id = ?1";
  return sql;
}

std::optional<std::int64_t> to_column(const std::optional<core::SystemTime>& time) {
  if (!time) return std::nullopt;
  return core::to_unix_seconds(*time);
}

std::optional<core::SystemTime> time_column(const Statement& row, int column) {
  const auto seconds = row.column_optional_int64(column);
  if (!seconds) return std::nullopt;
  return core::from_unix_seconds(*seconds);
}

FeedState read_row(const Statement& row) {
  FeedState state;
  state.feed_id = row.column_text(0);
  state.current_url = row.column_text(1);
  state.etag = row.column_text(2);
  state.last_modified = row.column_text(3);
  state.body_hash = row.column_text(4);
  state.next_due = time_column(row, 5);
  if (const auto hint = row.column_optional_int64(6))
    state.interval_hint = std::chrono::seconds(*hint);
  state.consecutive_failures = static_cast<int>(row.column_int64(7));
  state.last_success = time_column(row, 8);
  state.last_attempt = time_column(row, 9);
  state.last_error_class = row.column_text(10);
  state.last_error_message = row.column_text(11);
  if (const auto status = row.column_optional_int64(12))
    state.last_status = static_cast<int>(*status);
  state.degraded_logged = row.column_bool(13);
  state.first_fetch_done = row.column_bool(14);
  state.title = row.column_text(15);
  return state;
}

// Parameters ?1..?16 in kColumns order, shared by the update and the upsert.
void bind_state(Statement& statement, const FeedState& state) {
  std::optional<std::int64_t> hint;
  if (state.interval_hint) hint = state.interval_hint->count();
  statement.bind_text(1, state.feed_id)
      .bind_text(2, state.current_url)
      .bind_text(3, state.etag)
      .bind_text(4, state.last_modified)
      .bind_text(5, state.body_hash)
      .bind_optional_int64(6, to_column(state.next_due))
      .bind_optional_int64(7, hint)
      .bind_int64(8, state.consecutive_failures)
      .bind_optional_int64(9, to_column(state.last_success))
      .bind_optional_int64(10, to_column(state.last_attempt))
      .bind_text(11, state.last_error_class)
      .bind_text(12, state.last_error_message)
      .bind_optional_int64(13, state.last_status)
      .bind_bool(14, state.degraded_logged)
      .bind_bool(15, state.first_fetch_done)
      .bind_text(16, state.title);
}

}  // namespace

core::Result<std::optional<FeedState>> FeedStateStore::load(const std::string& feed_id) {
  auto select = db_.prepare(select_one_sql());
  if (!select) return tl::unexpected(select.error());
  select->bind_text(1, feed_id);
  auto row = select->step();
  if (!row) return tl::unexpected(row.error());
  if (!*row) return std::optional<FeedState>();
  return read_row(*select);
}

core::Result<std::vector<FeedState>> FeedStateStore::load_all() {
  auto select = db_.prepare(select_all_sql());
  if (!select) return tl::unexpected(select.error());
  std::vector<FeedState> states;
  while (true) {
    auto row = select->step();
    if (!row) return tl::unexpected(row.error());
    if (!*row) return states;
    states.push_back(read_row(*select));
  }
}

core::Result<void> FeedStateStore::save(const FeedState& state) {
  {
    auto update = db_.prepare(update_sql());
    if (!update) return tl::unexpected(update.error());
    bind_state(*update, state);
    if (auto done = update->run(); !done) return done;
    if (db_.changed_rows() > 0) return {};
  }
  auto upsert = db_.prepare(upsert_sql());
  if (!upsert) return tl::unexpected(upsert.error());
  bind_state(*upsert, state);
  return upsert->run();
}

core::Result<void> FeedStateStore::save_all(std::span<const FeedState> states) {
  if (states.empty()) return {};
  auto transaction = Transaction::begin(db_);
  if (!transaction) return tl::unexpected(transaction.error());
  for (const FeedState& state : states) {
    if (auto saved = save(state); !saved) return saved;
  }
  return transaction->commit();
}

}  // namespace feedsentry::store
