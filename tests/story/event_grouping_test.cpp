// Stories by event, on labeled cases written for each class the issue names
// (tests/data/story/events.jsonl): same-day packages by different authorities, two
// designations by one authority on consecutive days, launches of different classes hours
// apart, the same salvo reported twice, a two-day chain of look-alikes, copies in English,
// Russian and Korean, a satellite notice before the launch, a Soyuz launch beside a North
// Korean notice, and a lunar lift-off reported with and without the mission's name.
#include <gtest/gtest.h>

#include <map>

#include "story/story_grouper.h"
#include "story_test_support.h"

namespace feedsentry::story {
namespace {

constexpr const char* kCases = FEEDSENTRY_SOURCE_DIR "/tests/data/story/events.jsonl";

struct Grouped {
  std::map<std::string, std::string> story_of;  // item id -> story id
  std::map<std::string, StoryDecision> decision_of;
  std::map<std::string, std::string> group_of;
};

Grouped group_cases() {
  Grouped grouped;
  StoryGrouper grouper;
  for (const testing::LabeledItem& labeled : testing::load_labeled(kCases)) {
    const StoryGrouper::Assignment assigned = grouper.assign(labeled.item);
    grouped.story_of[labeled.item.id] = assigned.story_id;
    grouped.decision_of[labeled.item.id] = assigned.decision;
    grouped.group_of[labeled.item.id] = labeled.group;
  }
  return grouped;
}

TEST(EventGrouping, EveryDistinctEventStaysApartAndEveryCopyFolds) {
  const Grouped grouped = group_cases();
  ASSERT_GE(grouped.story_of.size(), 20u);
  for (const auto& [a, group_a] : grouped.group_of) {
    for (const auto& [b, group_b] : grouped.group_of) {
      if (a >= b) continue;
      const bool same_story = grouped.story_of.at(a) == grouped.story_of.at(b);
      if (group_a == group_b) {
        EXPECT_TRUE(same_story) << a << " and " << b << " report one event (" << group_a
                                << "): " << grouped.decision_of.at(b).describe();
      } else {
        EXPECT_FALSE(same_story) << a << " (" << group_a << ") and " << b << " (" << group_b
                                 << ") are distinct events";
      }
    }
  }
}

TEST(EventGrouping, SameDayPackagesByDifferentAuthoritiesStayApart) {
  const Grouped grouped = group_cases();
  EXPECT_NE(grouped.story_of.at("uk-pkg-1"), grouped.story_of.at("us-pkg-1"));
  const StoryDecision& us_copy = grouped.decision_of.at("us-pkg-2");
  EXPECT_EQ(us_copy.kind, StoryDecision::Kind::kCopy);
  EXPECT_EQ(us_copy.reason, CopyReason::kEvent);
}

TEST(EventGrouping, ALaunchOfAnotherClassHoursLaterIsRelatedNotFolded) {
  const Grouped grouped = group_cases();
  const StoryDecision& ballistic = grouped.decision_of.at("ballistic-1");
  EXPECT_EQ(ballistic.kind, StoryDecision::Kind::kRelated);
  EXPECT_EQ(ballistic.story_id, "cruise-1");
  ASSERT_FALSE(ballistic.conflicts.empty());
  EXPECT_EQ(ballistic.conflicts.front(), "class ballistic vs cruise");
  const std::string described = ballistic.describe();
  EXPECT_EQ(described.rfind("new story, related to story cruise-1 (similarity ", 0), 0u)
      << described;
  EXPECT_NE(described.find("; kept apart: class ballistic vs cruise)"), std::string::npos)
      << described;
}

TEST(EventGrouping, AChainOfLookAlikesDoesNotBridgeTwoEvents) {
  const Grouped grouped = group_cases();
  EXPECT_NE(grouped.story_of.at("srbm-2d"), grouped.story_of.at("sub-cruise-1"));
  EXPECT_NE(grouped.story_of.at("srbm-2d"), grouped.story_of.at("sub-chain-3"));
}

TEST(EventGrouping, CopiesInThreeLanguagesFoldByEvent) {
  const Grouped grouped = group_cases();
  for (const char* id : {"icbm-ru", "icbm-ko"}) {
    const StoryDecision& decision = grouped.decision_of.at(id);
    EXPECT_EQ(decision.kind, StoryDecision::Kind::kCopy) << id;
    EXPECT_EQ(decision.story_id, "icbm-en") << id;
    EXPECT_EQ(decision.describe().rfind("copy of story icbm-en (event: actor+class", 0), 0u)
        << decision.describe();
  }
}

TEST(EventGrouping, ANoticeThenTheFailedLaunchAreTwoStories) {
  const Grouped grouped = group_cases();
  EXPECT_NE(grouped.story_of.at("sat-fail-1"), grouped.story_of.at("notice-1"));
  EXPECT_EQ(grouped.story_of.at("sat-fail-2"), grouped.story_of.at("sat-fail-1"));
  EXPECT_NE(grouped.story_of.at("soyuz-1"), grouped.story_of.at("notice-1"));
}

}  // namespace
}  // namespace feedsentry::story
