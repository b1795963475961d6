#include "app/rules_location.h"

#include <filesystem>
#include <iostream>

#include "classify/rule_loader.h"

namespace feedsentry::app {

namespace {

bool is_file(const std::filesystem::path& path) {
  std::error_code error;
  return std::filesystem::is_regular_file(path, error);
}

}  // namespace

std::filesystem::path shipped_rules_path() {
  const std::filesystem::path candidates[] = {
      std::filesystem::path(FEEDSENTRY_INSTALL_DATADIR) / "feedsentry/rules/dprk-russia.yaml",
      std::filesystem::path(FEEDSENTRY_SOURCE_ROOT) / "config/rules/dprk-russia.yaml",
  };
  for (const auto& candidate : candidates) {
    if (is_file(candidate)) return candidate;
  }
  return {};
}

std::string default_rules_path() {
  const std::filesystem::path in_working_directory = "config/rules/dprk-russia.yaml";
  if (is_file(in_working_directory)) return in_working_directory.string();
  return shipped_rules_path().string();
}

std::optional<std::filesystem::path> fall_back_to_shipped_rules(config::Config& config) {
  // The loader's default entry is the only one without a line in the config.
  const bool defaulted = config.rules.size() == 1 && config.rules.front().origin.line == 0;
  if (!defaulted || is_file(config.rules.front().path)) return std::nullopt;
  const std::filesystem::path shipped = shipped_rules_path();
  if (shipped.empty()) return std::nullopt;
  config.rules.front().path = shipped;
  return shipped;
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
