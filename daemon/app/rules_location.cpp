#include "app/rules_location.h"

#include <filesystem>
#include <iostream>

#include "classify/rule_loader.h"

namespace feedsentry::app {

std::string default_rules_path() {
  const std::filesystem::path relative = "config/rules/dprk-russia.yaml";
  const std::filesystem::path candidates[] = {
      relative,
      std::filesystem::path(FEEDSENTRY_SOURCE_ROOT) / relative,
      std::filesystem::path(FEEDSENTRY_INSTALL_DATADIR) / "feedsentry/rules/dprk-russia.yaml",
  };
  for (const auto& candidate : candidates) {
    std::error_code error;
    if (std::filesystem::is_regular_file(candidate, error)) return candidate.string();
  }
  return {};
}

bool load_classifier(const std::vector<std::string>& paths, std::string_view command,
                     classify::Classifier& classifier) {
  std::vector<std::string> files = paths;
  if (files.empty()) {
    const std::string fallback = default_rules_path();
    if (fallback.empty()) {
      std::cerr << "feedsentry " << command
                << ": no --rules given and the default config/rules/dprk-russia.yaml was not "
                   "found\n";
      return false;
    }
    files.push_back(fallback);
  }
  try {
    classifier = classify::Classifier::compile(classify::load_rule_files(files));
  } catch (const classify::RuleError& error) {
    std::cerr << "feedsentry " << command << ": " << error.what() << "\n";
    return false;
  }
  return true;
}

}  // namespace feedsentry::app
