#include "store/outbox_store.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <limits>

#include "store/story_store.h"
#include "store/transaction.h"
#include "store_test_support.h"

namespace feedsentry::store {
namespace {

using testing::open_or_die;
using testing::TempDir;

std::function<std::string(std::int64_t)> key(const std::string& prefix) {
  return [prefix](std::int64_t id) { return prefix + "-" + std::to_string(id); };
}

std::int64_t add_alert(OutboxStore& outbox, const std::string& story,
                       std::optional<std::int64_t> followup_of = std::nullopt) {
  return outbox.insert_alert({story, followup_of, 1000, R"({"headline":")" + story + R"("})"})
      .value();
}

TEST(OutboxStore, PendingRowsComeBackPerOutputInCreationOrderWithTheirAlert) {
  TempDir dir;
  Database db = open_or_die(dir.file("state.db"));
  OutboxStore outbox(db);
  const auto first = add_alert(outbox, "s1");
  const auto second = add_alert(outbox, "s2");
  const auto a = outbox.enqueue(first, "slack", 1000, key("key-a")).value();
  const auto b = outbox.enqueue(second, "slack", 1001, key("key-b")).value();
  outbox.enqueue(first, "file", 1000, key("key-c")).value();

  const auto slack = outbox.pending("slack", 0, 10).value();
  ASSERT_EQ(slack.size(), 2u);
  EXPECT_EQ(slack[0].delivery_id, a);
  EXPECT_EQ(slack[1].delivery_id, b);
  EXPECT_EQ(slack[0].payload, R"({"headline":"s1"})");
  EXPECT_EQ(slack[0].idempotency_key, "key-a-" + std::to_string(a));
  EXPECT_EQ(slack[0].next_attempt_ms, 1000);
  EXPECT_EQ(outbox.pending("slack", a, 10).value().size(), 1u) << "after_id skips";
  EXPECT_EQ(outbox.pending("file", 0, 10).value().size(), 1u);
}

TEST(OutboxStore, DeliveredAndDeadRowsLeaveThePendingSet) {
  TempDir dir;
  Database db = open_or_die(dir.file("state.db"));
  OutboxStore outbox(db);
  const auto alert = add_alert(outbox, "s1");
  const auto a = outbox.enqueue(alert, "slack", 1000, key("ka")).value();
  const auto b = outbox.enqueue(alert, "discord", 1000, key("kb")).value();
  const auto c = outbox.enqueue(alert, "teams", 1000, key("kc")).value();
  ASSERT_TRUE(outbox.mark_delivered(a, 2000, std::string("msg-1"), 1));
  ASSERT_TRUE(outbox.mark_dead(b, 2000, 3, "HTTP 404"));
  ASSERT_TRUE(outbox.mark_retry(c, 2, 9000, "HTTP 503"));

  EXPECT_TRUE(outbox.pending("slack", 0, 10).value().empty());
  EXPECT_TRUE(outbox.pending("discord", 0, 10).value().empty());
  const auto retried = outbox.pending("teams", 0, 10).value();
  ASSERT_EQ(retried.size(), 1u);
  EXPECT_EQ(retried[0].attempts, 2);
  EXPECT_EQ(retried[0].next_attempt_ms, 9000);
  EXPECT_EQ(retried[0].last_error, "HTTP 503");

  const auto delivered = outbox.find(a).value();
  ASSERT_TRUE(delivered);
  EXPECT_EQ(delivered->state, DeliveryState::kDelivered);
  EXPECT_EQ(delivered->remote_id, "msg-1");
  EXPECT_EQ(delivered->finished_ms, 2000);
  const auto dead = outbox.list({DeliveryState::kDead, "", 10}).value();
  ASSERT_EQ(dead.size(), 1u);
  EXPECT_EQ(dead[0].last_error, "HTTP 404");
}

TEST(OutboxStore, AFollowUpKnowsTheRemoteIdOfTheFirstMessageOnTheSameOutput) {
  TempDir dir;
  Database db = open_or_die(dir.file("state.db"));
  OutboxStore outbox(db);
  const auto first = add_alert(outbox, "story");
  const auto on_discord = outbox.enqueue(first, "discord", 1000, key("k1")).value();
  outbox.enqueue(first, "telegram", 1000, key("k2")).value();
  ASSERT_TRUE(outbox.mark_delivered(on_discord, 1100, std::string("1234"), 1));
  const auto copy = add_alert(outbox, "story", first);
  outbox.enqueue(copy, "discord", 1200, key("k3")).value();
  outbox.enqueue(copy, "telegram", 1200, key("k4")).value();

  const auto discord = outbox.pending("discord", 0, 10).value();
  ASSERT_EQ(discord.size(), 1u);
  EXPECT_EQ(discord[0].followup_of, first);
  EXPECT_EQ(discord[0].original_remote_id, "1234");
  const auto telegram = outbox.pending("telegram", 0, 10).value();
  ASSERT_EQ(telegram.size(), 2u);
  EXPECT_FALSE(telegram[1].original_remote_id) << "first message not delivered there yet";
}

TEST(OutboxStore, RetryDeadGivesRowsAFreshBudgetAndPurgeRemovesFinishedRows) {
  TempDir dir;
  Database db = open_or_die(dir.file("state.db"));
  OutboxStore outbox(db);
  const auto alert = add_alert(outbox, "s");
  const auto a = outbox.enqueue(alert, "slack", 1000, key("ka")).value();
  const auto b = outbox.enqueue(alert, "discord", 1000, key("kb")).value();
  const auto c = outbox.enqueue(alert, "teams", 1000, key("kc")).value();
  ASSERT_TRUE(outbox.mark_dead(a, 2000, 5, "HTTP 400"));
  ASSERT_TRUE(outbox.mark_dead(b, 2000, 5, "HTTP 400"));
  ASSERT_TRUE(outbox.mark_delivered(c, 2000, std::nullopt, 1));

  EXPECT_EQ(outbox.retry_dead({a}, 5000).value().moved, 1u);
  const auto again = outbox.pending("slack", 0, 10).value();
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(again[0].attempts, 0);
  EXPECT_EQ(again[0].created_ms, 1000) << "the alert's creation time is kept";
  EXPECT_EQ(again[0].retried_ms, 5000);
  EXPECT_EQ(again[0].pending_since_ms(), 5000) << "the fresh budget counts from the retry";

  EXPECT_EQ(outbox.purge(true, false, std::numeric_limits<std::int64_t>::max()).value(), 1u);
  EXPECT_FALSE(outbox.find(b).value());
  EXPECT_TRUE(outbox.find(c).value()) << "delivered rows stay unless asked";
  EXPECT_EQ(outbox.purge(false, true, 3000).value(), 1u);
  EXPECT_FALSE(outbox.find(c).value());
  EXPECT_TRUE(outbox.find(a).value()) << "pending rows are never purged";
}

TEST(OutboxStore, RetryOfAnUnknownOrLiveIdChangesNothingAndSaysWhich) {
  TempDir dir;
  Database db = open_or_die(dir.file("state.db"));
  OutboxStore outbox(db);
  const auto alert = add_alert(outbox, "s");
  const auto dead = outbox.enqueue(alert, "slack", 1000, key("ka")).value();
  const auto pending = outbox.enqueue(alert, "discord", 1000, key("kb")).value();
  ASSERT_TRUE(outbox.mark_dead(dead, 2000, 5, "HTTP 400"));

  const RetryOutcome outcome = outbox.retry_dead({dead, 9999, pending}, 5000).value();
  EXPECT_EQ(outcome.moved, 0u);
  ASSERT_EQ(outcome.refused.size(), 2u);
  EXPECT_EQ(outcome.refused[0].delivery_id, 9999);
  EXPECT_FALSE(outcome.refused[0].state) << "no such delivery";
  EXPECT_EQ(outcome.refused[1].delivery_id, pending);
  EXPECT_EQ(outcome.refused[1].state, DeliveryState::kPending);
  EXPECT_EQ(outbox.find(dead).value()->state, DeliveryState::kDead) << "all or nothing";
  EXPECT_FALSE(outbox.find(dead).value()->retried_ms);
}

TEST(OutboxStore, RetriedRowCountsAsPendingSinceItsRetry) {
  TempDir dir;
  Database db = open_or_die(dir.file("state.db"));
  OutboxStore outbox(db);
  const auto alert = add_alert(outbox, "s");
  const auto row = outbox.enqueue(alert, "slack", 1000, key("ka")).value();
  ASSERT_TRUE(outbox.mark_dead(row, 2000, 5, "HTTP 400"));
  EXPECT_EQ(outbox.retry_dead({}, 7000).value().moved, 1u);
  const auto counts = outbox.counts().value();
  ASSERT_EQ(counts.size(), 1u);
  EXPECT_EQ(counts[0].oldest_pending_since_ms, 7000);
}

TEST(OutboxStore, CountsPerOutputWithTheOldestPendingRow) {
  TempDir dir;
  Database db = open_or_die(dir.file("state.db"));
  OutboxStore outbox(db);
  const auto alert = add_alert(outbox, "s");
  outbox.enqueue(alert, "slack", 1500, key("k1")).value();
  outbox.enqueue(alert, "slack", 1200, key("k2")).value();
  const auto done = outbox.enqueue(alert, "file", 1000, key("k3")).value();
  ASSERT_TRUE(outbox.mark_delivered(done, 1100, std::nullopt, 1));
  const auto counts = outbox.counts().value();
  ASSERT_EQ(counts.size(), 2u);
  EXPECT_EQ(counts[0].output, "file");
  EXPECT_EQ(counts[0].delivered, 1);
  EXPECT_FALSE(counts[0].oldest_pending_since_ms);
  EXPECT_EQ(counts[1].output, "slack");
  EXPECT_EQ(counts[1].pending, 2);
  EXPECT_EQ(counts[1].oldest_pending_since_ms, 1200);
}

TEST(OutboxStore, RowsWrittenInARolledBackTransactionDoNotExist) {
  TempDir dir;
  Database db = open_or_die(dir.file("state.db"));
  OutboxStore outbox(db);
  bool announced = false;
  {
    auto transaction = Transaction::begin(db).value();
    const auto alert = add_alert(outbox, "s");
    outbox.enqueue(alert, "slack", 1000, key("k")).value();
    db.defer_until_commit([&] { announced = true; });
  }
  EXPECT_TRUE(outbox.pending("slack", 0, 10).value().empty());
  EXPECT_FALSE(announced);
}

TEST(DeferUntilCommit, RunsAfterTheOuterCommitAndNotForARolledBackSavepoint) {
  TempDir dir;
  Database db = open_or_die(dir.file("state.db"));
  std::vector<std::string> ran;
  db.defer_until_commit([&] { ran.push_back("no transaction: at once"); });
  ASSERT_EQ(ran.size(), 1u);
  {
    auto outer = Transaction::begin(db).value();
    db.defer_until_commit([&] { ran.push_back("outer"); });
    {
      auto nested = Transaction::begin(db).value();
      db.defer_until_commit([&] { ran.push_back("rolled back savepoint"); });
    }
    {
      auto nested = Transaction::begin(db).value();
      db.defer_until_commit([&] { ran.push_back("released savepoint"); });
      ASSERT_TRUE(nested.commit());
    }
    EXPECT_EQ(ran.size(), 1u) << "nothing runs before the outer commit";
    ASSERT_TRUE(outer.commit());
  }
  EXPECT_THAT(ran,
              ::testing::ElementsAre("no transaction: at once", "outer", "released savepoint"));
}

TEST(StoryStore, RecentItemsRebuildTheWindowAndTheFirstAlertIsFound) {
  TempDir dir;
  Database db = open_or_die(dir.file("state.db"));
  StoryStore stories(db);
  OutboxStore outbox(db);
  ASSERT_TRUE(stories.add(
      {"feed-a", "k1", "story-1", 100, "fp1", "A", "Title", "https://a/1", "new story", 0}));
  ASSERT_TRUE(stories.add({"feed-b", "k2", "story-1", 200, "fp2", "B", "Title", "https://b/1",
                           "copy of story story-1 (link)", 0}));
  ASSERT_TRUE(stories.add(
      {"feed-b", "k3", "story-2", 50, "fp3", "B", "Other", "https://b/2", "new story", 0}));
  EXPECT_EQ(stories.recent(100).value().size(), 2u);
  const auto items = stories.latest_items_of("story-1", 10).value();
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].source, "A");
  EXPECT_EQ(items[1].source, "B");

