#pragma once
// One running instance of the daemon's pipeline on an io_context, built from a loaded config:
// the fetcher, the outbox dispatcher (its own state connection), the outbox writer with its
// story index, and the poller (the shared state connection `db`). Members are declared in
// dependency order, so destruction stops the poller before what it feeds.
#include <boost/asio/io_context.hpp>
#include <memory>

#include "alert/dispatcher.h"
#include "app/loaded_config.h"
#include "app/match_sinks.h"
#include "app/outbox_sink.h"
#include "core/clock.h"
#include "fetch/fetcher.h"
#include "poll/poller.h"
#include "schedule/random.h"
#include "store/database.h"

namespace feedsentry::app {

// Opens (creating the directory) the state database of `config`.
core::Result<store::Database> open_state(const config::Config& config);

class Pipeline {
 public:
  // `view`: an extra sink that sees every match before the outbox (a log or stdout view).
  Pipeline(boost::asio::io_context& io, const LoadedConfig& loaded, store::Database& db,
           store::Database dispatcher_db, const core::Clock& clock, poll::MatchSink& view);

  // Rebuilds the story window from the state file. Before start()/poll_once().
  core::Result<void> load_stories() { return outbox_sink_.load_stories(clock_.now()); }

  fetch::Fetcher& fetcher() { return fetcher_; }
  alert::Dispatcher& dispatcher() { return dispatcher_; }
  poll::Poller& poller() { return poller_; }

 private:
  const core::Clock& clock_;
  schedule::SystemRandom random_;
  fetch::Fetcher fetcher_;
  alert::Dispatcher dispatcher_;
  OutboxSink outbox_sink_;
  TeeMatchSink sink_;
  poll::Poller poller_;
};

}  // namespace feedsentry::app
