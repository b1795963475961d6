#pragma once
// Builders for story tests: items at given times, and pairwise precision/recall of a
// grouping against labeled groups.
#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>

#include "classify/classifier.h"
#include "classify/rule_loader.h"
#include "story/event_attributes.h"
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

// The shipped rules, compiled once: stories are grouped by what they matched.
inline const classify::Classifier& default_classifier() {
  static const classify::Classifier classifier = classify::Classifier::compile(
      classify::load_rule_files({FEEDSENTRY_SOURCE_DIR "/config/rules/dprk-russia.yaml"}));
  return classifier;
}

// `item` with the event attributes the daemon would read from it.
inline StoryItem classified(StoryItem item) {
  classify::Workspace workspace;
  const classify::Classification classification =
      default_classifier().classify({item.title, item.summary, {}}, workspace);
  item.attributes = event_attributes(classification, item.title, item.summary, item_time(item));
  return item;
}

// "2022-10-03T18:55:21Z", as the labeled files write every time.
inline std::optional<core::SystemTime> parse_utc(const std::string& text) {
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

// A labeled JSONL file (id, group, feed, title, summary, link, published), classified with
// the shipped rules; items arrive when published.
inline std::vector<LabeledItem> load_labeled(const std::string& path) {
  std::ifstream file(path);
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
    item.seen_at = item.published.value_or(core::SystemTime{});
    labeled.item = classified(std::move(item));
    items.push_back(std::move(labeled));
  }
  return items;
}

}  // namespace feedsentry::story::testing
