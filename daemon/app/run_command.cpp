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
#include "app/heap_release.h"
#include "app/match_sinks.h"
#include "app/periodic_timer.h"
#include "app/pipeline.h"
#include "app/recent_alerts.h"
#include "app/reloader.h"
#include "app/run_support.h"
#include "app/sd_notify.h"
#include "app/state_monitor.h"
#include "app/stop_summary.h"
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
  --env-file FILE      Set the variables assigned in FILE first (systemd EnvironmentFile
                       syntax, see feedsentry --help); the unit uses EnvironmentFile= instead.
  --run-for DURATION   Stop by itself after this long (e.g. 130s); for benchmarks and tests.
  --stats-json FILE    At exit, write poll statistics (fetches, 304s, scheduling delay
                       percentiles, CPU seconds, peak RSS) to FILE as JSON.

With metrics.enabled, an HTTP endpoint (default 127.0.0.1:9464) serves /metrics
(Prometheus text format), /healthz (200, or 503 when the state file takes no writes)
and /status (every feed's health, the outbox, the last 50 alerts) as JSON.
Signals: SIGHUP reloads the config, rules and outputs (and reopens alert files) without
dropping state; a bad new config is logged with file:line:col and the running one stays.
The watch list reloads the same way, by itself, within a minute of its SDN files changing.
SIGTERM or SIGINT stops: in-flight deliveries get up to 10 s, state is saved; a second
signal exits at once.

Exit status: 0 stopped cleanly, 1 state database error, 2 usage error, 75 metrics port
in use (EX_TEMPFAIL: the unit retries), 78 config or rules error, or a metrics address
that cannot be listened on (EX_CONFIG: the unit does not restart into it).
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
      {"items_recorded_recently", stats.items_recorded_recently},
      {"ingest_transactions", stats.ingest_transactions},
      {"largest_ingest_batch", stats.largest_ingest_batch},
      {"delay_p50_ms", stats.delay_percentile(0.50)},
      {"delay_p99_ms", stats.delay_percentile(0.99)},
      {"cpu_seconds", cpu},
      {"max_rss_kb", usage.ru_maxrss},
      {"elapsed_seconds", elapsed_seconds},
  };
  std::ofstream(path) << json.dump(2) << "\n";
}

std::string status_line(const poll::Poller& poller, const StateMonitor& state) {
  const poll::FeedStateCounts feeds = poller.feeds_by_state();
  const auto count = [&feeds](std::string_view name) { return feeds.of(name); };
  const StateSnapshot snapshot = state.snapshot();
  std::string line = std::to_string(poller.feed_count()) + " feeds (" +
                     std::to_string(count("ok")) + " ok, " + std::to_string(count("failing")) +
                     " failing, " + std::to_string(count("degraded")) + " degraded); " +
                     std::to_string(snapshot.pending()) + " alerts pending";
  if (snapshot.dead() > 0) line += ", " + std::to_string(snapshot.dead()) + " dead letters";
  if (snapshot.probed && !snapshot.writable) line += "; STATE FILE NOT WRITABLE";
  return line;
}

constexpr auto kStatusEvery = std::chrono::seconds(30);
constexpr auto kWatchlistCheckEvery = std::chrono::seconds(60);
// Often enough that a start-up peak or a burst of big bodies is not kept resident for
// long; malloc_trim took 0.2-0.5 ms on a fragmented 100 MB heap on this machine.
constexpr auto kHeapReleaseEvery = std::chrono::seconds(60);

}  // namespace

