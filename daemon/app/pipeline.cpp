#include "app/pipeline.h"

#include <filesystem>

#include "app/poller_setup.h"

namespace feedsentry::app {

namespace {

core::Result<void> create_state_dir(const config::Config& config) {
  std::error_code error;
  std::filesystem::create_directories(config.state_dir, error);
  if (error) {
    return core::fail(core::ErrorCode::kIo, "cannot create state_dir: " + error.message(),
                      config.state_dir.string());
  }
  return {};
}

}  // namespace

core::Result<store::StateLock> lock_state(const config::Config& config) {
  if (auto created = create_state_dir(config); !created) return tl::unexpected(created.error());
  return store::StateLock::acquire(config.state_dir);
}

core::Result<store::Database> open_state(const config::Config& config, StateConnection connection) {
  if (auto created = create_state_dir(config); !created) return tl::unexpected(created.error());
  store::DatabaseOptions options;
  if (connection == StateConnection::kFurther) {
    options.check_integrity = false;
    options.cache_kib = 2048;  // SQLite's default
  }
  return store::Database::open(config.state_dir / "feedsentry.db", options);
}

Pipeline::Pipeline(boost::asio::io_context& io, std::shared_ptr<LoadedConfig> loaded,
                   store::Database& db, store::Database dispatcher_db, const core::Clock& clock,
                   poll::MatchSink& view)
    : clock_(clock),
      current_(loaded),
      fetcher_(io, fetcher_options(current_->config)),
      dispatcher_(io, fetcher_, std::move(dispatcher_db), clock, current_->outputs.plans,
                  alert::DispatcherOptions{}),
      outbox_sink_(
          db, current_->outputs.routes, [this] { dispatcher_.notify(); },
          grouping_options(current_->config)),
      sink_(view, outbox_sink_),
      poller_(io, fetcher_, db,
              std::shared_ptr<const classify::Classifier>(current_, &current_->classifier), sink_,
              clock, random_, take_polled_feeds(loaded->config), poller_options(current_->config)) {
}

ReloadReport Pipeline::apply(std::shared_ptr<LoadedConfig> next) {
  ReloadReport report;
  const config::Config& old_config = current_->config;
  const config::Config& new_config = next->config;
  if (new_config.state_dir != old_config.state_dir) report.need_restart.push_back("state_dir");
  if (new_config.stories != old_config.stories) report.need_restart.push_back("stories");
  if (new_config.metrics.enabled != old_config.metrics.enabled ||
      new_config.metrics.listen_host != old_config.metrics.listen_host ||
      new_config.metrics.listen_port != old_config.metrics.listen_port) {
    report.need_restart.push_back("metrics");
  }
  const fetch::FetcherOptions old_fetcher = fetcher_options(old_config);
  const fetch::FetcherOptions new_fetcher = fetcher_options(new_config);
  if (old_fetcher.max_host_connections != new_fetcher.max_host_connections ||
      old_fetcher.max_total_connections != new_fetcher.max_total_connections ||
      old_fetcher.max_idle_connections != new_fetcher.max_idle_connections ||
      old_fetcher.dns_cache_ttl != new_fetcher.dns_cache_ttl ||
      old_fetcher.user_agent != new_fetcher.user_agent) {
    report.need_restart.push_back("http (connection pool, default user agent)");
  }
  // Outputs before routes: an alert routed to a new output must find its lane.
  report.outputs = dispatcher_.reconfigure(next->outputs.plans);
  outbox_sink_.set_routes(next->outputs.routes);
  report.feeds =
      poller_.reconfigure(take_polled_feeds(next->config),
                          std::shared_ptr<const classify::Classifier>(next, &next->classifier),
                          poller_options(new_config).policy);
  current_ = std::move(next);
  return report;
}

}  // namespace feedsentry::app
