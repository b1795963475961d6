#include "store/database.h"
#include "store/outbox_store.h"
#include "store/story_store.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <chrono>
#include <string>

#include "store/schema.h"
#include "store/seen_store.h"
#include "store/transaction.h"
#include "store_test_support.h"

namespace feedsentry::store {
namespace {

using ::testing::HasSubstr;
using testing::open_or_die;
using testing::read_bytes;
using testing::TempDir;
using testing::write_bytes;

std::int64_t count_rows(Database& db, const std::string& table) {
  auto query = db.prepare("SELECT COUNT(*) FROM " + table);
  if (!query) throw std::runtime_error(query.error().describe());
  auto row = query->step();
  if (!row || !*row) throw std::runtime_error("no count");
  return query->column_int64(0);
}

bool table_exists(Database& db, const std::string& name) {
  auto query = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?1");
  query->bind_text(1, name);
  return *query->step();
}

std::string pragma_text(Database& db, const std::string& pragma) {
  auto query = db.prepare("PRAGMA " + pragma);
  EXPECT_TRUE(query && *query->step());
  return query->column_text(0);
}

// A file as an older release left it: a current file taken back by `downgrade` (SQL that
// drops what later schemas added and sets user_version), then opened, hence migrated.
Database reopened_after_downgrade(const std::filesystem::path& path, const std::string& downgrade) {
  {
    Database db = open_or_die(path);
    EXPECT_TRUE(db.execute_script(downgrade));
  }
  return open_or_die(path);
}

void set_user_version(const std::filesystem::path& path, int version) {
  Database db = open_or_die(path);
  ASSERT_TRUE(db.execute_script("PRAGMA user_version = " + std::to_string(version)));
}

// PRAGMA user_version read over a read-only connection: Database::open would migrate.
int raw_user_version(const std::filesystem::path& path) {
  sqlite3* raw = nullptr;
  int version = -1;
  if (sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* query = nullptr;
    if (sqlite3_prepare_v2(raw, "PRAGMA user_version", -1, &query, nullptr) == SQLITE_OK &&
        sqlite3_step(query) == SQLITE_ROW) {
      version = sqlite3_column_int(query, 0);
    }
    sqlite3_finalize(query);
  }
  sqlite3_close_v2(raw);
  return version;
}

// How `once --dry-run` copies the state: a file at an older schema (a newer binary's dry run
// beside the running daemon) stays as it is, and the copy has what the WAL holds.
TEST(Database, CopyLeavesTheSourceAsItIsAndTakesWhatTheWalHolds) {
  TempDir dir;
  Database db = open_or_die(dir.file("state.db"));
  ASSERT_TRUE(db.execute_script(
      "DROP TABLE health_probe; ALTER TABLE outbox DROP COLUMN retried_ms; ALTER TABLE story_items "
      "DROP COLUMN decision; ALTER TABLE story_items DROP COLUMN recorded_ms; "
      "PRAGMA user_version = 2; "
      "INSERT INTO seen_items (feed_id, item_key, first_seen, last_seen) VALUES ('f', 'k', 1, 1)"));
  ASSERT_TRUE(std::filesystem::exists(dir.file("state.db-wal")));

  auto copied = copy_database(dir.file("state.db"), dir.file("copy.db"));
  ASSERT_TRUE(copied) << copied.error().describe();
  EXPECT_EQ(raw_user_version(dir.file("state.db")), 2) << "the source was migrated";
  EXPECT_FALSE(table_exists(db, "health_probe"));
  Database copy = open_or_die(dir.file("copy.db"));
  EXPECT_EQ(read_schema_version(copy).value(), latest_schema_version()) << "the copy migrates";
  EXPECT_EQ(count_rows(copy, "seen_items"), 1);
}

TEST(Database, CopyOfAMissingFileFailsNamingIt) {
  TempDir dir;
  auto copied = copy_database(dir.file("absent.db"), dir.file("copy.db"));
  ASSERT_FALSE(copied);
  EXPECT_THAT(copied.error().describe(), ::testing::HasSubstr("absent.db"));
}

TEST(Database, FreshFileIsCreatedAtLatestSchemaInWalMode) {
  TempDir dir;
  Database db = open_or_die(dir.file("state.db"));
  EXPECT_TRUE(std::filesystem::exists(dir.file("state.db")));
  EXPECT_EQ(read_schema_version(db).value(), latest_schema_version());
  EXPECT_TRUE(table_exists(db, "feeds"));
  EXPECT_TRUE(table_exists(db, "seen_items"));
  EXPECT_EQ(pragma_text(db, "journal_mode"), "wal");
  EXPECT_EQ(pragma_text(db, "synchronous"), "1");  // NORMAL
  EXPECT_EQ(pragma_text(db, "foreign_keys"), "1");
  EXPECT_EQ(pragma_text(db, "busy_timeout"), "5000");
}

TEST(Database, PowerLossDurabilitySelectsFullSync) {
  TempDir dir;
  Database db = open_or_die(dir.file("state.db"), {.durability = Durability::kPowerLoss});
  EXPECT_EQ(pragma_text(db, "synchronous"), "2");  // FULL
}

TEST(Database, PageCacheSizeIsPerConnection) {
  TempDir dir;
  Database poller = open_or_die(dir.file("state.db"));
  Database probe = open_or_die(dir.file("state.db"), {.check_integrity = false, .cache_kib = 2048});
  EXPECT_EQ(pragma_text(poller, "cache_size"), "-16384");  // KiB
  EXPECT_EQ(pragma_text(probe, "cache_size"), "-2048");
}

TEST(Database, ReopenKeepsDataAndSchemaVersion) {
  TempDir dir;
  {
    Database db = open_or_die(dir.file("state.db"));
    ASSERT_TRUE(SeenStore(db).record("feed", {testing::item("a")}, testing::at(100)));
  }
  Database db = open_or_die(dir.file("state.db"));
  EXPECT_EQ(read_schema_version(db).value(), latest_schema_version());
  EXPECT_EQ(count_rows(db, "seen_items"), 1);
}

TEST(Database, RefusesFileFromNewerSchemaWithoutTouchingIt) {
  TempDir dir;
  const auto path = dir.file("state.db");
  set_user_version(path, latest_schema_version() + 1);
  const std::string before = read_bytes(path);

  auto db = Database::open(path);
  ASSERT_FALSE(db);
  EXPECT_EQ(db.error().code, core::ErrorCode::kUnsupported);
  EXPECT_EQ(db.error().location, path.string());
  EXPECT_THAT(db.error().message, HasSubstr("newer"));
  EXPECT_THAT(db.error().message, HasSubstr(std::to_string(latest_schema_version() + 1)));
  EXPECT_EQ(read_bytes(path), before);
}

TEST(Database, RefusesFileThatIsNotADatabaseAndLeavesItUntouched) {
  TempDir dir;
  const auto path = dir.file("state.db");
  std::string garbage;
  for (int i = 0; i < 8192; ++i) garbage += static_cast<char>((i * 7919 + 13) % 251);
  write_bytes(path, garbage);

  auto db = Database::open(path);
  ASSERT_FALSE(db);
  EXPECT_EQ(db.error().location, path.string());
  EXPECT_THAT(db.error().describe(), HasSubstr(path.string()));
  EXPECT_THAT(db.error().message, HasSubstr("corrupt"));
  EXPECT_THAT(db.error().message, HasSubstr("will not modify or recreate"));
  EXPECT_EQ(read_bytes(path), garbage);
  EXPECT_FALSE(std::filesystem::exists(dir.file("state.db-wal")));
}

TEST(Database, RefusesFileWithDamagedPagesAndLeavesItUntouched) {
  TempDir dir;
  const auto path = dir.file("state.db");
  {
    Database db = open_or_die(path);
    std::vector<SeenStore::Candidate> items;
    for (int i = 0; i < 2000; ++i) {
      items.push_back(testing::item("https://example.com/item/" + std::to_string(i)));
    }
    ASSERT_TRUE(SeenStore(db).record("feed", items, testing::at(100)));
  }  // closing the last connection checkpoints the WAL into the file
  std::string bytes = read_bytes(path);
  ASSERT_GT(bytes.size(), 8u * 4096u);
  for (std::size_t i = 2 * 4096; i < bytes.size(); i += 4096) bytes.replace(i, 64, 64, '\xA5');
  write_bytes(path, bytes);

  auto db = Database::open(path);
  ASSERT_FALSE(db);
  EXPECT_EQ(db.error().location, path.string());
  EXPECT_THAT(db.error().message, HasSubstr("corrupt"));
  EXPECT_EQ(read_bytes(path), bytes);
}

TEST(Database, LockedDatabaseFailsWithinBusyTimeoutAndSaysWhy) {
  TempDir dir;
  const auto path = dir.file("state.db");
  Database holder = open_or_die(path);
  auto write_lock = Transaction::begin(holder);
  ASSERT_TRUE(write_lock);

  const auto started = std::chrono::steady_clock::now();
  auto second = Database::open(path, {.busy_timeout = std::chrono::milliseconds(100)});
  const auto waited = std::chrono::steady_clock::now() - started;

  ASSERT_FALSE(second);
  EXPECT_EQ(second.error().location, path.string());
  EXPECT_THAT(second.error().message, HasSubstr("locked"));
  EXPECT_THAT(second.error().message, HasSubstr("another feedsentry"));
  EXPECT_GE(waited, std::chrono::milliseconds(90));
  EXPECT_LT(waited, std::chrono::seconds(3));
}

TEST(Database, MissingDirectoryIsAnErrorNamingThePath) {
  TempDir dir;
  const auto path = dir.path() / "absent" / "state.db";
  auto db = Database::open(path);
  ASSERT_FALSE(db);
  EXPECT_EQ(db.error().location, path.string());
  EXPECT_THAT(db.error().message, HasSubstr("state directory exists"));
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "absent"));
}

