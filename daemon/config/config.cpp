#include "config/config.h"

namespace feedsentry::config {

std::string_view log_level_name(LogLevel level) {
  switch (level) {
    case LogLevel::kTrace:
      return "trace";
    case LogLevel::kDebug:
      return "debug";
    case LogLevel::kInfo:
      return "info";
    case LogLevel::kWarn:
      return "warn";
    case LogLevel::kError:
      return "error";
    case LogLevel::kOff:
      return "off";
  }
  return "info";
}

std::vector<std::string> Config::rule_paths() const {
  std::vector<std::string> paths;
  paths.reserve(rules.size());
  for (const RuleFile& rule : rules) paths.push_back(rule.path.string());
  return paths;
}

}  // namespace feedsentry::config
