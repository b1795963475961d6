#pragma once
// RAII write transaction: rolled back on destruction unless commit() succeeded. The outer
// one is BEGIN IMMEDIATE, so the write lock is taken up front (waiting up to the busy
// timeout) and a transaction never fails half-way for lack of it. Opened while another
// Transaction is active on the same Database it becomes a SAVEPOINT inside it: store
// operations use one so they are all-or-nothing on their own, yet commit with the caller's
// transaction when there is one. Must not outlive its Database; nest in LIFO order.
//
//   auto tx = Transaction::begin(db);
//   if (!tx) return tl::unexpected(tx.error());
//   auto fresh = seen.find_new(feed_id, candidates);   // ...check fresh...
//   seen.record(feed_id, candidates, now);             // ...check...
//   outbox.enqueue(...);                               // ...check...
//   return tx->commit();                               // all three, or none
#include <cstddef>

#include "core/result.h"

namespace feedsentry::store {

class Database;

class Transaction {
 public:
  [[nodiscard]] static core::Result<Transaction> begin(Database& db);

  Transaction(Transaction&& other) noexcept;
  Transaction& operator=(Transaction&&) = delete;
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction();

  // Commits (outer) or releases the savepoint into the enclosing transaction (nested). On
  // failure the transaction stays open and is rolled back by the destructor.
  core::Result<void> commit();

  bool is_nested() const { return nested_; }

 private:
  Transaction(Database& db, bool nested, std::size_t deferred_mark)
      : db_(&db), nested_(nested), deferred_mark_(deferred_mark) {}
  void roll_back() noexcept;

  Database* db_;
  bool nested_;
  std::size_t deferred_mark_;  // deferred actions registered before this one began
  bool open_ = true;
};

}  // namespace feedsentry::store
