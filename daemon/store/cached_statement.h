#pragma once
// Private to store/: one entry of a Database's prepared-statement cache. The entry owns the
// sqlite3_stmt (finalized with the entry); `borrowed` is set while a Statement lends it out,
// so a second concurrent use of the same SQL gets its own one-off statement instead.
struct sqlite3_stmt;

namespace feedsentry::store::detail {

struct CachedStatement {
  explicit CachedStatement(sqlite3_stmt* statement) : handle(statement) {}
  CachedStatement(const CachedStatement&) = delete;
  CachedStatement& operator=(const CachedStatement&) = delete;
  ~CachedStatement();

  sqlite3_stmt* handle;
  bool borrowed = false;
};

}  // namespace feedsentry::store::detail
