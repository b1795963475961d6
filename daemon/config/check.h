#pragma once
// Read-only checks of what a loaded config points at on disk, for `feedsentry check-config`
// and daemon start-up; load_config() itself does not look at rule files or local feeds.
// Nothing is created or written.
#include <string>
#include <vector>

#include "config/config.h"

namespace feedsentry::config {

struct ConfigWarning {
  SourceLocation where;
  std::string message;
  std::string to_string() const;  // "file:line:col: warning: message"
};

// Throws ConfigError, at the `rules:` entry, when a rule file is missing or unreadable.
// Returns a warning for each file:// feed whose file does not exist (yet): at run time that
// is a failing feed, not a reason to refuse to start.
std::vector<ConfigWarning> check_referenced_files(const Config& config);

}  // namespace feedsentry::config
