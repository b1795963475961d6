#pragma once
// Private to store/: turns an SQLite result code into a core::Error that names the database
// file and says what the operator can do about it. Callers pass the raw connection so the
// SQLite message can be quoted; sqlite3.h itself stays inside store/*.cpp.
#include <string>
#include <string_view>

#include "core/result.h"

struct sqlite3;

namespace feedsentry::store::detail {

// `while_doing` is a short description of the failed step ("opening", "BEGIN IMMEDIATE", ...).
core::Error sqlite_error(sqlite3* connection, int result_code, std::string_view while_doing,
                         const std::string& path);

// The same, for failures that are not an SQLite result code (e.g. a failed integrity check).
core::Error corrupt_database_error(std::string_view detail, const std::string& path);

}  // namespace feedsentry::store::detail
