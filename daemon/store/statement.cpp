#include "store/statement.h"

#include <sqlite3.h>

#include <utility>

#include "store/cached_statement.h"
#include "store/sqlite_error.h"

namespace feedsentry::store {

namespace detail {
CachedStatement::~CachedStatement() {
  sqlite3_finalize(handle);
}
}  // namespace detail

Statement::Statement(sqlite3_stmt* handle, detail::CachedStatement* slot, const std::string* path)
    : handle_(handle), slot_(slot), path_(path) {
  if (slot_ != nullptr) slot_->borrowed = true;
}

Statement::Statement(Statement&& other) noexcept
    : handle_(std::exchange(other.handle_, nullptr)),
      slot_(std::exchange(other.slot_, nullptr)),
      path_(other.path_),
      bind_error_(std::move(other.bind_error_)) {}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    release();
    handle_ = std::exchange(other.handle_, nullptr);
    slot_ = std::exchange(other.slot_, nullptr);
    path_ = other.path_;
    bind_error_ = std::move(other.bind_error_);
  }
  return *this;
}

Statement::~Statement() {
  release();
}

void Statement::release() noexcept {
  if (handle_ == nullptr) return;
  if (slot_ != nullptr) {
    // Resetting ends any read the statement still holds open, so a cached SELECT never pins
    // an old WAL snapshot between uses.
    sqlite3_reset(handle_);
    sqlite3_clear_bindings(handle_);
    slot_->borrowed = false;
  } else {
    sqlite3_finalize(handle_);
  }
  handle_ = nullptr;
  slot_ = nullptr;
}

void Statement::remember_bind_result(int result_code, int index) {
  if (result_code == SQLITE_OK || bind_error_) return;
  bind_error_ = detail::sqlite_error(
      sqlite3_db_handle(handle_), result_code,
      "binding parameter " + std::to_string(index) + " of '" + sqlite3_sql(handle_) + "'", *path_);
}

Statement& Statement::bind_int64(int index, std::int64_t value) {
  remember_bind_result(sqlite3_bind_int64(handle_, index, value), index);
  return *this;
}

Statement& Statement::bind_text(int index, std::string_view value) {
  // SQLITE_TRANSIENT: SQLite copies the bytes, so the caller's string may die before step().
  remember_bind_result(sqlite3_bind_text64(handle_, index, value.data(), value.size(),
                                           SQLITE_TRANSIENT, SQLITE_UTF8),
                       index);
  return *this;
}

Statement& Statement::bind_null(int index) {
  remember_bind_result(sqlite3_bind_null(handle_, index), index);
  return *this;
}

Statement& Statement::bind_optional_int64(int index, const std::optional<std::int64_t>& value) {
  return value ? bind_int64(index, *value) : bind_null(index);
}

Statement& Statement::bind_text_or_null(int index, std::string_view value) {
  return value.empty() ? bind_null(index) : bind_text(index, value);
}

core::Result<bool> Statement::step() {
  if (bind_error_) return tl::unexpected(*bind_error_);
  const int result = sqlite3_step(handle_);
  if (result == SQLITE_ROW) return true;
  if (result == SQLITE_DONE) return false;
  return tl::unexpected(detail::sqlite_error(sqlite3_db_handle(handle_), result,
                                             std::string("running '") + sqlite3_sql(handle_) + "'",
                                             *path_));
}

core::Result<void> Statement::run() {
  auto row = step();
  if (!row) return tl::unexpected(row.error());
  if (*row) {
    return core::fail(core::ErrorCode::kInvalidArgument,
                      std::string("statement returned rows where none were expected: '") +
                          sqlite3_sql(handle_) + "'",
                      *path_);
  }
  return {};
}

bool Statement::column_is_null(int column) const {
  return sqlite3_column_type(handle_, column) == SQLITE_NULL;
}

std::int64_t Statement::column_int64(int column) const {
  return sqlite3_column_int64(handle_, column);
}

std::string Statement::column_text(int column) const {
  const auto* text = sqlite3_column_text(handle_, column);
  if (text == nullptr) return {};
  const auto size = static_cast<std::size_t>(sqlite3_column_bytes(handle_, column));
  return std::string(reinterpret_cast<const char*>(text), size);
}

std::optional<std::int64_t> Statement::column_optional_int64(int column) const {
  if (column_is_null(column)) return std::nullopt;
  return column_int64(column);
}

}  // namespace feedsentry::store