// How a later migration is added: append it; older files upgrade on open.
TEST(Migrations, UpgradeAppliesOnlyTheMissingOnes) {
  TempDir dir;
  Database db = open_or_die(dir.file("state.db"));
  std::vector<Migration> with_v2(schema_migrations().begin(), schema_migrations().end());
  with_v2.push_back({latest_schema_version() + 1,
                     "CREATE TABLE future_table (id INTEGER PRIMARY KEY, body TEXT NOT NULL)"});

  ASSERT_TRUE(apply_migrations(db, with_v2));
  EXPECT_EQ(read_schema_version(db).value(), latest_schema_version() + 1);
  EXPECT_TRUE(table_exists(db, "future_table"));
  ASSERT_TRUE(apply_migrations(db, with_v2)) << "already applied: a no-op";
}

TEST(Migrations, FailedMigrationChangesNothing) {
  TempDir dir;
  Database db = open_or_die(dir.file("state.db"));
  std::vector<Migration> broken(schema_migrations().begin(), schema_migrations().end());
  broken.push_back({latest_schema_version() + 1,
                    "CREATE TABLE half_done (x INTEGER); INSERT INTO no_such_table VALUES (1);"});

  auto applied = apply_migrations(db, broken);
  ASSERT_FALSE(applied);
  EXPECT_THAT(applied.error().message, HasSubstr("nothing was changed"));
  EXPECT_EQ(read_schema_version(db).value(), latest_schema_version());
  EXPECT_FALSE(table_exists(db, "half_done"));
  EXPECT_FALSE(db.in_transaction());
}

