#include "config/check.h"

#include <fstream>

#include "config/feed_url.h"
#include "core/text.h"

namespace feedsentry::config {

std::string ConfigWarning::to_string() const {
  return where.to_string() + ": warning: " + message;
}

std::vector<ConfigWarning> check_referenced_files(const Config& config) {
  for (const RuleFile& rule : config.rules) {
    std::error_code error;
    const bool is_file = std::filesystem::is_regular_file(rule.path, error);
    const bool readable = is_file && std::ifstream(rule.path, std::ios::binary).good();
    if (readable) continue;
    // A rule file the config names has a line; the default one (no `rules:`) does not.
    const bool named = rule.origin.line > 0;
    std::string message =
        std::string(named ? "rules: rule file " : "rules: the default rule file ") +
        rule.path.string() + (is_file ? " cannot be read" : " does not exist");
    if (!named) message += " (name the rule files with rules: in the config)";
    throw ConfigError(rule.origin, message);
  }
  std::vector<ConfigWarning> warnings;
  for (const FeedConfig& feed : config.feeds) {
    if (!core::starts_with_ignore_case(feed.url, "file:")) continue;
    const std::filesystem::path path = file_url_path(feed.url);
    std::error_code error;
    if (!std::filesystem::exists(path, error)) {
      warnings.push_back(
          {feed.origin, "feed '" + feed.name + "': " + path.string() + " does not exist"});
    }
  }
  return warnings;
}

}  // namespace feedsentry::config
