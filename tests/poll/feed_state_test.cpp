#include <gtest/gtest.h>

#include "poll/poller.h"

namespace feedsentry::poll {
namespace {

TEST(FeedState, NameFollowsHealth) {
  schedule::FeedHealth health;
  EXPECT_EQ(feed_state_name(health), "new");
  health.last_success = core::SystemTime{} + std::chrono::hours(1);
  EXPECT_EQ(feed_state_name(health), "ok");
  health.consecutive_failures = 2;
  EXPECT_EQ(feed_state_name(health), "failing");
  health.degraded_logged = true;
  EXPECT_EQ(feed_state_name(health), "degraded");
}

TEST(FeedState, CountsAreReadByStateName) {
  FeedStateCounts counts;
  counts.counts = {1, 2, 3, 4};
  EXPECT_EQ(counts.of("new"), 1u);
  EXPECT_EQ(counts.of("ok"), 2u);
  EXPECT_EQ(counts.of("failing"), 3u);
  EXPECT_EQ(counts.of("degraded"), 4u);
  EXPECT_EQ(counts.of("retired"), 0u);
}

}  // namespace
}  // namespace feedsentry::poll
