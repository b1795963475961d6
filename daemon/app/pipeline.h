#pragma once
// One running instance of the daemon's pipeline on an io_context, built from a loaded config:
// the fetcher, the outbox dispatcher (its own state connection), the outbox writer with its
// story index, and the poller (the shared state connection `db`). Members are declared in
// dependency order, so destruction stops the poller before what it feeds.
#include <boost/asio/io_context.hpp>
#include <memory>
#include <string>
#include <vector>

#include "alert/dispatcher.h"
#include "app/loaded_config.h"
#include "app/match_sinks.h"
#include "app/outbox_sink.h"
#include "core/clock.h"
#include "fetch/fetcher.h"
#include "poll/poller.h"
#include "schedule/random.h"
#include "store/database.h"
#include "store/state_lock.h"

namespace feedsentry::app {

// Takes the state directory's exclusive lock (creating the directory), for a process that
// polls and delivers: `run` and `once`. Before open_state, so no second process migrates or
// writes the file while the first one runs.
core::Result<store::StateLock> lock_state(const config::Config& config);

// Opens (creating the directory) the state database of `config`. `check_integrity`: false
// for a process's further connections, after the first one checked the file.
// The first connection of a process checks the file's integrity and gets the big page
// cache; further connections (dispatcher, health probe) skip the check, with a small cache.
enum class StateConnection { kFirst, kFurther };
core::Result<store::Database> open_state(const config::Config& config,
                                         StateConnection connection = StateConnection::kFirst);

// What a live reload changed, and which changed settings only a restart applies.
struct ReloadReport {
  poll::ReloadSummary feeds;
  alert::Dispatcher::ReloadSummary outputs;
  std::vector<std::string> need_restart;  // config keys, e.g. "state_dir"
};

class Pipeline {
 public:
  // `view`: an extra sink that sees every match before the outbox (a log or stdout view).
  // Takes the feed list out of `loaded` (and of `next` in apply): the poller owns it then.
  Pipeline(boost::asio::io_context& io, std::shared_ptr<LoadedConfig> loaded, store::Database& db,
           store::Database dispatcher_db, const core::Clock& clock, poll::MatchSink& view);

  // Live reload, on the io thread: swaps in `next`'s feeds, rules and outputs, keeping all
  // state (see Poller::reconfigure, Dispatcher::reconfigure). Settings fixed at start-up
  // (state_dir, metrics endpoint, connection pool) are named in need_restart.
  ReloadReport apply(std::shared_ptr<LoadedConfig> next);
  const LoadedConfig& current() const { return *current_; }
  std::shared_ptr<const LoadedConfig> current_shared() const { return current_; }

  // Rebuilds the story window from the state file. Before start()/poll_once().
  core::Result<void> load_stories() { return outbox_sink_.load_stories(clock_.now()); }

  fetch::Fetcher& fetcher() { return fetcher_; }
  alert::Dispatcher& dispatcher() { return dispatcher_; }
  OutboxSink& outbox_sink() { return outbox_sink_; }
  poll::Poller& poller() { return poller_; }

 private:
  const core::Clock& clock_;
  std::shared_ptr<const LoadedConfig> current_;
  schedule::SystemRandom random_;
  fetch::Fetcher fetcher_;
  alert::Dispatcher dispatcher_;
  OutboxSink outbox_sink_;
  TeeMatchSink sink_;
  poll::Poller poller_;
};

}  // namespace feedsentry::app
