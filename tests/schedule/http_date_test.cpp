#include "schedule/http_date.h"

#include <gtest/gtest.h>

namespace feedsentry::schedule {
namespace {

const core::SystemTime kRfcExample = core::from_unix_seconds(784'111'777);  // 1994-11-06 08:49:37

TEST(HttpDate, ParsesImfFixdate) {
  EXPECT_EQ(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"), kRfcExample);
}

TEST(HttpDate, ParsesObsoleteRfc850Form) {
  EXPECT_EQ(parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT"), kRfcExample);
}

TEST(HttpDate, ParsesAsctimeFormWithSpacePaddedDay) {
  EXPECT_EQ(parse_http_date("Sun Nov  6 08:49:37 1994"), kRfcExample);
}

TEST(HttpDate, Rfc850TwoDigitYearsBelowSeventyAreThisCentury) {
  EXPECT_EQ(parse_http_date("Thursday, 01-Jan-15 00:00:00 GMT"),
            core::from_unix_seconds(1'420'070'400));
}

TEST(HttpDate, ToleratesCaseExtraSpaceOneDigitDayAndUtc) {
  EXPECT_EQ(parse_http_date("  sun,  6 NOV 1994   08:49:37 utc "), kRfcExample);
  EXPECT_EQ(parse_http_date("Sun Nov 6 08:49:37 1994"), kRfcExample);
}

TEST(HttpDate, AcceptsLeapSecond) {
  EXPECT_EQ(parse_http_date("Sat, 31 Dec 2016 23:59:60 GMT"),
            core::from_unix_seconds(1'483'228'800));
}

TEST(HttpDate, RejectsInvalidDatesAndTimes) {
  EXPECT_EQ(parse_http_date("Sun, 31 Feb 1994 08:49:37 GMT"), std::nullopt);
  EXPECT_EQ(parse_http_date("Sun, 00 Nov 1994 08:49:37 GMT"), std::nullopt);
  EXPECT_EQ(parse_http_date("Sun, 06 Nov 1994 24:00:00 GMT"), std::nullopt);
  EXPECT_EQ(parse_http_date("Sun, 06 Nov 1994 08:60:00 GMT"), std::nullopt);
  EXPECT_EQ(parse_http_date("Sun, 06 Nov 1994 8:49:37 GMT"), std::nullopt);
  EXPECT_EQ(parse_http_date("Sun, 06 Foo 1994 08:49:37 GMT"), std::nullopt);
}

TEST(HttpDate, RejectsWrongShapes) {
  EXPECT_EQ(parse_http_date(""), std::nullopt);
  EXPECT_EQ(parse_http_date("0"), std::nullopt);
  EXPECT_EQ(parse_http_date("-1"), std::nullopt);
  EXPECT_EQ(parse_http_date("1700000000"), std::nullopt);
  EXPECT_EQ(parse_http_date("Sun, 06 Nov 1994 08:49:37"), std::nullopt);        // no zone
  EXPECT_EQ(parse_http_date("Sun, 06 Nov 1994 08:49:37 +0000"), std::nullopt);  // not GMT
  EXPECT_EQ(parse_http_date("Sun, 06 Nov 94 08:49:37 GMT"), std::nullopt);      // 2-digit year
  EXPECT_EQ(parse_http_date("Funday, 06-Nov-94 08:49:37 GMT"), std::nullopt);
  EXPECT_EQ(parse_http_date("Sun, 06-Nov-94 08:49:37 GMT"), std::nullopt);  // short day name
  EXPECT_EQ(parse_http_date("Sun, -6 Nov 1994 08:49:37 GMT"), std::nullopt);
  EXPECT_EQ(parse_http_date("2023-11-14T22:13:20Z"), std::nullopt);
}

}  // namespace
}  // namespace feedsentry::schedule
