#include "store/schema.h"

#include <stdexcept>
#include <string>

#include "store/database.h"
#include "store/transaction.h"

namespace feedsentry::store {

namespace {

// Schema v1. Times are unix seconds (INTEGER). STRICT tables reject values of the wrong type
// instead of storing them silently. Never edit a migration once released: append a new one.
constexpr std::string_view kSchemaV1 = R"sql(
-- Per-feed polling state: HTTP validators, schedule, failure tracking.
CREATE TABLE feeds (
  feed_id              TEXT    NOT NULL PRIMARY KEY,  -- configured URL or caller's stable id
  current_url          TEXT    NOT NULL DEFAULT '',   -- after permanent redirects; '' = feed_id
  etag                 TEXT    NOT NULL DEFAULT '',
  last_modified        TEXT    NOT NULL DEFAULT '',
  body_hash            TEXT    NOT NULL DEFAULT '',   -- of the last 200 body
  next_due             INTEGER,                       -- NULL: due now
  interval_hint_s      INTEGER,                       -- from <ttl>, sy:, Cache-Control
  consecutive_failures INTEGER NOT NULL DEFAULT 0,
  last_success         INTEGER,
  last_attempt         INTEGER,
  last_error_class     TEXT    NOT NULL DEFAULT '',
  last_error_message   TEXT    NOT NULL DEFAULT '',
  last_status          INTEGER,                       -- last HTTP status, NULL if none
  degraded_logged      INTEGER NOT NULL DEFAULT 0 CHECK (degraded_logged IN (0, 1)),
  first_fetch_done     INTEGER NOT NULL DEFAULT 0 CHECK (first_fetch_done IN (0, 1)),
  title                TEXT    NOT NULL DEFAULT ''
) STRICT;

-- Items already seen, per feed. No foreign key to feeds: items may be recorded before the
-- feed's state is first saved, and a feed removed from the config keeps its history until
-- prune() ages it out (so re-adding it does not re-alert).
CREATE TABLE seen_items (
  feed_id       TEXT    NOT NULL,
  item_key      TEXT    NOT NULL,
  secondary_key TEXT,                -- hash of canonical link + normalized title; NULL = none
  first_seen    INTEGER NOT NULL,
  last_seen     INTEGER NOT NULL,    -- refreshed while the item stays in its feed
  published     INTEGER,
  PRIMARY KEY (feed_id, item_key)
) STRICT, WITHOUT ROWID;

CREATE INDEX seen_items_by_secondary_key ON seen_items (feed_id, secondary_key)
  WHERE secondary_key IS NOT NULL;
CREATE INDEX seen_items_by_last_seen ON seen_items (last_seen);
)sql";

// Schema v2: stories and the durable outbox (alert dispatcher). Times in milliseconds where
// delivery latency is measured, seconds elsewhere, as each column says.
constexpr std::string_view kSchemaV2 = R"sql(
-- Items that were grouped into stories, with the grouper's fingerprint, so the grouping
-- window survives a restart. Pruned some days after item_time.
CREATE TABLE story_items (
  feed_id     TEXT    NOT NULL,
  item_key    TEXT    NOT NULL,
  story_id    TEXT    NOT NULL,
  item_time   INTEGER NOT NULL,   -- unix seconds: published, else first seen
  fingerprint TEXT    NOT NULL,   -- story::encode(...)
  source      TEXT    NOT NULL DEFAULT '',
  title       TEXT    NOT NULL DEFAULT '',
  link        TEXT    NOT NULL DEFAULT '',
  PRIMARY KEY (feed_id, item_key)
) STRICT, WITHOUT ROWID;
CREATE INDEX story_items_by_story ON story_items (story_id);
CREATE INDEX story_items_by_time ON story_items (item_time);

-- One row per alert: a story's first item, or a later copy (followup_of = the first alert).
CREATE TABLE alerts (
  alert_id    INTEGER PRIMARY KEY,
  story_id    TEXT    NOT NULL,
  followup_of INTEGER,
  created_ms  INTEGER NOT NULL,   -- unix milliseconds
  payload     TEXT    NOT NULL    -- the alert as JSON (alert::alert_to_json)
) STRICT;
CREATE INDEX alerts_by_story ON alerts (story_id);

-- The outbox: one row per (alert, output). Inserted in the transaction that marks the
-- item seen; state moves pending -> delivered | dead.
CREATE TABLE outbox (
  delivery_id     INTEGER PRIMARY KEY,
  alert_id        INTEGER NOT NULL REFERENCES alerts (alert_id),
  output          TEXT    NOT NULL,   -- output name from the config
  state           TEXT    NOT NULL DEFAULT 'pending'
                  CHECK (state IN ('pending', 'delivered', 'dead')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  created_ms      INTEGER NOT NULL,
  next_attempt_ms INTEGER NOT NULL,
  finished_ms     INTEGER,            -- delivered or dead at
  idempotency_key TEXT    NOT NULL,   -- Matrix txnId / webhook-id: fixed before the first try
  remote_id       TEXT,               -- the platform's id of the delivered message
  last_error      TEXT    NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX outbox_pending ON outbox (output, delivery_id) WHERE state = 'pending';
CREATE INDEX outbox_by_alert ON outbox (alert_id, output);
CREATE INDEX outbox_by_state ON outbox (state, finished_ms);
)sql";

constexpr std::string_view kSchemaV3 = R"sql(
-- One row, rewritten by the daemon's health probe: proves the state file takes writes.
CREATE TABLE health_probe (
  id    INTEGER PRIMARY KEY CHECK (id = 1),
  at_ms INTEGER NOT NULL
) STRICT;
)sql";

constexpr std::string_view kSchemaV4 = R"sql(
-- A story's latest items ("also reported by") read through the index, not all of them.
DROP INDEX IF EXISTS story_items_by_story;
CREATE INDEX IF NOT EXISTS story_items_by_story_time ON story_items (story_id, item_time);
)sql";

