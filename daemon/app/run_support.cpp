#include "app/run_support.h"

#include <spdlog/spdlog.h>

#include <iostream>

#include "app/logging.h"
#include "app/pipeline.h"
#include "config/units.h"

namespace feedsentry::app {

int parse_options(std::span<const std::string_view> arguments, std::string_view command,
                  std::string_view usage, bool daemon_options, RunOptions& options) {
  for (std::size_t i = 0; i < arguments.size(); ++i) {
    const std::string_view argument = arguments[i];
    const bool has_value = i + 1 < arguments.size();
    if (argument == "-h" || argument == "--help") {
      std::cout << usage;
      return -1;
    } else if (argument == "--config" && has_value) {
      options.config_path = std::string(arguments[++i]);
    } else if (daemon_options && argument == "--run-for" && has_value) {
      options.run_for = config::parse_duration(arguments[++i]);
      if (!options.run_for) {
        std::cerr << "feedsentry " << command << ": --run-for: not a duration: " << arguments[i]
                  << "\n";
        return 2;
      }
    } else if (daemon_options && argument == "--stats-json" && has_value) {
      options.stats_path = std::string(arguments[++i]);
    } else if (!daemon_options && argument == "--dry-run") {
      options.dry_run = true;
    } else {
      std::cerr << "feedsentry " << command << ": unexpected argument '" << argument << "'\n"
                << usage;
      return 2;
    }
  }
  if (options.config_path.empty()) {
    std::cerr << "feedsentry " << command << ": missing --config FILE\n" << usage;
    return 2;
  }
  return 0;
}

spdlog::level::level_enum spdlog_level(config::LogLevel level) {
  switch (level) {
    case config::LogLevel::kTrace:
      return spdlog::level::trace;
    case config::LogLevel::kDebug:
      return spdlog::level::debug;
    case config::LogLevel::kInfo:
      return spdlog::level::info;
    case config::LogLevel::kWarn:
      return spdlog::level::warn;
    case config::LogLevel::kError:
      return spdlog::level::err;
    case config::LogLevel::kOff:
      return spdlog::level::off;
  }
  return spdlog::level::info;
}

int prepare_pipeline(const std::string& config_path, std::string_view command, Prepared& prepared) {
  try {
    prepared.loaded = std::make_shared<LoadedConfig>(load_everything(config_path));
  } catch (const std::exception& error) {  // ConfigError, RuleError: file:line:col: message
    std::cerr << "feedsentry " << command << ": " << error.what() << "\n";
    return kExitBadConfig;
  }
  // journald priority prefixes under systemd, timestamps elsewhere.
  configure_logging(logging_options(prepared.loaded->config));
  for (const config::ConfigWarning& warning : prepared.loaded->warnings) {
    spdlog::warn("{}", warning.to_string());
  }
  auto lock = lock_state(prepared.loaded->config);
  if (!lock) {
    std::cerr << "feedsentry " << command << ": " << lock.error().describe() << "\n";
    return 1;
  }
  prepared.state_lock.emplace(std::move(*lock));
  if (prepared.loaded->shipped_rules) {
    spdlog::info("rules: {} (the shipped default; the config has no rules:)",
                 prepared.loaded->shipped_rules->string());
  }
  auto database = open_state(prepared.loaded->config);
  if (!database) {
    std::cerr << "feedsentry " << command << ": " << database.error().describe() << "\n";
    return 1;
  }
  auto dispatcher_database = open_state(prepared.loaded->config, StateConnection::kFurther);
  if (!dispatcher_database) {
    std::cerr << "feedsentry " << command << ": " << dispatcher_database.error().describe() << "\n";
    return 1;
  }
  prepared.database.emplace(std::move(*database));
  prepared.dispatcher_database.emplace(std::move(*dispatcher_database));
  return 0;
}

LoggingOptions logging_options(const config::Config& config) {
  LoggingOptions logging;
  logging.level = spdlog_level(config.log_level);
  logging.format =
      config.log_format == config::LogFormat::kJson ? LogFormat::kJson : LogFormat::kText;
  return logging;
}

}  // namespace feedsentry::app
