#include "store/seen_store.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "store/database.h"
#include "store/secondary_key.h"
#include "store/transaction.h"
#include "store_test_support.h"

namespace feedsentry::store {
namespace {

using testing::at;
using ::testing::ElementsAre;
using testing::item;
using testing::kFeed;
using testing::open_or_die;
using testing::TempDir;

class SeenStoreTest : public ::testing::Test {
 protected:
  std::vector<bool> find_new(const std::vector<SeenStore::Candidate>& candidates,
                             const std::string& feed = kFeed) {
    auto fresh = seen_.find_new(feed, candidates);
    EXPECT_TRUE(fresh) << fresh.error().describe();
    return fresh.value_or(std::vector<bool>{});
  }
  void record(const std::vector<SeenStore::Candidate>& candidates, std::int64_t now,
              const std::string& feed = kFeed) {
    auto recorded = seen_.record(feed, candidates, at(now));
    ASSERT_TRUE(recorded) << recorded.error().describe();
  }
  std::optional<std::int64_t> last_seen(const std::string& key) {
    auto query =
        db_.prepare("SELECT last_seen FROM seen_items WHERE feed_id = ?1 AND item_key = ?2");
    query->bind_text(1, kFeed).bind_text(2, key);
    if (!*query->step()) return std::nullopt;
    return query->column_int64(0);
  }

