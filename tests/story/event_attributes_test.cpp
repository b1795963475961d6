// Event attributes: the day a report names, package numbers and counts from the text, and
// who/what/how from the shipped rules' attributes: section, in the five rule languages.
#include "story/event_attributes.h"

#include <gtest/gtest.h>

#include "story_test_support.h"

namespace feedsentry::story {
namespace {

using namespace std::chrono_literals;

// 2023-07-12T10:00:00Z, a Wednesday.
core::SystemTime wednesday() {
  return core::from_unix_seconds(1'689'156'000);
}

std::int32_t day_of(int year, int month, int day) {
  return static_cast<std::int32_t>(
      std::chrono::sys_days(
          std::chrono::year_month_day{std::chrono::year(year),
                                      std::chrono::month(static_cast<unsigned>(month)),
                                      std::chrono::day(static_cast<unsigned>(day))})
          .time_since_epoch()
          .count());
}

TEST(StatedEventDay, ReadsWeekdaysAsTheLatestSuchDayWithADayOfTolerance) {
  EXPECT_EQ(stated_event_day("North Korea fired a missile on Monday", wednesday()),
            day_of(2023, 7, 10));
  EXPECT_EQ(stated_event_day("launch on Wednesday", wednesday()), day_of(2023, 7, 12));
  // Late on Wednesday (UTC) it is already Thursday in Seoul.
  EXPECT_EQ(stated_event_day("launch on Thursday", wednesday()), day_of(2023, 7, 13));
  EXPECT_EQ(stated_event_day("КНДР в понедельник запустила ракету", wednesday()),
            day_of(2023, 7, 10));
  EXPECT_EQ(stated_event_day("Rosja w poniedziałek wystrzeliła rakietę", wednesday()),
            day_of(2023, 7, 10));
  EXPECT_EQ(stated_event_day("북한이 월요일에 미사일을 발사했다", wednesday()),
            day_of(2023, 7, 10));
}

TEST(StatedEventDay, ReadsCalendarDaysInEveryLanguage) {
  EXPECT_EQ(stated_event_day("Treasury acted on Jan. 24", wednesday()), day_of(2023, 1, 24));
  EXPECT_EQ(stated_event_day("sanctions imposed 24 January", wednesday()), day_of(2023, 1, 24));
  EXPECT_EQ(stated_event_day("launch on July 11, officials said", wednesday()),
            day_of(2023, 7, 11));
  EXPECT_EQ(stated_event_day("пуск 11 июля", wednesday()), day_of(2023, 7, 11));
  EXPECT_EQ(stated_event_day("запуск 11 липня", wednesday()), day_of(2023, 7, 11));
  EXPECT_EQ(stated_event_day("start 11 lipca", wednesday()), day_of(2023, 7, 11));
  EXPECT_EQ(stated_event_day("북한, 11일 탄도미사일 발사", wednesday()), day_of(2023, 7, 11));
  EXPECT_EQ(stated_event_day("북한 7월 11일 발사", wednesday()), day_of(2023, 7, 11));
  // A day after the report's date is last month's (or last year's).
  EXPECT_EQ(stated_event_day("북한, 20일 발사", wednesday()), day_of(2023, 6, 20));
  EXPECT_EQ(stated_event_day("launch on Dec. 18", wednesday()), day_of(2022, 12, 18));
  EXPECT_EQ(stated_event_day("fired yesterday", wednesday()), day_of(2023, 7, 11));
}

TEST(StatedEventDay, IgnoresDurationsAndTextWithoutADay) {
  EXPECT_EQ(stated_event_day("drills last 3일간", wednesday()), std::nullopt);
  EXPECT_EQ(stated_event_day("North Korea fires missile", wednesday()), std::nullopt);
  EXPECT_EQ(stated_event_day("It may launch again", wednesday()), std::nullopt);
}

TEST(PackageNumbers, ReadOrdinalsNextToAPackageInEveryLanguage) {
  EXPECT_EQ(package_numbers("EU adopts 13th sanctions package against Russia"),
            (std::vector<std::uint32_t>{13}));
  EXPECT_EQ(package_numbers("EU agrees eleventh package"), (std::vector<std::uint32_t>{11}));
  EXPECT_EQ(package_numbers("ЕС утвердил 12-й пакет санкций"), (std::vector<std::uint32_t>{12}));
  EXPECT_EQ(package_numbers("UE przyjęła 14. pakiet sankcji"), (std::vector<std::uint32_t>{14}));
  EXPECT_EQ(package_numbers("정부, 제13차 대북 제재"), (std::vector<std::uint32_t>{13}));
  EXPECT_TRUE(package_numbers("13 packages of aid arrived").empty());
}

TEST(Counts, ReadNumbersButNotYearsOrDatesOrOrdinals) {
  EXPECT_EQ(counts_in("US imposes more than 500 sanctions; 10,000 troops; 1 man"),
            (std::vector<std::uint32_t>{500, 10000}));
  EXPECT_TRUE(counts_in("In 2023, on Jan. 24, the 13th package, 5G").empty());
}

TEST(EventAttributes, ComeFromTheRulesAttributesForMatchedItemsOnly) {
  const StoryItem launch = testing::classified(
      testing::make_item("a", "North Korea's attempt to launch spy satellite fails, Seoul says",
                         "The rocket crashed into the sea."));
  EXPECT_EQ(launch.attributes.topics, (std::vector<std::string>{"launch"}));
  EXPECT_EQ(launch.attributes.actors, (std::vector<std::string>{"kp"}));
  EXPECT_EQ(launch.attributes.classes, (std::vector<std::string>{"satellite"}));
  EXPECT_NE(
      std::find(launch.attributes.outcomes.begin(), launch.attributes.outcomes.end(), "failure"),
      launch.attributes.outcomes.end());

  const StoryItem sanctions = testing::classified(
      testing::make_item("b", "EU adopts 13th sanctions package against Russia"));
  EXPECT_EQ(sanctions.attributes.actors, (std::vector<std::string>{"eu"}));
  EXPECT_EQ(sanctions.attributes.targets, (std::vector<std::string>{"RU"}));
  EXPECT_EQ(sanctions.attributes.ordinals, (std::vector<std::uint32_t>{13}));

  const StoryItem unmatched =
      testing::classified(testing::make_item("c", "Storm hits coast on Monday, 500 homes dark"));
  EXPECT_TRUE(unmatched.attributes.empty());
}

TEST(EventAttributes, ReadTheSameLaunchAlikeInEnglishRussianAndKorean) {
  const auto english = testing::classified(
      testing::make_item("en", "North Korea fires intercontinental ballistic missile"));
  const auto russian = testing::classified(
      testing::make_item("ru", "КНДР запустила межконтинентальную баллистическую ракету"));
  const auto korean =
      testing::classified(testing::make_item("ko", "북한, 동해상으로 대륙간탄도미사일 발사"));
  for (const StoryItem* item : {&english, &russian, &korean}) {
    EXPECT_EQ(item->attributes.actors, (std::vector<std::string>{"kp"})) << item->id;
    EXPECT_NE(std::find(item->attributes.classes.begin(), item->attributes.classes.end(), "icbm"),
              item->attributes.classes.end())
        << item->id;
  }
}

TEST(EventAttributes, AClassNamedAsAnEarlierEventIsNotTheReportsClass) {
  const StoryItem item = testing::classified(testing::make_item(
      "a", "North Korea fires ballistic missile hours after cruise missile launch"));
  EXPECT_EQ(item.attributes.classes, (std::vector<std::string>{"ballistic"}));
}

}  // namespace
}  // namespace feedsentry::story
