#pragma once
// Everything the daemon reads at start-up (and on reload) before it touches the network:
// the config, its rule files and watch list compiled into one classifier, and the outputs
// validated against both. One loader, so `check-config`, `run`, `once`, `outbox` and
// `watchlist` accept and reject exactly the same files.
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/output_setup.h"
#include "classify/classifier.h"
#include "config/check.h"
#include "config/config.h"
#include "watchlist/watchlist.h"

namespace feedsentry::app {

// The watch list as loaded, for logs, `check-config` and `watchlist stats`.
struct WatchlistSummary {
  std::size_t entries = 0;   // in the files
  std::size_t selected = 0;  // kept by programs/types
  std::size_t patterns = 0;  // compiled into the classifier
  double load_ms = 0;        // read + parse + patterns
  double compile_ms = 0;     // the classifier's compile, rules and watch list together
};

struct LoadedConfig {
  config::Config config;
  classify::Classifier classifier;
  OutputSetup outputs;
  std::vector<config::ConfigWarning> warnings;  // e.g. a local feed file not there yet
  // The SDN files the watch list was read from, as they were: watchlist_changed() compares.
  std::vector<watchlist::FileStamp> watchlist_files;
  WatchlistSummary watchlist_summary;
  // The shipped rule set, when the config has no `rules:` and no rules/ beside it.
  std::optional<std::filesystem::path> shipped_rules;
  // The list itself, kept only when LoadOptions::keep_watchlist asks (the CLI's lookup);
  // the daemon needs only the compiled classifier.
  std::shared_ptr<const watchlist::Watchlist> watchlist;
};

struct LoadOptions {
  bool keep_watchlist = false;
  // Commands that deliver nothing, or only show what they would send, run without the
  // outputs' secrets in the environment (see make_outputs).
  UnsetSecrets unset_secrets = UnsetSecrets::kFail;
};

// Throws config::ConfigError or classify::RuleError (what() is "file:line:col: message");
// a bad SDN file is a ConfigError at the file's line.
LoadedConfig load_everything(const std::string& config_path, const LoadOptions& options = {});

// True when `loaded` has a watch list whose files were modified, resized, added or removed
// since they were read: a periodic check can then rebuild with load_everything().
bool watchlist_changed(const LoadedConfig& loaded);

// The watch-list options of a config section (the glue between config/ and watchlist/).
watchlist::Options watchlist_options(const config::WatchlistConfig& section);

}  // namespace feedsentry::app
