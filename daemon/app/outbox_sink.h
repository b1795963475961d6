#pragma once
// The hand-off from the poller to the dispatcher: each new matching item becomes an alert in
// the durable outbox, inside the poller's transaction that marks the item seen. Items are
// grouped into stories first (story::StoryGrouper, the same decision `feedsentry stories`
// runs): a story's first item alerts every routed output; a later copy is recorded on the
// story and becomes a follow-up for the outputs that take them; a related or new story
// alerts. One `match` log line says which, and for which outputs. Once the transaction
// commits, the grouper learns the item and the dispatcher is told.
// Runs on the poller's store thread, with the poller's Database.
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "alert/routing.h"
#include "core/clock.h"
#include "poll/match.h"
#include "store/database.h"
#include "store/story_store.h"
#include "story/story_grouper.h"

namespace feedsentry::app {

class OutboxSink : public poll::MatchSink {
 public:
  // `committed` runs after a transaction holding new outbox rows commits (on the store
  // thread): the dispatcher's notify().
  OutboxSink(store::Database& db, std::vector<alert::Route> routes, std::function<void()> committed,
             story::GroupingOptions grouping = {});

  // Rebuilds the story window from the state file; call before polling starts.
  core::Result<void> load_stories(core::SystemTime now);

  core::Result<void> accept(const poll::Match& match) override;

  // Thread-safe (config reload): alerts written from now on follow `routes`.
  void set_routes(std::vector<alert::Route> routes);
  // Told about each alert after its transaction commits, on the store thread. Before start.
  void set_alert_observer(std::function<void(const alert::Alert&)> observer) {
    alert_observer_ = std::move(observer);
  }
  // Told about each story item (with its decision) after its transaction commits, on the
  // store thread. Before start.
  void set_story_observer(std::function<void(const store::StoryItemRow&)> observer) {
    story_observer_ = std::move(observer);
  }

 private:
  std::string new_story_id(const poll::Match& match) const;

  store::Database& db_;
  std::mutex routes_mutex_;
  std::vector<alert::Route> routes_;
  std::function<void()> committed_;
  std::function<void(const alert::Alert&)> alert_observer_;
  std::function<void(const store::StoryItemRow&)> story_observer_;
  story::GroupingOptions grouping_;
  story::StoryGrouper grouper_;
};

}  // namespace feedsentry::app