  EXPECT_FALSE(stories.first_alert("story-1").value());
  const auto first = add_alert(outbox, "story-1");
  add_alert(outbox, "story-1", first);
  EXPECT_EQ(stories.first_alert("story-1").value(), first);
  EXPECT_EQ(stories.prune(100).value(), 1u);
}

TEST(StoryStore, LatestStoriesAreTheOnesThatGainedAnItemLastWithWhyEachJoined) {
  TempDir dir;
  Database db = open_or_die(dir.file("state.db"));
  StoryStore stories(db);
  ASSERT_TRUE(
      stories.add({"f", "k1", "story-1", 100, "fp", "A", "One", "https://a/1", "new story", 1000}));
  ASSERT_TRUE(
      stories.add({"f", "k2", "story-2", 90, "fp", "B", "Two", "https://b/1", "new story", 2000}));
  ASSERT_TRUE(stories.add({"f", "k3", "story-1", 110, "fp", "C", "One again", "https://c/1",
                           "copy of story story-1 (event: actor+class)", 3000}));
  const auto latest = stories.latest_stories(5, 10).value();
  ASSERT_EQ(latest.size(), 2u);
  ASSERT_EQ(latest[0].size(), 2u);
  EXPECT_EQ(latest[0][0].story_id, "story-1");
  EXPECT_EQ(latest[0][1].decision, "copy of story story-1 (event: actor+class)");
  EXPECT_EQ(latest[0][1].recorded_ms, 3000);
  EXPECT_EQ(latest[1][0].story_id, "story-2");
  EXPECT_EQ(stories.latest_stories(1, 1).value().at(0).at(0).title, "One again");
}

