#include "alert/routing.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "alert/retry_policy.h"

namespace feedsentry::alert {
namespace {

core::Duration seconds_of(int seconds) {
  return std::chrono::seconds(seconds);
}

using ::testing::ElementsAre;
using ::testing::IsEmpty;

Alert alert_with(std::vector<TopicHit> topics, std::vector<std::string> tags = {}) {
  Alert alert;
  alert.topics = std::move(topics);
  alert.feed_tags = std::move(tags);
  return alert;
}

TEST(Routing, TopicsMinScoreTagsAndEnabledFilterOutputs) {
  const Alert alert = alert_with({{"sanctions", "", 0.9, {}}, {"launch", "", 0.4, {}}}, {"korea"});
  std::vector<Route> routes(6);
  routes[0].output = "all";
  routes[1].output = "launch-only";
  routes[1].topics = {"launch"};
  routes[2].output = "launch-strict";
  routes[2].topics = {"launch"};
  routes[2].min_score = 0.5;
  routes[3].output = "russia-desk";
  routes[3].tags = {"russia"};
  routes[4].output = "korea-desk";
  routes[4].tags = {"korea", "japan"};
  routes[5].output = "off";
  routes[5].enabled = false;
  EXPECT_THAT(route_alert(alert, routes), ElementsAre("all", "launch-only", "korea-desk"));
}

TEST(Routing, FollowUpsGoOnlyToOutputsThatTakeThem) {
  Alert copy = alert_with({{"sanctions", "", 0.9, {}}});
  copy.followup_of = 7;
  std::vector<Route> routes(2);
  routes[0].output = "chat";
  routes[1].output = "log";
  routes[1].takes_followups = true;
  EXPECT_THAT(route_alert(copy, routes), ElementsAre("log"));
  copy.followup_of.reset();
  EXPECT_THAT(route_alert(copy, routes), ElementsAre("chat", "log"));
}

TEST(Routing, AnAlertWithoutRoutedTopicsGoesNowhere) {
  std::vector<Route> routes(1);
  routes[0].output = "x";
  routes[0].topics = {"watchlist"};
  EXPECT_THAT(route_alert(alert_with({{"sanctions", "", 1.0, {}}}), routes), IsEmpty());
}

TEST(RetryPolicy, DelayGrowsIsCappedHonoursTheServerAndStopsAtMaxAge) {
  RetryPolicy policy;
  policy.first_delay = std::chrono::seconds(2);
  policy.max_delay = std::chrono::seconds(60);
  // Failing for an hour: the recovery bound (15 min, capped at 60 s) does not bind.
  const core::Duration long_outage = std::chrono::hours(1);
  EXPECT_EQ(retry_delay(policy, 1, long_outage, std::nullopt, 1.0), std::chrono::seconds(2));
  EXPECT_EQ(retry_delay(policy, 1, long_outage, std::nullopt, 0.0), std::chrono::seconds(1));
  EXPECT_EQ(retry_delay(policy, 4, long_outage, std::nullopt, 1.0), std::chrono::seconds(16));
  EXPECT_EQ(retry_delay(policy, 30, long_outage, std::nullopt, 1.0), std::chrono::seconds(60));
  EXPECT_EQ(retry_delay(policy, 1, long_outage, std::chrono::seconds(30), 0.5),
            std::chrono::seconds(30));
  for (int attempts = 1; attempts < 40; ++attempts) {
    const auto delay = retry_delay(policy, attempts, long_outage, std::nullopt, 0.37);
    EXPECT_GE(delay, std::chrono::seconds(1));
    EXPECT_LE(delay, std::chrono::seconds(60));
  }
  const core::SystemTime created{};
  EXPECT_FALSE(retry_budget_exhausted(policy, created, created + std::chrono::hours(23)));
  EXPECT_TRUE(retry_budget_exhausted(policy, created, created + std::chrono::hours(25)));
}

TEST(RetryPolicy, TheRecoveryBoundGrowsWithTheOutageNotWithTheAttemptCount) {
  RetryPolicy policy;  // defaults: 2 s first delay, 10 min maximum, 5 s floor, 25 %
  using std::chrono::minutes;
  using std::chrono::seconds;
  EXPECT_EQ(recovery_bound(policy, seconds(0)), seconds(5));
  EXPECT_EQ(recovery_bound(policy, seconds(20)), seconds(5));
  EXPECT_EQ(recovery_bound(policy, seconds(40)), seconds(10));
  EXPECT_EQ(recovery_bound(policy, minutes(20)), minutes(5));
  EXPECT_EQ(recovery_bound(policy, std::chrono::hours(3)), minutes(10)) << "capped at max_delay";
  // The case that made CI flaky: the 8th failure inside a 20 s outage may no longer wait
  // up to 128 s; whatever the draw, it waits at most 5 s.
  for (const double draw : {0.0, 0.25, 0.5, 0.99, 1.0}) {
    EXPECT_LE(retry_delay(policy, 8, seconds(20), std::nullopt, draw), seconds(5));
    EXPECT_LE(retry_delay(policy, 12, minutes(8), std::nullopt, draw), minutes(2));
  }
  // Retry-After still wins over the bound.
  EXPECT_EQ(retry_delay(policy, 8, seconds(20), seconds(90), 0.5), seconds(90));
}

TEST(RetryPolicy, EveryDrawStaysWithinTheBoundOfTheOutageSoFar) {
  RetryPolicy policy;
  for (int attempts = 1; attempts <= 40; ++attempts) {
    for (const auto failing_for :
         {seconds_of(0), seconds_of(3), seconds_of(30), seconds_of(400), seconds_of(5000)}) {
      for (double draw = 0; draw <= 1.0; draw += 0.125) {
        const auto delay = retry_delay(policy, attempts, failing_for, std::nullopt, draw);
        EXPECT_LE(delay, recovery_bound(policy, failing_for));
        EXPECT_GE(delay, std::min(policy.first_delay / 2, recovery_bound(policy, failing_for)));
      }
    }
  }
}

}  // namespace
}  // namespace feedsentry::alert
