#include "schedule/next_poll.h"

#include <climits>

#include <gtest/gtest.h>

#include "schedule/fixed_time.h"

namespace feedsentry::schedule {
namespace {

using namespace std::chrono_literals;

// Random 0.5 is the middle of every jitter range: the un-jittered value.
constexpr double kMiddle = 0.5;

class NextPollTest : public ::testing::Test {
 protected:
  core::Duration success_delay(const ServerHints& hints, double random_value,
                               core::Duration interval = 5min) {
    FixedRandom random(random_value);
    return offset_from_fixed_now(
        next_poll_after_success(kFixedNow, interval, hints, policy_, random).next_due);
  }
  PollDecision failure(const Failure& what, double random_value, core::Duration interval = 5min) {
    FixedRandom random(random_value);
    return next_poll_after_failure(kFixedNow, interval, what, policy_, random);
  }
  core::Duration failure_delay(int failures, double random_value) {
    return offset_from_fixed_now(failure({failures, 503, std::nullopt}, random_value).next_due);
  }

  Policy policy_;
};

TEST_F(NextPollTest, SuccessWithoutHintsUsesTheInterval) {
  FixedRandom random(kMiddle);
  const PollDecision decision =
      next_poll_after_success(kFixedNow, policy_.interval, ServerHints{}, policy_, random);
  EXPECT_EQ(decision.next_due, kFixedNow + 5min);
  EXPECT_EQ(decision.reason, DelayReason::kInterval);
  EXPECT_FALSE(decision.log_loudly);
}

TEST_F(NextPollTest, SuccessJitterSpansTenPercentEitherSide) {
  EXPECT_EQ(success_delay({}, 0.0), core::Duration(270s));
  EXPECT_EQ(success_delay({}, 0.25), core::Duration(285s));
  EXPECT_EQ(success_delay({}, kAlmostOne), core::Duration(330s));
}

TEST_F(NextPollTest, SuccessJitterStaysInBoundsWithRealRandomness) {
  SystemRandom random(12345);
  for (int i = 0; i < 10'000; ++i) {
    const auto delay = offset_from_fixed_now(
        next_poll_after_success(kFixedNow, 5min, {}, policy_, random).next_due);
    ASSERT_GE(delay, 270s);
    ASSERT_LE(delay, 330s);
  }
}

TEST_F(NextPollTest, PerFeedIntervalOverridesTheDefault) {
  EXPECT_EQ(success_delay({}, kMiddle, policy_.interval_for(10min)), core::Duration(10min));
  EXPECT_EQ(success_delay({}, kMiddle, policy_.interval_for(std::nullopt)), core::Duration(5min));
}

TEST_F(NextPollTest, LongerMaxAgeLengthensTheInterval) {
  FixedRandom random(kMiddle);
  const PollDecision decision =
      next_poll_after_success(kFixedNow, 5min, http_hints("max-age=600", "", ""), policy_, random);
  EXPECT_EQ(decision.next_due, kFixedNow + 10min);
  EXPECT_EQ(decision.reason, DelayReason::kServerHint);
}

TEST_F(NextPollTest, ShorterMaxAgeNeverShortensTheInterval) {
  FixedRandom random(kMiddle);
  const PollDecision decision =
      next_poll_after_success(kFixedNow, 5min, http_hints("max-age=60", "", ""), policy_, random);
  EXPECT_EQ(decision.next_due, kFixedNow + 5min);
  EXPECT_EQ(decision.reason, DelayReason::kInterval);
}

TEST_F(NextPollTest, HintsAreCappedAtMaxInterval) {
  EXPECT_EQ(success_delay(http_hints("max-age=86400", "", ""), kMiddle), core::Duration(6h));
  ServerHints yearly;
  yearly.update_period = parse_update_period("yearly", "");
  EXPECT_EQ(success_delay(yearly, kMiddle), core::Duration(6h));
}

TEST_F(NextPollTest, ConfiguredIntervalAboveMaxIntervalIsKept) {
  EXPECT_EQ(success_delay(http_hints("max-age=86400", "", ""), kMiddle, 12h), core::Duration(12h));
}

TEST_F(NextPollTest, ExpiresLengthensTheInterval) {
  EXPECT_EQ(success_delay(http_hints("", "Tue, 14 Nov 2023 22:33:20 GMT", ""), kMiddle),
            core::Duration(20min));
}

TEST_F(NextPollTest, RssTtlLengthensTheInterval) {
  ServerHints hints;
  hints.ttl = parse_rss_ttl("30");
  EXPECT_EQ(success_delay(hints, kMiddle), core::Duration(30min));
}

TEST_F(NextPollTest, UpdatePeriodLengthensTheInterval) {
  ServerHints hints;
  hints.update_period = parse_update_period("hourly", "");
  EXPECT_EQ(success_delay(hints, kMiddle), core::Duration(1h));
}

TEST_F(NextPollTest, JitterAppliesToTheHintedInterval) {
  EXPECT_EQ(success_delay(http_hints("max-age=600", "", ""), 0.0), core::Duration(540s));
}

TEST_F(NextPollTest, BackoffCeilingDoublesPerFailureUpToTheCap) {
  EXPECT_EQ(backoff_ceiling(1, 5min, policy_), core::Duration(1min));
  EXPECT_EQ(backoff_ceiling(2, 5min, policy_), core::Duration(2min));
  EXPECT_EQ(backoff_ceiling(3, 5min, policy_), core::Duration(4min));
  EXPECT_EQ(backoff_ceiling(9, 5min, policy_), core::Duration(256min));
  EXPECT_EQ(backoff_ceiling(10, 5min, policy_), core::Duration(6h));
  EXPECT_EQ(backoff_ceiling(1000, 5min, policy_), core::Duration(6h));
  EXPECT_EQ(backoff_ceiling(INT_MAX, 5min, policy_), core::Duration(6h));
  EXPECT_EQ(backoff_ceiling(0, 5min, policy_), core::Duration(1min));
}

TEST_F(NextPollTest, BackoffGrowsThenStopsAtTheCap) {
  const core::Duration expected[] = {1min,  2min,   4min,   8min, 16min, 32min,
                                     64min, 128min, 256min, 6h,   6h};
  for (int failures = 1; failures <= 11; ++failures) {
    EXPECT_EQ(failure_delay(failures, kAlmostOne), expected[failures - 1])
        << "failures=" << failures;
  }
}

TEST_F(NextPollTest, FullJitterLowerBoundIsTheBackoffBase) {
  EXPECT_EQ(failure_delay(1, 0.0), core::Duration(1min));
  EXPECT_EQ(failure_delay(5, 0.0), core::Duration(1min));
  EXPECT_EQ(failure_delay(50, 0.0), core::Duration(1min));
}

TEST_F(NextPollTest, FullJitterIsUniformBetweenBaseAndCeiling) {
  EXPECT_EQ(failure_delay(3, kMiddle), core::Duration(150s));  // 1 min + 0.5 * (4 - 1) min
  EXPECT_EQ(failure_delay(20, kMiddle), core::Duration(60'000 + 10'770'000));
  EXPECT_EQ(failure({1, std::nullopt, std::nullopt}, kMiddle).reason, DelayReason::kBackoff);
}

TEST_F(NextPollTest, FailureCapIsNeverBelowTheFeedsOwnInterval) {
  EXPECT_EQ(failure({100, 500, std::nullopt}, kAlmostOne, 12h).next_due, kFixedNow + 12h);
}

TEST_F(NextPollTest, TooManyRequestsIsNotRetriedSoonerThanTheInterval) {
  const PollDecision early = failure({1, 429, std::nullopt}, 0.0);
  EXPECT_EQ(early.next_due, kFixedNow + 5min);
  EXPECT_EQ(early.reason, DelayReason::kRateLimited);
  const PollDecision late = failure({10, 429, std::nullopt}, kAlmostOne);
  EXPECT_EQ(late.next_due, kFixedNow + 6h);
  EXPECT_EQ(late.reason, DelayReason::kBackoff);
}

TEST_F(NextPollTest, LaterRetryAfterWins) {
  const PollDecision decision = failure({1, 503, kFixedNow + 30min}, kMiddle);
  EXPECT_EQ(decision.next_due, kFixedNow + 30min);
  EXPECT_EQ(decision.reason, DelayReason::kRetryAfter);
}

TEST_F(NextPollTest, EarlierRetryAfterDoesNotShortenTheBackoff) {
  const PollDecision decision = failure({3, 429, kFixedNow + 10s}, kAlmostOne, 1min);
  EXPECT_EQ(decision.next_due, kFixedNow + 4min);
  EXPECT_EQ(decision.reason, DelayReason::kBackoff);
}

TEST_F(NextPollTest, RetryAfterIsHonouredOnAnyStatus) {
  EXPECT_EQ(failure({1, 500, kFixedNow + 2h}, 0.0).next_due, kFixedNow + 2h);
}

TEST_F(NextPollTest, RetryAfterBeyondTheCapIsCapped) {
  const PollDecision decision = failure({1, 503, kFixedNow + 48h}, 0.0);
  EXPECT_EQ(decision.next_due, kFixedNow + 6h);
  EXPECT_EQ(decision.reason, DelayReason::kRetryAfter);
}

TEST_F(NextPollTest, GoneBacksOffToTheCapAndAsksForALoudLog) {
  const PollDecision decision = failure({1, 410, std::nullopt}, 0.0);
  EXPECT_EQ(decision.next_due, kFixedNow + 6h);
  EXPECT_EQ(decision.reason, DelayReason::kGone);
  EXPECT_TRUE(decision.log_loudly);
  EXPECT_EQ(failure({1, 410, std::nullopt}, 0.0, 12h).next_due, kFixedNow + 12h);
}

TEST_F(NextPollTest, EveryOutcomeIsAFiniteTimeInTheFuture) {
  const std::optional<int> statuses[] = {std::nullopt, 400, 404, 410, 429, 500, 503};
  const std::optional<core::SystemTime> retry_afters[] = {std::nullopt, kFixedNow,
                                                          kFixedNow + 24h * 365 * 100};
  const core::Duration limit = longest_delay(5min, policy_);
  for (const auto status : statuses) {
    for (const auto retry_after : retry_afters) {
      for (const int failures : {0, 1, 2, 7, 30, INT_MAX}) {
        for (const double random_value : {0.0, kMiddle, kAlmostOne}) {
          const core::SystemTime due =
              failure({failures, status, retry_after}, random_value).next_due;
          ASSERT_GT(due, kFixedNow);
          ASSERT_LE(due, kFixedNow + limit);
        }
      }
    }
  }
  EXPECT_LE(success_delay(http_hints("max-age=99999999", "", ""), kAlmostOne), limit);
}

TEST_F(NextPollTest, MisconfiguredPolicyStillNeverHammers) {
  policy_.interval = 0s;
  policy_.jitter_fraction = 5.0;
  policy_.backoff_base = 0s;
  policy_.backoff_cap = 0s;
  EXPECT_GE(success_delay({}, 0.0, policy_.interval), kMinimumDelay);
  EXPECT_GE(failure_delay(1, 0.0), kMinimumDelay);
  EXPECT_GE(failure_delay(40, kAlmostOne), kMinimumDelay);
}

TEST(DelayReason, HasStableNames) {
  EXPECT_STREQ(reason_name(DelayReason::kRetryAfter), "retry_after");
  EXPECT_STREQ(reason_name(DelayReason::kGone), "gone");
}

}  // namespace
}  // namespace feedsentry::schedule
