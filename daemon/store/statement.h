#pragma once
// A prepared statement borrowed from a Database's cache. Bind with 1-based parameter
// indexes, step, read columns with 0-based indexes. When the Statement is destroyed it is
// reset and its bindings cleared, and it returns to the cache; it must not outlive the
// Database that prepared it. Not thread-safe (neither is Database).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

struct sqlite3_stmt;

namespace feedsentry::store {

namespace detail {
struct CachedStatement;
}

class Statement {
 public:
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  // Bind failures (a wrong index, out of memory) are remembered and reported by the next
  // step()/run(), so a chain of binds needs no checks of its own.
  Statement& bind_int64(int index, std::int64_t value);
  Statement& bind_text(int index, std::string_view value);
  Statement& bind_null(int index);
  Statement& bind_bool(int index, bool value) { return bind_int64(index, value ? 1 : 0); }
  Statement& bind_optional_int64(int index, const std::optional<std::int64_t>& value);
  // Binds NULL for an empty string: for columns where "" means "none".
  Statement& bind_text_or_null(int index, std::string_view value);

  // true: a row is available through the column accessors; false: the statement is done.
  core::Result<bool> step();
  // Steps to completion; for statements that return no rows (a row is an error).
  core::Result<void> run();

  bool column_is_null(int column) const;
  std::int64_t column_int64(int column) const;  // NULL reads as 0
  bool column_bool(int column) const { return column_int64(column) != 0; }
  std::string column_text(int column) const;  // NULL reads as ""
  std::optional<std::int64_t> column_optional_int64(int column) const;

 private:
  friend class Database;
  // `slot` is the cache entry lent out, or null for a one-off statement owned by this object
  // (used when the cached one is already borrowed). `path` names the database in errors.
  Statement(sqlite3_stmt* handle, detail::CachedStatement* slot, const std::string* path);
  void release() noexcept;
  void remember_bind_result(int result_code, int index);

  sqlite3_stmt* handle_ = nullptr;
  detail::CachedStatement* slot_ = nullptr;
  const std::string* path_ = nullptr;
  std::optional<core::Error> bind_error_;
};

}  // namespace feedsentry::store