constexpr std::string_view kSchemaV5 = R"sql(
-- When `outbox retry` last moved a dead row back to pending (unix milliseconds; NULL: never).
-- created_ms keeps the alert's creation time; the fresh retry budget counts from this one.
ALTER TABLE outbox ADD COLUMN retried_ms INTEGER;
)sql";

constexpr std::string_view kSchemaV6 = R"sql(
-- Why each item joined its story ("new story", "copy of story X (event: actor+class)") and
-- when it was recorded (unix milliseconds), for /status; '' and 0 for items recorded before
-- this version.
ALTER TABLE story_items ADD COLUMN decision TEXT NOT NULL DEFAULT '';
ALTER TABLE story_items ADD COLUMN recorded_ms INTEGER NOT NULL DEFAULT 0;
)sql";

// Never edit a released migration; append the next one here. Existing files are upgraded on
// their next open; a file newer than this build is refused.
constexpr Migration kMigrations[] = {
    {1, kSchemaV1}, {2, kSchemaV2}, {3, kSchemaV3}, {4, kSchemaV4}, {5, kSchemaV5}, {6, kSchemaV6},
};

void require_well_formed(std::span<const Migration> migrations) {
  for (std::size_t i = 0; i < migrations.size(); ++i) {
    if (migrations[i].version != static_cast<int>(i) + 1) {
      throw std::logic_error("schema migrations must be numbered 1, 2, 3, ... in order");
    }
  }
}

}  // namespace

std::span<const Migration> schema_migrations() {
  return kMigrations;
}

int latest_schema_version() {
  return static_cast<int>(std::size(kMigrations));
}

core::Result<int> read_schema_version(Database& db) {
  auto statement = db.prepare("PRAGMA user_version");
  if (!statement) return tl::unexpected(statement.error());
  auto row = statement->step();
  if (!row) return tl::unexpected(row.error());
  return *row ? static_cast<int>(statement->column_int64(0)) : 0;
}

core::Result<void> apply_migrations(Database& db, std::span<const Migration> migrations) {
  require_well_formed(migrations);
  const int latest = static_cast<int>(migrations.size());

  // Reading the version inside the write transaction means two processes opening a fresh
  // file cannot both apply migration 1.
  auto transaction = Transaction::begin(db);
  if (!transaction) return tl::unexpected(transaction.error());
  auto current = read_schema_version(db);
  if (!current) return tl::unexpected(current.error());

  if (*current > latest) {
    return core::fail(core::ErrorCode::kUnsupported,
                      "database schema version " + std::to_string(*current) +
                          " is newer than this feedsentry supports (" + std::to_string(latest) +
                          "); it was written by a newer release. The file was not modified: "
                          "run the newer feedsentry, or restore a backup made by this version",
                      db.path().string());
  }
  for (const Migration& migration : migrations.subspan(static_cast<std::size_t>(*current))) {
    if (auto applied = db.execute_script(migration.sql); !applied) {
      core::Error error = applied.error();
      error.message = "migration to schema version " + std::to_string(migration.version) +
                      " failed, nothing was changed: " + error.message;
      return tl::unexpected(std::move(error));
    }
    // PRAGMA takes no parameters; the version is our own integer.
    if (auto stamped =
            db.execute_script("PRAGMA user_version = " + std::to_string(migration.version));
        !stamped) {
      return tl::unexpected(stamped.error());
    }
  }
  return transaction->commit();
}

}  // namespace feedsentry::store
