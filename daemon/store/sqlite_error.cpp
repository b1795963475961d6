#include "store/sqlite_error.h"

#include <sqlite3.h>

#include <string>

namespace feedsentry::store::detail {

namespace {

// Operator-facing advice, one per failure family. The database is never reset by feedsentry:
// losing seen-item history would re-alert every item in every feed.
constexpr std::string_view kCorruptAdvice =
    "feedsentry will not modify or recreate it. Stop feedsentry, move the file together with "
    "its -wal and -shm files aside (keep them for inspection) or restore a backup; starting "
    "without the file begins with empty state, so every feed is treated as never fetched";
constexpr std::string_view kLockedAdvice =
    "another connection (usually another process) held the write lock for longer than the busy "
    "timeout. Is another feedsentry using the same state directory? Stop it, or give each "
    "instance its own state_dir";
constexpr std::string_view kAccessAdvice =
    "check that the state directory exists and that the file and directory are writable by the "
    "user feedsentry runs as";

std::string sqlite_message(sqlite3* connection, int result_code) {
  // sqlite3_errmsg describes the most recent failure on the connection; when there is no
  // connection (open failed before allocating one) fall back to the generic code text.
  const char* text = connection != nullptr ? sqlite3_errmsg(connection) : nullptr;
  if (text == nullptr || *text == '\0') text = sqlite3_errstr(result_code);
  return text;
}

}  // namespace

core::Error sqlite_error(sqlite3* connection, int result_code, std::string_view while_doing,
                         const std::string& path) {
  const std::string quoted = "(sqlite: " + sqlite_message(connection, result_code) + ", while " +
                             std::string(while_doing) + ")";
  switch (result_code & 0xff) {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return corrupt_database_error(quoted, path);
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return core::Error{core::ErrorCode::kIo,
                         "database is locked " + quoted + "; " + std::string(kLockedAdvice), path};
    case SQLITE_FULL:
      return core::Error{core::ErrorCode::kIo, "disk full " + quoted + "; free space and restart",
                         path};
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_AUTH:
      return core::Error{
          core::ErrorCode::kIo,
          "cannot open or write the database " + quoted + "; " + std::string(kAccessAdvice), path};
    default:
      return core::Error{core::ErrorCode::kIo, "database error " + quoted, path};
  }
}

core::Error corrupt_database_error(std::string_view detail, const std::string& path) {
  return core::Error{
      core::ErrorCode::kIo,
      "database file is corrupt " + std::string(detail) + ". " + std::string(kCorruptAdvice), path};
}

}  // namespace feedsentry::store::detail
