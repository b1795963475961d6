#include "store/secondary_key.h"

#include <gtest/gtest.h>

namespace feedsentry::store {
namespace {

const std::string kLink = "https://news.example/2023/09/01/sanctions";

TEST(SecondaryKey, SameLinkAndTitleGiveTheSameKey) {
  EXPECT_EQ(secondary_key(kLink, "Sanctions imposed"), secondary_key(kLink, "Sanctions imposed"));
  EXPECT_FALSE(secondary_key(kLink, "Sanctions imposed").empty());
}

TEST(SecondaryKey, TitleCaseAndWhitespaceDoNotMatter) {
  EXPECT_EQ(secondary_key(kLink, "  US Imposes\tSanctions\n\non  DPRK "),
            secondary_key(kLink, "us imposes sanctions on dprk"));
}

TEST(SecondaryKey, DifferentTitleOrLinkGiveDifferentKeys) {
  EXPECT_NE(secondary_key(kLink, "Sanctions imposed"), secondary_key(kLink, "Launch reported"));
  EXPECT_NE(secondary_key(kLink, "Sanctions imposed"),
            secondary_key(kLink + "?page=2", "Sanctions imposed"));
}

TEST(SecondaryKey, PartsCannotBleedIntoEachOther) {
  EXPECT_NE(secondary_key("https://a.example/x", "y z"),
            secondary_key("https://a.example/x y", "z"));
}

TEST(SecondaryKey, NoKeyWithoutBothLinkAndTitle) {
  EXPECT_EQ(secondary_key("", ""), "");
  EXPECT_EQ(secondary_key("", "Live updates"), "") << "a title alone collides too easily";
  EXPECT_EQ(secondary_key(kLink, ""), "") << "a link alone merges home-page-linked items";
  EXPECT_EQ(secondary_key(kLink, " \t\n "), "");
}

TEST(SecondaryKey, NonAsciiTitlesAreKeptByteForByte) {
  EXPECT_EQ(normalize_title_for_key("  КНДР   Запустила  "), "КНДР Запустила");
  EXPECT_NE(secondary_key(kLink, "КНДР"), secondary_key(kLink, "кндр"));
}

TEST(SecondaryKey, KeyFormatIsVersionedHex) {
  const std::string key = secondary_key(kLink, "Sanctions imposed");
  EXPECT_EQ(key.rfind("s1:", 0), 0u);
  EXPECT_EQ(key.size(), 3u + 16u);
}

}  // namespace
}  // namespace feedsentry::store
