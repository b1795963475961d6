#include "schedule/policy.h"

#include <gtest/gtest.h>

namespace feedsentry::schedule {
namespace {

using namespace std::chrono_literals;

TEST(Policy, DefaultsMatchTheDesign) {
  const Policy policy;
  EXPECT_EQ(policy.interval, 5min);
  EXPECT_DOUBLE_EQ(policy.jitter_fraction, 0.10);
  EXPECT_EQ(policy.max_interval, 6h);
  EXPECT_EQ(policy.backoff_base, 1min);
  EXPECT_EQ(policy.backoff_cap, 6h);
  EXPECT_EQ(policy.degraded_after, 1h);
  EXPECT_EQ(policy.effective_startup_spread(), 5min);
  EXPECT_EQ(policy.effective_overdue_spread(), 1min);
  EXPECT_EQ(policy.global_concurrency, 64u);
  EXPECT_EQ(policy.per_host_concurrency, 2u);
  EXPECT_EQ(policy.per_host_min_gap, 1s);
  EXPECT_TRUE(validate(policy));
}

TEST(Policy, StartupSpreadFollowsTheIntervalUnlessSet) {
  Policy policy;
  policy.interval = 15min;
  EXPECT_EQ(policy.effective_startup_spread(), 15min);
  policy.startup_spread = 20s;
  EXPECT_EQ(policy.effective_startup_spread(), 20s);
  EXPECT_EQ(policy.effective_overdue_spread(), 20s);
}

TEST(Policy, ValidationRejectsValuesThatWouldHammerOrStall) {
  const auto rejects = [](auto mutate) {
    Policy policy;
    mutate(policy);
    return !validate(policy);
  };
  EXPECT_TRUE(rejects([](Policy& p) { p.interval = 0s; }));
  EXPECT_TRUE(rejects([](Policy& p) { p.jitter_fraction = 1.0; }));
  EXPECT_TRUE(rejects([](Policy& p) { p.jitter_fraction = -0.1; }));
  EXPECT_TRUE(rejects([](Policy& p) { p.backoff_base = 0s; }));
  EXPECT_TRUE(rejects([](Policy& p) { p.backoff_cap = 30s; }));
  EXPECT_TRUE(rejects([](Policy& p) { p.global_concurrency = 0; }));
  EXPECT_TRUE(rejects([](Policy& p) { p.per_host_concurrency = 0; }));
  EXPECT_TRUE(rejects([](Policy& p) { p.per_host_min_gap = -1s; }));
  EXPECT_TRUE(rejects([](Policy& p) { p.startup_spread = -1s; }));
  EXPECT_FALSE(rejects([](Policy& p) { p.per_host_min_gap = 0s; }));
}

TEST(Policy, ValidationExplainsTheProblem) {
  Policy policy;
  policy.per_host_concurrency = 0;
  const auto result = validate(policy);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().message, "per-host concurrency must be at least 1");
}

}  // namespace
}  // namespace feedsentry::schedule
