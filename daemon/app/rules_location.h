#pragma once
// Where the shipped rule set is found when neither --rules nor the config's `rules:` names
// rule files.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "classify/classifier.h"
#include "config/config.h"

namespace feedsentry::app {

// The shipped dprk-russia.yaml outside any config directory: the packaged copy under the
// install prefix (/usr/share/feedsentry/rules/), then the source tree this binary was built
// from (config/rules/). Empty if neither exists.
std::filesystem::path shipped_rules_path();

// config/rules/dprk-russia.yaml under the working directory, then shipped_rules_path().
// Empty if none exists.
std::string default_rules_path();

// A config without `rules:` reads rules/dprk-russia.yaml beside itself. When that file does
// not exist, the shipped rule set is used instead, as `classify` does; returns its path
// then (for check-config and the start-up log), else nullopt. Does nothing when the config
// names its rule files or no shipped set exists (the missing default is then reported).
std::optional<std::filesystem::path> fall_back_to_shipped_rules(config::Config& config);

// Loads `paths` (or the default set when empty) and compiles them. On error prints
// "feedsentry <command>: file:line:col: message" to stderr and returns false.
bool load_classifier(const std::vector<std::string>& paths, std::string_view command,
                     classify::Classifier& classifier);

}  // namespace feedsentry::app
