#include "store/database.h"

#include <sqlite3.h>

#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/text.h"
#include "store/cached_statement.h"
#include "store/schema.h"
#include "store/sqlite_connection.h"
#include "store/sqlite_error.h"

namespace feedsentry::store {

void detail::CloseSqliteConnection::operator()(sqlite3* connection) const {
  sqlite3_close_v2(connection);
}

struct Database::Connection {
  std::filesystem::path path;
  std::string path_text;  // error location; Statements keep a pointer to it
  detail::SqliteConnection handle;
  // Declared after `handle` so every statement is finalized before the connection closes.
  std::unordered_map<std::string, std::unique_ptr<detail::CachedStatement>> statements;
  std::vector<std::function<void()>> after_commit;
};

namespace {

// Reported lines of a failed integrity check; the first few say enough to file a bug.
constexpr int kIntegrityLinesReported = 3;

bool only_whitespace_or_semicolons(std::string_view text) {
  for (const char c : text) {
    if (!core::is_ascii_space(c) && c != ';') return false;
  }
  return true;
}

}  // namespace

Database::Database(std::unique_ptr<Connection> connection) : connection_(std::move(connection)) {}
Database::Database(Database&&) noexcept = default;
Database& Database::operator=(Database&&) noexcept = default;
Database::~Database() = default;

core::Result<Database> Database::open(const std::filesystem::path& path,
                                      const DatabaseOptions& options) {
  auto connection = std::make_unique<Connection>();
  connection->path = path;
  connection->path_text = path.string();

  sqlite3* raw = nullptr;
  const int opened = sqlite3_open_v2(connection->path_text.c_str(), &raw,
                                     SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  connection->handle.reset(raw);  // SQLite allocates a handle even when opening fails
  if (opened != SQLITE_OK) {
    return tl::unexpected(detail::sqlite_error(raw, opened, "opening", connection->path_text));
  }
  sqlite3_extended_result_codes(raw, 1);
  // SQLite silently falls back to read-only for a write-protected file; the daemon cannot
  // work that way, so say so now instead of failing at the first write.
  if (sqlite3_db_readonly(raw, "main") == 1) {
    return tl::unexpected(
        detail::sqlite_error(raw, SQLITE_READONLY, "opening read-write", connection->path_text));
  }

  Database db(std::move(connection));
  if (auto configured = db.configure(options); !configured) {
    return tl::unexpected(configured.error());
  }
  if (options.check_integrity) {
    if (auto intact = db.check_integrity(); !intact) return tl::unexpected(intact.error());
  }
  if (auto migrated = apply_migrations(db, schema_migrations()); !migrated) {
    return tl::unexpected(migrated.error());
  }
  return db;
}

core::Result<void> Database::configure(const DatabaseOptions& options) {
  sqlite3_busy_timeout(connection_->handle.get(), static_cast<int>(options.busy_timeout.count()));

  // The first statement that reads the file: a file that is not a database fails here,
  // before anything is written to it.
  auto journal = prepare("PRAGMA journal_mode = WAL");
  if (!journal) return tl::unexpected(journal.error());
  auto row = journal->step();
  if (!row) return tl::unexpected(row.error());
  const std::string mode = *row ? core::to_lower_ascii(journal->column_text(0)) : "";
  if (mode != "wal") {
    return core::fail(core::ErrorCode::kUnsupported,
                      "could not switch the database to WAL journal mode (got '" + mode +
                          "'); state_dir must be on a local filesystem that supports shared "
                          "memory (not NFS/SMB)",
                      connection_->path_text);
  }

  const char* synchronous = options.durability == Durability::kPowerLoss
                                ? "PRAGMA synchronous = FULL"
                                : "PRAGMA synchronous = NORMAL";
  if (auto set = execute_script(synchronous); !set) return set;
  // The poller rewrites every feed's row each interval and the seen rows of changed feeds:
  // a page cache that holds the working set (default: 2 MiB) saves a pread per miss, and
  // fewer, larger checkpoints write each hot page to the database file once per checkpoint
  // instead of once per 1,000 WAL frames. Both only bound memory and WAL size.
  const std::string cache = "PRAGMA cache_size = -" + std::to_string(options.cache_kib);
  if (auto set = execute_script(cache); !set) return set;
  if (auto set = execute_script("PRAGMA wal_autocheckpoint = 4000"); !set) return set;
  return execute_script("PRAGMA foreign_keys = ON");
}

core::Result<void> Database::check_integrity() {
  auto check = prepare("PRAGMA quick_check");
  if (!check) return tl::unexpected(check.error());
  std::string problems;
  int reported = 0;
  while (true) {
    auto row = check->step();
    if (!row) return tl::unexpected(row.error());
    if (!*row) break;
    const std::string line = check->column_text(0);
    if (line == "ok") continue;
    if (reported++ < kIntegrityLinesReported) problems += (problems.empty() ? "" : "; ") + line;
  }
  if (reported == 0) return {};
  return tl::unexpected(detail::corrupt_database_error("(PRAGMA quick_check: " + problems + ")",
                                                       connection_->path_text));
}

const std::filesystem::path& Database::path() const {
  return connection_->path;
}

core::Result<Statement> Database::prepare(std::string_view sql) {
  auto& cache = connection_->statements;
  const auto cached = cache.find(std::string(sql));
  if (cached != cache.end() && !cached->second->borrowed) {
    return Statement(cached->second->handle, cached->second.get(), &connection_->path_text);
  }

  // A statement is cached the first time its SQL is seen. Only constant SQL is passed here
  // (values are bound), so the cache stays as small as the program's set of queries.
  sqlite3_stmt* raw = nullptr;
  const char* tail = nullptr;
  const unsigned flags = cached == cache.end() ? SQLITE_PREPARE_PERSISTENT : 0;
  const int prepared = sqlite3_prepare_v3(connection_->handle.get(), sql.data(),
                                          static_cast<int>(sql.size()), flags, &raw, &tail);
  if (prepared != SQLITE_OK) {
    sqlite3_finalize(raw);
    return tl::unexpected(detail::sqlite_error(connection_->handle.get(), prepared,
                                               "preparing '" + std::string(sql) + "'",
                                               connection_->path_text));
  }
  const std::string_view rest = sql.substr(static_cast<std::size_t>(tail - sql.data()));
  if (raw == nullptr || !only_whitespace_or_semicolons(rest)) {
    sqlite3_finalize(raw);
    return core::fail(core::ErrorCode::kInvalidArgument,
                      "prepare() takes exactly one SQL statement: '" + std::string(sql) + "'",
                      connection_->path_text);
  }
  if (cached != cache.end()) return Statement(raw, nullptr, &connection_->path_text);
  auto& slot = cache[std::string(sql)];
  slot = std::make_unique<detail::CachedStatement>(raw);
  return Statement(raw, slot.get(), &connection_->path_text);
}

core::Result<void> Database::execute_script(std::string_view sql) {
  const int result =
      sqlite3_exec(connection_->handle.get(), std::string(sql).c_str(), nullptr, nullptr, nullptr);
  if (result == SQLITE_OK) return {};
  return tl::unexpected(detail::sqlite_error(connection_->handle.get(), result, "running a script",
                                             connection_->path_text));
}

bool Database::in_transaction() const {
  return sqlite3_get_autocommit(connection_->handle.get()) == 0;
}

std::int64_t Database::changed_rows() const {
  return sqlite3_changes64(connection_->handle.get());
}

std::int64_t Database::last_insert_rowid() const {
  return sqlite3_last_insert_rowid(connection_->handle.get());
}

void Database::defer_until_commit(std::function<void()> action) {
  if (!in_transaction()) {
    action();
    return;
  }
  connection_->after_commit.push_back(std::move(action));
}

std::size_t Database::deferred_count() const {
  return connection_->after_commit.size();
}

void Database::discard_deferred_from(std::size_t mark) {
  auto& actions = connection_->after_commit;
  if (mark < actions.size()) actions.resize(mark);
}

void Database::outer_transaction_finished(bool committed) {
  std::vector<std::function<void()>> actions = std::move(connection_->after_commit);
  connection_->after_commit.clear();
  if (!committed) return;
  for (auto& action : actions) action();
}

}  // namespace feedsentry::store
