#include "story/normalize.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace feedsentry::story {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

TEST(PublisherSuffix, StripsWireAndSiteNames) {
  EXPECT_EQ(strip_publisher_suffix("North Korea fires missile - Reuters"),
            "North Korea fires missile");
  EXPECT_EQ(strip_publisher_suffix("North Korea fires missile | CNN"), "North Korea fires missile");
  EXPECT_EQ(strip_publisher_suffix("Senate Passes Bill Banning TikTok     - CNET"),
            "Senate Passes Bill Banning TikTok");
  EXPECT_EQ(strip_publisher_suffix("N. Korea Sends Russia Shells – Seoul"),
            "N. Korea Sends Russia Shells");
  EXPECT_EQ(strip_publisher_suffix("Missile test - World - BBC News"), "Missile test");
}

TEST(PublisherSuffix, KeepsLowerCaseOrLongTails) {
  EXPECT_EQ(strip_publisher_suffix("Defectors 'vanish' - rights group"),
            "Defectors 'vanish' - rights group");
  EXPECT_EQ(strip_publisher_suffix("Ukraine - What We Know About The Attack So Far Today"),
            "Ukraine - What We Know About The Attack So Far Today");
  EXPECT_EQ(strip_publisher_suffix("No separator here"), "No separator here");
}

TEST(StoryTokens, FoldsCaseAccentsAndPossessives) {
  EXPECT_THAT(story_tokens("KOREA's Zürich").words, ElementsAre("korea", "zuric"));
  EXPECT_THAT(story_tokens("Россия ЗАПУСТИЛА").words, ElementsAre("росси", "запус"));
  EXPECT_THAT(story_tokens("Straße").words, ElementsAre("stras"));
}

TEST(StoryTokens, StemsInflectionsToOneToken) {
  EXPECT_EQ(story_tokens("missiles").words, story_tokens("Missile").words);
  EXPECT_EQ(story_tokens("North Korean").words, story_tokens("north korea").words);
  EXPECT_EQ(story_tokens("fires").words, story_tokens("launched").words);
  EXPECT_EQ(story_tokens("test-fires").words, story_tokens("launch").words);
}

TEST(StoryTokens, NumberWordsBecomeDigits) {
  EXPECT_THAT(story_tokens("three missiles").words, ElementsAre("3", "missi"));
  EXPECT_THAT(story_tokens("10,000 troops at 5.3235").words,
              ElementsAre("10,000", "troop", "5.3235"));
}

TEST(StoryTokens, DropsStopWordsAndJoinsAcronyms) {
  EXPECT_THAT(story_tokens("The U.S. and the U.N. say it is over").words, ElementsAre("us", "un"));
  EXPECT_THAT(story_tokens("- , ; !").words, IsEmpty());
}

TEST(StoryTokens, RecognisesCalendarDates) {
  EXPECT_THAT(story_tokens("Kurs funta 02.10.2023").dates, ElementsAre("02.10.2023"));
  EXPECT_THAT(story_tokens("on 2023-10-02 at 10:30").dates, ElementsAre("2023-10-02"));
  EXPECT_THAT(story_tokens("10,000 troops").dates, IsEmpty());
}

TEST(StoryTokens, SurvivesInvalidUtf8) {
  EXPECT_THAT(story_tokens("bad \xff\xfe words").words, ElementsAre("bad", "word"));
}

}  // namespace
}  // namespace feedsentry::story
