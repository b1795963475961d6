// Pacing with a manual clock: several windows at once, exact "N in any window" semantics,
// and server-requested pauses.
#include <gtest/gtest.h>

#include "alert/rate_limiter.h"
#include "core/clock.h"

namespace feedsentry::alert {
namespace {

using std::chrono::milliseconds;
using std::chrono::minutes;
using std::chrono::seconds;

// Sends as fast as the limiter allows from `clock`'s time until `until`; returns the count.
int send_greedily(RateLimiter& limiter, core::ManualClock& clock, core::SystemTime until) {
  int sent = 0;
  while (clock.now() < until) {
    if (const auto delay = limiter.delay_before_next(clock.now())) {
      clock.advance(*delay);
      continue;
    }
    if (clock.now() >= until) break;
    limiter.record_send(clock.now());
    ++sent;
  }
  return sent;
}

TEST(RateLimiter, UnlimitedNeverWaits) {
  RateLimiter limiter(RateLimit{});
  const core::SystemTime now = core::from_unix_seconds(100);
  for (int i = 0; i < 1000; ++i) limiter.record_send(now);
  EXPECT_FALSE(limiter.delay_before_next(now).has_value());
}

TEST(RateLimiter, OnePerSecond) {
  RateLimiter limiter(RateLimit{{{1, seconds(1)}}});
  const core::SystemTime t0 = core::from_unix_seconds(100);
  EXPECT_FALSE(limiter.delay_before_next(t0).has_value());
  limiter.record_send(t0);
  EXPECT_EQ(limiter.delay_before_next(t0), seconds(1));
  EXPECT_EQ(limiter.delay_before_next(t0 + milliseconds(400)), milliseconds(600));
  EXPECT_FALSE(limiter.delay_before_next(t0 + seconds(1)).has_value());
}

TEST(RateLimiter, DiscordBurstOfFiveThenWaitForTheWindow) {
  RateLimiter limiter(RateLimit{{{5, seconds(2)}}});
  const core::SystemTime t0 = core::from_unix_seconds(100);
  for (int i = 0; i < 5; ++i) {
    EXPECT_FALSE(limiter.delay_before_next(t0 + milliseconds(10 * i)).has_value()) << i;
    limiter.record_send(t0 + milliseconds(10 * i));
  }
  EXPECT_EQ(limiter.delay_before_next(t0 + milliseconds(50)), milliseconds(1950));
  EXPECT_FALSE(limiter.delay_before_next(t0 + seconds(2)).has_value());
}

TEST(RateLimiter, TelegramGroupHonoursBothWindows) {
  core::ManualClock clock(core::from_unix_seconds(1000));
  RateLimiter limiter(RateLimit{{{1, seconds(1)}, {20, minutes(1)}}});
  const core::SystemTime start = clock.now();
  // In the first minute: 20 sends, one per second, then the per-minute window blocks.
  EXPECT_EQ(send_greedily(limiter, clock, start + minutes(1)), 20);
  // Never more than 20 in any minute, over a longer run too.
  EXPECT_EQ(send_greedily(limiter, clock, start + minutes(5)), 80);
}

TEST(RateLimiter, SlidingWindowNeverAllowsMoreThanTheLimitInAnyWindow) {
  core::ManualClock clock(core::from_unix_seconds(1000));
  RateLimiter limiter(RateLimit{{{20, minutes(1)}}});
  std::vector<core::SystemTime> sends;
  const core::SystemTime start = clock.now();
  while (clock.now() < start + minutes(10)) {
    if (const auto delay = limiter.delay_before_next(clock.now())) {
      clock.advance(*delay);
      continue;
    }
    limiter.record_send(clock.now());
    sends.push_back(clock.now());
    clock.advance(milliseconds(700));
  }
  for (std::size_t i = 0; i + 20 < sends.size(); ++i) {
    EXPECT_GE(sends[i + 20] - sends[i], minutes(1)) << i;
  }
}

TEST(RateLimiter, PauseFromRetryAfterExtendsButNeverShortens) {
  RateLimiter limiter(RateLimit{{{1, seconds(1)}}});
  const core::SystemTime t0 = core::from_unix_seconds(100);
  limiter.pause_until(t0 + seconds(30));
  EXPECT_EQ(limiter.delay_before_next(t0), seconds(30));
  limiter.pause_until(t0 + seconds(10));
  EXPECT_EQ(limiter.delay_before_next(t0), seconds(30));
  EXPECT_FALSE(limiter.delay_before_next(t0 + seconds(30)).has_value());
  limiter.record_send(t0 + seconds(30));
  EXPECT_EQ(limiter.delay_before_next(t0 + seconds(30)), seconds(1));
}

TEST(RateLimiter, SubMillisecondWaitsRoundUp) {
  RateLimiter limiter(RateLimit{{{1, seconds(1)}}});
  const core::SystemTime t0 = core::from_unix_seconds(100);
  limiter.record_send(t0);
  const auto delay = limiter.delay_before_next(t0 + std::chrono::microseconds(999'500));
  ASSERT_TRUE(delay.has_value());
  EXPECT_EQ(*delay, milliseconds(1));
}

}  // namespace
}  // namespace feedsentry::alert
