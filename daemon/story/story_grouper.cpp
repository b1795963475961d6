#include "story/story_grouper.h"

namespace feedsentry::story {

std::string StoryGrouper::assign(const StoryItem& item) {
  const Fingerprint print = fingerprint(item);
  if (!latest_ || print.time > *latest_) latest_ = print.time;
  index_.expire(*latest_);
  std::string story_id = index_.find(print).value_or(item.id);
  index_.add(story_id, print);
  return story_id;
}

}  // namespace feedsentry::story
