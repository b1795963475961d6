#pragma once
// Builders for story tests: items at given times, and pairwise precision/recall of a
// grouping against labeled groups.
#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

#include "story/fingerprint.h"

namespace feedsentry::story::testing {

// 2022-11-02T00:00:00Z, the day of a real North Korean missile barrage.
inline core::SystemTime day_zero() {
  return core::from_unix_seconds(1'667'347'200);
}

inline StoryItem make_item(std::string id, std::string title, std::string summary = {},
                           std::chrono::minutes after = std::chrono::minutes(0),
                           std::string link = {}, std::string feed = "https://example.com/rss") {
  StoryItem item;
  item.id = std::move(id);
  item.feed = std::move(feed);
  item.title = std::move(title);
  item.summary = std::move(summary);
  item.link = std::move(link);
  item.published = day_zero() + after;
  item.seen_at = day_zero() + after + std::chrono::minutes(5);
  return item;
}

struct PairCounts {
  std::size_t true_positive = 0;
  std::size_t false_positive = 0;
  std::size_t false_negative = 0;
  double precision() const {
    const std::size_t predicted = true_positive + false_positive;
    return predicted == 0 ? 1.0 : static_cast<double>(true_positive) / predicted;
  }
  double recall() const {
    const std::size_t actual = true_positive + false_negative;
    return actual == 0 ? 1.0 : static_cast<double>(true_positive) / actual;
  }
  double f1() const {
    const double sum = precision() + recall();
    return sum == 0 ? 0 : 2 * precision() * recall() / sum;
  }
};

// Every pair of items counts once: same label and same story is a true positive.
inline PairCounts count_pairs(const std::vector<std::string>& labels,
                              const std::vector<std::string>& stories) {
  PairCounts counts;
  for (std::size_t i = 0; i < labels.size(); ++i) {
    for (std::size_t j = i + 1; j < labels.size(); ++j) {
      const bool same_label = labels[i] == labels[j];
      const bool same_story = stories[i] == stories[j];
      if (same_label && same_story) ++counts.true_positive;
      if (!same_label && same_story) ++counts.false_positive;
      if (same_label && !same_story) ++counts.false_negative;
    }
  }
  return counts;
}

}  // namespace feedsentry::story::testing
