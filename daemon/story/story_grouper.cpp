#include "story/story_grouper.h"

namespace feedsentry::story {

StoryDecision StoryGrouper::decide(const Fingerprint& item, core::SystemTime detected_at) {
  if (!options_.enabled) return {};
  expire(detected_at);
  return index_.decide(item);
}

void StoryGrouper::remember(const std::string& story_id, const Fingerprint& item) {
  index_.add(story_id, item);
}

void StoryGrouper::expire(core::SystemTime now) {
  if (!latest_ || now > *latest_) latest_ = now;
  index_.expire(*latest_);
}

StoryGrouper::Assignment StoryGrouper::assign(const StoryItem& item) {
  const Fingerprint print = fingerprint(item);
  Assignment assignment;
  assignment.decision = decide(print, item.seen_at);
  assignment.story_id = story_of(assignment.decision, item.id);
  remember(assignment.story_id, print);
  return assignment;
}

std::string story_of(const StoryDecision& decision, const std::string& own_id) {
  return decision.kind == StoryDecision::Kind::kCopy ? decision.story_id : own_id;
}

}  // namespace feedsentry::story
