#pragma once
// The feed poller: schedules every feed (schedule/), fetches it (fetch/), parses and
// classifies changed bodies on a small worker pool, and records the outcome (store/) on a
// dedicated store thread, handing new matching items to a MatchSink.
//
// Threads: the io_context thread owns all scheduling state and the network; parse work
// runs on `parse_threads` pool threads; every database access runs on one store thread.
// Results travel between them by posting to the owner's executor. The Poller must outlive
// the io_context run that drives it; stop() then destruction joins the worker threads.
//
// Feed state (validators, schedule, health) is saved in batches, one transaction per
// `persist_every` or `persist_batch` feeds, not one commit per poll; stop(), the end of a
// poll_once round and destruction save whatever is still pending.
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "classify/classifier.h"
#include "core/clock.h"
#include "fetch/http_client.h"
#include "poll/feed_body.h"
#include "poll/match.h"
#include "poll/poll_stats.h"
#include "schedule/due_queue.h"
#include "schedule/feed_health.h"
#include "schedule/host_limiter.h"
#include "schedule/policy.h"
#include "schedule/random.h"
#include "store/database.h"
#include "store/feed_state.h"

namespace feedsentry::poll {

struct PolledFeed {
  std::string id;  // the configured URL: stable across redirects, the state key
  std::string name;
  std::vector<std::string> tags;
  core::Duration interval = std::chrono::minutes(5);
  core::Duration backfill = std::chrono::hours(6);
  fetch::Request request;  // url and limits; validators are filled in per poll
};

// Turns a fetched body into items (parse + classify). Runs on a parse-pool thread; must be
// thread-safe. Replaceable so tests can observe or gate the CPU stage.
using BodyProcessor = std::function<ProcessedBody(
    const std::string& body, const std::string& base_url, const std::string& content_type,
    const classify::Classifier& classifier, classify::Workspace& workspace)>;

struct PollerOptions {
  schedule::Policy policy;
  int parse_threads = 2;
  core::Duration prune_after = std::chrono::days(90);
  // Dirty feed states are written together at most this long after a poll, or as soon as
  // this many are pending, in one transaction.
  std::chrono::milliseconds persist_every{500};
  std::size_t persist_batch = 1024;
  // Fetch starts are aligned to this grid, so feeds due within one step share one wake-up
  // instead of one timer (and one timerfd syscall) each. Bounds the added start delay.
  std::chrono::milliseconds wake_granularity{50};
  // Bodies (bytes) handed to parsing and storing but not finished yet. While more are
  // pending no new fetch starts: at a cold start every feed answers 200 at once, faster
  // than they can be parsed, and their bodies would otherwise pile up in memory.
  std::size_t max_pending_body_bytes = 16u << 20;
  BodyProcessor process_body;  // empty: poll::process_body
};

// Outcome of one feed in `once` mode.
struct FeedOutcome {
  std::string feed_id;
  std::string name;
  bool ok = false;
  std::string error;  // class and message, URL redacted
  std::size_t new_items = 0;
  std::size_t matches = 0;
};

class Poller {
 public:
  Poller(boost::asio::io_context& io, fetch::HttpClient& http, store::Database& db,
         const classify::Classifier& classifier, MatchSink& sink, const core::Clock& clock,
         schedule::Random& random, std::vector<PolledFeed> feeds, PollerOptions options);
  ~Poller();
  Poller(const Poller&) = delete;
  Poller& operator=(const Poller&) = delete;

  // Daemon mode: loads persisted state, spreads the first polls, then polls forever.
  void start();
  // Polls every feed once (ignoring due times, honouring host limits); calls `done` on the
  // io thread when all have finished and their state is saved. May be called again after
  // `done` has run.
  void poll_once(std::function<void(std::vector<FeedOutcome>)> done);
  // Stops scheduling new fetches and saves the state of every feed polled so far (on the
  // store thread, before destruction returns); in-flight work finishes and is recorded.
  void stop();

  const PollStats& stats() const { return stats_; }
  std::size_t feed_count() const { return feeds_.size(); }

 private:
  struct FeedRuntime;

  void load_state();
  void dispatch();
  void arm_timer();
  void start_fetch(schedule::FeedIndex index, core::SystemTime due);
  void on_fetched(schedule::FeedIndex index, fetch::Response response);
  void on_processed(schedule::FeedIndex index, std::shared_ptr<fetch::Response> response,
                    std::shared_ptr<ProcessedBody> body);
  void body_finished(std::size_t bytes);
  bool pipeline_full() const;
  void finish_success(schedule::FeedIndex index, const fetch::Response& response,
                      const ProcessedBody* body, std::size_t new_items, std::size_t matches);
  void finish_failure(schedule::FeedIndex index, const fetch::Response& response,
                      const std::string& error_class, const std::string& message);
  void persist(schedule::FeedIndex index);
  void flush_states();
  void reschedule(schedule::FeedIndex index, core::SystemTime next_due);
  void feed_done(schedule::FeedIndex index, bool ok, std::string error, std::size_t new_items,
                 std::size_t matches);
  void prune_seen();

  boost::asio::io_context& io_;
  fetch::HttpClient& http_;
  store::Database& db_;
  const classify::Classifier& classifier_;
  MatchSink& sink_;
  const core::Clock& clock_;
  schedule::Random& random_;
  PollerOptions options_;
  std::vector<std::unique_ptr<FeedRuntime>> feeds_;
  schedule::DueQueue queue_;
  schedule::HostLimiter limiter_;
  boost::asio::steady_timer timer_;
  std::optional<std::chrono::steady_clock::time_point> timer_armed_for_;
  boost::asio::steady_timer persist_timer_;
  bool persist_armed_ = false;
  std::vector<bool> dirty_;
  std::vector<schedule::FeedIndex> dirty_list_;
  std::size_t pending_body_bytes_ = 0;
  std::size_t pending_bodies_ = 0;
  PollStats stats_;
  bool stopping_ = false;
  bool once_ = false;
  std::size_t once_remaining_ = 0;
  std::vector<FeedOutcome> once_outcomes_;
  std::function<void(std::vector<FeedOutcome>)> once_done_;
  core::SystemTime last_prune_{};
  // Declared last: destroyed (joined) first, while everything their tasks touch still exists.
  boost::asio::thread_pool store_thread_{1};
  boost::asio::thread_pool parse_pool_;
};

}  // namespace feedsentry::poll