  TempDir dir_;
  Database db_ = open_or_die(dir_.file("state.db"));
  // One-second resolution: these tests check which rows a record refreshes, at small
  // times. The default resolution (an hour) has tests of its own below.
  SeenStore seen_{db_, std::chrono::seconds(0)};
};

const std::string kChurnLink = "https://news.example/2023/09/01/sanctions";
const std::string kChurnTitle = "US imposes sanctions on North Korean and Russian entities";

TEST_F(SeenStoreTest, EverythingIsNewInAnEmptyStore) {
  EXPECT_THAT(find_new({item("a"), item("b", "s1:0001")}), ElementsAre(true, true));
}

TEST_F(SeenStoreTest, FindNewDoesNotRecord) {
  find_new({item("a")});
  EXPECT_THAT(find_new({item("a")}), ElementsAre(true));
}

TEST_F(SeenStoreTest, RecordedItemsAreNotNewOnLaterCalls) {
  record({item("a"), item("b")}, 100);
  EXPECT_THAT(find_new({item("a"), item("c"), item("b")}), ElementsAre(false, true, false));
}

TEST_F(SeenStoreTest, RecordedItemsSurviveReopeningTheFile) {
  record({item("a")}, 100);
  {
    Database reopened = open_or_die(dir_.file("state.db"));
    auto fresh = SeenStore(reopened).find_new(kFeed, {item("a"), item("b")});
    ASSERT_TRUE(fresh);
    EXPECT_THAT(*fresh, ElementsAre(false, true));
  }
}

TEST_F(SeenStoreTest, KeysArePerFeed) {
  record({item("a")}, 100, "feed-one");
  EXPECT_THAT(find_new({item("a")}, "feed-two"), ElementsAre(true));
}

TEST_F(SeenStoreTest, RepeatedCandidateInOneListIsNewOnlyOnce) {
  const std::string story = secondary_key(kChurnLink, kChurnTitle);
  EXPECT_THAT(find_new({item("a"), item("a"), item("x", story), item("y", story)}),
              ElementsAre(true, false, true, false));
}

TEST_F(SeenStoreTest, GuidChurnWithSameLinkAndTitleIsNotNew) {
  const std::string story = secondary_key(kChurnLink, kChurnTitle);
  record({item("guid-1", story)}, 100);
  EXPECT_THAT(find_new({item("guid-2", story)}), ElementsAre(false));
}

TEST_F(SeenStoreTest, AfterGuidChurnBothKeysAreKnown) {
  const std::string story = secondary_key(kChurnLink, kChurnTitle);
  record({item("guid-1", story)}, 100);
  record({item("guid-2", story)}, 200);
  // Each key on its own, even without the secondary key, is now known.
  EXPECT_THAT(find_new({item("guid-1"), item("guid-2")}), ElementsAre(false, false));
  EXPECT_EQ(last_seen("guid-1"), 200) << "rows matched by secondary key are refreshed too";
  EXPECT_EQ(last_seen("guid-2"), 200);
}

TEST_F(SeenStoreTest, SameLinkWithDifferentTitleIsNew) {
  record({item("guid-1", secondary_key(kChurnLink, kChurnTitle))}, 100);
  EXPECT_THAT(
      find_new({item("guid-2", secondary_key(kChurnLink, "North Korea launches satellite"))}),
      ElementsAre(true));
}

TEST_F(SeenStoreTest, SecondaryKeyIsFilledInForAnItemFirstRecordedWithoutOne) {
  const std::string story = secondary_key(kChurnLink, kChurnTitle);
  record({item("guid-1")}, 100);
  record({item("guid-1", story)}, 200);
  EXPECT_THAT(find_new({item("guid-2", story)}), ElementsAre(false));
}

TEST_F(SeenStoreTest, DroppedAndRestoredItemIsNotNew) {
  record({item("a"), item("b")}, 100);
  record({item("b")}, 200);  // "a" dropped out of the feed
  record({item("b")}, 300);
  EXPECT_THAT(find_new({item("a"), item("b")}), ElementsAre(false, false));
}

TEST_F(SeenStoreTest, RecordRefreshesLastSeenButKeepsFirstSeen) {
  record({item("a", "", 50)}, 100);
  record({item("a")}, 250);
  EXPECT_EQ(last_seen("a"), 250);
  auto query = db_.prepare("SELECT first_seen, published FROM seen_items WHERE item_key = 'a'");
  ASSERT_TRUE(*query->step());
  EXPECT_EQ(query->column_int64(0), 100);
  EXPECT_EQ(query->column_int64(1), 50) << "a missing published time does not erase one";
}

TEST_F(SeenStoreTest, DefaultResolutionRewritesLastSeenOnlyOnceItIsOverAnHourOld) {
  SeenStore hourly(db_);
  const std::string story = secondary_key(kChurnLink, kChurnTitle);
  const std::int64_t start = 1'700'000'000;
  ASSERT_TRUE(hourly.record(kFeed, {item("a", story)}, at(start)));
  ASSERT_TRUE(hourly.record(kFeed, {item("a", story)}, at(start + 60)));
  ASSERT_TRUE(hourly.record(kFeed, {item("b", story)}, at(start + 3599)));
  EXPECT_EQ(last_seen("a"), start) << "polled again within the hour: row left alone";
  EXPECT_EQ(last_seen("b"), start + 3599) << "a new key is still inserted";
  ASSERT_TRUE(hourly.record(kFeed, {item("a", story)}, at(start + 3601)));
  EXPECT_EQ(last_seen("a"), start + 3601);
  EXPECT_EQ(last_seen("b"), start + 3599) << "same secondary key, but refreshed within the hour";
}

TEST_F(SeenStoreTest, ItemPolledEveryMinuteIsNeverPrunedAtTheDefaultResolution) {
  SeenStore hourly(db_);
  const std::int64_t start = 1'700'000'000;
  ASSERT_TRUE(hourly.record(kFeed, {item("old")}, at(start)));
  for (std::int64_t minute = 0; minute <= 3 * 60; ++minute) {
    ASSERT_TRUE(hourly.record(kFeed, {item("kept")}, at(start + 60 * minute)));
  }
  const std::int64_t now = start + 3 * 3600;
  // last_seen lags `now` by at most the resolution plus one poll interval, so a cutoff
  // further back than that keeps the item that is still in the feed.
  auto pruned = hourly.prune(at(now - 2 * 3600));
  ASSERT_TRUE(pruned);
  EXPECT_EQ(*pruned, 1u);
  EXPECT_THAT(find_new({item("old"), item("kept")}), ElementsAre(true, false));
}

SeenStore::Candidate recorded_recently(SeenStore::Candidate candidate) {
  candidate.recorded_recently = true;
  return candidate;
}

TEST_F(SeenStoreTest, RecordedRecentlyCountsAsKnownWithoutBeingLookedUp) {
  // Never recorded, so only the flag can make it known.
  EXPECT_THAT(find_new({recorded_recently(item("a")), item("b")}), ElementsAre(false, true));
}

TEST_F(SeenStoreTest, RecordedRecentlyStillCountsForRepeatsInTheList) {
  const std::string story = secondary_key(kChurnLink, kChurnTitle);
  // The same story under a second guid, listed after the recorded one, is not new either.
  EXPECT_THAT(find_new({recorded_recently(item("a", story)), item("b", story), item("a")}),
              ElementsAre(false, false, false));
}

TEST_F(SeenStoreTest, RecordLeavesRecordedRecentlyRowsAlone) {
  record({item("a")}, 100);
  record({recorded_recently(item("a")), recorded_recently(item("never")), item("b")}, 200);
  EXPECT_EQ(last_seen("a"), 100) << "not refreshed";
  EXPECT_EQ(last_seen("never"), std::nullopt) << "not inserted";
  EXPECT_EQ(last_seen("b"), 200);
}

TEST_F(SeenStoreTest, PruneRemovesOnlyItemsNotSeenSinceTheCutoff) {
  record({item("stale"), item("still-in-feed")}, 100);
  record({item("still-in-feed")}, 1000);

  auto pruned = seen_.prune(at(500));
  ASSERT_TRUE(pruned);
  EXPECT_EQ(*pruned, 1u);
  EXPECT_THAT(find_new({item("stale"), item("still-in-feed")}), ElementsAre(true, false));
}

TEST_F(SeenStoreTest, RollbackOfCallerTransactionRecordsNothing) {
  {
    auto tx = Transaction::begin(db_);
    ASSERT_TRUE(tx);
    auto fresh = seen_.find_new(kFeed, {item("a")});
    ASSERT_TRUE(fresh);
    record({item("a")}, 100);
    // no commit: an outbox failure would end here
  }
  EXPECT_THAT(find_new({item("a")}), ElementsAre(true));
  EXPECT_FALSE(seen_.feed_has_history(kFeed).value());
}

TEST_F(SeenStoreTest, CommittedCallerTransactionKeepsTheMarks) {
  {
    auto tx = Transaction::begin(db_);
    record({item("a")}, 100);
    ASSERT_TRUE(tx->commit());
  }
  EXPECT_THAT(find_new({item("a")}), ElementsAre(false));
}

TEST_F(SeenStoreTest, FeedHistoryAppearsWithTheFirstRecord) {
  EXPECT_FALSE(seen_.feed_has_history(kFeed).value());
  record({item("a")}, 100);
  EXPECT_TRUE(seen_.feed_has_history(kFeed).value());
  EXPECT_FALSE(seen_.feed_has_history("other").value());
}

TEST_F(SeenStoreTest, SecondaryKeyLookupUsesTheIndex) {
  auto plan = db_.prepare(
      "EXPLAIN QUERY PLAN SELECT 1 FROM seen_items WHERE feed_id = ?1 AND secondary_key = ?2");
  std::string details;
  while (*plan->step()) details += plan->column_text(3) + "\n";
  EXPECT_THAT(details, ::testing::HasSubstr("seen_items_by_secondary_key"));
}

}  // namespace
}  // namespace feedsentry::store
