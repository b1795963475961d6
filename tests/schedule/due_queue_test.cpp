#include "schedule/due_queue.h"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "schedule/fixed_time.h"

namespace feedsentry::schedule {
namespace {

using namespace std::chrono_literals;

class DueQueueTest : public ::testing::Test {
 protected:
  FeedIndex add_feed(std::string host, core::SystemTime due) {
    hosts_.push_back(std::move(host));
    queue_.schedule(hosts_.size() - 1, due);
    return hosts_.size() - 1;
  }
  std::vector<FeedIndex> pop(core::SystemTime now) {
    std::vector<FeedIndex> feeds;
    for (const ReadyFeed& ready : queue_.pop_ready(now, limiter_, host_of_)) {
      feeds.push_back(ready.feed);
    }
    return feeds;
  }
  void finish(FeedIndex feed, core::SystemTime now) { limiter_.finished(hosts_[feed], now); }

  Policy policy_;
  HostLimiter limiter_{policy_};
  DueQueue queue_;
  std::vector<std::string> hosts_;
  DueQueue::HostOf host_of_ = [this](FeedIndex feed) { return std::string_view(hosts_[feed]); };
};

using Feeds = std::vector<FeedIndex>;

TEST_F(DueQueueTest, EmptyQueueHasNothingReadyAndNoWakeup) {
  EXPECT_TRUE(pop(kFixedNow).empty());
  EXPECT_EQ(queue_.next_wakeup(kFixedNow, limiter_), std::nullopt);
  EXPECT_TRUE(queue_.empty());
}

TEST_F(DueQueueTest, ReturnsOnlyDueFeedsInDueOrder) {
  const FeedIndex later = add_feed("a.example", kFixedNow + 10s);
  const FeedIndex second = add_feed("b.example", kFixedNow - 5s);
  const FeedIndex first = add_feed("c.example", kFixedNow - 1min);
  EXPECT_EQ(pop(kFixedNow), (Feeds{first, second}));
  EXPECT_EQ(queue_.size(), 1u);
  EXPECT_TRUE(queue_.contains(later));
  EXPECT_FALSE(queue_.contains(first));
  EXPECT_EQ(queue_.next_wakeup(kFixedNow, limiter_), kFixedNow + 10s);
  EXPECT_EQ(pop(kFixedNow + 10s), (Feeds{later}));
}

TEST_F(DueQueueTest, ReportsWhenEachFeedWasDue) {
  add_feed("a.example", kFixedNow - 3s);
  const auto ready = queue_.pop_ready(kFixedNow, limiter_, host_of_);
  ASSERT_EQ(ready.size(), 1u);
  EXPECT_EQ(ready[0].due, kFixedNow - 3s);
}

TEST_F(DueQueueTest, RecordsEachStartInTheLimiter) {
  add_feed("a.example", kFixedNow);
  add_feed("b.example", kFixedNow);
  pop(kFixedNow);
  EXPECT_EQ(limiter_.in_flight(), 2u);
  EXPECT_EQ(limiter_.in_flight("a.example"), 1u);
}

TEST_F(DueQueueTest, RescheduleReplacesTheDueTime) {
  const FeedIndex feed = add_feed("a.example", kFixedNow + 1h);
  queue_.schedule(feed, kFixedNow);
  EXPECT_EQ(queue_.size(), 1u);
  EXPECT_EQ(pop(kFixedNow), (Feeds{feed}));
  EXPECT_TRUE(pop(kFixedNow + 2h).empty());  // the stale entry is not returned
  EXPECT_EQ(queue_.next_wakeup(kFixedNow + 2h, limiter_), std::nullopt);
}

TEST_F(DueQueueTest, RemovedFeedIsNeverReturned) {
  const FeedIndex removed = add_feed("a.example", kFixedNow);
  const FeedIndex kept = add_feed("b.example", kFixedNow + 1s);
  queue_.remove(removed);
  queue_.remove(removed);
  EXPECT_EQ(queue_.size(), 1u);
  EXPECT_EQ(queue_.next_wakeup(kFixedNow, limiter_), kFixedNow + 1s);
  EXPECT_EQ(pop(kFixedNow + 1s), (Feeds{kept}));
}

TEST_F(DueQueueTest, WakeupIsNeverInThePast) {
  add_feed("a.example", kFixedNow - 1h);
  EXPECT_EQ(queue_.next_wakeup(kFixedNow, limiter_), kFixedNow);
}

TEST_F(DueQueueTest, SaturatedHostDoesNotDelayOtherHosts) {
  Feeds slow;
  for (int i = 0; i < 10; ++i) slow.push_back(add_feed("slow.example", kFixedNow - 1min + 1s * i));
  const FeedIndex other = add_feed("fast.example", kFixedNow);
  const FeedIndex third = add_feed("third.example", kFixedNow);

  // One slow feed starts; the rest wait for the gap / a slot; other hosts go right away.
  EXPECT_EQ(pop(kFixedNow), (Feeds{slow[0], other, third}));
  EXPECT_EQ(queue_.size(), 9u);
  EXPECT_EQ(queue_.next_wakeup(kFixedNow, limiter_), kFixedNow + 1s);

  EXPECT_EQ(pop(kFixedNow + 1s), (Feeds{slow[1]}));
  // Two slow fetches in flight: only a finish can help the slow host now.
  EXPECT_TRUE(pop(kFixedNow + 5s).empty());
  EXPECT_EQ(queue_.next_wakeup(kFixedNow + 5s, limiter_), std::nullopt);

  const FeedIndex late_arrival = add_feed("other.example", kFixedNow + 6s);
  EXPECT_EQ(queue_.next_wakeup(kFixedNow + 5s, limiter_), kFixedNow + 6s);
  EXPECT_EQ(pop(kFixedNow + 6s), (Feeds{late_arrival}));

  finish(slow[0], kFixedNow + 7s);
  EXPECT_EQ(pop(kFixedNow + 7s), (Feeds{slow[2]}));  // oldest parked first
}

TEST_F(DueQueueTest, NewDueFeedsOfAWaitingHostQueueBehindTheParkedOnes) {
  const FeedIndex first = add_feed("slow.example", kFixedNow);
  const FeedIndex parked = add_feed("slow.example", kFixedNow);
  EXPECT_EQ(pop(kFixedNow), (Feeds{first}));
  const FeedIndex newcomer = add_feed("slow.example", kFixedNow + 500ms);
  EXPECT_TRUE(pop(kFixedNow + 500ms).empty());
  EXPECT_EQ(pop(kFixedNow + 1s), (Feeds{parked}));
  EXPECT_EQ(pop(kFixedNow + 2s), Feeds{});  // two in flight now
  finish(first, kFixedNow + 2s);
  EXPECT_EQ(pop(kFixedNow + 2s), (Feeds{newcomer}));
}

TEST_F(DueQueueTest, RemovedParkedFeedIsSkipped) {
  const FeedIndex first = add_feed("slow.example", kFixedNow);
  const FeedIndex removed = add_feed("slow.example", kFixedNow);
  const FeedIndex kept = add_feed("slow.example", kFixedNow);
  pop(kFixedNow);
  queue_.remove(removed);
  EXPECT_EQ(pop(kFixedNow + 1s), (Feeds{kept}));
  EXPECT_TRUE(queue_.empty());
  (void)first;
}

TEST_F(DueQueueTest, RescheduledParkedFeedUsesItsNewDueTime) {
  add_feed("slow.example", kFixedNow);
  const FeedIndex moved = add_feed("slow.example", kFixedNow);
  pop(kFixedNow);
  queue_.schedule(moved, kFixedNow + 1h);
  EXPECT_TRUE(pop(kFixedNow + 1s).empty());
  EXPECT_EQ(pop(kFixedNow + 1h), (Feeds{moved}));
}

TEST_F(DueQueueTest, GlobalLimitStopsTheScanUntilAFetchFinishes) {
  policy_.global_concurrency = 2;
  limiter_ = HostLimiter{policy_};
  const FeedIndex a = add_feed("a.example", kFixedNow);
  const FeedIndex b = add_feed("b.example", kFixedNow);
  const FeedIndex c = add_feed("c.example", kFixedNow);
  EXPECT_EQ(pop(kFixedNow), (Feeds{a, b}));
  EXPECT_EQ(queue_.next_wakeup(kFixedNow, limiter_), std::nullopt);
  EXPECT_TRUE(pop(kFixedNow + 1s).empty());
  finish(a, kFixedNow + 2s);
  EXPECT_EQ(queue_.next_wakeup(kFixedNow + 2s, limiter_), kFixedNow + 2s);
  EXPECT_EQ(pop(kFixedNow + 2s), (Feeds{c}));
}

TEST_F(DueQueueTest, ParkedHostStoppedOnlyByTheGlobalLimitResumesAfterAFinish) {
  policy_.global_concurrency = 2;
  limiter_ = HostLimiter{policy_};
  const FeedIndex a1 = add_feed("a.example", kFixedNow);
  const FeedIndex a2 = add_feed("a.example", kFixedNow);
  const FeedIndex b = add_feed("b.example", kFixedNow + 500ms);
  EXPECT_EQ(pop(kFixedNow), (Feeds{a1}));         // a2 parked by the gap
  EXPECT_EQ(pop(kFixedNow + 500ms), (Feeds{b}));  // global limit now reached
  EXPECT_TRUE(pop(kFixedNow + 2s).empty());
  finish(b, kFixedNow + 3s);
  EXPECT_EQ(pop(kFixedNow + 3s), (Feeds{a2}));
}

TEST_F(DueQueueTest, ManyReschedulesDoNotGrowWithoutBound) {
  const FeedIndex feed = add_feed("a.example", kFixedNow);
  for (int i = 0; i < 100'000; ++i) queue_.schedule(feed, kFixedNow + 1s * (i % 1000));
  EXPECT_EQ(queue_.size(), 1u);
  EXPECT_EQ(pop(kFixedNow + 1000s), (Feeds{feed}));
  EXPECT_TRUE(queue_.empty());
}

// 50,000 feeds: 5,000 on one slow host all due at once, 45,000 on their own hosts due over
// the next five minutes. Simulates ten minutes in 1 s ticks, each fetch taking one tick.
TEST_F(DueQueueTest, ThousandsOfFeedsOnOneSaturatedHostStayCheap) {
  policy_.global_concurrency = 1000;
  limiter_ = HostLimiter{policy_};
  constexpr int kSlowFeeds = 5000;
  constexpr int kOtherFeeds = 45'000;
  for (int i = 0; i < kSlowFeeds; ++i) add_feed("slow.example", kFixedNow);
  for (int i = 0; i < kOtherFeeds; ++i) {
    const std::int64_t offset_ms = std::int64_t{i} * 300'000 / kOtherFeeds;
    add_feed("host" + std::to_string(i) + ".example", kFixedNow + 1ms * offset_ms);
  }

  std::vector<FeedIndex> in_flight;
  std::vector<FeedIndex> slow_started;
  int other_started = 0;
  core::Duration worst_other_lag{0};
  for (int tick = 0; tick < 600; ++tick) {
    const core::SystemTime now = kFixedNow + 1s * tick;
    for (const FeedIndex feed : in_flight) finish(feed, now);
    in_flight.clear();
    for (const ReadyFeed& ready : queue_.pop_ready(now, limiter_, host_of_)) {
      in_flight.push_back(ready.feed);
      if (hosts_[ready.feed] == "slow.example") {
        slow_started.push_back(ready.feed);
      } else {
        ++other_started;
        worst_other_lag =
            std::max(worst_other_lag, std::chrono::duration_cast<core::Duration>(now - ready.due));
      }
    }
    if (const auto wakeup = queue_.next_wakeup(now, limiter_)) {
      ASSERT_GT(*wakeup, now);
    }
  }

  EXPECT_EQ(other_started, kOtherFeeds);
  EXPECT_LT(worst_other_lag, 1s);        // started on the first tick at or after their due time
  EXPECT_EQ(slow_started.size(), 600u);  // exactly one per gap
  EXPECT_TRUE(std::is_sorted(slow_started.begin(), slow_started.end()));
  EXPECT_EQ(queue_.size(), static_cast<std::size_t>(kSlowFeeds - 600));
  // Each feed left the heap once and each slow feed was parked once: no rescans.
  EXPECT_EQ(queue_.stats().heap_pops, static_cast<std::uint64_t>(kSlowFeeds + kOtherFeeds));
  EXPECT_EQ(queue_.stats().parked, static_cast<std::uint64_t>(kSlowFeeds - 1));
  EXPECT_LE(queue_.stats().host_checks, 600u);
}

}  // namespace
}  // namespace feedsentry::schedule
