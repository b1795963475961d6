#include "core/utf8.h"

#include <gtest/gtest.h>

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
