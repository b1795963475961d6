#include "core/utf8.h"

#include <gtest/gtest.h>

#include <random>
#include <string_view>

#include "core/text.h"
#include "core/time_format.h"

namespace feedsentry::core {

TEST(Utf8, ReplacesInvalidBytes) {
  EXPECT_EQ(sanitize_utf8("a\xff"
                          "b"),
            "a\xEF\xBF\xBD"
            "b");
  EXPECT_EQ(sanitize_utf8("\xC3"), "\xEF\xBF\xBD");  // truncated sequence
  EXPECT_EQ(sanitize_utf8("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // surrogate
}

TEST(Utf8, KeepsValidText) {
  EXPECT_TRUE(is_valid_utf8("Пхеньян 북한 ✓"));
  EXPECT_EQ(sanitize_utf8("Пхеньян"), "Пхеньян");
}

// The definition find_invalid_utf8 must agree with: the first byte where next_code_point
// gives up.
std::size_t first_invalid_byte_wise(std::string_view text) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t start = pos;
    if (next_code_point(text, pos) == kReplacementChar && pos == start + 1) return start;
  }
  return std::string_view::npos;
}

TEST(Utf8, FindsFirstInvalidByteOfEveryKind) {
  EXPECT_EQ(find_invalid_utf8("plain ascii text that is long enough for chunks"),
            std::string_view::npos);
  EXPECT_EQ(find_invalid_utf8("Пхеньян 북한 ✓ 😀 हिन्दी"), std::string_view::npos);
  EXPECT_EQ(find_invalid_utf8("0123456789abcdef\xC0\x80"), 16u);          // overlong
  EXPECT_EQ(find_invalid_utf8("0123456789abcd\xE0\x80\x80"), 14u);        // overlong
  EXPECT_EQ(find_invalid_utf8("0123456789abc\xED\xA0\x80 ok"), 13u);      // surrogate
  EXPECT_EQ(find_invalid_utf8("0123456789abcdef\xF4\x90\x80\x80"), 16u);  // > U+10FFFF
  EXPECT_EQ(find_invalid_utf8("Привет, мир! Привет\x80"), 34u);           // stray continuation
  EXPECT_EQ(find_invalid_utf8("Привет, мир! При\xD0"), 28u);              // cut short at the end
  EXPECT_EQ(find_invalid_utf8("ab\xFF", 1), 2u);
}

// Random mixes of every sequence length, valid or broken, at every alignment against the
// 16-byte chunks of the fast path.
TEST(Utf8, FindInvalidAgreesWithByteWiseDecodingOnRandomText) {
  const std::string_view pieces[] = {"a",
                                     " ",
                                     "<p>",
                                     "\xD0\x9F",
                                     "\xC2\xA0",
                                     "\xE2\x80\x99",
                                     "\xEB\xB6\x81",
                                     "\xE0\xA4\xB9",
                                     "\xED\x9F\xBF",
                                     "\xEF\xBF\xBD",
                                     "\xF0\x9F\x98\x80",
                                     "\xF4\x8F\xBF\xBF",
                                     "\x80",
                                     "\xBF",
                                     "\xC0\xAF",
                                     "\xC1",
                                     "\xE0\x9F\x80",
                                     "\xED\xA0\x80",
                                     "\xF4\x90\x80\x80",
                                     "\xF5",
                                     "\xFF",
                                     "\xD0",
                                     "\xE2\x80",
                                     "\xF0\x9F\x98"};
  std::mt19937 random(20261129);
  std::uniform_int_distribution<std::size_t> pick(0, std::size(pieces) - 1);
  std::uniform_int_distribution<int> length(0, 60);
  std::uniform_int_distribution<int> broken_odds(0, 9);
  for (int round = 0; round < 20000; ++round) {
    std::string text;
    const bool allow_broken = broken_odds(random) == 0;
    for (int i = length(random); i > 0; --i) {
      std::string_view piece = pieces[pick(random)];
      while (!allow_broken && !is_valid_utf8(piece)) piece = pieces[pick(random)];
      text += piece;
    }
    ASSERT_EQ(find_invalid_utf8(text), first_invalid_byte_wise(text)) << round;
    ASSERT_TRUE(is_valid_utf8(sanitize_utf8(text))) << round;
  }
}

TEST(Utf8, FindInvalidOrControlStopsAtTheFirstOfEither) {
  std::mt19937 random(29112026);
  const std::string_view pieces[] = {"abc",  " ",        "\t",           "\n",
                                     "\r",   "\x01",     "\x1F",         std::string_view("\0", 1),
                                     "\x0B", "\xD0\x9F", "\xE2\x80\x99", "\xF0\x9F\x98\x80",
                                     "\xFF", "\xC0\xAF"};
  std::uniform_int_distribution<std::size_t> pick(0, std::size(pieces) - 1);
  std::uniform_int_distribution<int> length(0, 50);
  for (int round = 0; round < 20000; ++round) {
    std::string text;
    for (int i = length(random); i > 0; --i) text += pieces[pick(random)];
    std::size_t expected = first_invalid_byte_wise(text);
    for (std::size_t i = 0; i < std::min(expected, text.size()); ++i) {
      const auto byte = static_cast<unsigned char>(text[i]);
      if (byte < 0x20 && byte != '\t' && byte != '\n' && byte != '\r') {
        expected = i;
        break;
      }
    }
    ASSERT_EQ(find_invalid_utf8_or_control(text), expected) << round;
  }
}

TEST(Utf8, TruncatesOnCharacterBoundary) {
  EXPECT_EQ(truncate_utf8("Пх", 3), "П");
  EXPECT_EQ(truncate_utf8("abc", 10), "abc");
}

TEST(Utf8, EncodesCodePoints) {
  std::string out;
  append_utf8(out, 0x1F600);
  append_utf8(out, 0xD800);
  EXPECT_EQ(out, "\xF0\x9F\x98\x80\xEF\xBF\xBD");
}

TEST(Text, StableHashIsStable) {
  EXPECT_EQ(to_hex(stable_hash("feedsentry")), to_hex(stable_hash("feedsentry")));
  EXPECT_NE(stable_hash("a"), stable_hash("b"));
  EXPECT_EQ(to_hex(stable_hash("")), "cbf29ce484222325");
}

TEST(TimeFormat, FormatsUtc) {
  using namespace std::chrono;
  EXPECT_EQ(format_rfc3339(sys_days{2023y / 9 / 1} + 14h + 5min + 7s), "2023-09-01T14:05:07Z");
}

}  // namespace feedsentry::core