TEST(StoryStore, LatestItemsOfAStoryAreTheNewestOldestFirstThroughTheIndex) {
  TempDir dir;
  Database db = open_or_die(dir.file("state.db"));
  StoryStore stories(db);
  for (int i = 0; i < 50; ++i) {
    // Added out of time order: the order comes from item_time, not insertion.
    const int time = (i * 37) % 50;
    ASSERT_TRUE(stories.add({"feed", "k" + std::to_string(i), "big", 1000 + time, "fp", "S",
                             "T" + std::to_string(time), "https://s/" + std::to_string(i),
                             "new story", 0}));
  }
  ASSERT_TRUE(stories.add(
      {"feed", "other", "small", 5000, "fp", "S", "Other", "https://o", "new story", 0}));
  const auto latest = stories.latest_items_of("big", 3).value();
  ASSERT_EQ(latest.size(), 3u);
  EXPECT_EQ(latest[0].title, "T47");
  EXPECT_EQ(latest[1].title, "T48");
  EXPECT_EQ(latest[2].title, "T49");
  EXPECT_EQ(stories.latest_items_of("small", 3).value().size(), 1u);
  auto plan = db.prepare(
      "EXPLAIN QUERY PLAN SELECT title FROM story_items WHERE story_id = 'big' "
      "ORDER BY item_time DESC LIMIT 3");
  ASSERT_TRUE(plan);
  std::string details;
  while (plan->step().value()) details += plan->column_text(3) + "\n";
  EXPECT_THAT(details, ::testing::HasSubstr("story_items_by_story_time"));
  EXPECT_THAT(details, ::testing::Not(::testing::HasSubstr("TEMP B-TREE"))) << details;
}

}  // namespace
}  // namespace feedsentry::store
