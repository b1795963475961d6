#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "story/story_grouper.h"
#include "story_test_support.h"

namespace feedsentry::story {
namespace {

using namespace std::chrono_literals;
using testing::make_item;

std::vector<std::string> group_all(const std::vector<StoryItem>& items) {
  StoryGrouper grouper;
  std::vector<std::string> stories;
  for (const StoryItem& item : items) stories.push_back(grouper.assign(item).story_id);
  return stories;
}

// The story `item` would be folded into, if any.
std::optional<std::string> copy_of(const StoryIndex& index, const Fingerprint& item) {
  const StoryDecision decision = index.decide(item);
  if (decision.kind != StoryDecision::Kind::kCopy) return std::nullopt;
  return decision.story_id;
}

TEST(StoryGrouping, OneStoryInThreeFeedsIsOneGroup) {
  const std::vector<std::string> stories = group_all({
      make_item("a", "North Korea fires ballistic missile over Japan",
                "Residents were told to take cover.", 0min,
                "https://www.example.com/news/nk-missile?utm_source=rss#top",
                "https://example.com/rss"),
      make_item("b", "Pyongyang test sparks alarm", "", 20min,
                "http://example.com/news/nk-missile?utm_medium=feed", "https://other.org/feed"),
      make_item("c", "Breaking", "", 45min, "https://example.com/news/nk-missile",
                "https://third.net/atom"),
  });
  EXPECT_EQ(stories, (std::vector<std::string>{"a", "a", "a"}));
}

TEST(StoryGrouping, SameLinkIsOneStoryWhateverTheText) {
  const std::vector<std::string> stories = group_all({
      make_item("a", "Treasury sanctions Russian banks", "", 0min,
                "https://www.bbc.co.uk/news/world-123?at_medium=RSS&at_campaign=KARANGA"),
      make_item("b", "Completely different words here", "", 90min,
                "https://bbc.co.uk/news/world-123"),
  });
  EXPECT_EQ(stories[1], "a");
}

TEST(StoryGrouping, SiteRootLinksDoNotGroup) {
  const std::vector<std::string> stories = group_all({
      make_item("a", "Treasury sanctions Russian banks", "", 0min, "https://example.com/"),
      make_item("b", "Volcano erupts in Iceland", "", 10min, "https://example.com"),
  });
  EXPECT_EQ(stories[1], "b");
}

TEST(StoryGrouping, SyndicatedCopiesWithPunctuationOrWireSuffixAreGrouped) {
  const std::vector<std::string> stories = group_all({
      make_item("a", "North Korea fires ballistic missile, South Korea says", "", 0min),
      make_item("b", "North Korea Fires Ballistic Missile - South Korea Says - Reuters", "", 30min),
      make_item("c", "North Korea fires ballistic missile: South Korea says | CNN", "", 50min),
      make_item("d", "“North Korea fires ballistic missile,” South Korea says", "", 70min),
  });
  EXPECT_EQ(stories, (std::vector<std::string>{"a", "a", "a", "a"}));
}

TEST(StoryGrouping, RisingCountOnTheSameDayIsOneStory) {
  const std::vector<std::string> stories = group_all({
      make_item("early", "North Korea fires three ballistic missiles into the sea",
                "South Korea's military said the missiles were fired from the east coast.", 0min),
      make_item("later", "North Korea fires 10 missiles, South Korea says",
                "North Korea fired at least 10 missiles from its east and west coasts on "
                "Wednesday, South Korea's military said.",
                2h),
  });
  EXPECT_EQ(stories[1], "early");
}

TEST(StoryGrouping, AlikeLaunchesFiveDaysApartAreDifferentStories) {
  const std::vector<std::string> stories = group_all({
      make_item("first", "North Korea fires ballistic missile into the sea, South Korea says",
                "The missile was launched from near Pyongyang.", 0min),
      make_item("second", "North Korea fires ballistic missile into sea, South Korea says",
                "The missile was launched from near Pyongyang.", 5 * 24h),
  });
  EXPECT_EQ(stories[1], "second");
}

TEST(StoryGrouping, AlikeLaunchesOnConsecutiveDaysAreDifferentStories) {
  const std::vector<std::string> stories = group_all({
      make_item("srbm", "North Korea fires ballistic missile after warning of 'fiercer' response",
                "North Korea fired a short-range ballistic missile into the sea.", 0min),
      make_item("srbm-2", "North Korea launches ballistic missile, threatens fiercer response", "",
                30min),
      make_item("icbm", "North Korea fires suspected ICBM into sea",
                "The missile landed in Japan's exclusive economic zone.", 21h),
  });
  EXPECT_EQ(stories, (std::vector<std::string>{"srbm", "srbm", "icbm"}));
}

TEST(StoryGrouping, ReportsNamingDifferentDatesAreDifferentStories) {
  const std::vector<std::string> stories = group_all({
      make_item("rates", "Kurs funta do złotego PLN/GBP 02.10.2023",
                "Kurs funta szterlinga - 02.10.2023.", 0min),
      make_item("rates-next", "Kurs funta do złotego PLN/GBP 03.10.2023",
                "Kurs funta szterlinga - 03.10.2023.", 24h),
  });
  EXPECT_EQ(stories, (std::vector<std::string>{"rates", "rates-next"}));
}

TEST(StoryGrouping, StoryStaysOpenWhileItKeepsGettingItems) {
  const std::vector<std::string> stories = group_all({
      make_item("a", "Storm Gerrit leaves thousands of homes without power", "", 0min),
      make_item("b", "Thousands of homes still without power after Storm Gerrit", "", 40h),
      make_item("c", "Storm Gerrit: thousands of homes remain without power", "", 80h),
  });
  EXPECT_EQ(stories, (std::vector<std::string>{"a", "a", "a"}));
}

TEST(StoryIndex, ExpireForgetsItemsOlderThanTheWindow) {
  StoryIndex index;
  const Fingerprint old_item = fingerprint(
      make_item("a", "Russia launches missile strikes", "", 0min, "https://example.com/a"));
  const Fingerprint recent = fingerprint(make_item("b", "Iceland volcano erupts", "", 47h));
  index.add("a", old_item);
  index.add("b", recent);
  index.expire(old_item.time + 48h);
  EXPECT_EQ(index.size(), 2u);
  index.expire(old_item.time + 48h + 1s);
  EXPECT_EQ(index.size(), 1u);
  EXPECT_EQ(copy_of(index, old_item), std::nullopt);
  EXPECT_EQ(copy_of(index, recent), "b");
  index.expire(recent.time + 49h);
  EXPECT_EQ(index.size(), 0u);
}

TEST(StoryIndex, KeepsAtMostMaxItemsForgettingTheOldestFirst) {
  GroupingOptions options;
  options.max_items = 3;
  StoryIndex index(options);
  const std::vector<std::string> titles = {
      "Iceland volcano erupts near Grindavik", "Central bank holds interest rates",
      "Storm Gerrit cuts power to thousands", "Chess olympiad opens in Budapest",
      "Wildfire forces evacuation of island resort"};
  std::vector<Fingerprint> items;
  for (std::size_t i = 0; i < titles.size(); ++i) {
    const std::string id = "s" + std::to_string(i);
    items.push_back(fingerprint(
        make_item(id, titles[i], "", static_cast<int>(i) * 1min, "https://example.com/" + id)));
    index.add(id, items.back());
    EXPECT_LE(index.size(), 3u);
  }
  EXPECT_EQ(index.size(), 3u);
  // Matched by link: the two oldest are gone from every index, the three newest remain.
  EXPECT_EQ(copy_of(index, items[0]), std::nullopt);
  EXPECT_EQ(copy_of(index, items[1]), std::nullopt);
  EXPECT_EQ(copy_of(index, items[2]), "s2");
  EXPECT_EQ(copy_of(index, items[4]), "s4");
  index.expire(items[4].time + 49h);
  EXPECT_EQ(index.size(), 0u);
}

TEST(StoryIndex, IgnoresItemsOutsideTheWindowEvenBeforeExpiry) {
  StoryIndex index;
  const Fingerprint item = fingerprint(make_item("a", "Iceland volcano erupts near Grindavik"));
  index.add("a", item);
  Fingerprint later = item;
  later.time += 49h;
  EXPECT_EQ(copy_of(index, later), std::nullopt);
  later.time = item.time + 47h;
  EXPECT_EQ(copy_of(index, later), "a");
}

TEST(ItemTime, UsesPublishedUnlessMissingOrImplausible) {
  StoryItem item = make_item("a", "x");
  EXPECT_EQ(item_time(item), *item.published);
  item.published = item.seen_at + 48h;
  EXPECT_EQ(item_time(item), item.seen_at);
  item.published = core::from_unix_seconds(0);
  EXPECT_EQ(item_time(item), item.seen_at);
  item.published.reset();
  EXPECT_EQ(item_time(item), item.seen_at);
}

TEST(Fingerprint, EncodeDecodeRoundTrip) {
  const Fingerprint print = fingerprint(make_item(
      "a", "Kurs funta do złotego 02.10.2023 - Money.pl", "North Korea fired at least 10 missiles.",
      0min, "https://www.example.com/story?id=7&utm_source=x"));
  ASSERT_NE(print.link_key, 0u);
  ASSERT_FALSE(print.title_dates.empty());
  const std::string text = encode(print);
  EXPECT_EQ(decode(text), print);
  const Fingerprint empty = fingerprint(make_item("b", ""));
  EXPECT_EQ(decode(encode(empty)), empty);
}

TEST(Fingerprint, DecodeRejectsGarbage) {
  const std::string valid = encode(fingerprint(make_item("a", "North Korea fires missile")));
  EXPECT_EQ(decode(""), std::nullopt);
  EXPECT_EQ(decode("s3" + valid.substr(2)), std::nullopt);
  EXPECT_EQ(decode(valid + ";"), std::nullopt);
  EXPECT_EQ(decode(valid.substr(0, valid.size() - 1)), std::nullopt);
  EXPECT_EQ(decode("s1;;x;;;"), std::nullopt);
  EXPECT_EQ(decode("s1;;12;0000000200000001;;"), std::nullopt);  // not sorted
  EXPECT_EQ(decode("s1;;12;zzzzzzzz;;"), std::nullopt);
  EXPECT_NE(decode("s1;;12;0000000100000002;;"), std::nullopt);
}

}  // namespace
}  // namespace feedsentry::story
