#pragma once
// Private to store/: an owned SQLite connection, closed (sqlite3_close_v2) when it goes.
// Database holds one; copy_database opens its own read-only one.
#include <memory>

struct sqlite3;

namespace feedsentry::store::detail {

struct CloseSqliteConnection {
  void operator()(sqlite3* connection) const;
};

using SqliteConnection = std::unique_ptr<sqlite3, CloseSqliteConnection>;

}  // namespace feedsentry::store::detail
