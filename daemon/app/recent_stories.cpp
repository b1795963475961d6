#include "app/recent_stories.h"

#include <algorithm>

#include "core/time_format.h"

namespace feedsentry::app {

core::Result<void> RecentStories::load(store::Database& db) {
  auto stories = store::StoryStore(db).latest_stories(stories_, items_per_story_);
  if (!stories) return tl::unexpected(stories.error());
  const std::lock_guard lock(mutex_);
  latest_.clear();
  for (std::vector<store::StoryItemRow>& items : *stories) {
    if (items.empty()) continue;
    Story story{items.front().story_id, {}};
    for (store::StoryItemRow& item : items) story.items.push_back(std::move(item));
    latest_.push_back(std::move(story));
  }
  return {};
}

void RecentStories::add(const store::StoryItemRow& item) {
  const std::lock_guard lock(mutex_);
  const auto found = std::find_if(latest_.begin(), latest_.end(), [&](const Story& story) {
    return story.story_id == item.story_id;
  });
  Story story{item.story_id, {}};
  if (found != latest_.end()) {
    story = std::move(*found);
    latest_.erase(found);
  }
  story.items.push_back(item);
  story.items.back().fingerprint.clear();  // not shown; the index has it
  while (story.items.size() > items_per_story_) story.items.pop_front();
  latest_.push_front(std::move(story));
  while (latest_.size() > stories_) latest_.pop_back();
}

nlohmann::json RecentStories::json() const {
  const std::lock_guard lock(mutex_);
  nlohmann::json array = nlohmann::json::array();
  for (const Story& story : latest_) {
    nlohmann::json items = nlohmann::json::array();
    for (const store::StoryItemRow& item : story.items) {
      nlohmann::json entry = {
          {"title", item.title},
          {"source", item.source},
          {"link", item.link},
          {"time",
           core::format_rfc3339(std::chrono::sys_seconds(std::chrono::seconds(item.item_time)))},
          {"joined", item.decision.empty() ? "recorded before this version" : item.decision}};
      items.push_back(std::move(entry));
    }
    array.push_back({{"story_id", story.story_id}, {"items", std::move(items)}});
  }
  return array;
}

}  // namespace feedsentry::app
