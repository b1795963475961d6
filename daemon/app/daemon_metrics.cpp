#include "app/daemon_metrics.h"

#include <nlohmann/json.hpp>

#include "core/time_format.h"
#include "feedsentry/version.h"
#include "metrics/process.h"

namespace feedsentry::app {

namespace {

double seconds_between(core::SystemTime from, core::SystemTime to) {
  return std::chrono::duration<double>(to - from).count();
}

nlohmann::json time_or_null(const std::optional<core::SystemTime>& time) {
  if (!time) return nullptr;
  return core::format_rfc3339(std::chrono::time_point_cast<std::chrono::seconds>(*time));
}

// {"result": "ok"|"failed", "at": time, "error": "file:line:col: message"|null}, or null
// before the first reload: an operator sees why the running config was kept, and since when.
nlohmann::json reload_json(const std::optional<ReloadRecord>& reload) {
  if (!reload) return nullptr;
  return {{"result", reload->ok ? "ok" : "failed"},
          {"at", time_or_null(reload->at)},
          {"error", reload->ok ? nlohmann::json(nullptr) : nlohmann::json(reload->error)}};
}

// The probe runs every 10 s; a snapshot this old means the state thread is stuck.
constexpr auto kProbeStale = std::chrono::seconds(60);

}  // namespace

DaemonMetrics::DaemonMetrics(MetricsSources sources)
    : sources_(std::move(sources)), started_(sources_.clock.now()) {
  metrics::register_process_metrics(registry_);
  const poll::Poller& poller = sources_.poller;
  for (const char* result : {"ok", "unchanged", "not_modified"}) fetch_counter(result);
  fetch_bytes_ = registry_.counter("feedsentry_fetch_bytes_total",
                                   "Body bytes received from feeds, after decompression.");
  malformed_fetches_ = registry_.counter(
      "feedsentry_fetches_malformed_total",
      "Fetches counted as ok whose body was not well-formed: the items recovered from it were "
      "used (the log names the feed).");
  fetch_duration_ = registry_.histogram("feedsentry_fetch_duration_seconds",
                                        "Feed fetch duration, request to last byte.",
                                        metrics::fetch_duration_buckets());
  registry_.gauge_callback(
      "feedsentry_fetch_not_modified_ratio",
      "Share of answered feed fetches that were 304 Not Modified, since start.", [&poller] {
        const poll::PollStats& stats = poller.stats();
        const double answered = static_cast<double>(stats.not_modified + stats.status_200);
        return answered == 0 ? 0.0 : static_cast<double>(stats.not_modified) / answered;
      });
  registry_.counter_callback("feedsentry_items_parsed_total", "Items read from changed feeds.",
                             [&poller] { return static_cast<double>(poller.stats().items); });
  registry_.counter_callback("feedsentry_items_new_total", "Items not seen before.",
                             [&poller] { return static_cast<double>(poller.stats().new_items); });
  registry_.counter_callback("feedsentry_matches_total", "New items that matched a topic.",
                             [&poller] { return static_cast<double>(poller.stats().matches); });
  for (const std::string_view state : poll::kFeedStates) {
    registry_.gauge_callback(
        "feedsentry_feeds", "Feeds polled, by health state.",
        [&poller, state] { return static_cast<double>(poller.feeds_by_state().of(state)); },
        {{"state", std::string(state)}});
  }
  const StateMonitor& state = sources_.state;
  registry_.gauge_callback("feedsentry_outbox_pending", "Deliveries waiting in the outbox.",
                           [&state] { return static_cast<double>(state.snapshot().pending()); });
  registry_.gauge_callback("feedsentry_outbox_dead", "Deliveries in the dead-letter state.",
                           [&state] { return static_cast<double>(state.snapshot().dead()); });
  registry_.gauge_callback(
      "feedsentry_outbox_oldest_pending_age_seconds",
      "Age of the oldest pending delivery; 0 when none is pending.", [this] {
        const auto oldest = sources_.state.snapshot().oldest_pending_since_ms();
        if (!oldest) return 0.0;
        return std::max(0.0,
                        seconds_between(core::from_unix_millis(*oldest), sources_.clock.now()));
      });
  registry_.gauge_callback("feedsentry_state_writable",
                           "1 while the state database takes writes (the health probe).", [&state] {
                             const StateSnapshot snapshot = state.snapshot();
                             return !snapshot.probed || snapshot.writable ? 1.0 : 0.0;
                           });
  publication_to_delivery_ =
      registry_.histogram("feedsentry_publication_to_delivery_seconds",
                          "From the item's publication time to the 2xx of its delivery.",
                          metrics::delivery_latency_buckets());
  commit_to_delivery_ =
      registry_.histogram("feedsentry_outbox_to_delivery_seconds",
                          "From the outbox row's commit to the 2xx of its delivery.",
                          metrics::exponential_buckets(0.001, 4, 12));
  reloads_ok_ = registry_.counter("feedsentry_config_reloads_total",
                                  "Configuration reloads (SIGHUP) by result.", {{"result", "ok"}});
  reloads_failed_ =
      registry_.counter("feedsentry_config_reloads_total",
                        "Configuration reloads (SIGHUP) by result.", {{"result", "failed"}});
  last_reload_ok_ = registry_.gauge("feedsentry_config_last_reload_successful",
                                    "0 when the last reload was rejected (the old config runs).");
  last_reload_ok_.set(1);
}

metrics::Counter& DaemonMetrics::fetch_counter(const std::string& result) {
  auto found = fetch_results_.find(result);
  if (found != fetch_results_.end()) return found->second;
  return fetch_results_
      .emplace(result, registry_.counter("feedsentry_fetches_total",
                                         "Feed fetches by result: ok, unchanged (same body), "
                                         "not_modified (304), or the failure class.",
                                         {{"result", result}}))
      .first->second;
}

void DaemonMetrics::on_fetch(const poll::FetchEvent& event) {
  fetch_counter(event.result).inc();
  if (event.malformed) malformed_fetches_.inc();
  fetch_bytes_.inc(event.bytes);
  fetch_duration_.observe(std::chrono::duration<double>(event.elapsed).count());
}

DaemonMetrics::OutputCounters& DaemonMetrics::counters_for(const std::string& output) {
  auto found = outputs_.find(output);
  if (found != outputs_.end()) return found->second;
  const auto counter = [&](std::string_view result) {
    return registry_.counter("feedsentry_deliveries_total",
                             "Delivery attempts by output and result.",
                             {{"output", output}, {"result", std::string(result)}});
  };
  return outputs_
      .emplace(output, OutputCounters{counter("delivered"), counter("retry"), counter("dead")})
      .first->second;
}

void DaemonMetrics::on_delivery(const alert::DeliveryEvent& event) {
  OutputCounters& counters = counters_for(event.output);
  switch (event.kind) {
    case alert::DeliveryEvent::Kind::kDelivered:
      counters.delivered.inc();
      commit_to_delivery_.observe(seconds_between(event.created, event.at));
      if (event.published) {
        publication_to_delivery_.observe(seconds_between(*event.published, event.at));
      }
      break;
    case alert::DeliveryEvent::Kind::kRetry:
      counters.retried.inc();
      break;
    case alert::DeliveryEvent::Kind::kDead:
      counters.dead.inc();
      break;
  }
}

void DaemonMetrics::on_alert(const alert::Alert& alert) {
  // Registering a series is thread-safe; alerts are rare enough for the lookup.
  for (const alert::TopicHit& topic : alert.topics) {
    registry_
        .counter("feedsentry_alerts_total", "Alerts written to the outbox, by matched topic.",
                 {{"topic", topic.id}})
        .inc();
  }
}

void DaemonMetrics::on_reload(bool ok, const std::string& error) {
  (ok ? reloads_ok_ : reloads_failed_).inc();
  last_reload_ok_.set(ok ? 1 : 0);
  last_reload_ = ReloadRecord{ok, sources_.clock.now(), ok ? std::string() : error};
}

metrics::HttpReply health_reply(const StateSnapshot& snapshot, core::SystemTime now) {
  nlohmann::json body = {{"loop", "alive"}};
  bool healthy = true;
  if (!snapshot.probed) {
    body["state_db"] = "writable";  // opened and migrated in a write transaction at start
  } else if (!snapshot.writable) {
    healthy = false;
    body["state_db"] = "not writable";
    body["problem"] = snapshot.problem;
  } else if (now - snapshot.probed_at > kProbeStale) {
    healthy = false;
    body["state_db"] = "probe stalled";
  } else {
    body["state_db"] = "writable";
  }
  if (snapshot.probed) body["probed_at"] = time_or_null(snapshot.probed_at);
  body["status"] = healthy ? "ok" : "unhealthy";
  return metrics::HttpReply{healthy ? 200u : 503u, "application/json", body.dump() + "\n"};
}

metrics::HttpReply DaemonMetrics::status() const {
  const poll::Poller& poller = sources_.poller;
  const core::SystemTime now = sources_.clock.now();
  nlohmann::json feeds = nlohmann::json::array();
  for (const poll::FeedStatus& feed : poller.feed_statuses()) {
    feeds.push_back({{"id", feed.id},
                     {"name", feed.name},
                     {"url", feed.url},
                     {"state", feed.state},
                     {"last_success", time_or_null(feed.health.last_success)},
                     {"last_error_at", time_or_null(feed.health.last_error_at)},
                     {"last_error_class", feed.health.last_error_class},
                     {"last_error", feed.health.last_error_message},
                     {"consecutive_failures", feed.health.consecutive_failures},
                     {"failing_since", time_or_null(feed.health.failing_since)},
                     {"next_due", time_or_null(feed.health.next_due)},
                     {"last_status", feed.last_status ? nlohmann::json(*feed.last_status)
                                                      : nlohmann::json(nullptr)}});
  }
  nlohmann::json by_state = nlohmann::json::object();
  const poll::FeedStateCounts counts = poller.feeds_by_state();
  for (std::size_t index = 0; index < poll::kFeedStates.size(); ++index) {
    by_state[std::string(poll::kFeedStates[index])] = counts.counts[index];
  }
  const StateSnapshot snapshot = sources_.state.snapshot();
  nlohmann::json outputs = nlohmann::json::object();
  for (const store::OutboxCounts& output : snapshot.outbox) {
    outputs[output.output] = {
        {"pending", output.pending}, {"delivered", output.delivered}, {"dead", output.dead}};
  }
  const auto oldest = snapshot.oldest_pending_since_ms();
  const poll::PollStats& stats = poller.stats();
  const nlohmann::json body = {
      {"version", std::string(kVersion)},
      {"uptime_seconds", seconds_between(started_, now)},
      {"config", sources_.config_path},
      {"last_reload", reload_json(last_reload_)},
      {"feed_count", poller.feed_count()},
      {"feeds_by_state", std::move(by_state)},
      {"fetches", stats.fetches},
      {"failures", stats.failures},
      {"matches", stats.matches},
      {"outbox",
       {{"pending", snapshot.pending()},
        {"dead", snapshot.dead()},
        {"oldest_pending_age_seconds",
         oldest ? nlohmann::json(seconds_between(core::from_unix_millis(*oldest), now))
                : nlohmann::json(nullptr)},
        {"outputs", std::move(outputs)}}},
      {"state_db", snapshot.probed && !snapshot.writable ? "not writable" : "writable"},
      {"feeds", std::move(feeds)},
      {"recent_alerts", sources_.recent.json()},
      {"stories", sources_.stories.json()},
  };
  return metrics::HttpReply{200, "application/json", body.dump() + "\n"};
}

core::Result<std::unique_ptr<metrics::HttpEndpoint>> DaemonMetrics::serve(
    boost::asio::io_context& io, const config::MetricsConfig& config) {
  if (!config.enabled) return std::unique_ptr<metrics::HttpEndpoint>();
  metrics::EndpointOptions options;
  options.host = config.listen_host;
  options.port = config.listen_port;
  metrics::EndpointHandlers handlers;
  handlers.metrics = [this] { return metrics::metrics_reply(registry_); };
  handlers.healthz = [this] { return healthz(); };
  handlers.status = [this] { return status(); };
  return metrics::HttpEndpoint::start(io, options, std::move(handlers));
}

}  // namespace feedsentry::app
