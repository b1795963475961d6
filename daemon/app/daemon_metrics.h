#pragma once
// The daemon's Prometheus metrics and its HTTP endpoint (/metrics, /healthz, /status) on the
// daemon's io_context: fetches by result class with bytes and durations, feeds by health,
// items and matches, alerts by topic, deliveries by output and result, outbox pending and
// dead letters with the oldest pending alert's age, latency histograms, config reloads, and
// process figures. Fetch and delivery events and scrapes run on the io thread; alerts are
// counted on the store thread (the registry's handles are thread-safe).
#include <boost/asio/io_context.hpp>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "alert/alert.h"
#include "alert/dispatcher.h"
#include "app/recent_alerts.h"
#include "app/recent_stories.h"
#include "app/state_monitor.h"
#include "config/config.h"
#include "core/clock.h"
#include "metrics/http_endpoint.h"
#include "metrics/registry.h"
#include "poll/poller.h"

namespace feedsentry::app {

// Where the endpoint's answers come from; each must outlive the DaemonMetrics.
struct MetricsSources {
  const poll::Poller& poller;
  const StateMonitor& state;
  const RecentAlerts& recent;
  const RecentStories& stories;
  const core::Clock& clock;
  std::string config_path;
};

// The /healthz answer for a state snapshot: 200 while the state file takes writes (the loop
// is alive, since it answers), 503 when the last probe failed or the probe has stalled.
metrics::HttpReply health_reply(const StateSnapshot& snapshot, core::SystemTime now);

// One SIGHUP (or watch-list) reload as /status reports it.
struct ReloadRecord {
  bool ok = true;
  core::SystemTime at{};
  std::string error;  // the rejected config's "file:line:col: message"; "" when ok
};

class DaemonMetrics {
 public:
  explicit DaemonMetrics(MetricsSources sources);

  void on_fetch(const poll::FetchEvent& event);
  void on_delivery(const alert::DeliveryEvent& event);
  void on_alert(const alert::Alert& alert);  // any thread
  // `error` is the rejected config's "file:line:col: message" ("" when ok).
  void on_reload(bool ok, const std::string& error);
  metrics::Registry& registry() { return registry_; }

  metrics::HttpReply healthz() const {
    return health_reply(sources_.state.snapshot(), sources_.clock.now());
  }
  // The /status reply: every feed's health, the outbox, the last alerts.
  metrics::HttpReply status() const;

  // Starts the endpoint when `config.enabled`; the endpoint must be stopped before `io` ends.
  core::Result<std::unique_ptr<metrics::HttpEndpoint>> serve(boost::asio::io_context& io,
                                                             const config::MetricsConfig& config);

 private:
  struct OutputCounters {
    metrics::Counter delivered;
    metrics::Counter retried;
    metrics::Counter dead;
  };
  OutputCounters& counters_for(const std::string& output);
  metrics::Counter& fetch_counter(const std::string& result);

  MetricsSources sources_;
  core::SystemTime started_;
  metrics::Registry registry_;
  std::map<std::string, OutputCounters> outputs_;
  std::map<std::string, metrics::Counter> fetch_results_;
  metrics::Counter fetch_bytes_;
  metrics::Counter malformed_fetches_;
  metrics::Histogram fetch_duration_;
  metrics::Histogram publication_to_delivery_;
  metrics::Histogram commit_to_delivery_;
  metrics::Counter reloads_ok_;
  metrics::Counter reloads_failed_;
  metrics::Gauge last_reload_ok_;
  std::optional<ReloadRecord> last_reload_;  // for /status; nullopt until the first one
};

}  // namespace feedsentry::app