TEST(Migrations, MisnumberedListIsAProgrammerError) {
  TempDir dir;
  Database db = open_or_die(dir.file("state.db"));
  const Migration skipped[] = {{1, "SELECT 1"}, {3, "SELECT 1"}};
  EXPECT_THROW((void)apply_migrations(db, skipped), std::logic_error);
}

TEST(Transaction, CommitPersistsAndDestructorRollsBack) {
  TempDir dir;
  Database db = open_or_die(dir.file("state.db"));
  SeenStore seen(db);
  {
    auto tx = Transaction::begin(db);
    ASSERT_TRUE(tx);
    EXPECT_FALSE(tx->is_nested());
    ASSERT_TRUE(seen.record("feed", {testing::item("kept")}, testing::at(1)));
    ASSERT_TRUE(tx->commit());
  }
  {
    auto tx = Transaction::begin(db);
    ASSERT_TRUE(seen.record("feed", {testing::item("dropped")}, testing::at(1)));
  }
  EXPECT_FALSE(db.in_transaction());
  EXPECT_EQ(count_rows(db, "seen_items"), 1);
}

TEST(Transaction, NestedRollbackKeepsOuterWork) {
  TempDir dir;
  Database db = open_or_die(dir.file("state.db"));
  SeenStore seen(db);
  auto outer = Transaction::begin(db);
  ASSERT_TRUE(seen.record("feed", {testing::item("outer")}, testing::at(1)));
  {
    auto inner = Transaction::begin(db);
    ASSERT_TRUE(inner);
    EXPECT_TRUE(inner->is_nested());
    ASSERT_TRUE(seen.record("feed", {testing::item("inner")}, testing::at(1)));
  }
  EXPECT_TRUE(db.in_transaction());
  ASSERT_TRUE(outer->commit());
  EXPECT_EQ(count_rows(db, "seen_items"), 1);
}

