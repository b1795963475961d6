#include "schedule/startup.h"

#include <array>
#include <string>

#include <gtest/gtest.h>

#include "schedule/fixed_time.h"

namespace feedsentry::schedule {
namespace {

using namespace std::chrono_literals;

class StartupTest : public ::testing::Test {
 protected:
  core::SystemTime due(std::string_view id, std::optional<core::SystemTime> persisted = {}) {
    return initial_due(id, persisted, kFixedNow, policy_.interval, policy_);
  }
  Policy policy_;
};

TEST_F(StartupTest, SameFeedGetsTheSameDueTimeOnEveryStart) {
  const core::SystemTime first = due("https://example.com/feed.xml");
  EXPECT_EQ(due("https://example.com/feed.xml"), first);
  EXPECT_NE(due("https://example.com/other.xml"), first);
}

TEST_F(StartupTest, OffsetsArePinnedAcrossBuilds) {
  // A changed hash would reshuffle every deployment's polling pattern on upgrade.
  EXPECT_EQ(offset_from_fixed_now(due("feed-1")), core::Duration(21'919));
  EXPECT_EQ(offset_from_fixed_now(due("https://example.com/feed.xml")), core::Duration(250'136));
}

TEST_F(StartupTest, NewFeedsSpreadEvenlyOverTheInterval) {
  std::array<int, 10> buckets{};
  for (int i = 0; i < 10'000; ++i) {
    const core::Duration offset = offset_from_fixed_now(due("feed-" + std::to_string(i)));
    ASSERT_GE(offset, 0s);
    ASSERT_LT(offset, 5min);
    ++buckets[static_cast<std::size_t>(offset / 30s)];
  }
  for (const int count : buckets) {
    EXPECT_GT(count, 850);
    EXPECT_LT(count, 1150);
  }
}

TEST_F(StartupTest, ExplicitStartupSpreadIsUsed) {
  policy_.startup_spread = 10s;
  for (int i = 0; i < 1000; ++i) {
    const core::Duration offset = offset_from_fixed_now(due("feed-" + std::to_string(i)));
    ASSERT_GE(offset, 0s);
    ASSERT_LT(offset, 10s);
  }
}

TEST_F(StartupTest, ZeroSpreadMeansNow) {
  policy_.startup_spread = 0s;
  EXPECT_EQ(due("feed-1"), kFixedNow);
}

TEST_F(StartupTest, PersistedFutureDueTimeIsKept) {
  EXPECT_EQ(due("feed-1", kFixedNow + 3min), kFixedNow + 3min);
  EXPECT_EQ(due("feed-1", kFixedNow + 6h), kFixedNow + 6h);  // e.g. a 410 backoff
}

TEST_F(StartupTest, OverdueFeedsSpreadOverAtMostAMinute) {
  int distinct_seconds = 0;
  std::array<bool, 60> seen{};
  for (int i = 0; i < 1000; ++i) {
    const core::Duration offset =
        offset_from_fixed_now(due("feed-" + std::to_string(i), kFixedNow - 2h));
    ASSERT_GE(offset, 0s);
    ASSERT_LT(offset, 1min);
    auto& slot = seen[static_cast<std::size_t>(offset / 1s)];
    if (!slot) ++distinct_seconds;
    slot = true;
  }
  EXPECT_EQ(distinct_seconds, 60);
}

TEST_F(StartupTest, OverdueSpreadNeverExceedsTheStartupSpread) {
  policy_.startup_spread = 10s;
  for (int i = 0; i < 1000; ++i) {
    const core::Duration offset =
        offset_from_fixed_now(due("feed-" + std::to_string(i), kFixedNow));
    ASSERT_LT(offset, 10s);
  }
}

TEST_F(StartupTest, OverdueOffsetIsStableToo) {
  EXPECT_EQ(due("feed-7", kFixedNow - 1h), due("feed-7", kFixedNow - 5h));
}

TEST_F(StartupTest, ImplausiblyDistantPersistedDueIsTreatedAsNew) {
  EXPECT_EQ(due("feed-1", kFixedNow + 24h * 30), due("feed-1"));
}

}  // namespace
}  // namespace feedsentry::schedule
