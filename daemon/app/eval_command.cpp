#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "app/commands.h"
#include "app/item_input.h"
#include "app/rules_location.h"
#include "classify/explain.h"

namespace feedsentry::app {
namespace {

constexpr std::string_view kEvalUsage =
    R"(Usage: feedsentry eval [--rules FILE]... [--min-precision P] [--min-recall R] FILE.jsonl

Classifies labeled items ({"id", "title", "summary", "labels": ["sanctions", ...]}) and prints
per-topic precision, recall, F1 and confusion counts, then every miss (false negative or
false positive) with its explanation.

Options:
  --rules FILE        Rule file (repeatable). Default: config/rules/dprk-russia.yaml.
  --min-precision P   Exit 1 when any topic's precision is below P (0..1).
  --min-recall R      Exit 1 when any topic's recall is below R (0..1).
Exit status: 0 ok, 1 below a minimum or bad input/rules, 2 usage error.
)";

struct Confusion {
  int true_positive = 0;
  int false_positive = 0;
  int false_negative = 0;
  int true_negative = 0;
  double precision() const {
    const int predicted = true_positive + false_positive;
    return predicted == 0 ? 1.0 : static_cast<double>(true_positive) / predicted;
  }
  double recall() const {
    const int actual = true_positive + false_negative;
    return actual == 0 ? 1.0 : static_cast<double>(true_positive) / actual;
  }
  double f1() const {
    const double sum = precision() + recall();
    return sum == 0 ? 0 : 2 * precision() * recall() / sum;
  }
};

struct Miss {
  std::string kind;  // "false negative" / "false positive"
  std::string topic;
  std::string report;
};

bool parse_fraction(std::string_view text, double& value) {
  try {
    std::size_t used = 0;
    value = std::stod(std::string(text), &used);
    return used == text.size() && value >= 0 && value <= 1;
  } catch (const std::exception&) {
    return false;
  }
}

}  // namespace

int run_eval_command(std::span<const std::string_view> arguments) {
  std::vector<std::string> rule_files;
  std::string path;
  double min_precision = 0;
  double min_recall = 0;
  for (std::size_t i = 0; i < arguments.size(); ++i) {
    const std::string_view argument = arguments[i];
    const bool has_value = i + 1 < arguments.size();
    if (argument == "-h" || argument == "--help") {
      std::cout << kEvalUsage;
      return 0;
    } else if (argument == "--rules" && has_value) {
      rule_files.emplace_back(arguments[++i]);
    } else if (argument == "--min-precision" && has_value &&
               parse_fraction(arguments[i + 1], min_precision)) {
      ++i;
    } else if (argument == "--min-recall" && has_value &&
               parse_fraction(arguments[i + 1], min_recall)) {
      ++i;
    } else if (path.empty() && !argument.starts_with("-")) {
      path = std::string(argument);
    } else {
      std::cerr << "feedsentry eval: unexpected argument '" << argument << "'\n" << kEvalUsage;
      return 2;
    }
  }
  if (path.empty()) {
    std::cerr << "feedsentry eval: missing FILE.jsonl\n" << kEvalUsage;
    return 2;
  }
  classify::Classifier classifier;
  if (!load_classifier(rule_files, "eval", classifier)) return 1;
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    std::cerr << "feedsentry eval: cannot read " << path << "\n";
    return 1;
  }

  const std::vector<std::string> topics = classifier.topic_ids();
  std::map<std::string, Confusion> confusion;
  std::vector<Miss> misses;
  classify::Workspace workspace;
  std::vector<classify::TopicScore> scores;
  int items = 0;
  const std::size_t malformed = read_items(file, path, std::cerr, [&](const InputItem& item) {
    ++items;
    const classify::ItemText text = item.text();
    const classify::Classification result = classifier.explain_all(text, workspace, scores);
    for (const classify::TopicScore& score : scores) {
      const bool labeled =
          std::find(item.labels.begin(), item.labels.end(), score.id) != item.labels.end();
      Confusion& counts = confusion[score.id];
      if (labeled && score.matched) ++counts.true_positive;
      if (!labeled && !score.matched) ++counts.true_negative;
      if (labeled == score.matched) continue;
      (labeled ? counts.false_negative : counts.false_positive)++;
      classify::Classification focus;
      for (const classify::TopicMatch& topic : result.topics) {
        if (topic.id == score.id) focus.topics.push_back(topic);
      }
      char header[64];
      std::snprintf(header, sizeof header, " (score %.2f)", score.score);
      misses.push_back({labeled ? "false negative" : "false positive", score.id,
                        item.id + "  " + item.title + header + "\n" +
                            (focus.topics.empty() ? std::string("  no clause of this topic hit\n")
                                                  : classify::render_explanation(text, focus))});
    }
  });

  std::printf("%d items, %zu topics\n\n", items, topics.size());
  std::printf("%-16s %5s %5s %5s %5s %9s %7s %7s\n", "topic", "TP", "FP", "FN", "TN", "precision",
              "recall", "F1");
  bool below = false;
  for (const std::string& topic : topics) {
    const Confusion& counts = confusion[topic];
    std::printf("%-16s %5d %5d %5d %5d %9.3f %7.3f %7.3f\n", topic.c_str(), counts.true_positive,
                counts.false_positive, counts.false_negative, counts.true_negative,
                counts.precision(), counts.recall(), counts.f1());
    below = below || counts.precision() < min_precision || counts.recall() < min_recall;
  }
  for (const Miss& miss : misses) {
    std::printf("\n%s [%s]: %s", miss.kind.c_str(), miss.topic.c_str(), miss.report.c_str());
  }
  if (below) {
    std::fprintf(stderr, "feedsentry eval: below --min-precision %.2f / --min-recall %.2f\n",
                 min_precision, min_recall);
  }
  return below || malformed != 0 ? 1 : 0;
}

}  // namespace feedsentry::app
