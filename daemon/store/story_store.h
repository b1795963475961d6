#pragma once
// Story memory (table `story_items`, plus `alerts` for a story's first alert): which items
// were grouped into which story, with the grouper's fingerprint, so that a restart rebuilds
// the grouping window and a later copy of a story can name the earlier reports. Borrows the
// Database; writes join the caller's transaction.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/result.h"

namespace feedsentry::store {

class Database;

struct StoryItemRow {
  std::string feed_id;
  std::string item_key;
  std::string story_id;
  std::int64_t item_time = 0;  // unix seconds
  std::string fingerprint;
  std::string source;
  std::string title;
  std::string link;
  std::string decision;  // why it joined its story: "new story", "copy of story X (link)", ...
  std::int64_t recorded_ms = 0;  // when it was recorded (unix milliseconds)
};

class StoryStore {
 public:
  explicit StoryStore(Database& db) : db_(db) {}

  core::Result<void> add(const StoryItemRow& row);
  // Every item with item_time >= since (unix seconds), oldest first: the grouping window.
  core::Result<std::vector<StoryItemRow>> recent(std::int64_t since);
  // The latest `limit` items of one story, oldest first. Reads only those rows (index on
  // story_id, item_time): a story that gathered thousands of copies costs no more.
  core::Result<std::vector<StoryItemRow>> latest_items_of(const std::string& story_id,
                                                          std::size_t limit);
  // The items of the `stories` stories that gained an item last, newest story first, each
  // story's items oldest first (at most `items_per_story`, its latest): /status.
  core::Result<std::vector<std::vector<StoryItemRow>>> latest_stories(std::size_t stories,
                                                                      std::size_t items_per_story);
  // The alert id of the story's first (non-follow-up) alert, if it has one.
  core::Result<std::optional<std::int64_t>> first_alert(const std::string& story_id);
  core::Result<std::size_t> prune(std::int64_t before);

 private:
  Database& db_;
};

}  // namespace feedsentry::store
