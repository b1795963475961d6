#include "feed/dates.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <optional>
#include <string>

namespace feedsentry::feed {
namespace {

using namespace std::chrono;
using namespace std::chrono_literals;

constexpr std::optional<Timestamp> kNoDate = std::nullopt;

// Compared as text so a failure shows two readable instants instead of raw bytes.
std::string show(std::optional<Timestamp> time) {
  if (!time) return "nullopt";
  const sys_days day = floor<days>(*time);
  const year_month_day date{day};
  const hh_mm_ss clock{*time - day};
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02ld:%02ld:%02ldZ",
                static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                static_cast<unsigned>(date.day()), static_cast<long>(clock.hours().count()),
                static_cast<long>(clock.minutes().count()),
                static_cast<long>(clock.seconds().count()));
  return buffer;
}

// --- RFC 822 -----------------------------------------------------------------------------

TEST(Dates, ParsesRfc822WithNamedZone) {
  EXPECT_EQ(show(parse_rfc822_date("Fri, 1 Sep 2023 10:00:00 EDT")),
            show(sys_days{2023y / 9 / 1} + 14h));
}

TEST(Dates, ParsesRfc822WithNumericZone) {
  EXPECT_EQ(show(parse_rfc822_date("Sun, 04 Jan 2004 16:29:06 +0000")),
            show(sys_days{2004y / 1 / 4} + 16h + 29min + 6s));
}

TEST(Dates, ParsesRfc822WithoutWeekday) {
  EXPECT_EQ(show(parse_rfc822_date("1 Sep 2023 10:00:00 GMT")),
            show(sys_days{2023y / 9 / 1} + 10h));
}

TEST(Dates, ParsesRfc822TwoDigitYearBelowFiftyAsTwentyFirstCentury) {
  EXPECT_EQ(show(parse_rfc822_date("Thu, 01 Jan 04 19:48:21 GMT")),
            show(sys_days{2004y / 1 / 1} + 19h + 48min + 21s));
  EXPECT_EQ(show(parse_rfc822_date("01 Sep 49 10:00:00 GMT")), show(sys_days{2049y / 9 / 1} + 10h));
}

TEST(Dates, ParsesRfc822TwoDigitYearFiftyOrAboveAsTwentiethCentury) {
  EXPECT_EQ(show(parse_rfc822_date("01 Sep 50 10:00:00 GMT")), show(sys_days{1950y / 9 / 1} + 10h));
  EXPECT_EQ(show(parse_rfc822_date("01 Sep 99 10:00:00 GMT")), show(sys_days{1999y / 9 / 1} + 10h));
}

TEST(Dates, ParsesRfc822FourDigitYear) {
  EXPECT_EQ(show(parse_rfc822_date("Thu, 01 Jan 2004 19:48:21 GMT")),
            show(sys_days{2004y / 1 / 1} + 19h + 48min + 21s));
}

TEST(Dates, ParsesRfc822AncientFourDigitYear) {
  EXPECT_EQ(show(parse_rfc822_date("Thu, 01 Jan 0100 00:00:01 +0100")),
            show(sys_days{99y / 12 / 31} + 23h + 1s));
}

TEST(Dates, ParsesRfc822UniversalZoneNames) {
  const auto expected = show(sys_days{2023y / 9 / 1} + 10h);
  for (const char* zone : {"UT", "UTC", "GMT", "Z", "gmt", "utc"}) {
    EXPECT_EQ(show(parse_rfc822_date(std::string("01 Sep 2023 10:00:00 ") + zone)), expected)
        << zone;
  }
}

TEST(Dates, ParsesRfc822NorthAmericanZones) {
  const sys_days day{2023y / 9 / 1};
  EXPECT_EQ(show(parse_rfc822_date("01 Sep 2023 10:00 EST")), show(day + 15h));
  EXPECT_EQ(show(parse_rfc822_date("01 Sep 2023 10:00 EDT")), show(day + 14h));
  EXPECT_EQ(show(parse_rfc822_date("01 Sep 2023 10:00 CST")), show(day + 16h));
  EXPECT_EQ(show(parse_rfc822_date("01 Sep 2023 10:00 CDT")), show(day + 15h));
  EXPECT_EQ(show(parse_rfc822_date("01 Sep 2023 10:00 MST")), show(day + 17h));
  EXPECT_EQ(show(parse_rfc822_date("01 Sep 2023 10:00 MDT")), show(day + 16h));
  EXPECT_EQ(show(parse_rfc822_date("01 Sep 2023 10:00 PST")), show(day + 18h));
  EXPECT_EQ(show(parse_rfc822_date("01 Sep 2023 10:00 PDT")), show(day + 17h));
}

TEST(Dates, ParsesRfc822FeedparserGenericZones) {
  const sys_days day{2004y / 1 / 26};
  EXPECT_EQ(show(parse_rfc822_date("Mon, 26 January 2004 16:31:00 AT")), show(day + 20h + 31min));
  EXPECT_EQ(show(parse_rfc822_date("Mon, 26 January 2004 16:31:00 ET")), show(day + 21h + 31min));
  EXPECT_EQ(show(parse_rfc822_date("Mon, 26 January 2004 16:31:00 CT")), show(day + 22h + 31min));
  EXPECT_EQ(show(parse_rfc822_date("Mon, 26 January 2004 16:31:00 MT")), show(day + 23h + 31min));
  EXPECT_EQ(show(parse_rfc822_date("Mon, 26 January 2004 16:31:00 PT")), show(day + 24h + 31min));
}

TEST(Dates, ParsesRfc822CentralEuropeanZones) {
  const sys_days day{2015y / 4 / 30};
  EXPECT_EQ(show(parse_rfc822_date("Thu, 30 Apr 2015 08:57:00 MET")), show(day + 7h + 57min));
  EXPECT_EQ(show(parse_rfc822_date("Thu, 30 Apr 2015 08:57:00 MEST")), show(day + 6h + 57min));
  EXPECT_EQ(show(parse_rfc822_date("Thu, 30 Apr 2015 08:57:00 CEST")), show(day + 6h + 57min));
}

TEST(Dates, ParsesRfc822MilitaryZonesWithRfc822Signs) {
  const sys_days day{2023y / 9 / 1};
  EXPECT_EQ(show(parse_rfc822_date("01 Sep 2023 10:00:00 A")), show(day + 11h));
  EXPECT_EQ(show(parse_rfc822_date("01 Sep 2023 10:00:00 I")), show(day + 19h));
  EXPECT_EQ(show(parse_rfc822_date("01 Sep 2023 10:00:00 K")), show(day + 20h));
  EXPECT_EQ(show(parse_rfc822_date("01 Sep 2023 10:00:00 M")), show(day + 22h));
  EXPECT_EQ(show(parse_rfc822_date("01 Sep 2023 10:00:00 N")), show(day + 9h));
  EXPECT_EQ(show(parse_rfc822_date("01 Sep 2023 10:00:00 Y")), show(day - 2h));
  EXPECT_EQ(show(parse_rfc822_date("01 Sep 2023 10:00:00 z")), show(day + 10h));
}

TEST(Dates, RejectsRfc822MilitaryZoneJ) {
  EXPECT_EQ(show(parse_rfc822_date("01 Sep 2023 10:00:00 J")), show(kNoDate));
}

TEST(Dates, ParsesRfc822OffsetWithColon) {
  EXPECT_EQ(show(parse_rfc822_date("Fri, 1 Sep 2023 10:00:00 -05:00")),
            show(sys_days{2023y / 9 / 1} + 15h));
}

TEST(Dates, ParsesRfc822OffsetWithHoursOnly) {
  EXPECT_EQ(show(parse_rfc822_date("Fri, 1 Sep 2023 10:00:00 +09")),
            show(sys_days{2023y / 9 / 1} + 1h));
}

TEST(Dates, ParsesRfc822OffsetWithMinutes) {
  EXPECT_EQ(show(parse_rfc822_date("Wed, 19 Feb 2012 22:40:00 -01:01")),
            show(sys_days{2012y / 2 / 19} + 23h + 41min));
}

TEST(Dates, ParsesRfc822GmtPrefixedOffsetWithSignAsWritten) {
  EXPECT_EQ(show(parse_rfc822_date("Wed, 19 Feb 2012 22:40:00 GMT-01:01")),
            show(sys_days{2012y / 2 / 19} + 23h + 41min));
  EXPECT_EQ(show(parse_rfc822_date("Fri, 1 Sep 2023 10:00:00 GMT+8")),
            show(sys_days{2023y / 9 / 1} + 2h));
  EXPECT_EQ(show(parse_rfc822_date("Fri, 1 Sep 2023 10:00:00 GMT+0000")),
            show(sys_days{2023y / 9 / 1} + 10h));
}

TEST(Dates, ParsesRfc822EtcGmtZone) {
  EXPECT_EQ(show(parse_rfc822_date("Wed, 19 Aug 2009 18:28:00 Etc/GMT")),
            show(sys_days{2009y / 8 / 19} + 18h + 28min));
}

TEST(Dates, ParsesRfc822WithoutSeconds) {
  EXPECT_EQ(show(parse_rfc822_date("Fri, 1 Sep 2023 10:00 GMT")),
            show(sys_days{2023y / 9 / 1} + 10h));
}

TEST(Dates, ParsesRfc822SingleDigitHour) {
  EXPECT_EQ(show(parse_rfc822_date("Fri, 1 Sep 2023 9:05:00 GMT")),
            show(sys_days{2023y / 9 / 1} + 9h + 5min));
}

TEST(Dates, ParsesRfc822WithoutCommaAfterWeekday) {
  EXPECT_EQ(show(parse_rfc822_date("Fri 1 Sep 2023 10:00:00 GMT")),
            show(sys_days{2023y / 9 / 1} + 10h));
}

TEST(Dates, ParsesRfc822WithoutSpaceAfterComma) {
  EXPECT_EQ(show(parse_rfc822_date("Fri,24 Nov 2023 18:28:36 -0000")),
            show(sys_days{2023y / 11 / 24} + 18h + 28min + 36s));
}

TEST(Dates, ParsesRfc822WithStrayCommaAfterMonth) {
  EXPECT_EQ(show(parse_rfc822_date("Mon, 13 Feb, 2012 06:28:00 UTC")),
            show(sys_days{2012y / 2 / 13} + 6h + 28min));
}

TEST(Dates, ParsesRfc822FullMonthAndWeekdayNames) {
  EXPECT_EQ(show(parse_rfc822_date("Friday, 1 September 2023 10:00:00 GMT")),
            show(sys_days{2023y / 9 / 1} + 10h));
}

TEST(Dates, ParsesRfc822NamesCaseInsensitively) {
  EXPECT_EQ(show(parse_rfc822_date("FRI, 1 SEP 2023 10:00:00 gmt")),
            show(sys_days{2023y / 9 / 1} + 10h));
  EXPECT_EQ(show(parse_rfc822_date("fri, 1 sEp 2023 10:00:00 edt")),
            show(sys_days{2023y / 9 / 1} + 14h));
}

TEST(Dates, ParsesRfc822WithoutZoneAsUtc) {
  EXPECT_EQ(show(parse_rfc822_date("Fri, 1 Sep 2023 10:00:00")),
            show(sys_days{2023y / 9 / 1} + 10h));
}

TEST(Dates, ParsesRfc822WithExtraWhitespace) {
  EXPECT_EQ(show(parse_rfc822_date("  Fri,   01\tSep  2023   10:00:00   GMT \n")),
            show(sys_days{2023y / 9 / 1} + 10h));
}

TEST(Dates, ParsesRfc822SingleDigitDayAfterDoubleSpace) {
  EXPECT_EQ(show(parse_rfc822_date("Thu,  5 Apr 2012 10:00:00 GMT")),
            show(sys_days{2012y / 4 / 5} + 10h));
}

TEST(Dates, IgnoresRfc822CommentAfterZone) {
  EXPECT_EQ(show(parse_rfc822_date("Fri, 1 Sep 2023 10:00:00 -0700 (PDT)")),
            show(sys_days{2023y / 9 / 1} + 17h));
}

TEST(Dates, UsesRfc822CommentAsZoneWhenNoZoneWritten) {
  EXPECT_EQ(show(parse_rfc822_date("Fri, 1 Sep 2023 10:00:00 (PDT)")),
            show(sys_days{2023y / 9 / 1} + 17h));
}

TEST(Dates, ParsesRfc822DateOnlyAsMidnightUtc) {
  EXPECT_EQ(show(parse_rfc822_date("04 Jan 2004")), show(sys_days{2004y / 1 / 4}));
  EXPECT_EQ(show(parse_rfc822_date("Thu, 01 Jan 2004")), show(sys_days{2004y / 1 / 1}));
}

TEST(Dates, ParsesRfc822MonthBeforeDay) {
  EXPECT_EQ(show(parse_rfc822_date("Thu Aug 30 2012 17:26:16 +0200")),
            show(sys_days{2012y / 8 / 30} + 15h + 26min + 16s));
}

TEST(Dates, ParsesJavascriptDateString) {
  EXPECT_EQ(show(parse_rfc822_date("Thu Aug 30 2012 17:26:16 GMT+0200 (CEST)")),
            show(sys_days{2012y / 8 / 30} + 15h + 26min + 16s));
}

TEST(Dates, ParsesRfc850HyphenatedDate) {
  EXPECT_EQ(show(parse_rfc822_date("Sunday, 06-Nov-94 08:49:37 GMT")),
            show(sys_days{1994y / 11 / 6} + 8h + 49min + 37s));
}

TEST(Dates, ParsesRfc822TwelveHourClock) {
  EXPECT_EQ(show(parse_rfc822_date("Fri, 1 Sep 2023 10:00 PM EST")),
            show(sys_days{2023y / 9 / 2} + 3h));
  EXPECT_EQ(show(parse_rfc822_date("Fri, 1 Sep 2023 12:30 AM GMT")),
            show(sys_days{2023y / 9 / 1} + 30min));
}

TEST(Dates, ClampsLeapSecondToFiftyNine) {
  EXPECT_EQ(show(parse_rfc822_date("Sat, 31 Dec 2016 23:59:60 GMT")),
            show(sys_days{2016y / 12 / 31} + 23h + 59min + 59s));
}

TEST(Dates, ParsesPerforceDate) {
  EXPECT_EQ(show(parse_rfc822_date("Fri, 2006/09/15 08:19:53 EDT")),
            show(sys_days{2006y / 9 / 15} + 12h + 19min + 53s));
}

TEST(Dates, ParsesGreekDate) {
  EXPECT_EQ(show(parse_rfc822_date("Κυρ, 11 Ιούλ 2004 12:00:00 EST")),
            show(sys_days{2004y / 7 / 11} + 17h));
}

TEST(Dates, RejectsRfc822HourOutOfRange) {
  EXPECT_EQ(show(parse_rfc822_date("Tue, 28 Feb 2023 25:00:00")), show(kNoDate));
}

TEST(Dates, RejectsRfc822MinuteOutOfRange) {
  EXPECT_EQ(show(parse_rfc822_date("Tue, 28 Feb 2023 10:60:00")), show(kNoDate));
}

TEST(Dates, RejectsRfc822SecondOutOfRange) {
  EXPECT_EQ(show(parse_rfc822_date("Tue, 28 Feb 2023 10:00:61")), show(kNoDate));
}

TEST(Dates, RejectsRfc822DayInvalidForMonth) {
  EXPECT_EQ(show(parse_rfc822_date("Mon, 31 Feb 2004 10:00:00 GMT")), show(kNoDate));
}

TEST(Dates, RejectsRfc822LeapDayInCommonYear) {
  EXPECT_EQ(show(parse_rfc822_date("Sat, 29 Feb 2003 10:00:00 GMT")), show(kNoDate));
}

TEST(Dates, RejectsRfc822DayOutOfRange) {
  EXPECT_EQ(show(parse_rfc822_date("Sun, 99 Jun 2009 12:00:00 GMT")), show(kNoDate));
}

TEST(Dates, RejectsRfc822YearZero) {
  EXPECT_EQ(show(parse_rfc822_date("Thu, 01 Jan 0000 00:00:00 GMT")), show(kNoDate));
}

TEST(Dates, RejectsRfc822UnknownMonth) {
  EXPECT_EQ(show(parse_rfc822_date("Sun, 16 zzz 2012 11:47:32 GMT")), show(kNoDate));
}

TEST(Dates, RejectsRfc822MissingDay) {
  EXPECT_EQ(show(parse_rfc822_date("Sun, Dec x 2012 11:47:32 GMT")), show(kNoDate));
}

TEST(Dates, RejectsRfc822NonNumericYear) {
  EXPECT_EQ(show(parse_rfc822_date("Sun, 16 Dec zz 11:47:32 GMT")), show(kNoDate));
}

TEST(Dates, RejectsRfc822UnknownZoneRatherThanAssumingUtc) {
  EXPECT_EQ(show(parse_rfc822_date("Fri, 1 Sep 2023 10:00:00 XYZ")), show(kNoDate));
}

TEST(Dates, RejectsRfc822MalformedOffset) {
  EXPECT_EQ(show(parse_rfc822_date("Sun, 16 Dec 2012 11:47:32 +zz:00")), show(kNoDate));
  EXPECT_EQ(show(parse_rfc822_date("Sun, 16 Dec 2012 11:47:32 +00:zz")), show(kNoDate));
  EXPECT_EQ(show(parse_rfc822_date("Sun, 16 Dec 2012 11:47:32 +900")), show(kNoDate));
}

TEST(Dates, RejectsRfc822OffsetOfADayOrMore) {
  EXPECT_EQ(show(parse_rfc822_date("Sun, 31 Dec 2012 23:59:59 -9999")), show(kNoDate));
}

TEST(Dates, RejectsRfc822ExtraTimeField) {
  EXPECT_EQ(show(parse_rfc822_date("Sun, 16 Dec 2012 1:2:3:4 GMT")), show(kNoDate));
  EXPECT_EQ(show(parse_rfc822_date("Sun, 16 Dec 2012 10:20:30:40 GMT")), show(kNoDate));
}

TEST(Dates, RejectsRfc822TrailingGarbage) {
  EXPECT_EQ(show(parse_rfc822_date("Fri, 1 Sep 2023 10:00:00 GMT tomorrow")), show(kNoDate));
}

TEST(Dates, RejectsRfc822ResultBeyondYear9999) {
  EXPECT_EQ(show(parse_rfc822_date("Fri, 31 Dec 9999 23:59:59 -0100")), show(kNoDate));
}

TEST(Dates, Rfc822ParserRejectsIso8601Text) {
  EXPECT_EQ(show(parse_rfc822_date("2003-12-31T10:14:55Z")), show(kNoDate));
}

// --- ISO 8601 / RFC 3339 / W3DTF ---------------------------------------------------------

TEST(Dates, ParsesRfc3339WithFractionAndOffset) {
  EXPECT_EQ(show(parse_iso8601_date("2023-09-01T10:00:00.000+09:00")),
            show(sys_days{2023y / 9 / 1} + 1h));
}

TEST(Dates, ParsesRfc3339Utc) {
  EXPECT_EQ(show(parse_iso8601_date("2003-12-31T10:14:55Z")),
            show(sys_days{2003y / 12 / 31} + 10h + 14min + 55s));
}

TEST(Dates, DropsIso8601FractionalSecondsOfAnyLength) {
  const auto expected = show(sys_days{2003y / 12 / 31} + 10h + 14min + 55s);
  EXPECT_EQ(show(parse_iso8601_date("2003-12-31T10:14:55.1Z")), expected);
  EXPECT_EQ(show(parse_iso8601_date("2003-12-31T10:14:55.999999999999Z")), expected);
  EXPECT_EQ(show(parse_iso8601_date("2003-12-31T10:14:55,5Z")), expected);
}

TEST(Dates, ParsesIso8601WithoutZoneAsUtc) {
  EXPECT_EQ(show(parse_iso8601_date("2003-12-31T10:14:55")),
            show(sys_days{2003y / 12 / 31} + 10h + 14min + 55s));
}

TEST(Dates, ParsesIso8601BasicFormat) {
  EXPECT_EQ(show(parse_iso8601_date("20030928T151200Z")),
            show(sys_days{2003y / 9 / 28} + 15h + 12min));
}

TEST(Dates, ParsesIso8601BasicDateOnly) {
  EXPECT_EQ(show(parse_iso8601_date("20040105")), show(sys_days{2004y / 1 / 5}));
}

TEST(Dates, ParsesIso8601DateOnlyAsMidnightUtc) {
  EXPECT_EQ(show(parse_iso8601_date("2003-12-31")), show(sys_days{2003y / 12 / 31}));
}

TEST(Dates, ParsesIso8601YearMonth) {
  EXPECT_EQ(show(parse_iso8601_date("2003-12")), show(sys_days{2003y / 12 / 1}));
}

TEST(Dates, ParsesIso8601YearOnly) {
  EXPECT_EQ(show(parse_iso8601_date("2003")), show(sys_days{2003y / 1 / 1}));
}

TEST(Dates, ParsesIso8601WithSpaceInsteadOfT) {
  EXPECT_EQ(show(parse_iso8601_date("2004-07-08 23:56:58")),
            show(sys_days{2004y / 7 / 8} + 23h + 56min + 58s));
}

TEST(Dates, ParsesIso8601WithSpaceBeforeZone) {
  EXPECT_EQ(show(parse_iso8601_date("2004-07-08 23:56:58 -00:20")),
            show(sys_days{2004y / 7 / 9} + 16min + 58s));
}

TEST(Dates, ParsesIso8601WithoutSeconds) {
  EXPECT_EQ(show(parse_iso8601_date("2003-12-31T10:14Z")),
            show(sys_days{2003y / 12 / 31} + 10h + 14min));
}

TEST(Dates, ParsesIso8601LowercaseSeparatorAndZone) {
  EXPECT_EQ(show(parse_iso8601_date("2003-12-31t10:14:55z")),
            show(sys_days{2003y / 12 / 31} + 10h + 14min + 55s));
}

TEST(Dates, ParsesIso8601OffsetForms) {
  const auto expected = show(sys_days{2003y / 12 / 31} + 1h + 14min + 55s);
  EXPECT_EQ(show(parse_iso8601_date("2003-12-31T10:14:55+09:00")), expected);
  EXPECT_EQ(show(parse_iso8601_date("2003-12-31T10:14:55+0900")), expected);
  EXPECT_EQ(show(parse_iso8601_date("2003-12-31T10:14:55+09")), expected);
}

TEST(Dates, ParsesIso8601NegativeOffset) {
  EXPECT_EQ(show(parse_iso8601_date("2003-12-31T10:14:55-08:00")),
            show(sys_days{2003y / 12 / 31} + 18h + 14min + 55s));
}

TEST(Dates, AppliesIso8601OffsetAcrossLeapDay) {
  EXPECT_EQ(show(parse_iso8601_date("2004-02-28T18:14:55-08:00")),
            show(sys_days{2004y / 2 / 29} + 2h + 14min + 55s));
  EXPECT_EQ(show(parse_iso8601_date("2003-02-28T18:14:55-08:00")),
            show(sys_days{2003y / 3 / 1} + 2h + 14min + 55s));
}

TEST(Dates, ParsesIso8601OrdinalDate) {
  EXPECT_EQ(show(parse_iso8601_date("2004-366")), show(sys_days{2004y / 12 / 31}));
  EXPECT_EQ(show(parse_iso8601_date("2003-366")), show(kNoDate));
}

TEST(Dates, ParsesIso8601WeekDate) {
  EXPECT_EQ(show(parse_iso8601_date("2004-W01-1")), show(sys_days{2003y / 12 / 29}));
  EXPECT_EQ(show(parse_iso8601_date("2004W537")), show(sys_days{2005y / 1 / 2}));
  EXPECT_EQ(show(parse_iso8601_date("2003-W53-1")), show(kNoDate));
}

TEST(Dates, ParsesIso8601TwoDigitYearForms) {
  EXPECT_EQ(show(parse_iso8601_date("031231")), show(sys_days{2003y / 12 / 31}));
  EXPECT_EQ(show(parse_iso8601_date("03-12-31")), show(sys_days{2003y / 12 / 31}));
  EXPECT_EQ(show(parse_iso8601_date("-0312")), show(sys_days{2003y / 12 / 1}));
  EXPECT_EQ(show(parse_iso8601_date("-03-12")), show(sys_days{2003y / 12 / 1}));
  EXPECT_EQ(show(parse_iso8601_date("03335")), show(sys_days{2003y / 12 / 1}));
}

TEST(Dates, ParsesIso8601ZeroPaddedThreeDigitMonth) {
  EXPECT_EQ(show(parse_iso8601_date("2003-012-31T10:14:55+00:00")),
            show(sys_days{2003y / 12 / 31} + 10h + 14min + 55s));
}

TEST(Dates, ParsesIso8601EndOfDayAsNextMidnight) {
  EXPECT_EQ(show(parse_iso8601_date("2003-12-31T24:00:00Z")), show(sys_days{2004y / 1 / 1}));
}

TEST(Dates, ParsesHungarianMonthName) {
  EXPECT_EQ(show(parse_iso8601_date("2004-július-13T9:15-05:00")),
            show(sys_days{2004y / 7 / 13} + 14h + 15min));
}

TEST(Dates, ParsesKoreanNateDateInKoreaTime) {
  EXPECT_EQ(show(parse_iso8601_date("2004-05-25 오후 11:23:17")),
            show(sys_days{2004y / 5 / 25} + 14h + 23min + 17s));
}

TEST(Dates, RejectsIso8601InvalidMonthAndDay) {
  EXPECT_EQ(show(parse_iso8601_date("2004-13-45")), show(kNoDate));
}

TEST(Dates, RejectsIso8601DayInvalidForMonth) {
  EXPECT_EQ(show(parse_iso8601_date("2003-02-29")), show(kNoDate));
}

TEST(Dates, RejectsIso8601YearZero) {
  EXPECT_EQ(show(parse_iso8601_date("0000-01-01")), show(kNoDate));
}

TEST(Dates, RejectsIso8601TimeFieldsOutOfRange) {
  EXPECT_EQ(show(parse_iso8601_date("2003-12-31T25:14:55Z")), show(kNoDate));
  EXPECT_EQ(show(parse_iso8601_date("2003-12-31T10:61:55Z")), show(kNoDate));
  EXPECT_EQ(show(parse_iso8601_date("2003-12-31T10:14:61Z")), show(kNoDate));
}

TEST(Dates, RejectsIso8601OffsetOutOfRange) {
  EXPECT_EQ(show(parse_iso8601_date("9999-12-31T23:59:59-99:99")), show(kNoDate));
}

TEST(Dates, RejectsIso8601TrailingGarbage) {
  EXPECT_EQ(show(parse_iso8601_date("2013-01-28T11:30:00-06:00Textra")), show(kNoDate));
  EXPECT_EQ(show(parse_iso8601_date("2013-01-27-01")), show(kNoDate));
}

TEST(Dates, RejectsIso8601NonNumericFields) {
  EXPECT_EQ(show(parse_iso8601_date("2013-xx-27")), show(kNoDate));
  EXPECT_EQ(show(parse_iso8601_date("2013-01-28T09:xx:00Z")), show(kNoDate));
  EXPECT_EQ(show(parse_iso8601_date("2013-01-28T09:00:00+00:xx")), show(kNoDate));
}

TEST(Dates, RejectsIso8601ThreeDigitYear) {
  EXPECT_EQ(show(parse_iso8601_date("013")), show(kNoDate));
}

TEST(Dates, RejectsIso8601TimeOnReducedDate) {
  EXPECT_EQ(show(parse_iso8601_date("2003-12T10:00:00Z")), show(kNoDate));
}

TEST(Dates, RejectsIso8601ResultOutsideYearRange) {
  EXPECT_EQ(show(parse_iso8601_date("9999-12-31T23:59:59-01:00")), show(kNoDate));
  EXPECT_EQ(show(parse_iso8601_date("0001-01-01T00:00:00+01:00")), show(kNoDate));
}

TEST(Dates, Iso8601ParserRejectsRfc822Text) {
  EXPECT_EQ(show(parse_iso8601_date("Thu, 01 Jan 2004 19:48:21 GMT")), show(kNoDate));
}

// --- parse_date: dispatch and the remaining grammars ---------------------------------------

TEST(Dates, ParseDateAcceptsRfc822) {
  EXPECT_EQ(show(parse_date("Fri, 1 Sep 2023 10:00:00 EDT")), show(sys_days{2023y / 9 / 1} + 14h));
}

TEST(Dates, ParseDateAcceptsIso8601) {
  EXPECT_EQ(show(parse_date("2023-09-01T10:00:00.000+09:00")), show(sys_days{2023y / 9 / 1} + 1h));
}

TEST(Dates, ParseDateAcceptsRfc822StartingWithDigit) {
  EXPECT_EQ(show(parse_date("04 Jan 2004")), show(sys_days{2004y / 1 / 4}));
}

TEST(Dates, ParsesAsctimeAsUtc) {
  EXPECT_EQ(show(parse_date("Sun Jan  4 16:29:06 2004")),
            show(sys_days{2004y / 1 / 4} + 16h + 29min + 6s));
}

TEST(Dates, ParsesAsctimeWithNumericZone) {
  EXPECT_EQ(show(parse_date("Sun Jul 15 01:16:00 +0000 2012")),
            show(sys_days{2012y / 7 / 15} + 1h + 16min));
}

TEST(Dates, ParsesAsctimeWithNamedZone) {
  EXPECT_EQ(show(parse_date("Sun Jan 4 16:29:06 PST 2004")),
            show(sys_days{2004y / 1 / 5} + 29min + 6s));
}

TEST(Dates, ParsesKoreanOnblogDateInKoreaTime) {
  EXPECT_EQ(show(parse_date("2004년 05월 28일  01:31:15")),
            show(sys_days{2004y / 5 / 27} + 16h + 31min + 15s));
}

TEST(Dates, ParseDateRejectsEmpty) {
  EXPECT_EQ(show(parse_date("")), show(kNoDate));
  EXPECT_EQ(show(parse_date(" \t\n")), show(kNoDate));
}

TEST(Dates, ParseDateRejectsText) {
  EXPECT_EQ(show(parse_date("not a date")), show(kNoDate));
  EXPECT_EQ(show(parse_date("yesterday")), show(kNoDate));
}

TEST(Dates, ParseDateRejectsInvalidCalendarDate) {
  EXPECT_EQ(show(parse_date("2004-13-45")), show(kNoDate));
  EXPECT_EQ(show(parse_date("Mon, 31 Feb 2004 10:00:00 GMT")), show(kNoDate));
}

TEST(Dates, ParseDateRejectsYearZero) {
  EXPECT_EQ(show(parse_date("0000-06-01T00:00:00Z")), show(kNoDate));
  EXPECT_EQ(show(parse_date("01 Jun 0000 00:00:00 GMT")), show(kNoDate));
}

TEST(Dates, ParseDateRejectsBareNumbers) {
  EXPECT_EQ(show(parse_date("013")), show(kNoDate));
  EXPECT_EQ(show(parse_date("123456789")), show(kNoDate));
}

}  // namespace
}  // namespace feedsentry::feed
