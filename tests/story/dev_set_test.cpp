// Story grouping against the hand-labeled dev set (real items, event-level groups, with
// look-alike stories days apart). Pairwise precision and recall are the targets.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "story/story_grouper.h"
#include "story_test_support.h"

namespace feedsentry::story {
namespace {

constexpr const char* kDevSet = FEEDSENTRY_SOURCE_DIR "/../shared/data/stories-dev.jsonl";

// The dev set writes every time as "2022-10-03T18:55:21Z".
std::optional<core::SystemTime> parse_utc(const std::string& text) {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  char zone = 0;
  if (std::sscanf(text.c_str(), "%d-%d-%dT%d:%d:%d%c", &year, &month, &day, &hour, &minute, &second,
                  &zone) != 7 ||
      zone != 'Z') {
    return std::nullopt;
  }
  const std::chrono::year_month_day date{std::chrono::year(year),
                                         std::chrono::month(static_cast<unsigned>(month)),
                                         std::chrono::day(static_cast<unsigned>(day))};
  return std::chrono::sys_days(date) + std::chrono::hours(hour) + std::chrono::minutes(minute) +
         std::chrono::seconds(second);
}

struct LabeledItem {
  StoryItem item;
  std::string group;
};

std::vector<LabeledItem> load_dev_set() {
  std::ifstream file(kDevSet);
  std::vector<LabeledItem> items;
  std::string line;
  while (std::getline(file, line)) {
    const nlohmann::json object = nlohmann::json::parse(line);
    LabeledItem labeled;
    labeled.group = object.at("group").get<std::string>();
    StoryItem& item = labeled.item;
    item.id = object.at("id").get<std::string>();
    item.feed = object.value("feed", "");
    item.title = object.value("title", "");
    item.summary = object.value("summary", "");
    item.link = object.value("link", "");
    item.published = parse_utc(object.value("published", ""));
    if (!item.published) ADD_FAILURE() << "bad published time in " << item.id;
    item.seen_at = item.published.value_or(core::SystemTime{});
    items.push_back(std::move(labeled));
  }
  return items;
}

TEST(DevSet, PairwisePrecisionAndRecallMeetTheTargets) {
  std::ifstream probe(kDevSet);
  ASSERT_TRUE(probe.good()) << "dev set missing: " << kDevSet;
  const std::vector<LabeledItem> items = load_dev_set();
  ASSERT_EQ(items.size(), 222u);

  StoryGrouper grouper;
  std::vector<std::string> labels;
  std::vector<std::string> stories;
  for (const LabeledItem& labeled : items) {
    labels.push_back(labeled.group);
    stories.push_back(grouper.assign(labeled.item));
  }
  const testing::PairCounts counts = testing::count_pairs(labels, stories);
  std::printf("dev set: TP %zu FP %zu FN %zu  precision %.3f recall %.3f F1 %.3f\n",
              counts.true_positive, counts.false_positive, counts.false_negative,
              counts.precision(), counts.recall(), counts.f1());
  EXPECT_GE(counts.precision(), 0.97);
  EXPECT_GE(counts.recall(), 0.90);
}

TEST(DevSet, EveryStoryStartsAtItsFirstItem) {
  std::ifstream probe(kDevSet);
  ASSERT_TRUE(probe.good()) << "dev set missing: " << kDevSet;
  StoryGrouper grouper;
  std::vector<std::string> seen_ids;
  for (const LabeledItem& labeled : load_dev_set()) {
    const std::string story = grouper.assign(labeled.item);
    if (story != labeled.item.id) {
      EXPECT_NE(std::find(seen_ids.begin(), seen_ids.end(), story), seen_ids.end());
    }
    seen_ids.push_back(labeled.item.id);
  }
}

}  // namespace
}  // namespace feedsentry::story
