// copy_database: a snapshot of a state file for `once --dry-run`, taken without writing to it.
#include <sqlite3.h>

#include <string>

#include "store/database.h"
#include "store/sqlite_connection.h"
#include "store/sqlite_error.h"

namespace feedsentry::store {
namespace {

std::string sql_string_literal(const std::string& text) {
  std::string quoted = "'";
  for (const char c : text) {
    quoted += c;
    if (c == '\'') quoted += '\'';
  }
  return quoted + "'";
}

}  // namespace

core::Result<void> copy_database(const std::filesystem::path& source,
                                 const std::filesystem::path& target,
                                 std::chrono::milliseconds busy_timeout) {
  const std::string source_text = source.string();
  sqlite3* raw = nullptr;
  // Read-only and not through Database::open, which would migrate the file to this build's
  // schema: a dry run of a newer binary must leave the state as the running daemon knows it.
  const int opened = sqlite3_open_v2(source_text.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr);
  const detail::SqliteConnection connection(raw);
  if (opened != SQLITE_OK)
    return tl::unexpected(detail::sqlite_error(raw, opened, "opening", source_text));
  sqlite3_extended_result_codes(raw, 1);
  sqlite3_busy_timeout(raw, static_cast<int>(busy_timeout.count()));
  // VACUUM INTO reads one consistent snapshot, including what the WAL holds.
  const std::string sql = "VACUUM INTO " + sql_string_literal(target.string());
  const int copied = sqlite3_exec(raw, sql.c_str(), nullptr, nullptr, nullptr);
  if (copied != SQLITE_OK) {
    return tl::unexpected(detail::sqlite_error(raw, copied, "copying", source_text));
  }
  return {};
}

}  // namespace feedsentry::store
