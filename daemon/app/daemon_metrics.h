#pragma once
// The daemon's Prometheus metrics: poll counters read from the poller at scrape time,
// delivery outcomes by output and result, publication-to-delivery and commit-to-delivery
// latency, and process figures; plus the HTTP endpoint (/metrics, /healthz, /status) on the
// daemon's io_context. Everything here runs on the io thread.
#include <boost/asio/io_context.hpp>
#include <map>
#include <memory>
#include <string>

#include "alert/dispatcher.h"
#include "config/config.h"
#include "core/result.h"
#include "metrics/http_endpoint.h"
#include "metrics/registry.h"
#include "poll/poller.h"

namespace feedsentry::app {

class DaemonMetrics {
 public:
  explicit DaemonMetrics(const poll::Poller& poller);

  void on_delivery(const alert::DeliveryEvent& event);
  metrics::Registry& registry() { return registry_; }

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

  const poll::Poller& poller_;
  metrics::Registry registry_;
  std::map<std::string, OutputCounters> outputs_;
  metrics::Histogram publication_to_delivery_;
  metrics::Histogram commit_to_delivery_;
};

}  // namespace feedsentry::app
