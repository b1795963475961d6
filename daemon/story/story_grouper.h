#pragma once
// The one story decision, as the daemon's outbox stage and `feedsentry stories` both run it:
// each item, in arrival order, is a copy of a story, related to one, or a new story named
// after the item's own id (that first item is the one that alerts). Time moves with the
// latest detection time seen; items older than the window are forgotten. The daemon decides
// inside its store transaction and remembers the item once that commits; the CLI does both
// at once (assign). Not thread-safe.
#include <optional>
#include <string>

#include "story/fingerprint.h"
#include "story/story_index.h"

namespace feedsentry::story {

class StoryGrouper {
 public:
  explicit StoryGrouper(GroupingOptions options = {}) : options_(options), index_(options) {}

  // The decision for `item` (fingerprint(item)), detected at `detected_at`.
  StoryDecision decide(const Fingerprint& item, core::SystemTime detected_at);
  // Remembers an item of story `story_id` for the items after it.
  void remember(const std::string& story_id, const Fingerprint& item);
  // Forgets items older than the window before `now` (start-up, after remembering the
  // stored ones).
  void expire(core::SystemTime now);

  struct Assignment {
    std::string story_id;  // the joined story, or item.id for a new (or related) story
    StoryDecision decision;
  };
  // decide() then remember(), at the item's seen_at.
  Assignment assign(const StoryItem& item);

  const StoryIndex& index() const { return index_; }

 private:
  GroupingOptions options_;
  StoryIndex index_;
  std::optional<core::SystemTime> latest_;
};

// The story an item starts or joins under `decision`: the joined story for a copy, else
// `own_id`.
std::string story_of(const StoryDecision& decision, const std::string& own_id);

}  // namespace feedsentry::story
