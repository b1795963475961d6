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

// How to add v2 (for example the outbox): append an entry, bump nothing else.
//   constexpr std::string_view kSchemaV2 = R"sql(
//     CREATE TABLE outbox (
//       outbox_id  INTEGER PRIMARY KEY,
//       feed_id    TEXT    NOT NULL,
//       item_key   TEXT    NOT NULL,
//       ...
//       FOREIGN KEY (feed_id, item_key) REFERENCES seen_items (feed_id, item_key)
//     ) STRICT;
//   )sql";
//   ... kMigrations[] = {{1, kSchemaV1}, {2, kSchemaV2}};
// Existing v1 files are upgraded on their next open; a v2 file is refused by a v1 build.
constexpr Migration kMigrations[] = {
    {1, kSchemaV1},
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