TEST(Transaction, CommitTwiceIsAnError) {
  TempDir dir;
  Database db = open_or_die(dir.file("state.db"));
  auto tx = Transaction::begin(db);
  ASSERT_TRUE(tx->commit());
  EXPECT_FALSE(tx->commit());
}

TEST(Statement, SameSqlCanBeBorrowedTwiceAtOnce) {
  TempDir dir;
  Database db = open_or_die(dir.file("state.db"));
  auto first = db.prepare("SELECT ?1");
  auto second = db.prepare("SELECT ?1");
  ASSERT_TRUE(first && second);
  first->bind_int64(1, 1);
  second->bind_int64(1, 2);
  ASSERT_TRUE(*first->step());
  ASSERT_TRUE(*second->step());
  EXPECT_EQ(first->column_int64(0), 1);
  EXPECT_EQ(second->column_int64(0), 2);
}

TEST(Statement, ReturnedStatementIsResetForTheNextUser) {
  TempDir dir;
  Database db = open_or_die(dir.file("state.db"));
  {
    auto query = db.prepare("SELECT ?1");
    query->bind_text(1, "first");
    ASSERT_TRUE(*query->step());
  }
  auto query = db.prepare("SELECT ?1");
  ASSERT_TRUE(*query->step());
  EXPECT_TRUE(query->column_is_null(0)) << "bindings were cleared";
}

TEST(Statement, BindErrorIsReportedByStep) {
  TempDir dir;
  Database db = open_or_die(dir.file("state.db"));
  auto query = db.prepare("SELECT ?1");
  query->bind_int64(5, 1);
  auto row = query->step();
  ASSERT_FALSE(row);
  EXPECT_THAT(row.error().message, HasSubstr("parameter 5"));
}

TEST(Statement, PrepareRejectsSyntaxErrorsAndMultipleStatements) {
  TempDir dir;
  Database db = open_or_die(dir.file("state.db"));
  EXPECT_FALSE(db.prepare("SELEC 1"));
  EXPECT_FALSE(db.prepare("SELECT 1; SELECT 2"));
  EXPECT_TRUE(db.prepare("SELECT 1;"));
}

// A file written by the v1 release (no outbox) upgrades in place and keeps its rows.
TEST(Migrations, VersionOneFileGainsTheOutboxAndKeepsItsRows) {
  TempDir dir;
  Database db = reopened_after_downgrade(
      dir.file("state.db"),
      "DROP TABLE health_probe; DROP TABLE outbox; DROP TABLE alerts; DROP TABLE story_items; "
      "PRAGMA user_version = 1; "
      "INSERT INTO seen_items (feed_id, item_key, first_seen, last_seen) VALUES ('f', 'k', 1, 1)");
  EXPECT_EQ(read_schema_version(db).value(), latest_schema_version());
  EXPECT_TRUE(table_exists(db, "outbox"));
  EXPECT_TRUE(table_exists(db, "story_items"));
  EXPECT_EQ(count_rows(db, "seen_items"), 1);
}

TEST(Migrations, VersionTwoFileGainsTheHealthProbe) {
  TempDir dir;
  Database db = reopened_after_downgrade(
      dir.file("state.db"),
      "DROP TABLE health_probe; ALTER TABLE outbox DROP COLUMN retried_ms; ALTER TABLE story_items "
      "DROP COLUMN decision; ALTER TABLE story_items DROP COLUMN recorded_ms; "
      "PRAGMA user_version = 2;");
  EXPECT_EQ(read_schema_version(db).value(), latest_schema_version());
  EXPECT_TRUE(table_exists(db, "health_probe"));
  EXPECT_TRUE(OutboxStore(db).write_health_probe(1234));
  EXPECT_TRUE(OutboxStore(db).write_health_probe(5678));  // rewrites its one row
  auto probe = db.prepare("SELECT COUNT(*), MAX(at_ms) FROM health_probe");
  ASSERT_TRUE(probe);
  ASSERT_TRUE(probe->step().value());
  EXPECT_EQ(probe->column_int64(0), 1);
  EXPECT_EQ(probe->column_int64(1), 5678);
}

