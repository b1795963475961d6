#include "app/pipeline.h"

#include <filesystem>

#include "app/poller_setup.h"

namespace feedsentry::app {

core::Result<store::Database> open_state(const config::Config& config) {
  std::error_code error;
  std::filesystem::create_directories(config.state_dir, error);
  if (error) {
    return core::fail(core::ErrorCode::kIo, "cannot create state_dir: " + error.message(),
                      config.state_dir.string());
  }
  return store::Database::open(config.state_dir / "feedsentry.db");
}

Pipeline::Pipeline(boost::asio::io_context& io, const LoadedConfig& loaded, store::Database& db,
                   store::Database dispatcher_db, const core::Clock& clock, poll::MatchSink& view)
    : clock_(clock),
      fetcher_(io, fetcher_options(loaded.config)),
      dispatcher_(io, fetcher_, std::move(dispatcher_db), clock, loaded.outputs.plans,
                  alert::DispatcherOptions{}),
      outbox_sink_(db, loaded.outputs.routes, [this] { dispatcher_.notify(); }),
      sink_(view, outbox_sink_),
      poller_(io, fetcher_, db, loaded.classifier, sink_, clock, random_,
              polled_feeds(loaded.config), poller_options(loaded.config)) {}

}  // namespace feedsentry::app
