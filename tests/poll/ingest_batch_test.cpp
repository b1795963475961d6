// ingest_batch and IngestQueue against a real SQLite file: several polls' store steps in one
// transaction, each standing or falling on its own.
#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>
#include <future>
#include <set>
#include <string>
#include <vector>

#include "poll/feed_ingest.h"
#include "poll/ingest_queue.h"
#include "store/database.h"
#include "store/seen_store.h"
#include "store/store_test_support.h"

namespace feedsentry::poll {
namespace {

using store::testing::open_or_die;
using store::testing::TempDir;

const core::SystemTime kNow = core::from_unix_seconds(1'800'000'000);

ClassifiedItem item(const std::string& key, bool matches) {
  ClassifiedItem made;
  made.item.key = key;
  made.item.title = "title " + key;
  made.seen.item_key = key;
  if (matches) made.classification.topics.push_back({});
  return made;
}

// Accepts every match and remembers it, except matches of `failing_feed`, which fail; runs
// each accepted match's after-commit action too, as the outbox sink does.
class RecordingSink : public MatchSink {
 public:
  RecordingSink(store::Database& db, std::string failing_feed = {})
      : db_(db), failing_feed_(std::move(failing_feed)) {}
  core::Result<void> accept(const Match& match) override {
    if (match.feed_id == failing_feed_) {
      return core::fail(core::ErrorCode::kIo, "sink refused", match.feed_id);
    }
    accepted.push_back(match.feed_id + " " + match.item.key);
    db_.defer_until_commit(
        [this, key = match.feed_id + " " + match.item.key] { committed.push_back(key); });
    return {};
  }
  std::vector<std::string> accepted;
  std::vector<std::string> committed;

 private:
  store::Database& db_;
  std::string failing_feed_;
};

class IngestBatchTest : public ::testing::Test {
 protected:
  IngestBatchTest() : db_(open_or_die(dir_.file("state.db"))) {}

  // Whether `key` of `feed` is recorded as seen.
  bool seen(const std::string& feed, const std::string& key) {
    store::SeenStore store(db_);
    store::SeenStore::Candidate candidate;
    candidate.item_key = key;
    auto fresh = store.find_new(feed, {candidate});
    EXPECT_TRUE(fresh) << fresh.error().describe();
    return fresh && !(*fresh)[0];
  }

  TempDir dir_;
  store::Database db_;
};

TEST_F(IngestBatchTest, EveryStepOfABatchIsRecordedAndItsMatchesCommitted) {
  RecordingSink sink(db_);
  const FeedIdentity a{"feed-a", "A", "feed-a", {}}, b{"feed-b", "B", "feed-b", {}};
  const std::vector<ClassifiedItem> items_a{item("1", true), item("2", false)};
  const std::vector<ClassifiedItem> items_b{item("3", false)};
  const std::vector<IngestRequest> requests{{&a, &items_a, {}, kNow, may_alert(items_a)},
                                            {&b, &items_b, {}, kNow, may_alert(items_b)}};

  const auto results = ingest_batch(db_, requests, sink);

  ASSERT_EQ(results.size(), 2u);
  ASSERT_TRUE(results[0]) << results[0].error().describe();
  ASSERT_TRUE(results[1]) << results[1].error().describe();
  EXPECT_EQ(results[0]->new_items, 2u);
  EXPECT_EQ(results[0]->matches, 1u);
  EXPECT_EQ(results[1]->new_items, 1u);
  EXPECT_TRUE(seen("feed-a", "1"));
  EXPECT_TRUE(seen("feed-a", "2"));
  EXPECT_TRUE(seen("feed-b", "3"));
  EXPECT_FALSE(seen("feed-b", "1")) << "keys stay per feed";
  EXPECT_EQ(sink.committed, (std::vector<std::string>{"feed-a 1"}));
  EXPECT_FALSE(db_.in_transaction());
}

TEST_F(IngestBatchTest, AFailingStepIsRolledBackAloneAndTheOthersCommit) {
  RecordingSink sink(db_, "feed-b");
  const FeedIdentity a{"feed-a", "A", "feed-a", {}}, b{"feed-b", "B", "feed-b", {}},
      c{"feed-c", "C", "feed-c", {}};
  const std::vector<ClassifiedItem> items_b{item("2", false), item("3", true)};
  const std::vector<ClassifiedItem> items_a{item("1", true)};
  const std::vector<ClassifiedItem> items_c{item("4", false)};
  const std::vector<IngestRequest> requests{{&b, &items_b, {}, kNow, may_alert(items_b)},
                                            {&a, &items_a, {}, kNow, may_alert(items_a)},
                                            {&c, &items_c, {}, kNow, may_alert(items_c)}};

  const auto results = ingest_batch(db_, requests, sink);

  ASSERT_EQ(results.size(), 3u);
  ASSERT_FALSE(results[0]);
  EXPECT_NE(results[0].error().message.find("sink refused"), std::string::npos);
  EXPECT_TRUE(results[1]);
  EXPECT_TRUE(results[2]);
  EXPECT_FALSE(seen("feed-b", "2")) << "the failed step's items are offered again next poll";
  EXPECT_FALSE(seen("feed-b", "3"));
  EXPECT_TRUE(seen("feed-a", "1"));
  EXPECT_TRUE(seen("feed-c", "4"));
  EXPECT_EQ(sink.committed, (std::vector<std::string>{"feed-a 1"}));
}

TEST_F(IngestBatchTest, ABatchEndsBeforeTheNextStepThatMayAlertOnceOneHasAlerted) {
  RecordingSink sink(db_);
  const FeedIdentity a{"feed-a", "A", "feed-a", {}}, b{"feed-b", "B", "feed-b", {}},
      c{"feed-c", "C", "feed-c", {}}, d{"feed-d", "D", "feed-d", {}};
  // feed-a's matching item is known already: its step may alert but does not.
  const std::vector<ClassifiedItem> known{item("old", true)};
  ASSERT_TRUE(ingest_batch(db_, std::vector<IngestRequest>{{&a, &known, {}, kNow}}, sink)[0]);
  sink.committed.clear();
  const std::vector<ClassifiedItem> matching{item("new", true)};
  const std::vector<ClassifiedItem> quiet{item("quiet", false)};
  const std::vector<IngestRequest> requests{{&a, &known, {}, kNow, true},
                                            {&b, &matching, {}, kNow, true},
                                            {&c, &quiet, {}, kNow, false},
                                            {&d, &matching, {}, kNow, true}};

  const auto results = ingest_batch(db_, requests, sink);

  ASSERT_EQ(results.size(), 3u) << "feed-d may alert after feed-b did: not run";
  EXPECT_EQ(results[0]->matches, 0u);
  EXPECT_EQ(results[1]->matches, 1u);
  EXPECT_EQ(results[2]->new_items, 1u);
  EXPECT_TRUE(seen("feed-c", "quiet"));
  EXPECT_FALSE(seen("feed-d", "new"));
  EXPECT_EQ(sink.committed, (std::vector<std::string>{"feed-b new"}));
}

TEST_F(IngestBatchTest, WhenTheTransactionCannotBeginEveryStepFails) {
  RecordingSink sink(db_);
  const FeedIdentity a{"feed-a", "A", "feed-a", {}}, b{"feed-b", "B", "feed-b", {}};
  const std::vector<ClassifiedItem> items{item("1", true)};
  const std::vector<IngestRequest> requests{{&a, &items, {}, kNow}, {&b, &items, {}, kNow}};
  // Another connection holds the write lock: BEGIN IMMEDIATE gives up after the busy timeout.
  store::DatabaseOptions quick;
  quick.busy_timeout = std::chrono::milliseconds(50);
  store::Database waiting = open_or_die(dir_.file("state.db"), quick);
  ASSERT_TRUE(db_.execute_script("BEGIN IMMEDIATE"));

  const auto results = ingest_batch(waiting, requests, sink);

  ASSERT_TRUE(db_.execute_script("COMMIT"));
  ASSERT_EQ(results.size(), 2u);
  EXPECT_FALSE(results[0]);
  EXPECT_FALSE(results[1]);
  EXPECT_TRUE(sink.accepted.empty());
  EXPECT_FALSE(seen("feed-a", "1"));
}

TEST(IngestQueueTest, MayAlertOnlyWithAnUnknownMatchingItem) {
  ClassifiedItem known_match = item("1", true);
  known_match.seen.recorded_recently = true;
  EXPECT_FALSE(may_alert({item("1", false), known_match}));
  EXPECT_TRUE(may_alert({item("1", false), item("2", true)}));
  EXPECT_FALSE(may_alert({}));
}

// Steps submitted while the store thread is busy wait and then commit together; after an
// alert the batch ends before the next step that may alert, which starts the next batch;
// every step is done, in order.
TEST(IngestQueueTest, StepsThatPileUpShareATransactionUntilOneAlerts) {
  TempDir dir;
  store::Database db = open_or_die(dir.file("state.db"));
  RecordingSink sink(db);
  boost::asio::io_context io;
  boost::asio::thread_pool store_thread(1);
  IngestQueue queue(io, store_thread, db, sink);
  std::vector<std::size_t> batches;
  queue.set_batch_observer([&](std::size_t steps) { batches.push_back(steps); });

  std::promise<void> release;
  boost::asio::post(store_thread, [gate = release.get_future().share()] { gate.wait(); });
  std::vector<std::string> done;
  const std::vector<bool> alerting{false, false, true, false, true, true, false};
  for (std::size_t i = 0; i < alerting.size(); ++i) {
    IngestQueue::Step step;
    step.feed = {"feed-" + std::to_string(i), "F", "feed", {}};
    step.now = kNow;
    step.items = std::make_shared<const std::vector<ClassifiedItem>>(
        std::vector<ClassifiedItem>{item("k", alerting[i])});
    step.may_alert = may_alert(*step.items);
    step.done = [&done, i](core::Result<IngestResult> result) {
      EXPECT_TRUE(result) << result.error().describe();
      done.push_back("feed-" + std::to_string(i));
    };
    queue.submit(std::move(step));
  }
  release.set_value();
  store_thread.join();
  io.run();

  // 0, 1, 2 (alerts), 3 (cannot alert) | 4 (alerts) | 5 (alerts), 6
  EXPECT_EQ(batches, (std::vector<std::size_t>{4, 1, 2}));
  EXPECT_EQ(done, (std::vector<std::string>{"feed-0", "feed-1", "feed-2", "feed-3", "feed-4",
                                            "feed-5", "feed-6"}));
  EXPECT_EQ(sink.committed, (std::vector<std::string>{"feed-2 k", "feed-4 k", "feed-5 k"}));
  store::SeenStore seen(db);
  store::SeenStore::Candidate k;
  k.item_key = "k";
  for (std::size_t i = 0; i < alerting.size(); ++i) {
    auto fresh = seen.find_new("feed-" + std::to_string(i), {k});
    ASSERT_TRUE(fresh);
    EXPECT_FALSE((*fresh)[0]) << "feed-" << i << " recorded";
  }
}

}  // namespace
}  // namespace feedsentry::poll
