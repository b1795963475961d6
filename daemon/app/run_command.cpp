#include <sys/resource.h>

#include <spdlog/spdlog.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
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
#include "app/daemon_metrics.h"
#include "app/match_sinks.h"
#include "app/pipeline.h"
#include "app/run_support.h"
#include "app/sd_notify.h"
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

constexpr core::Duration kDrainTime = std::chrono::seconds(10);

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
  RunOptions options;
  if (const int status = parse_options(arguments, "run", kRunUsage, true, options); status != 0) {
    return status < 0 ? 0 : status;
  }
  Prepared prepared;
  if (!prepare_pipeline(options.config_path, "run", prepared)) return 1;

  boost::asio::io_context io;
  core::SystemClock clock;
  LogMatchSink log_view;
  Pipeline pipeline(io, prepared.loaded, *prepared.database,
                    std::move(*prepared.dispatcher_database), clock, log_view);
  if (auto loaded = pipeline.load_stories(); !loaded) {
    std::cerr << "feedsentry run: " << loaded.error().describe() << "\n";
    return 1;
  }
  poll::Poller& poller = pipeline.poller();
  const auto started = std::chrono::steady_clock::now();
  spdlog::info("feedsentry {} polling {} feeds, delivering to {} outputs", "run",
               poller.feed_count(), pipeline.dispatcher().output_count());
  DaemonMetrics metrics(poller);
  pipeline.dispatcher().set_observer(
      [&metrics](const alert::DeliveryEvent& event) { metrics.on_delivery(event); });
  auto endpoint = metrics.serve(io, prepared.loaded.config.metrics);
  if (!endpoint) {
    std::cerr << "feedsentry run: metrics endpoint: " << endpoint.error().describe() << "\n";
    return 1;
  }
  if (*endpoint) spdlog::info("metrics on port {}", (*endpoint)->port());
  pipeline.dispatcher().start();
  poller.start();

  // systemd: READY once config, rules and state are loaded and the loop runs; watchdog pings
  // come from the loop itself, so a stuck loop gets the service restarted.
  const SystemdNotifier notifier;
  boost::asio::post(
      io, [&] { notifier.ready("polling " + std::to_string(poller.feed_count()) + " feeds"); });
  boost::asio::steady_timer watchdog(io);
  std::function<void()> arm_watchdog = [&] {
    const auto interval = notifier.watchdog_interval();
    if (!interval) return;
    watchdog.expires_after(*interval);
    watchdog.async_wait([&](const boost::system::error_code& error) {
      if (error) return;
      notifier.watchdog_ping();
      arm_watchdog();
    });
  };
  arm_watchdog();

  bool stopping = false;
  const auto shut_down = [&](std::string_view why) {
    if (stopping) {
      spdlog::warn("second stop request ({}): exiting at once", why);
      if (*endpoint) (*endpoint)->stop();
      pipeline.fetcher().cancel_all();
      io.stop();
      return;
    }
    stopping = true;
    notifier.stopping();
    watchdog.cancel();
    spdlog::info("stopping ({})", why);
    poller.stop();
    pipeline.dispatcher().drain(kDrainTime, [&] {
      if (*endpoint) (*endpoint)->stop();
      pipeline.fetcher().cancel_all();
      io.stop();
    });
  };
  boost::asio::signal_set signals(io, SIGINT, SIGTERM);
  std::function<void(const boost::system::error_code&, int)> on_signal =
      [&](const boost::system::error_code& error, int signal) {
        if (error) return;
        shut_down(signal == SIGINT ? "SIGINT" : "SIGTERM");
        signals.async_wait(on_signal);
      };
  signals.async_wait(on_signal);
  boost::asio::signal_set hangup(io, SIGHUP);
  std::function<void(const boost::system::error_code&, int)> on_hangup =
      [&](const boost::system::error_code& error, int) {
        if (error) return;
        spdlog::info("SIGHUP: reopening alert files");
        pipeline.dispatcher().reopen_files();
        hangup.async_wait(on_hangup);
      };
  hangup.async_wait(on_hangup);
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

}  // namespace feedsentry::app
