#pragma once
// The versioned schema. PRAGMA user_version holds the version of the last migration applied;
// Database::open applies the missing ones, in order, in one transaction, and refuses a file
// whose version is newer than the migrations this build knows.
#include <span>
#include <string_view>

#include "core/result.h"

namespace feedsentry::store {

class Database;

struct Migration {
  int version;  // 1, 2, 3, ...: each list starts at 1 and counts up by one
  std::string_view sql;
};

// The migrations of this build, oldest first.
std::span<const Migration> schema_migrations();
int latest_schema_version();

// Applies the migrations newer than the file's version in one transaction (all or none).
// Fails without changes when the file's version is newer than the last migration.
// Exposed with a migration list so tests can exercise upgrades and failures.
core::Result<void> apply_migrations(Database& db, std::span<const Migration> migrations);

core::Result<int> read_schema_version(Database& db);

}  // namespace feedsentry::store
