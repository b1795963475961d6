#include "store/outbox_store.h"

#include <string>

#include "store/database.h"
#include "store/transaction.h"

namespace feedsentry::store {

namespace {

constexpr std::string_view kInsertAlert =
    "INSERT INTO alerts (story_id, followup_of, created_ms, payload) VALUES (?1, ?2, ?3, ?4)";

constexpr std::string_view kEnqueue =
    "INSERT INTO outbox (alert_id, output, created_ms, next_attempt_ms, idempotency_key) "
    "VALUES (?1, ?2, ?3, ?3, ?4)";
constexpr std::string_view kSetKey =
    "UPDATE outbox SET idempotency_key = ?2 WHERE delivery_id = ?1";

// The columns every DeliveryRow query reads, in DeliveryRow order; `o` is the outbox row and
// `a` its alert. The original message's remote id is looked up for follow-ups only.
constexpr std::string_view kDeliveryColumns =
    "SELECT o.delivery_id, o.alert_id, o.output, o.state, o.attempts, o.created_ms, "
    "o.next_attempt_ms, o.finished_ms, o.idempotency_key, o.remote_id, o.last_error, "
    "a.payload, a.followup_of, "
    "(SELECT f.remote_id FROM outbox f WHERE a.followup_of IS NOT NULL "
    " AND f.alert_id = a.followup_of AND f.output = o.output AND f.state = 'delivered' "
    " AND f.remote_id IS NOT NULL LIMIT 1), "
    "o.retried_ms "
    "FROM outbox o JOIN alerts a ON a.alert_id = o.alert_id ";

constexpr std::string_view kMarkDelivered =
    "UPDATE outbox SET state = 'delivered', finished_ms = ?2, remote_id = ?3, attempts = ?4, "
    "last_error = '' WHERE delivery_id = ?1";
constexpr std::string_view kMarkRetry =
    "UPDATE outbox SET attempts = ?2, next_attempt_ms = ?3, last_error = ?4 "
    "WHERE delivery_id = ?1 AND state = 'pending'";
constexpr std::string_view kMarkDead =
    "UPDATE outbox SET state = 'dead', finished_ms = ?2, attempts = ?3, last_error = ?4 "
    "WHERE delivery_id = ?1";

constexpr std::string_view kStateOf = "SELECT state FROM outbox WHERE delivery_id = ?1";
constexpr std::string_view kRetryOne =
    "UPDATE outbox SET state = 'pending', attempts = 0, retried_ms = ?2, next_attempt_ms = ?2, "
    "finished_ms = NULL WHERE delivery_id = ?1 AND state = 'dead'";
constexpr std::string_view kRetryAll =
    "UPDATE outbox SET state = 'pending', attempts = 0, retried_ms = ?1, next_attempt_ms = ?1, "
    "finished_ms = NULL WHERE state = 'dead'";

constexpr std::string_view kPurge =
    "DELETE FROM outbox WHERE (?1 AND state = 'dead' AND (?3 IS NULL OR finished_ms < ?3)) "
    "OR (?2 AND state = 'delivered' AND finished_ms < ?3)";
constexpr std::string_view kPurgeAlerts =
    "DELETE FROM alerts WHERE created_ms < ?1 "
    "AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.alert_id = alerts.alert_id) "
    "AND NOT EXISTS (SELECT 1 FROM alerts f WHERE f.followup_of = alerts.alert_id)";

constexpr std::string_view kCounts =
    "SELECT output, SUM(state = 'pending'), SUM(state = 'delivered'), SUM(state = 'dead'), "
    "MIN(CASE WHEN state = 'pending' THEN COALESCE(retried_ms, created_ms) END) FROM outbox GROUP "
    "BY output "
    "ORDER BY output";

DeliveryRow read_delivery(const Statement& row) {
  DeliveryRow delivery;
  delivery.delivery_id = row.column_int64(0);
  delivery.alert_id = row.column_int64(1);
  delivery.output = row.column_text(2);
  delivery.state = parse_delivery_state(row.column_text(3)).value_or(DeliveryState::kPending);
  delivery.attempts = static_cast<int>(row.column_int64(4));
  delivery.created_ms = row.column_int64(5);
  delivery.next_attempt_ms = row.column_int64(6);
  delivery.finished_ms = row.column_optional_int64(7);
  delivery.idempotency_key = row.column_text(8);
  if (!row.column_is_null(9)) delivery.remote_id = row.column_text(9);
  delivery.last_error = row.column_text(10);
  delivery.payload = row.column_text(11);
  delivery.followup_of = row.column_optional_int64(12);
  if (!row.column_is_null(13)) delivery.original_remote_id = row.column_text(13);
  delivery.retried_ms = row.column_optional_int64(14);
  return delivery;
}

core::Result<std::vector<DeliveryRow>> read_deliveries(Statement& query) {
  std::vector<DeliveryRow> rows;
  while (true) {
    auto has_row = query.step();
    if (!has_row) return tl::unexpected(has_row.error());
    if (!*has_row) return rows;
    rows.push_back(read_delivery(query));
  }
}

}  // namespace

std::string_view delivery_state_name(DeliveryState state) {
  switch (state) {
    case DeliveryState::kPending:
      return "pending";
    case DeliveryState::kDelivered:
      return "delivered";
    case DeliveryState::kDead:
      return "dead";
  }
  return "pending";
}

std::optional<DeliveryState> parse_delivery_state(std::string_view name) {
  if (name == "pending") return DeliveryState::kPending;
  if (name == "delivered") return DeliveryState::kDelivered;
  if (name == "dead") return DeliveryState::kDead;
  return std::nullopt;
}

core::Result<std::int64_t> OutboxStore::insert_alert(const NewAlert& alert) {
  auto insert = db_.prepare(kInsertAlert);
  if (!insert) return tl::unexpected(insert.error());
  insert->bind_text(1, alert.story_id)
      .bind_optional_int64(2, alert.followup_of)
      .bind_int64(3, alert.created_ms)
      .bind_text(4, alert.payload);
  if (auto done = insert->run(); !done) return tl::unexpected(done.error());
  return db_.last_insert_rowid();
}

core::Result<std::int64_t> OutboxStore::enqueue(
    std::int64_t alert_id, std::string_view output, std::int64_t created_ms,
    const std::function<std::string(std::int64_t)>& key_for) {
  auto transaction = Transaction::begin(db_);
  if (!transaction) return tl::unexpected(transaction.error());
  std::int64_t delivery_id = 0;
  {
    auto insert = db_.prepare(kEnqueue);
    if (!insert) return tl::unexpected(insert.error());
    insert->bind_int64(1, alert_id).bind_text(2, output).bind_int64(3, created_ms).bind_text(4, "");
    if (auto done = insert->run(); !done) return tl::unexpected(done.error());
    delivery_id = db_.last_insert_rowid();
  }
  auto keyed = db_.prepare(kSetKey);
  if (!keyed) return tl::unexpected(keyed.error());
  keyed->bind_int64(1, delivery_id).bind_text(2, key_for(delivery_id));
  if (auto done = keyed->run(); !done) return tl::unexpected(done.error());
  if (auto committed = transaction->commit(); !committed) {
    return tl::unexpected(committed.error());
  }
  return delivery_id;
}

core::Result<std::vector<DeliveryRow>> OutboxStore::pending(std::string_view output,
                                                            std::int64_t after_id,
                                                            std::size_t limit) {
  auto query = db_.prepare(std::string(kDeliveryColumns) +
                           "WHERE o.state = 'pending' AND o.output = ?1 AND o.delivery_id > ?2 "
                           "ORDER BY o.delivery_id LIMIT ?3");
  if (!query) return tl::unexpected(query.error());
  query->bind_text(1, output)
      .bind_int64(2, after_id)
      .bind_int64(3, static_cast<std::int64_t>(limit));
  return read_deliveries(*query);
}

core::Result<std::optional<DeliveryRow>> OutboxStore::find(std::int64_t delivery_id) {
  auto query = db_.prepare(std::string(kDeliveryColumns) + "WHERE o.delivery_id = ?1");
  if (!query) return tl::unexpected(query.error());
  query->bind_int64(1, delivery_id);
  auto rows = read_deliveries(*query);
  if (!rows) return tl::unexpected(rows.error());
  if (rows->empty()) return std::optional<DeliveryRow>();
  return std::optional<DeliveryRow>(std::move(rows->front()));
}

core::Result<std::optional<std::string>> OutboxStore::alert_payload(std::int64_t alert_id) {
  auto query = db_.prepare("SELECT payload FROM alerts WHERE alert_id = ?1");
  if (!query) return tl::unexpected(query.error());
  query->bind_int64(1, alert_id);
  auto has_row = query->step();
  if (!has_row) return tl::unexpected(has_row.error());
  if (!*has_row) return std::optional<std::string>();
  return std::optional<std::string>(query->column_text(0));
}

core::Result<std::vector<DeliveryRow>> OutboxStore::list(const OutboxFilter& filter) {
  auto query = db_.prepare(std::string(kDeliveryColumns) +
                           "WHERE (?1 IS NULL OR o.state = ?1) AND (?2 = '' OR o.output = ?2) "
                           "ORDER BY o.delivery_id LIMIT ?3");
  if (!query) return tl::unexpected(query.error());
  if (filter.state) {
    query->bind_text(1, delivery_state_name(*filter.state));
  } else {
    query->bind_null(1);
  }
  query->bind_text(2, filter.output).bind_int64(3, static_cast<std::int64_t>(filter.limit));
  return read_deliveries(*query);
}

core::Result<void> OutboxStore::mark_delivered(std::int64_t delivery_id, std::int64_t now_ms,
                                               const std::optional<std::string>& remote_id,
                                               int attempts) {
  auto update = db_.prepare(kMarkDelivered);
  if (!update) return tl::unexpected(update.error());
  update->bind_int64(1, delivery_id).bind_int64(2, now_ms).bind_int64(4, attempts);
  if (remote_id) {
    update->bind_text(3, *remote_id);
  } else {
    update->bind_null(3);
  }
  return update->run();
}

core::Result<void> OutboxStore::mark_retry(std::int64_t delivery_id, int attempts,
                                           std::int64_t next_attempt_ms, std::string_view error) {
  auto update = db_.prepare(kMarkRetry);
  if (!update) return tl::unexpected(update.error());
  update->bind_int64(1, delivery_id)
      .bind_int64(2, attempts)
      .bind_int64(3, next_attempt_ms)
      .bind_text(4, error);
  return update->run();
}

core::Result<void> OutboxStore::mark_dead(std::int64_t delivery_id, std::int64_t now_ms,
                                          int attempts, std::string_view error) {
  auto update = db_.prepare(kMarkDead);
  if (!update) return tl::unexpected(update.error());
  update->bind_int64(1, delivery_id)
      .bind_int64(2, now_ms)
      .bind_int64(3, attempts)
      .bind_text(4, error);
  return update->run();
}

core::Result<RetryOutcome> OutboxStore::retry_dead(const std::vector<std::int64_t>& ids,
                                                   std::int64_t now_ms) {
  // One write transaction: a running daemon's dispatcher never sees half of a retry, and
  // the state checked is the state changed.
  auto transaction = Transaction::begin(db_);
  if (!transaction) return tl::unexpected(transaction.error());
  RetryOutcome outcome;
  for (const std::int64_t id : ids) {
    auto state = db_.prepare(kStateOf);
    if (!state) return tl::unexpected(state.error());
    state->bind_int64(1, id);
    auto has_row = state->step();
    if (!has_row) return tl::unexpected(has_row.error());
    if (!*has_row) {
      outcome.refused.push_back({id, std::nullopt});
      continue;
    }
    const auto current = parse_delivery_state(state->column_text(0));
    if (current != DeliveryState::kDead) outcome.refused.push_back({id, current});
  }
  if (!outcome.refused.empty()) return outcome;  // rolled back: nothing changed
  if (ids.empty()) {
    auto update = db_.prepare(kRetryAll);
    if (!update) return tl::unexpected(update.error());
    update->bind_int64(1, now_ms);
    if (auto done = update->run(); !done) return tl::unexpected(done.error());
    outcome.moved = static_cast<std::size_t>(db_.changed_rows());
  } else {
    for (const std::int64_t id : ids) {
      auto update = db_.prepare(kRetryOne);
      if (!update) return tl::unexpected(update.error());
      update->bind_int64(1, id).bind_int64(2, now_ms);
      if (auto done = update->run(); !done) return tl::unexpected(done.error());
      outcome.moved += static_cast<std::size_t>(db_.changed_rows());
    }
  }
  if (auto committed = transaction->commit(); !committed) {
    return tl::unexpected(committed.error());
  }
  return outcome;
}

core::Result<std::size_t> OutboxStore::purge(bool dead, bool delivered, std::int64_t before_ms) {
  auto transaction = Transaction::begin(db_);
  if (!transaction) return tl::unexpected(transaction.error());
  auto remove = db_.prepare(kPurge);
  if (!remove) return tl::unexpected(remove.error());
  remove->bind_bool(1, dead).bind_bool(2, delivered).bind_int64(3, before_ms);
  if (auto done = remove->run(); !done) return tl::unexpected(done.error());
  const auto removed = static_cast<std::size_t>(db_.changed_rows());
  auto orphans = db_.prepare(kPurgeAlerts);
  if (!orphans) return tl::unexpected(orphans.error());
  orphans->bind_int64(1, before_ms);
  if (auto done = orphans->run(); !done) return tl::unexpected(done.error());
  if (auto committed = transaction->commit(); !committed) {
    return tl::unexpected(committed.error());
  }
  return removed;
}

core::Result<std::vector<OutboxCounts>> OutboxStore::counts() {
  auto query = db_.prepare(kCounts);
  if (!query) return tl::unexpected(query.error());
  std::vector<OutboxCounts> counts;
  while (true) {
    auto has_row = query->step();
    if (!has_row) return tl::unexpected(has_row.error());
    if (!*has_row) return counts;
    OutboxCounts entry;
    entry.output = query->column_text(0);
    entry.pending = query->column_int64(1);
    entry.delivered = query->column_int64(2);
    entry.dead = query->column_int64(3);
    entry.oldest_pending_since_ms = query->column_optional_int64(4);
    counts.push_back(std::move(entry));
  }
}

core::Result<std::vector<std::pair<std::int64_t, std::string>>> OutboxStore::recent_alerts(
    std::size_t limit) {
  auto query = db_.prepare("SELECT alert_id, payload FROM alerts ORDER BY alert_id DESC LIMIT ?1");
  if (!query) return tl::unexpected(query.error());
  query->bind_int64(1, static_cast<std::int64_t>(limit));
  std::vector<std::pair<std::int64_t, std::string>> alerts;
  while (true) {
    auto has_row = query->step();
    if (!has_row) return tl::unexpected(has_row.error());
    if (!*has_row) return alerts;
    alerts.emplace_back(query->column_int64(0), query->column_text(1));
  }
}

core::Result<void> OutboxStore::write_health_probe(std::int64_t now_ms) {
  auto write = db_.prepare(
      "INSERT INTO health_probe (id, at_ms) VALUES (1, ?1) "
      "ON CONFLICT (id) DO UPDATE SET at_ms = excluded.at_ms");
  if (!write) return tl::unexpected(write.error());
  write->bind_int64(1, now_ms);
  auto done = write->step();
  if (!done) return tl::unexpected(done.error());
  return {};
}

}  // namespace feedsentry::store
