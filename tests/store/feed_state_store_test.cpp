#include "store/feed_state_store.h"

#include <gtest/gtest.h>

#include "store/database.h"
#include "store/transaction.h"
#include "store_test_support.h"

namespace feedsentry::store {
namespace {

using testing::at;
using testing::open_or_die;
using testing::TempDir;

FeedState fully_populated() {
  FeedState state;
  state.feed_id = "https://news.example/feed.xml";
  state.current_url = "https://news.example/rss/v2.xml";
  state.etag = "W/\"5f3-1a\"";
  state.last_modified = "Fri, 01 Sep 2023 14:05:00 GMT";
  state.body_hash = "a1b2c3d4e5f60718";
  state.next_due = at(1'693'577'400);
  state.interval_hint = std::chrono::seconds(900);
  state.consecutive_failures = 3;
  state.last_success = at(1'693'570'000);
  state.last_attempt = at(1'693'577'100);
  state.last_error_class = "timeout";
  state.last_error_message = "no response within 30 s";
  state.last_status = 503;
  state.degraded_logged = true;
  state.first_fetch_done = true;
  state.title = "Example News — World";
  return state;
}

TEST(FeedStateStore, UnknownFeedLoadsAsNothing) {
  TempDir dir;
  Database db = open_or_die(dir.file("state.db"));
  auto loaded = FeedStateStore(db).load("never-saved");
  ASSERT_TRUE(loaded);
  EXPECT_FALSE(loaded->has_value());
}

TEST(FeedStateStore, EveryFieldRoundTripsAcrossReopen) {
  TempDir dir;
  const FeedState saved = fully_populated();
  {
    Database db = open_or_die(dir.file("state.db"));
    ASSERT_TRUE(FeedStateStore(db).save(saved));
  }
  Database db = open_or_die(dir.file("state.db"));
  auto loaded = FeedStateStore(db).load(saved.feed_id);
  ASSERT_TRUE(loaded && loaded->has_value());
  EXPECT_EQ(**loaded, saved);
}

TEST(FeedStateStore, DefaultStateRoundTripsWithEmptyOptionals) {
  TempDir dir;
  Database db = open_or_die(dir.file("state.db"));
  FeedState saved;
  saved.feed_id = "minimal";
  ASSERT_TRUE(FeedStateStore(db).save(saved));
  EXPECT_EQ(FeedStateStore(db).load("minimal").value(), saved);
}

TEST(FeedStateStore, SaveReplacesTheWholeRow) {
  TempDir dir;
  Database db = open_or_die(dir.file("state.db"));
  FeedStateStore store(db);
  FeedState state = fully_populated();
  ASSERT_TRUE(store.save(state));
  state.etag.clear();
  state.last_status.reset();
  state.consecutive_failures = 0;
  state.degraded_logged = false;
  ASSERT_TRUE(store.save(state));
  EXPECT_EQ(store.load(state.feed_id).value(), state);
}

TEST(FeedStateStore, LoadAllReturnsEveryFeedOrderedById) {
  TempDir dir;
  Database db = open_or_die(dir.file("state.db"));
  FeedStateStore store(db);
  for (const char* id : {"b", "c", "a"}) {
    FeedState state;
    state.feed_id = id;
    ASSERT_TRUE(store.save(state));
  }
  auto all = store.load_all();
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), 3u);
  EXPECT_EQ((*all)[0].feed_id, "a");
  EXPECT_EQ((*all)[2].feed_id, "c");
}

TEST(FeedStateStore, SaveAllWritesEveryStateOfTheBatch) {
  TempDir dir;
  Database db = open_or_die(dir.file("state.db"));
  FeedStateStore store(db);
  std::vector<FeedState> batch;
  for (const char* id : {"a", "b", "c"}) {
    FeedState state = fully_populated();
    state.feed_id = id;
    batch.push_back(state);
  }
  batch[1].etag = "\"changed\"";
  ASSERT_TRUE(store.save_all(batch));
  for (const FeedState& state : batch) EXPECT_EQ(store.load(state.feed_id).value(), state);
  EXPECT_TRUE(store.save_all({}));
}

TEST(FeedStateStore, SaveAllIsOneTransactionThatJoinsTheCallers) {
  TempDir dir;
  Database db = open_or_die(dir.file("state.db"));
  FeedStateStore store(db);
  FeedState state;
  state.feed_id = "a";
  {
    auto outer = Transaction::begin(db);
    ASSERT_TRUE(outer);
    ASSERT_TRUE(store.save_all(std::vector<FeedState>{state}));
    EXPECT_TRUE(db.in_transaction());
  }  // rolled back with the caller's transaction
  EXPECT_FALSE(store.load("a").value().has_value());
}

}  // namespace
}  // namespace feedsentry::store
