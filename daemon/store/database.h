#pragma once
// The daemon's durable state: one SQLite file under state_dir, in WAL mode, migrated to the
// current schema on open. A Database owns its connection and a cache of prepared
// statements; Statements and Transactions borrow from it and must not outlive it (nor be
// used after it is moved from). One thread (or strand) uses a Database at a time.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "core/result.h"
#include "store/statement.h"

namespace feedsentry::store {

// How far a committed transaction is guaranteed to survive. Both keep the file consistent
// (never corrupt) after a crash or power cut; they differ in whether the last commits can
// be lost.
enum class Durability {
  // synchronous=NORMAL: a commit survives the process being killed (kill -9, OOM, crash),
  // because it is in the WAL in the OS page cache. A power cut or kernel panic may lose the
  // last commits (rolled back as a whole). Lost seen-marks are re-detected as new on the next
  // poll, since seen marks and outbox rows commit together, so the usual effect is a repeat
  // alert, not a lost one. The default: one fsync per checkpoint, not per commit.
  kProcessCrash,
  // synchronous=FULL: every commit is fsynced to the WAL before it returns, so it also
  // survives power loss, at the cost of one fsync per transaction.
  kPowerLoss,
};

struct DatabaseOptions {
  // How long a statement waits for another connection's lock before failing with a
  // "locked" error. Open fails after this long if another writer keeps the lock.
  std::chrono::milliseconds busy_timeout{5000};
  Durability durability = Durability::kProcessCrash;
  // Run `PRAGMA quick_check` on open. A process's further connections to a file its first
  // connection just checked skip it: on a large file it reads every page.
  bool check_integrity = true;
  // SQLite's page cache, per connection. The poller's connection needs its working set;
  // a process's other connections (outbox, health probe) touch a few pages.
  int cache_kib = 16384;
};

// Writes a consistent copy of the database file at `source` (what its WAL holds included)
// to `target`, which must not exist, over a read-only connection: the source is neither
// migrated nor written, whatever its schema version (open the copy to migrate it).
core::Result<void> copy_database(const std::filesystem::path& source,
                                 const std::filesystem::path& target,
                                 std::chrono::milliseconds busy_timeout = std::chrono::seconds(5));

class Database {
 public:
  // Opens (creating if missing) the database file at `path` and migrates it to the current
  // schema in one transaction. The directory must exist. Fails, without modifying the file,
  // when it is not a database or fails `PRAGMA quick_check`, when its schema is newer than
  // this build, or when another process holds the write lock past `busy_timeout`. A failed
  // open never resets or recreates anything: the error names the path and what to do.
  static core::Result<Database> open(const std::filesystem::path& path,
                                     const DatabaseOptions& options = {});

  Database(Database&&) noexcept;
  Database& operator=(Database&&) noexcept;
  ~Database();

  const std::filesystem::path& path() const;

  // A statement from the per-Database cache (prepared on first use of `sql`).
  core::Result<Statement> prepare(std::string_view sql);
  // Runs one or more statements without parameters (schema scripts, pragmas).
  core::Result<void> execute_script(std::string_view sql);

  // True inside BEGIN ... COMMIT (the connection is not in autocommit mode).
  bool in_transaction() const;
  // Rows changed by the most recent INSERT/UPDATE/DELETE on this connection.
  std::int64_t changed_rows() const;
  // Rowid of the most recent successful INSERT on this connection.
  std::int64_t last_insert_rowid() const;

  // Runs `action` once the current outer transaction has committed, or never if it rolls
  // back; at once when no transaction is open. For telling other threads about rows only
  // after they can see them (a second connection reads the committed snapshot only).
  void defer_until_commit(std::function<void()> action);

  // Used by Transaction: the outer transaction ended; a savepoint rolled back.
  void outer_transaction_finished(bool committed);
  std::size_t deferred_count() const;
  void discard_deferred_from(std::size_t mark);

 private:
  struct Connection;
  explicit Database(std::unique_ptr<Connection> connection);
  core::Result<void> configure(const DatabaseOptions& options);
  core::Result<void> check_integrity();

  std::unique_ptr<Connection> connection_;
};

}  // namespace feedsentry::store
