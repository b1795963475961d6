#include "schedule/cache_control.h"

#include <gtest/gtest.h>

namespace feedsentry::schedule {
namespace {

using namespace std::chrono_literals;

TEST(DeltaSeconds, AcceptsOnlyPlainDigits) {
  EXPECT_EQ(parse_delta_seconds("0"), 0);
  EXPECT_EQ(parse_delta_seconds("3600"), 3600);
  EXPECT_EQ(parse_delta_seconds("-1"), std::nullopt);
  EXPECT_EQ(parse_delta_seconds("+1"), std::nullopt);
  EXPECT_EQ(parse_delta_seconds("1e3"), std::nullopt);
  EXPECT_EQ(parse_delta_seconds(""), std::nullopt);
  EXPECT_EQ(parse_delta_seconds("99999999999999999999999999"), std::int64_t{1} << 31);
}

TEST(CacheControl, ReportsEachDirectiveSeparately) {
  const CacheControl parsed = parse_cache_control("public, max-age=60, s-maxage=900");
  EXPECT_EQ(parsed.max_age, core::Duration(60s));
  EXPECT_EQ(parsed.shared_max_age, core::Duration(900s));
  EXPECT_FALSE(parsed.forbids_reuse);
  EXPECT_TRUE(parse_cache_control("max-age=60, no-store").forbids_reuse);
}

TEST(CacheControl, ReadsMaxAgeAmongOtherDirectives) {
  EXPECT_EQ(parse_cache_control_max_age("max-age=600"), core::Duration(600s));
  EXPECT_EQ(parse_cache_control_max_age("public, max-age=600, must-revalidate"),
            core::Duration(600s));
  EXPECT_EQ(parse_cache_control_max_age("MAX-AGE=600"), core::Duration(600s));
  EXPECT_EQ(parse_cache_control_max_age("max-age=\"600\""), core::Duration(600s));
  EXPECT_EQ(parse_cache_control_max_age(" max-age = 600 "), core::Duration(600s));
}

TEST(CacheControl, TakesTheLargerOfMaxAgeAndSharedMaxAge) {
  EXPECT_EQ(parse_cache_control_max_age("max-age=60, s-maxage=900"), core::Duration(900s));
  EXPECT_EQ(parse_cache_control_max_age("s-maxage=900"), core::Duration(900s));
  EXPECT_EQ(parse_cache_control_max_age("max-age=900, s-maxage=60"), core::Duration(900s));
}

TEST(CacheControl, NoCacheAndNoStoreGiveNoHint) {
  EXPECT_EQ(parse_cache_control_max_age("no-cache"), std::nullopt);
  EXPECT_EQ(parse_cache_control_max_age("no-store, max-age=600"), std::nullopt);
  EXPECT_EQ(parse_cache_control_max_age("max-age=600, No-Cache"), std::nullopt);
}

TEST(CacheControl, QualifiedNoCacheOnlyConcernsNamedFields) {
  EXPECT_EQ(parse_cache_control_max_age("no-cache=\"Set-Cookie\", max-age=600"),
            core::Duration(600s));
}

TEST(CacheControl, CommasInsideQuotedValuesDoNotSplitDirectives) {
  EXPECT_EQ(parse_cache_control_max_age("private=\"a, max-age=5\", max-age=600"),
            core::Duration(600s));
}

TEST(CacheControl, FirstOccurrenceWins) {
  EXPECT_EQ(parse_cache_control_max_age("max-age=60, max-age=600"), core::Duration(60s));
}

TEST(CacheControl, IgnoresGarbageAndClampsHugeValues) {
  EXPECT_EQ(parse_cache_control_max_age(""), std::nullopt);
  EXPECT_EQ(parse_cache_control_max_age("public"), std::nullopt);
  EXPECT_EQ(parse_cache_control_max_age("max-age"), std::nullopt);
  EXPECT_EQ(parse_cache_control_max_age("max-age=abc"), std::nullopt);
  EXPECT_EQ(parse_cache_control_max_age("max-age=-5"), std::nullopt);
  EXPECT_EQ(parse_cache_control_max_age("max-age=1.5"), std::nullopt);
  EXPECT_EQ(parse_cache_control_max_age("max-age=99999999999999999999999"),
            core::Duration(std::chrono::seconds(2'147'483'648)));
}

}  // namespace
}  // namespace feedsentry::schedule
