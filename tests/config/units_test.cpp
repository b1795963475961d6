// Durations and sizes as written in the config file.
#include "config/units.h"

#include <gtest/gtest.h>

namespace feedsentry::config {
namespace {

using std::chrono::days;
using std::chrono::hours;
using std::chrono::milliseconds;
using std::chrono::minutes;
using std::chrono::seconds;

TEST(ParseDuration, AcceptsEachUnit) {
  EXPECT_EQ(parse_duration("500ms"), milliseconds(500));
  EXPECT_EQ(parse_duration("90s"), seconds(90));
  EXPECT_EQ(parse_duration("5m"), minutes(5));
  EXPECT_EQ(parse_duration("1h"), hours(1));
  EXPECT_EQ(parse_duration("2d"), days(2));
}

TEST(ParseDuration, AcceptsCombinationsFromTheLargestUnitDown) {
  EXPECT_EQ(parse_duration("1h30m"), minutes(90));
  EXPECT_EQ(parse_duration("2d12h"), hours(60));
  EXPECT_EQ(parse_duration("1m30s250ms"), milliseconds(90'250));
  EXPECT_EQ(parse_duration("1d1h1m1s1ms"),
            days(1) + hours(1) + minutes(1) + seconds(1) + milliseconds(1));
}

TEST(ParseDuration, ZeroAndSurroundingSpaces) {
  EXPECT_EQ(parse_duration("0"), milliseconds(0));
  EXPECT_EQ(parse_duration("0s"), milliseconds(0));
  EXPECT_EQ(parse_duration("  5m "), minutes(5));
}

TEST(ParseDuration, RejectsWhatIsNotADuration) {
  for (const char* text : {"", "5", "m", "5x", "5 m", "5M", "1.5h", "-5m", "+5m", "5m1h", "5m5m",
                           "1ms1s", "5mm", "h1", "1h 30m", "ms"}) {
    EXPECT_EQ(parse_duration(text), std::nullopt) << text;
  }
}

TEST(ParseDuration, RejectsOverflow) {
  EXPECT_EQ(parse_duration("99999999999999999999s"), std::nullopt);
  EXPECT_EQ(parse_duration("9223372036854775807d"), std::nullopt);
  EXPECT_EQ(parse_duration("9223372036854775807ms"), milliseconds(9223372036854775807LL));
}

TEST(ParseSize, PlainBytes) {
  EXPECT_EQ(parse_size("0"), 0u);
  EXPECT_EQ(parse_size("1024"), 1024u);
  EXPECT_EQ(parse_size("8B"), 8u);
}

TEST(ParseSize, BinaryUnits) {
  EXPECT_EQ(parse_size("512KiB"), 512u * 1024);
  EXPECT_EQ(parse_size("16MiB"), 16u * 1024 * 1024);
  EXPECT_EQ(parse_size("1GiB"), 1ULL << 30);
  EXPECT_EQ(parse_size("2TiB"), 2ULL << 40);
}

TEST(ParseSize, DecimalUnits) {
  EXPECT_EQ(parse_size("1kB"), 1000u);
  EXPECT_EQ(parse_size("10MB"), 10'000'000u);
  EXPECT_EQ(parse_size("1GB"), 1'000'000'000u);
  EXPECT_EQ(parse_size("3TB"), 3'000'000'000'000u);
}

TEST(ParseSize, UnitsAreCaseInsensitiveAndMayFollowASpace) {
  EXPECT_EQ(parse_size("16mib"), 16u * 1024 * 1024);
  EXPECT_EQ(parse_size("16 MiB"), 16u * 1024 * 1024);
  EXPECT_EQ(parse_size("1gb"), 1'000'000'000u);
}

TEST(ParseSize, RejectsWhatIsNotASize) {
  for (const char* text :
       {"", "MiB", "16M", "16k", "1.5MiB", "-1", "16 MiB extra", "16MiBs", "0x10"}) {
    EXPECT_EQ(parse_size(text), std::nullopt) << text;
  }
}

TEST(ParseSize, RejectsOverflow) {
  EXPECT_EQ(parse_size("18446744073709551615"), 18446744073709551615ULL);
  EXPECT_EQ(parse_size("18446744073709551616"), std::nullopt);
  EXPECT_EQ(parse_size("20000000TiB"), std::nullopt);
}

TEST(FormatDuration, ShortestCombination) {
  EXPECT_EQ(format_duration(minutes(90)), "1h30m");
  EXPECT_EQ(format_duration(milliseconds(500)), "500ms");
  EXPECT_EQ(format_duration(days(90)), "90d");
  EXPECT_EQ(format_duration(milliseconds(0)), "0s");
  EXPECT_EQ(format_duration(seconds(61) + milliseconds(5)), "1m1s5ms");
}

TEST(FormatSize, LargestWholeBinaryUnit) {
  EXPECT_EQ(format_size(16u * 1024 * 1024), "16MiB");
  EXPECT_EQ(format_size(1536), "1536");
  EXPECT_EQ(format_size(2048), "2KiB");
  EXPECT_EQ(format_size(0), "0");
  EXPECT_EQ(format_size(1000), "1000");
}

TEST(FormatDuration, RoundTripsThroughParse) {
  for (const char* text : {"1h30m", "500ms", "2d12h", "6h", "1m1s5ms"}) {
    EXPECT_EQ(format_duration(*parse_duration(text)), text);
  }
}

}  // namespace
}  // namespace feedsentry::config
