#pragma once
// Where the shipped rule set is found when no --rules is given.
#include <string>
#include <vector>

#include "classify/classifier.h"

namespace feedsentry::app {

// config/rules/dprk-russia.yaml under the working directory, then the source tree this
// binary was built from, then the install prefix. Empty if none exists.
std::string default_rules_path();

// Loads `paths` (or the default set when empty) and compiles them. On error prints
// "feedsentry <command>: file:line:col: message" to stderr and returns false.
bool load_classifier(const std::vector<std::string>& paths, std::string_view command,
                     classify::Classifier& classifier);

}  // namespace feedsentry::app
