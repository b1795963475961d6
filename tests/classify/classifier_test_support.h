#pragma once
// Helpers for classifier tests: compile rules from YAML text and classify one item.
#include <string>
#include <string_view>

#include "classify/classifier.h"
#include "classify/rule_loader.h"

namespace feedsentry::classify::testing {

inline Classifier compile_yaml(std::string_view yaml) {
  RuleSet rules;
  load_rules_text(yaml, "test.yaml", rules);
  validate_rules(rules);
  return Classifier::compile(rules);
}

inline Classification classify_item(const Classifier& classifier, std::string_view title,
                                    std::string_view summary = {}, std::string_view content = {}) {
  Workspace workspace;
  return classifier.classify(ItemText{title, summary, content}, workspace);
}

inline const TopicMatch* find_topic(const Classification& result, std::string_view id) {
  for (const TopicMatch& topic : result.topics) {
    if (topic.id == id) return &topic;
  }
  return nullptr;
}

inline bool matches(const Classifier& classifier, std::string_view title,
                    std::string_view summary = {}) {
  return classify_item(classifier, title, summary).matched();
}

}  // namespace feedsentry::classify::testing
