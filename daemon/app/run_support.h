#pragma once
// What `run` and `once` share: their command-line options, the log level mapping, and the
// start-up step that loads config, rules and outputs and opens the state database (twice:
// the poller's connection and the dispatcher's).
#include <spdlog/common.h>

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "app/loaded_config.h"
#include "core/clock.h"
#include "store/database.h"

namespace feedsentry::app {

struct RunOptions {
  std::string config_path;
  std::optional<core::Duration> run_for;  // run
  std::string stats_path;                 // run
  bool dry_run = false;                   // once
};

// Parses the options of `run` (daemon_options) or `once`; returns 0 to go on, -1 after
// --help, else the exit status of a usage error.
int parse_options(std::span<const std::string_view> arguments, std::string_view command,
                  std::string_view usage, bool daemon_options, RunOptions& options);

spdlog::level::level_enum spdlog_level(config::LogLevel level);

struct Prepared {
  LoadedConfig loaded;
  std::optional<store::Database> database;
  std::optional<store::Database> dispatcher_database;
};

// Prints the problem (file:line:col: message) to stderr and returns false on failure.
bool prepare_pipeline(const std::string& config_path, std::string_view command, Prepared& prepared);

}  // namespace feedsentry::app
