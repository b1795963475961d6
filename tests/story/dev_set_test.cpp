// Story grouping against the hand-labeled dev set (real items, event-level groups, with
// look-alike stories days apart), classified with the shipped rules as the daemon does.
// Pairwise precision and recall are the targets.
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

using testing::LabeledItem;

std::vector<LabeledItem> load_dev_set() {
  return testing::load_labeled(kDevSet);
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
    stories.push_back(grouper.assign(labeled.item).story_id);
  }
  const testing::PairCounts counts = testing::count_pairs(labels, stories);
  std::printf("dev set: TP %zu FP %zu FN %zu  precision %.3f recall %.3f F1 %.3f\n",
              counts.true_positive, counts.false_positive, counts.false_negative,
              counts.precision(), counts.recall(), counts.f1());
  // The targets: the grouping classifies items with the shipped rules, and only
  // reports that agree on the event (or near-identical text) fold.
  EXPECT_GE(counts.precision(), 0.99);
  EXPECT_GE(counts.recall(), 0.97);
}

TEST(DevSet, EveryStoryStartsAtItsFirstItem) {
  std::ifstream probe(kDevSet);
  ASSERT_TRUE(probe.good()) << "dev set missing: " << kDevSet;
  StoryGrouper grouper;
  std::vector<std::string> seen_ids;
  for (const LabeledItem& labeled : load_dev_set()) {
    const std::string story = grouper.assign(labeled.item).story_id;
    if (story != labeled.item.id) {
      EXPECT_NE(std::find(seen_ids.begin(), seen_ids.end(), story), seen_ids.end());
    }
    seen_ids.push_back(labeled.item.id);
  }
}

}  // namespace
}  // namespace feedsentry::story
