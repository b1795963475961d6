#include "alert/routing.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "alert/retry_policy.h"

namespace feedsentry::alert {
namespace {

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
  EXPECT_EQ(retry_delay(policy, 1, std::nullopt, 1.0), std::chrono::seconds(2));
  EXPECT_EQ(retry_delay(policy, 1, std::nullopt, 0.0), std::chrono::seconds(1));
  EXPECT_EQ(retry_delay(policy, 4, std::nullopt, 1.0), std::chrono::seconds(16));
  EXPECT_EQ(retry_delay(policy, 30, std::nullopt, 1.0), std::chrono::seconds(60));
  EXPECT_EQ(retry_delay(policy, 1, std::chrono::seconds(30), 0.5), std::chrono::seconds(30));
  for (int attempts = 1; attempts < 40; ++attempts) {
    const auto delay = retry_delay(policy, attempts, std::nullopt, 0.37);
    EXPECT_GE(delay, std::chrono::seconds(1));
    EXPECT_LE(delay, std::chrono::seconds(60));
  }
  const core::SystemTime created{};
  EXPECT_FALSE(retry_budget_exhausted(policy, created, created + std::chrono::hours(23)));
  EXPECT_TRUE(retry_budget_exhausted(policy, created, created + std::chrono::hours(25)));
}

}  // namespace
}  // namespace feedsentry::alert
