#include "schedule/server_hints.h"

#include <gtest/gtest.h>

#include "schedule/fixed_time.h"

namespace feedsentry::schedule {
namespace {

using namespace std::chrono_literals;

TEST(HttpHints, ExpiresIsMeasuredFromTheResponseDate) {
  const ServerHints hints =
      http_hints("", "Sun, 06 Nov 1994 09:49:37 GMT", "Sun, 06 Nov 1994 08:49:37 GMT");
  EXPECT_EQ(longest_hint(hints, kFixedNow), core::Duration(1h));
}

TEST(HttpHints, ExpiresWithoutDateIsMeasuredFromNow) {
  const ServerHints hints = http_hints("", "Tue, 14 Nov 2023 22:33:20 GMT", "");
  EXPECT_EQ(longest_hint(hints, kFixedNow), core::Duration(20min));
}

TEST(HttpHints, MaxAgeOverridesExpires) {
  const ServerHints hints = http_hints("max-age=60", "Tue, 14 Nov 2023 23:13:20 GMT", "");
  EXPECT_EQ(longest_hint(hints, kFixedNow), core::Duration(60s));
}

TEST(HttpHints, NoCacheDropsExpiresToo) {
  const ServerHints hints = http_hints("no-cache", "Tue, 14 Nov 2023 23:13:20 GMT", "");
  EXPECT_EQ(hints.expires, std::nullopt);
  EXPECT_EQ(longest_hint(hints, kFixedNow), std::nullopt);
}

TEST(HttpHints, InvalidOrPastExpiresGivesNoHint) {
  EXPECT_EQ(longest_hint(http_hints("", "0", ""), kFixedNow), std::nullopt);
  EXPECT_EQ(longest_hint(http_hints("", "Sun, 06 Nov 1994 08:49:37 GMT", ""), kFixedNow),
            std::nullopt);
}

TEST(RssTtl, IsPositiveMinutes) {
  EXPECT_EQ(parse_rss_ttl("60"), core::Duration(60min));
  EXPECT_EQ(parse_rss_ttl(" 15 "), core::Duration(15min));
  EXPECT_EQ(parse_rss_ttl("0"), std::nullopt);
  EXPECT_EQ(parse_rss_ttl("-5"), std::nullopt);
  EXPECT_EQ(parse_rss_ttl("soon"), std::nullopt);
  EXPECT_EQ(parse_rss_ttl(""), std::nullopt);
}

TEST(UpdatePeriod, DividesThePeriodByTheFrequency) {
  EXPECT_EQ(parse_update_period("hourly", ""), core::Duration(1h));
  EXPECT_EQ(parse_update_period("daily", "2"), core::Duration(12h));
  EXPECT_EQ(parse_update_period("weekly", "1"), core::Duration(24h * 7));
  EXPECT_EQ(parse_update_period("monthly", ""), core::Duration(24h * 30));
  EXPECT_EQ(parse_update_period(" Yearly ", ""), core::Duration(24h * 365));
  EXPECT_EQ(parse_update_period("hourly", "3"), core::Duration(20min));
}

TEST(UpdatePeriod, MissingPeriodDefaultsToDaily) {
  EXPECT_EQ(parse_update_period("", "4"), core::Duration(6h));
}

TEST(UpdatePeriod, RejectsUnknownPeriodsAndBadFrequencies) {
  EXPECT_EQ(parse_update_period("", ""), std::nullopt);
  EXPECT_EQ(parse_update_period("fortnightly", ""), std::nullopt);
  EXPECT_EQ(parse_update_period("daily", "0"), std::nullopt);
  EXPECT_EQ(parse_update_period("daily", "-1"), std::nullopt);
  EXPECT_EQ(parse_update_period("daily", "often"), std::nullopt);
}

TEST(RetryAfter, DeltaSecondsCountFromNow) {
  EXPECT_EQ(parse_retry_after("120", kFixedNow), kFixedNow + 120s);
  EXPECT_EQ(parse_retry_after(" 30 ", kFixedNow), kFixedNow + 30s);
  EXPECT_EQ(parse_retry_after("0", kFixedNow), kFixedNow);
}

TEST(RetryAfter, HttpDateIsTakenAsIs) {
  EXPECT_EQ(parse_retry_after("Tue, 14 Nov 2023 23:13:20 GMT", kFixedNow), kFixedNow + 1h);
}

TEST(RetryAfter, PastHttpDateMeansNow) {
  EXPECT_EQ(parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", kFixedNow), kFixedNow);
}

TEST(RetryAfter, RejectsNegativeFractionalAndGarbage) {
  EXPECT_EQ(parse_retry_after("-5", kFixedNow), std::nullopt);
  EXPECT_EQ(parse_retry_after("1.5", kFixedNow), std::nullopt);
  EXPECT_EQ(parse_retry_after("+5", kFixedNow), std::nullopt);
  EXPECT_EQ(parse_retry_after("", kFixedNow), std::nullopt);
  EXPECT_EQ(parse_retry_after("soon", kFixedNow), std::nullopt);
  EXPECT_EQ(parse_retry_after("Tue, 14 Nov 2023", kFixedNow), std::nullopt);
}

TEST(LongestHint, PicksTheLongestPositiveHint) {
  ServerHints hints;
  hints.max_age = 10min;
  hints.ttl = 30min;
  hints.update_period = 20min;
  EXPECT_EQ(longest_hint(hints, kFixedNow), core::Duration(30min));
  hints.ttl = core::Duration(-5min);
  EXPECT_EQ(longest_hint(hints, kFixedNow), core::Duration(20min));
}

TEST(LongestHint, NoneWithoutPositiveHints) {
  EXPECT_EQ(longest_hint(ServerHints{}, kFixedNow), std::nullopt);
  ServerHints hints;
  hints.max_age = 0s;
  EXPECT_EQ(longest_hint(hints, kFixedNow), std::nullopt);
}

}  // namespace
}  // namespace feedsentry::schedule
