#pragma once
// The durable outbox (tables `alerts` and `outbox`): alerts as JSON, and one delivery row per
// (alert, output) that moves pending -> delivered | dead. Rows are written in the caller's
// transaction (the one that marks the item seen), so an alert exists exactly when its item is
// recorded as seen. Borrows the Database, which must outlive it; one thread at a time.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace feedsentry::store {

class Database;

enum class DeliveryState { kPending, kDelivered, kDead };
std::string_view delivery_state_name(DeliveryState state);
std::optional<DeliveryState> parse_delivery_state(std::string_view name);

struct NewAlert {
  std::string story_id;
  std::optional<std::int64_t> followup_of;  // alert id of the story's first alert
  std::int64_t created_ms = 0;
  std::string payload;  // JSON
};

struct DeliveryRow {
  std::int64_t delivery_id = 0;
  std::int64_t alert_id = 0;
  std::string output;
  DeliveryState state = DeliveryState::kPending;
  int attempts = 0;
  std::int64_t created_ms = 0;
  std::int64_t next_attempt_ms = 0;
  std::optional<std::int64_t> finished_ms;
  std::string idempotency_key;
  std::optional<std::string> remote_id;
  std::string last_error;
  std::optional<std::int64_t> retried_ms;  // last `outbox retry`; nullopt: never retried
  // Joined from `alerts`:
  std::string payload;
  std::optional<std::int64_t> followup_of;
  // For a follow-up: remote_id of the story's first alert delivered on the same output.
  std::optional<std::string> original_remote_id;

  // Since when the row has been waiting: its last manual retry, else its creation. The retry
  // budget (max_age) and the outbox-to-delivery latency count from here.
  std::int64_t pending_since_ms() const { return retried_ms.value_or(created_ms); }
};

struct OutboxCounts {
  std::string output;
  std::int64_t pending = 0;
  std::int64_t delivered = 0;
  std::int64_t dead = 0;
  std::optional<std::int64_t> oldest_pending_since_ms;  // DeliveryRow::pending_since_ms()
};

struct OutboxFilter {
  std::optional<DeliveryState> state;  // nullopt: every state
  std::string output;                  // "": every output
  std::size_t limit = 1000;
};

// A delivery id that retry_dead() would not move.
struct RetryRefusal {
  std::int64_t delivery_id = 0;
  std::optional<DeliveryState> state;  // nullopt: no such delivery
};

struct RetryOutcome {
  std::size_t moved = 0;
  std::vector<RetryRefusal> refused;  // non-empty: nothing was moved
};

class OutboxStore {
 public:
  explicit OutboxStore(Database& db) : db_(db) {}

  core::Result<std::int64_t> insert_alert(const NewAlert& alert);
  // A pending delivery of `alert_id` to `output`, due at once; returns its delivery_id. Its
  // idempotency key (Matrix txnId, webhook-id) is `key_for(delivery_id)`, stored with the row
  // so it is fixed before the first attempt.
  core::Result<std::int64_t> enqueue(std::int64_t alert_id, std::string_view output,
                                     std::int64_t created_ms,
                                     const std::function<std::string(std::int64_t)>& key_for);

  // Pending rows of one output in creation order (with their alert), at most `limit`,
  // skipping delivery ids up to `after_id`.
  core::Result<std::vector<DeliveryRow>> pending(std::string_view output, std::int64_t after_id,
                                                 std::size_t limit);
  core::Result<std::optional<DeliveryRow>> find(std::int64_t delivery_id);
  // The stored JSON of one alert.
  core::Result<std::optional<std::string>> alert_payload(std::int64_t alert_id);
  core::Result<std::vector<DeliveryRow>> list(const OutboxFilter& filter);

  core::Result<void> mark_delivered(std::int64_t delivery_id, std::int64_t now_ms,
                                    const std::optional<std::string>& remote_id, int attempts);
  core::Result<void> mark_retry(std::int64_t delivery_id, int attempts,
                                std::int64_t next_attempt_ms, std::string_view error);
  core::Result<void> mark_dead(std::int64_t delivery_id, std::int64_t now_ms, int attempts,
                               std::string_view error);

  // Dead rows back to pending with a fresh retry budget: created_ms stays, retried_ms becomes
  // `now_ms`. Empty `ids` = every dead row. Named ids are all or nothing: when one is unknown
  // or not dead, nothing changes and `refused` says which and why.
  core::Result<RetryOutcome> retry_dead(const std::vector<std::int64_t>& ids, std::int64_t now_ms);
  // Deletes finished rows: dead ones (all, or finished before `before_ms`) and/or delivered
  // ones finished before `before_ms`; then alerts no row refers to any more that are older
  // than `before_ms`. Returns the delivery rows deleted.
  core::Result<std::size_t> purge(bool dead, bool delivered, std::int64_t before_ms);

  core::Result<std::vector<OutboxCounts>> counts();

  // The newest `limit` alerts, newest first: (alert_id, payload JSON).
  core::Result<std::vector<std::pair<std::int64_t, std::string>>> recent_alerts(std::size_t limit);

  // Rewrites the health probe row in its own small transaction: fails when the file no
  // longer takes writes (disk full, read-only, locked past the busy timeout).
  core::Result<void> write_health_probe(std::int64_t now_ms);

 private:
  Database& db_;
};

}  // namespace feedsentry::store