TEST(Migrations, VersionThreeFileGetsTheStoryTimeIndex) {
  TempDir dir;
  Database db = reopened_after_downgrade(
      dir.file("state.db"),
      "DROP INDEX story_items_by_story_time; "
      "CREATE INDEX story_items_by_story ON story_items (story_id); "
      "ALTER TABLE outbox DROP COLUMN retried_ms; ALTER TABLE story_items DROP COLUMN decision; "
      "ALTER TABLE story_items DROP COLUMN recorded_ms; PRAGMA user_version = 3;");
  EXPECT_EQ(read_schema_version(db).value(), latest_schema_version());
  auto indexes = db.prepare(
      "SELECT name FROM sqlite_master WHERE type = 'index' AND "
      "tbl_name = 'story_items' ORDER BY name");
  ASSERT_TRUE(indexes);
  std::vector<std::string> names;
  while (indexes->step().value()) names.push_back(indexes->column_text(0));
  EXPECT_THAT(names, ::testing::Contains("story_items_by_story_time"));
  EXPECT_THAT(names, ::testing::Not(::testing::Contains("story_items_by_story")));
}

// A v4 file's outbox rows gain retried_ms (NULL: never retried) and keep everything else.
TEST(Migrations, VersionFourFileGainsTheRetryTimeAndKeepsItsDeliveries) {
  TempDir dir;
  Database db = reopened_after_downgrade(
      dir.file("state.db"),
      "ALTER TABLE outbox DROP COLUMN retried_ms; ALTER TABLE story_items DROP COLUMN decision; "
      "ALTER TABLE story_items DROP COLUMN recorded_ms; PRAGMA user_version = 4; "
      "INSERT INTO alerts (alert_id, story_id, created_ms, payload) VALUES (7, 's', 1000, '{}'); "
      "INSERT INTO outbox (delivery_id, alert_id, output, state, created_ms, next_attempt_ms, "
      "idempotency_key) VALUES (3, 7, 'hook', 'dead', 1000, 1000, 'k')");
  EXPECT_EQ(read_schema_version(db).value(), latest_schema_version());
  OutboxStore outbox(db);
  const auto before = outbox.find(3).value();
  ASSERT_TRUE(before);
  EXPECT_EQ(before->created_ms, 1000);
  EXPECT_FALSE(before->retried_ms);
  EXPECT_EQ(outbox.retry_dead({3}, 9000).value().moved, 1u);
  const auto after = outbox.find(3).value();
  ASSERT_TRUE(after);
  EXPECT_EQ(after->created_ms, 1000);
  EXPECT_EQ(after->retried_ms, 9000);
}

// A v5 file's story items gain an empty decision and a zero recording time, and keep
// grouping: the window rebuilds from them.
TEST(Migrations, VersionFiveFileGainsStoryDecisionsAndKeepsItsStoryItems) {
  TempDir dir;
  Database db = reopened_after_downgrade(
      dir.file("state.db"),
      "ALTER TABLE story_items DROP COLUMN decision; ALTER TABLE story_items DROP COLUMN "
      "recorded_ms; PRAGMA user_version = 5; "
      "INSERT INTO story_items (feed_id, item_key, story_id, item_time, fingerprint, source, "
      "title, link) VALUES ('f', 'k', 'story-1', 100, 'fp', 'Wire', 'Title', 'https://a/1')");
  EXPECT_EQ(read_schema_version(db).value(), latest_schema_version());
  StoryStore stories(db);
  const auto items = stories.recent(0).value();
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].story_id, "story-1");
  EXPECT_EQ(items[0].decision, "");
  EXPECT_EQ(items[0].recorded_ms, 0);
}

}  // namespace
}  // namespace feedsentry::store
