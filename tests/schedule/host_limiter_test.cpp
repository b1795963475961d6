#include "schedule/host_limiter.h"

#include <string>

#include <gtest/gtest.h>

#include "schedule/fixed_time.h"

namespace feedsentry::schedule {
namespace {

using namespace std::chrono_literals;

constexpr std::string_view kHost = "news.example";

TEST(HostLimiter, UnknownHostMayStartNow) {
  const HostLimiter limiter{Policy{}};
  EXPECT_TRUE(limiter.may_start(kHost, kFixedNow));
  EXPECT_EQ(limiter.next_allowed(kHost, kFixedNow), kFixedNow);
}

TEST(HostLimiter, MinimumGapSeparatesStartsToOneHost) {
  HostLimiter limiter{Policy{}};
  limiter.started(kHost, kFixedNow);
  EXPECT_FALSE(limiter.may_start(kHost, kFixedNow));
  EXPECT_FALSE(limiter.may_start(kHost, kFixedNow + 999ms));
  EXPECT_EQ(limiter.next_allowed(kHost, kFixedNow + 200ms), kFixedNow + 1s);
  EXPECT_TRUE(limiter.may_start(kHost, kFixedNow + 1s));
  EXPECT_TRUE(limiter.may_start("other.example", kFixedNow));
}

TEST(HostLimiter, PerHostConcurrencyBlocksUntilAFetchFinishes) {
  HostLimiter limiter{Policy{}};
  limiter.started(kHost, kFixedNow);
  limiter.started(kHost, kFixedNow + 1s);
  EXPECT_EQ(limiter.in_flight(kHost), 2u);
  EXPECT_FALSE(limiter.may_start(kHost, kFixedNow + 10s));
  EXPECT_EQ(limiter.next_allowed(kHost, kFixedNow + 10s), std::nullopt);
  limiter.finished(kHost, kFixedNow + 10s);
  EXPECT_TRUE(limiter.may_start(kHost, kFixedNow + 10s));
  EXPECT_EQ(limiter.next_allowed(kHost, kFixedNow + 10s), kFixedNow + 10s);
}

TEST(HostLimiter, GapStillAppliesAfterASlotFrees) {
  HostLimiter limiter{Policy{}};
  limiter.started(kHost, kFixedNow);
  limiter.started(kHost, kFixedNow + 1s);
  limiter.finished(kHost, kFixedNow + 1500ms);
  EXPECT_FALSE(limiter.may_start(kHost, kFixedNow + 1500ms));
  EXPECT_EQ(limiter.next_allowed(kHost, kFixedNow + 1500ms), kFixedNow + 2s);
}

TEST(HostLimiter, GlobalConcurrencyLimitsAllHosts) {
  Policy policy;
  policy.global_concurrency = 3;
  HostLimiter limiter{policy};
  for (const char* host : {"a.example", "b.example", "c.example"}) {
    ASSERT_TRUE(limiter.may_start(host, kFixedNow));
    limiter.started(host, kFixedNow);
  }
  EXPECT_EQ(limiter.in_flight(), 3u);
  EXPECT_FALSE(limiter.global_slot_free());
  EXPECT_FALSE(limiter.may_start("d.example", kFixedNow));
  EXPECT_TRUE(limiter.host_may_start("d.example", kFixedNow));
  limiter.finished("b.example", kFixedNow + 5s);
  EXPECT_TRUE(limiter.may_start("d.example", kFixedNow + 5s));
}

TEST(HostLimiter, UnmatchedFinishIsIgnored) {
  HostLimiter limiter{Policy{}};
  limiter.finished(kHost, kFixedNow);
  limiter.started("a.example", kFixedNow);
  limiter.finished("a.example", kFixedNow);
  limiter.finished("a.example", kFixedNow);
  EXPECT_EQ(limiter.in_flight(), 0u);
  EXPECT_EQ(limiter.in_flight("a.example"), 0u);
}

TEST(HostLimiter, StartRecordedInTheFutureDoesNotBlock) {
  HostLimiter limiter{Policy{}};
  limiter.started(kHost, kFixedNow);
  limiter.finished(kHost, kFixedNow);
  EXPECT_TRUE(limiter.may_start(kHost, kFixedNow - 1h));  // the wall clock moved back
}

TEST(HostLimiter, ZeroLimitsAreTreatedAsOne) {
  Policy policy;
  policy.global_concurrency = 0;
  policy.per_host_concurrency = 0;
  HostLimiter limiter{policy};
  EXPECT_TRUE(limiter.may_start(kHost, kFixedNow));
  limiter.started(kHost, kFixedNow);
  EXPECT_FALSE(limiter.global_slot_free());
}

TEST(HostLimiter, ForgetsIdleHosts) {
  HostLimiter limiter{Policy{}};
  limiter.started(kHost, kFixedNow);
  limiter.finished(kHost, kFixedNow + 2s);
  EXPECT_EQ(limiter.tracked_hosts(), 0u);

  // Quick fetches finish inside their gap, so they are kept for now...
  for (int i = 0; i < 5000; ++i) {
    const std::string host = "quick" + std::to_string(i) + ".example";
    limiter.started(host, kFixedNow + 10s);
    limiter.finished(host, kFixedNow + 10s);
  }
  EXPECT_EQ(limiter.tracked_hosts(), 5000u);
  // ...and dropped by a sweep once the map has grown enough later on.
  for (int i = 0; i < 4000; ++i) limiter.started("busy" + std::to_string(i), kFixedNow + 1h);
  EXPECT_EQ(limiter.tracked_hosts(), 4000u);
  EXPECT_EQ(limiter.in_flight(), 4000u);
}

}  // namespace
}  // namespace feedsentry::schedule
