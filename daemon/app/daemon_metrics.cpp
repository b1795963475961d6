#include "app/daemon_metrics.h"

#include <nlohmann/json.hpp>

#include "metrics/process.h"

namespace feedsentry::app {

namespace {

double seconds_between(core::SystemTime from, core::SystemTime to) {
  return std::chrono::duration<double>(to - from).count();
}

}  // namespace

DaemonMetrics::DaemonMetrics(const poll::Poller& poller) : poller_(poller) {
  metrics::register_process_metrics(registry_);
  const auto fetch_result = [this](std::string_view result, auto read) {
    registry_.counter_callback("feedsentry_fetches_total", "Feed fetches by result.",
                               [this, read] { return static_cast<double>(read(poller_.stats())); },
                               {{"result", std::string(result)}});
  };
  fetch_result("ok_200", [](const poll::PollStats& s) { return s.status_200 - s.unchanged_body; });
  fetch_result("unchanged_200", [](const poll::PollStats& s) { return s.unchanged_body; });
  fetch_result("not_modified_304", [](const poll::PollStats& s) { return s.not_modified; });
  fetch_result("failed", [](const poll::PollStats& s) { return s.failures; });
  registry_.counter_callback("feedsentry_items_parsed_total", "Items read from changed feeds.",
                             [this] { return static_cast<double>(poller_.stats().items); });
  registry_.counter_callback("feedsentry_items_new_total", "Items not seen before.",
                             [this] { return static_cast<double>(poller_.stats().new_items); });
  registry_.counter_callback("feedsentry_matches_total", "New items that matched a topic.",
                             [this] { return static_cast<double>(poller_.stats().matches); });
  registry_.gauge_callback("feedsentry_feeds", "Feeds polled.",
                           [this] { return static_cast<double>(poller_.feed_count()); });
  publication_to_delivery_ =
      registry_.histogram("feedsentry_publication_to_delivery_seconds",
                          "From the item's publication time to the 2xx of its delivery.",
                          metrics::delivery_latency_buckets());
  commit_to_delivery_ =
      registry_.histogram("feedsentry_outbox_to_delivery_seconds",
                          "From the outbox row's commit to the 2xx of its delivery.",
                          metrics::exponential_buckets(0.001, 4, 12));
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

core::Result<std::unique_ptr<metrics::HttpEndpoint>> DaemonMetrics::serve(
    boost::asio::io_context& io, const config::MetricsConfig& config) {
  if (!config.enabled) return std::unique_ptr<metrics::HttpEndpoint>();
  metrics::EndpointOptions options;
  options.host = config.listen_host;
  options.port = config.listen_port;
  metrics::EndpointHandlers handlers;
  handlers.metrics = [this] { return metrics::metrics_reply(registry_); };
  handlers.healthz = [] {
    return metrics::HttpReply{200, "application/json",
                              R"({"status":"ok"})"
                              "\n"};
  };
  handlers.status = [this] {
    const poll::PollStats& stats = poller_.stats();
    const nlohmann::json body = {{"feeds", poller_.feed_count()},
                                 {"fetches", stats.fetches},
                                 {"failures", stats.failures},
                                 {"matches", stats.matches}};
    return metrics::HttpReply{200, "application/json", body.dump() + "\n"};
  };
  return metrics::HttpEndpoint::start(io, options, std::move(handlers));
}

}  // namespace feedsentry::app
