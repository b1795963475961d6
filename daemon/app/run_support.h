#pragma once
// What `run` and `once` share: their command-line options, the log level mapping, and the
// start-up step that loads config, rules and outputs and opens the state database (twice:
// the poller's connection and the dispatcher's).
#include <spdlog/common.h>

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "app/loaded_config.h"
#include "app/logging.h"
#include "core/clock.h"
#include "store/database.h"
#include "store/state_lock.h"

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
// The config's log.level and log.format as logging options.
LoggingOptions logging_options(const config::Config& config);

struct Prepared {
  std::optional<store::StateLock> state_lock;  // held while the pipeline runs
  std::shared_ptr<LoadedConfig> loaded;
  std::optional<store::Database> database;
  std::optional<store::Database> dispatcher_database;
};

// Exit status for a config or rules file that cannot be used (sysexits.h EX_CONFIG);
// the unit's RestartPreventExitStatus keeps systemd from restarting into the same error.
inline constexpr int kExitBadConfig = 78;
// Exit status when the metrics address is taken by another process (sysexits.h EX_TEMPFAIL):
// systemd's Restart=on-failure tries again, as a previous instance may still be releasing it.
inline constexpr int kExitMetricsPortInUse = 75;

// Loads config, rules and outputs and opens the state database. Prints the problem
// (file:line:col: message) to stderr and returns the exit status on failure: kExitBadConfig
// for the config or rules, 1 for the state database or a state_dir another process holds;
// 0 on success. Takes the state directory's lock (lock_state) before opening the database.
int prepare_pipeline(const std::string& config_path, std::string_view command, Prepared& prepared);

}  // namespace feedsentry::app
