#pragma once
// Loads and saves FeedState rows (table `feeds`). Borrows the Database, which must outlive
// it. save() and save_all() join the caller's Transaction when one is open.
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/result.h"
#include "store/feed_state.h"

namespace feedsentry::store {

class Database;

class FeedStateStore {
 public:
  explicit FeedStateStore(Database& db) : db_(db) {}

  // nullopt: the feed was never saved.
  core::Result<std::optional<FeedState>> load(const std::string& feed_id);
  core::Result<std::vector<FeedState>> load_all();
  // Inserts or replaces the whole row for state.feed_id.
  core::Result<void> save(const FeedState& state);
  // Saves every state in one transaction: all or none, and one commit (one WAL append,
  // one lock round) for the batch instead of one per feed.
  core::Result<void> save_all(std::span<const FeedState> states);

 private:
  Database& db_;
};

}  // namespace feedsentry::store
