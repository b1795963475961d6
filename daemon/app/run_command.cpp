#include <sys/resource.h>

#include <spdlog/spdlog.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "app/commands.h"
#include "app/match_sinks.h"
#include "app/poller_setup.h"
#include "classify/rule_loader.h"
#include "config/load.h"
#include "config/units.h"
#include "fetch/fetcher.h"
#include "poll/poller.h"
#include "schedule/random.h"
#include "store/database.h"

namespace feedsentry::app {
namespace {

constexpr std::string_view kRunUsage =
    R"(Usage: feedsentry run --config FILE [--run-for DURATION] [--stats-json FILE]

Runs the daemon: polls every feed of the config on its schedule, records what it has seen
in state_dir, classifies new items and hands matches on, until SIGINT or SIGTERM.

Options:
  --config FILE        The config file (see config/feedsentry.yaml).
  --run-for DURATION   Stop by itself after this long (e.g. 130s); for benchmarks and tests.
  --stats-json FILE    At exit, write poll statistics (fetches, 304s, scheduling delay
                       percentiles, CPU seconds, peak RSS) to FILE as JSON.
Exit status: 0 stopped cleanly, 1 config, rules or state error, 2 usage error.
)";

constexpr std::string_view kOnceUsage = R"(Usage: feedsentry once --config FILE

Polls every enabled feed of the config once, records what it has seen in state_dir and
prints every new matching item as one JSON line on standard output; a summary per feed goes
to standard error.
Exit status: 0 every feed worked, 1 some feed failed (or a config, rules or state error),
2 usage error.
)";

struct Options {
  std::string config_path;
  std::optional<core::Duration> run_for;
  std::string stats_path;
};

// Parses the shared options; returns 0 to go on, else the exit status.
int parse_options(std::span<const std::string_view> arguments, std::string_view command,
                  std::string_view usage, bool daemon_options, Options& options) {
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

// Everything a poll needs that can fail at start-up: config, rules, state.
struct Prepared {
  config::Config config;
  classify::Classifier classifier;
  std::optional<store::Database> database;
};

bool prepare(const std::string& config_path, std::string_view command, Prepared& prepared) {
  try {
    prepared.config = config::load_config(config_path);
    prepared.classifier =
        classify::Classifier::compile(classify::load_rule_files(prepared.config.rule_paths()));
  } catch (const std::exception& error) {  // ConfigError, RuleError: file:line:col: message
    std::cerr << "feedsentry " << command << ": " << error.what() << "\n";
    return false;
  }
  spdlog::set_level(spdlog_level(prepared.config.log_level));
  std::error_code error;
  std::filesystem::create_directories(prepared.config.state_dir, error);
  if (error) {
    std::cerr << "feedsentry " << command << ": cannot create state_dir "
              << prepared.config.state_dir << ": " << error.message() << "\n";
    return false;
  }
  auto database = store::Database::open(prepared.config.state_dir / "feedsentry.db");
  if (!database) {
    std::cerr << "feedsentry " << command << ": " << database.error().describe() << "\n";
    return false;
  }
  prepared.database.emplace(std::move(*database));
  return true;
}

void write_stats(const std::string& path, const poll::PollStats& stats, double elapsed_seconds) {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  const double cpu = static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
                     static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
  const nlohmann::json json = {
      {"fetches", stats.fetches},
      {"status_200", stats.status_200},
      {"status_304", stats.not_modified},
      {"unchanged_body", stats.unchanged_body},
      {"errors", stats.failures},
      {"items", stats.items},
      {"new_items", stats.new_items},
      {"matches", stats.matches},
      {"delay_p50_ms", stats.delay_percentile(0.50)},
      {"delay_p99_ms", stats.delay_percentile(0.99)},
      {"cpu_seconds", cpu},
      {"max_rss_kb", usage.ru_maxrss},
      {"elapsed_seconds", elapsed_seconds},
  };
  std::ofstream(path) << json.dump(2) << "\n";
}

}  // namespace

int run_run_command(std::span<const std::string_view> arguments) {
  Options options;
  if (const int status = parse_options(arguments, "run", kRunUsage, true, options); status != 0) {
    return status < 0 ? 0 : status;
  }
  Prepared prepared;
  if (!prepare(options.config_path, "run", prepared)) return 1;

  boost::asio::io_context io;
  fetch::Fetcher fetcher(io, fetcher_options(prepared.config));
  core::SystemClock clock;
  schedule::SystemRandom random;
  LogMatchSink sink;
  poll::Poller poller(io, fetcher, *prepared.database, prepared.classifier, sink, clock, random,
                      polled_feeds(prepared.config), poller_options(prepared.config));
  const auto started = std::chrono::steady_clock::now();
  spdlog::info("feedsentry {} polling {} feeds", "run", poller.feed_count());
  poller.start();

  const auto shut_down = [&](std::string_view why) {
    spdlog::info("stopping ({})", why);
    poller.stop();
    fetcher.cancel_all();
    io.stop();
  };
  boost::asio::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&](const boost::system::error_code& error, int signal) {
    if (!error) shut_down(signal == SIGINT ? "SIGINT" : "SIGTERM");
  });
  boost::asio::steady_timer deadline(io);
  if (options.run_for) {
    deadline.expires_after(*options.run_for);
    deadline.async_wait([&](const boost::system::error_code& error) {
      if (!error) shut_down("--run-for elapsed");
    });
  }
  io.run();
  const double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (!options.stats_path.empty()) write_stats(options.stats_path, poller.stats(), elapsed);
  return 0;
}

int run_once_command(std::span<const std::string_view> arguments) {
  Options options;
  if (const int status = parse_options(arguments, "once", kOnceUsage, false, options);
      status != 0) {
    return status < 0 ? 0 : status;
  }
  Prepared prepared;
  if (!prepare(options.config_path, "once", prepared)) return 1;

  boost::asio::io_context io;
  fetch::Fetcher fetcher(io, fetcher_options(prepared.config));
  core::SystemClock clock;
  schedule::SystemRandom random;
  JsonLinesMatchSink sink(std::cout);
  poll::Poller poller(io, fetcher, *prepared.database, prepared.classifier, sink, clock, random,
                      polled_feeds(prepared.config), poller_options(prepared.config));
  bool all_ok = true;
  bool finished = false;
  // Results come back from the worker threads: keep io.run() alive until the last one.
  auto keep_running = boost::asio::make_work_guard(io);
  poller.poll_once([&](std::vector<poll::FeedOutcome> outcomes) {
    finished = true;
    for (const poll::FeedOutcome& outcome : outcomes) {
      all_ok = all_ok && outcome.ok;
      if (outcome.ok) {
        std::cerr << outcome.name << ": ok, " << outcome.new_items << " new items, "
                  << outcome.matches << " matches\n";
      } else {
        std::cerr << outcome.name << ": FAILED: " << outcome.error << "\n";
      }
    }
    keep_running.reset();
    io.stop();
  });
  io.run();
  return all_ok && finished ? 0 : 1;
}

}  // namespace feedsentry::app