int run_run_command(std::span<const std::string_view> arguments) {
  RunOptions options;
  if (const int status = parse_options(arguments, "run", kRunUsage, true, options); status != 0) {
    return status < 0 ? 0 : status;
  }
  Prepared prepared;
  if (const int status = prepare_pipeline(options.config_path, "run", prepared); status != 0) {
    return status;
  }
  auto monitor_database = open_state(prepared.loaded->config, StateConnection::kFurther);
  if (!monitor_database) {
    std::cerr << "feedsentry run: " << monitor_database.error().describe() << "\n";
    return 1;
  }
  RecentStories stories;
  if (auto loaded = stories.load(*prepared.database); !loaded) {
    std::cerr << "feedsentry run: " << loaded.error().describe() << "\n";
    return 1;
  }
  RecentAlerts recent;
  if (auto loaded = recent.load(*prepared.database); !loaded) {
    std::cerr << "feedsentry run: " << loaded.error().describe() << "\n";
    return 1;
  }

  boost::asio::io_context io;
  core::SystemClock clock;
  NoMatchView log_view;
  Pipeline pipeline(io, prepared.loaded, *prepared.database,
                    std::move(*prepared.dispatcher_database), clock, log_view);
  if (auto loaded = pipeline.load_stories(); !loaded) {
    std::cerr << "feedsentry run: " << loaded.error().describe() << "\n";
    return 1;
  }
  StateMonitor state(io, std::move(*monitor_database), clock);
  poll::Poller& poller = pipeline.poller();
  const auto started = std::chrono::steady_clock::now();
  spdlog::info("feedsentry {} polling {} feeds, delivering to {} outputs", "run",
               poller.feed_count(), pipeline.dispatcher().output_count());
  DaemonMetrics metrics({poller, state, recent, stories, clock, options.config_path});
  DeliveryTally tally;
  pipeline.dispatcher().set_observer([&metrics, &tally](const alert::DeliveryEvent& event) {
    tally.on_delivery(event);
    metrics.on_delivery(event);
  });
  poller.set_fetch_observer([&metrics](const poll::FetchEvent& event) { metrics.on_fetch(event); });
  pipeline.outbox_sink().set_alert_observer([&metrics, &recent](const alert::Alert& alert) {
    metrics.on_alert(alert);
    recent.add(alert);
  });
  pipeline.outbox_sink().set_story_observer(
      [&stories](const store::StoryItemRow& item) { stories.add(item); });
  auto endpoint = metrics.serve(io, prepared.loaded->config.metrics);
  if (!endpoint && endpoint.error().code == core::ErrorCode::kInUse) {
    std::cerr << "feedsentry run: metrics port in use: " << endpoint.error().location
              << " is already taken by another process (another feedsentry?); stop it or set "
                 "metrics.listen to a free address\n";
    return kExitMetricsPortInUse;
  }
  if (!endpoint) {  // an address this host cannot listen on: the config must change
    std::cerr << "feedsentry run: metrics endpoint: " << endpoint.error().describe() << "\n";
    return kExitBadConfig;
  }
  if (*endpoint) spdlog::info("metrics on port {}", (*endpoint)->port());
  state.start();
  pipeline.dispatcher().start();
  poller.start();

  // systemd: READY once config, rules and state are loaded and the loop runs; watchdog pings
  // come from the loop itself, so a stuck loop gets the service restarted.
  const SystemdNotifier notifier;
  boost::asio::post(io, [&] { notifier.ready(status_line(poller, state)); });
  const auto watchdog_every = notifier.watchdog_interval();
  PeriodicTimer watchdog(io, watchdog_every.value_or(std::chrono::seconds(1)),
                         [&] { notifier.watchdog_ping(); });
  if (watchdog_every) watchdog.start();
  PeriodicTimer status_timer(io, kStatusEvery,
                             [&] { notifier.status(status_line(poller, state)); });
  if (SystemdNotifier::under_systemd()) status_timer.start();
  PeriodicTimer heap_release(io, kHeapReleaseEvery, [] {
    const HeapRelease release = release_free_heap();
    spdlog::debug("heap release: {} in {:.1f} ms", release.released ? "pages returned" : "nothing",
                  release.milliseconds);
  });
  heap_release.start();
  release_free_heap();  // what loading the config and the state left behind

  Reloader reloader(
      io, options.config_path, pipeline, notifier,
      {[&] { return status_line(poller, state); },
       [&metrics](bool ok, const std::string& error) { metrics.on_reload(ok, error); }});

  PeriodicTimer watchlist_timer(io, kWatchlistCheckEvery,
                                [&] { reloader.reload_if_watchlist_changed(); });
  watchlist_timer.start();

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
    status_timer.cancel();
    watchlist_timer.cancel();
    heap_release.cancel();
    state.stop();
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
        if (!stopping) reloader.request("SIGHUP");
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
  log_stop_summary(prepared.loaded->config, tally.delivered());
  return 0;
}

}  // namespace feedsentry::app
