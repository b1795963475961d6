#pragma once
// Assigns each item, in arrival order, to a story: the story of a matching recent item, or
// a new story named after the item's own id (that first item is the one that alerts). This
// is the loop the daemon and `feedsentry stories` run over a StoryIndex. Not thread-safe.
#include <optional>
#include <string>

#include "story/fingerprint.h"
#include "story/story_index.h"

namespace feedsentry::story {

class StoryGrouper {
 public:
  explicit StoryGrouper(GroupingOptions options = {}) : index_(options) {}

  // The story id of `item`; the item is remembered for the items after it. Time moves
  // with the latest item time seen, and items older than the window are forgotten.
  std::string assign(const StoryItem& item);

  const StoryIndex& index() const { return index_; }

 private:
  StoryIndex index_;
  std::optional<core::SystemTime> latest_;
};

}  // namespace feedsentry::story
