#include "store/transaction.h"

#include <utility>

#include "store/database.h"

namespace feedsentry::store {

namespace {

// One savepoint name suffices: savepoints nest strictly (RAII, LIFO) and ROLLBACK TO /
// RELEASE act on the innermost savepoint of that name.
constexpr std::string_view kBeginOuter = "BEGIN IMMEDIATE";
constexpr std::string_view kCommitOuter = "COMMIT";
constexpr std::string_view kRollbackOuter = "ROLLBACK";
constexpr std::string_view kBeginNested = "SAVEPOINT feedsentry_nested";
constexpr std::string_view kCommitNested = "RELEASE SAVEPOINT feedsentry_nested";
constexpr std::string_view kRollbackNested = "ROLLBACK TO SAVEPOINT feedsentry_nested";

core::Result<void> run(Database& db, std::string_view sql) {
  auto statement = db.prepare(sql);
  if (!statement) return tl::unexpected(statement.error());
  return statement->run();
}

}  // namespace

core::Result<Transaction> Transaction::begin(Database& db) {
  const bool nested = db.in_transaction();
  if (auto started = run(db, nested ? kBeginNested : kBeginOuter); !started) {
    return tl::unexpected(started.error());
  }
  return Transaction(db, nested, db.deferred_count());
}

Transaction::Transaction(Transaction&& other) noexcept
    : db_(other.db_),
      nested_(other.nested_),
      deferred_mark_(other.deferred_mark_),
      open_(std::exchange(other.open_, false)) {}

Transaction::~Transaction() {
  if (open_) roll_back();
}

core::Result<void> Transaction::commit() {
  if (!open_) {
    return core::fail(core::ErrorCode::kInvalidArgument, "transaction already finished",
                      db_->path().string());
  }
  if (auto done = run(*db_, nested_ ? kCommitNested : kCommitOuter); !done) {
    return tl::unexpected(done.error());
  }
  open_ = false;
  if (!nested_) db_->outer_transaction_finished(true);
  return {};
}

void Transaction::roll_back() noexcept {
  open_ = false;
  // SQLite rolls a transaction back by itself after some errors (disk full, I/O error); then
  // there is nothing left to undo, and ROLLBACK would only fail.
  if (db_->in_transaction()) {
    if (nested_) {
      // ROLLBACK TO keeps the savepoint on the stack; RELEASE pops it (changing nothing).
      if (run(*db_, kRollbackNested)) (void)run(*db_, kCommitNested);
    } else {
      (void)run(*db_, kRollbackOuter);
    }
  }
  if (nested_) {
    db_->discard_deferred_from(deferred_mark_);
  } else {
    db_->outer_transaction_finished(false);
  }
}

}  // namespace feedsentry::store
