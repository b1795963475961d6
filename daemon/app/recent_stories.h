#pragma once
// The stories that gained an item last, newest first, each with its items and why each
// joined ("new story", "copy of story X (event: actor+class)"), for /status. Filled from the
// state file at start-up and told about each recorded item once its transaction commits.
// Holds titles, sources and links, never a feed URL. Thread-safe.
#include <cstddef>
#include <deque>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>

#include "store/database.h"
#include "store/story_store.h"

namespace feedsentry::app {

class RecentStories {
 public:
  explicit RecentStories(std::size_t stories = 20, std::size_t items_per_story = 10)
      : stories_(stories), items_per_story_(items_per_story) {}

  // Reads the latest stories from the state file (before the event loop starts).
  core::Result<void> load(store::Database& db);
  void add(const store::StoryItemRow& item);
  // A JSON array: [{"story_id", "items": [{"title", "source", "link", "joined", ...}]}].
  nlohmann::json json() const;

 private:
  struct Story {
    std::string story_id;
    std::deque<store::StoryItemRow> items;  // oldest first
  };
  std::size_t stories_;
  std::size_t items_per_story_;
  mutable std::mutex mutex_;
  std::deque<Story> latest_;  // newest first
};

}  // namespace feedsentry::app
