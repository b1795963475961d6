#include "schedule/feed_health.h"

#include <gtest/gtest.h>

#include "schedule/fixed_time.h"

namespace feedsentry::schedule {
namespace {

using namespace std::chrono_literals;

class FeedHealthTest : public ::testing::Test {
 protected:
  HealthEvent fail_at(core::SystemTime when) {
    HealthUpdate update =
        on_poll_failure(std::move(health_), when, "http_503", "503 Service Unavailable", policy_);
    health_ = std::move(update.health);
    return update.event;
  }
  HealthEvent succeed_at(core::SystemTime when) {
    HealthUpdate update = on_poll_success(std::move(health_), when);
    health_ = std::move(update.health);
    return update.event;
  }

  Policy policy_;
  FeedHealth health_;
};

TEST_F(FeedHealthTest, SuccessOfAHealthyFeedLogsNothing) {
  EXPECT_EQ(succeed_at(kFixedNow), HealthEvent::kNone);
  EXPECT_EQ(health_.last_success, kFixedNow);
  EXPECT_EQ(health_.consecutive_failures, 0);
}

TEST_F(FeedHealthTest, FailureRecordsTheErrorAndCountsTheStreak) {
  succeed_at(kFixedNow);
  EXPECT_EQ(fail_at(kFixedNow + 5min), HealthEvent::kNone);
  EXPECT_EQ(fail_at(kFixedNow + 6min), HealthEvent::kNone);
  EXPECT_EQ(health_.consecutive_failures, 2);
  EXPECT_EQ(health_.failing_since, kFixedNow + 5min);
  EXPECT_EQ(health_.last_error_at, kFixedNow + 6min);
  EXPECT_EQ(health_.last_error_class, "http_503");
  EXPECT_EQ(health_.last_error_message, "503 Service Unavailable");
  EXPECT_EQ(health_.last_success, kFixedNow);
}

TEST_F(FeedHealthTest, DegradedIsLoggedOnceAfterFailingForTheThreshold) {
  succeed_at(kFixedNow);
  EXPECT_EQ(fail_at(kFixedNow + 5min), HealthEvent::kNone);
  EXPECT_EQ(fail_at(kFixedNow + 64min), HealthEvent::kNone);
  EXPECT_EQ(fail_at(kFixedNow + 65min), HealthEvent::kDegraded);
  EXPECT_TRUE(health_.degraded_logged);
  EXPECT_EQ(fail_at(kFixedNow + 2h), HealthEvent::kNone);
  EXPECT_EQ(fail_at(kFixedNow + 8h), HealthEvent::kNone);
}

TEST_F(FeedHealthTest, FeedThatNeverSucceededIsDegradedAnHourAfterItsFirstFailure) {
  EXPECT_EQ(fail_at(kFixedNow), HealthEvent::kNone);
  EXPECT_EQ(fail_at(kFixedNow + 30min), HealthEvent::kNone);
  EXPECT_EQ(fail_at(kFixedNow + 1h), HealthEvent::kDegraded);
}

TEST_F(FeedHealthTest, OneFailureOfASlowFeedIsNotDegraded) {
  succeed_at(kFixedNow);
  EXPECT_EQ(fail_at(kFixedNow + 6h), HealthEvent::kNone);
}

TEST_F(FeedHealthTest, RecoveryIsLoggedOnceAndResetsTheStreak) {
  fail_at(kFixedNow);
  ASSERT_EQ(fail_at(kFixedNow + 1h), HealthEvent::kDegraded);
  EXPECT_EQ(succeed_at(kFixedNow + 2h), HealthEvent::kRecovered);
  EXPECT_FALSE(health_.degraded_logged);
  EXPECT_EQ(health_.consecutive_failures, 0);
  EXPECT_EQ(health_.failing_since, std::nullopt);
  EXPECT_EQ(succeed_at(kFixedNow + 3h), HealthEvent::kNone);

  // A new streak needs a full threshold of its own.
  EXPECT_EQ(fail_at(kFixedNow + 4h), HealthEvent::kNone);
  EXPECT_EQ(fail_at(kFixedNow + 4h + 59min), HealthEvent::kNone);
  EXPECT_EQ(fail_at(kFixedNow + 5h), HealthEvent::kDegraded);
}

TEST_F(FeedHealthTest, SuccessAfterShortFailuresIsNotARecovery) {
  fail_at(kFixedNow);
  fail_at(kFixedNow + 1min);
  EXPECT_EQ(succeed_at(kFixedNow + 3min), HealthEvent::kNone);
}

TEST_F(FeedHealthTest, NextDueIsLeftToTheCaller) {
  health_.next_due = kFixedNow + 5min;
  fail_at(kFixedNow);
  EXPECT_EQ(health_.next_due, kFixedNow + 5min);
}

}  // namespace
}  // namespace feedsentry::schedule
