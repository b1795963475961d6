#pragma once
// The feed poller: schedules every feed (schedule/), fetches it (fetch/), parses and
// classifies changed bodies on a small worker pool, and records the outcome (store/) on a
// dedicated store thread, handing new matching items to a MatchSink. Store steps that pile up
// on the store thread commit together (IngestQueue).
//
// Threads: the io_context thread owns all scheduling state and the network; parse work
// runs on `parse_threads` pool threads; every database access runs on one store thread.
// Results travel between them by posting to the owner's executor. The Poller must outlive
// the io_context run that drives it; stop() then destruction joins the worker threads.
//
// Feed state (validators, schedule, health) is saved in batches, one transaction per
// `persist_every` or `persist_batch` feeds, not one commit per poll; stop(), the end of a
// poll_once round and destruction save whatever is still pending.
#include <array>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "classify/classifier.h"
#include "core/clock.h"
#include "core/url.h"
#include "fetch/http_client.h"
#include "poll/feed_body.h"
#include "poll/ingest_queue.h"
#include "poll/match.h"
#include "poll/poll_stats.h"
#include "poll/request_templates.h"
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
  // How its URL may be shown (kSecret when the config took it from ${ENV}).
  core::UrlSecrecy url_secrecy = core::UrlSecrecy::kPlain;
  fetch::Request request;  // url and limits; validators are filled in per poll
};

// Turns a fetched body into items (parse + classify). Runs on a parse-pool thread; must be
// thread-safe. Replaceable so tests can observe or gate the CPU stage.
using BodyProcessor = std::function<ProcessedBody(
    const std::string& body, const std::string& base_url, const std::string& content_type,
    std::shared_ptr<const RecentItems> recent, const classify::Classifier& classifier,
    classify::Workspace& workspace)>;

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

// One finished poll, for metrics: told on the io thread once its outcome is known (after
// parsing and storing, so a parse failure counts as "parse").
struct FetchEvent {
  // "ok", "unchanged" (same body as last time), "not_modified" (304), or the failure class
  // ("timeout", "http_503", "parse", …).
  std::string result;
  long status = 0;
  std::size_t bytes = 0;  // decoded body bytes received
  std::chrono::milliseconds elapsed{0};
  bool malformed = false;  // "ok", but the body was not well-formed: its items were recovered
};

// Where a feed stands, for /status and metrics.
struct FeedStatus {
  std::string id;  // the configured URL, redacted
  std::string name;
  std::string url;    // current URL (after permanent redirects), redacted
  std::string state;  // "new", "ok", "failing", "degraded"
  schedule::FeedHealth health;
  std::optional<int> last_status;
};

// "new" (never polled), "ok", "failing", or "degraded" (failing for longer than
// policy.degraded_after, which was logged).
inline constexpr std::array<std::string_view, 4> kFeedStates{"new", "ok", "failing", "degraded"};
std::string_view feed_state_name(const schedule::FeedHealth& health);

// How many feeds are in each of kFeedStates, counted in one pass without allocating: a
// metrics scrape of 100,000 feeds asks for it once per state.
struct FeedStateCounts {
  std::array<std::size_t, kFeedStates.size()> counts{};
  std::size_t of(std::string_view state) const;  // 0 for a name not in kFeedStates
};

// What a reconfigure() changed.
struct ReloadSummary {
  std::size_t added = 0;
  std::size_t removed = 0;
  std::size_t changed = 0;
  std::size_t unchanged = 0;
};

// Outcome of one feed in `once` mode.
struct FeedOutcome {
  std::string feed_id;  // the configured URL: report it only through feed_label
  std::string name;
  core::UrlSecrecy url_secrecy = core::UrlSecrecy::kPlain;
  bool ok = false;
  std::string error;  // class and message, URL redacted
  std::size_t new_items = 0;
  std::size_t matches = 0;
};

class Poller {
 public:
  Poller(boost::asio::io_context& io, fetch::HttpClient& http, store::Database& db,
         std::shared_ptr<const classify::Classifier> classifier, MatchSink& sink,
         const core::Clock& clock, schedule::Random& random, std::vector<PolledFeed> feeds,
         PollerOptions options);
  // For callers whose classifier outlives the Poller (tests, `once`).
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

  // Live reload, on the io thread, daemon mode. Feeds are matched by id: new ones load
  // their persisted state (on the store thread) and then start; removed ones leave the
  // schedule (a fetch in flight still finishes and is recorded); kept ones keep their state,
  // validators and due time, and take the new settings from their next poll. Bodies parsed
  // from now on use `classifier`. The policy's limits apply to the next starts.
  ReloadSummary reconfigure(std::vector<PolledFeed> feeds,
                            std::shared_ptr<const classify::Classifier> classifier,
                            const schedule::Policy& policy);

  // Told about every finished fetch, on the io thread.
  void set_fetch_observer(std::function<void(const FetchEvent&)> observer) {
    fetch_observer_ = std::move(observer);
  }

  const PollStats& stats() const { return stats_; }
  // Feeds in the schedule (removed ones excluded). Io thread.
  std::size_t feed_count() const { return active_feeds_; }
  // Every scheduled feed's health, in config order. Io thread.
  std::vector<FeedStatus> feed_statuses() const;
  // Feeds per FeedStatus::state. Io thread.
  FeedStateCounts feeds_by_state() const;

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
  void adopt_loaded_state(FeedRuntime& feed, const store::FeedState& state);
  schedule::FeedIndex add_feed(PolledFeed&& config);  // appended, indexed, not scheduled
  void adopt_config(FeedRuntime& feed, PolledFeed&& config);
  void report_fetch(const fetch::Response& response, const std::string& result,
                    bool malformed = false) const;
  void log_failure_change(const FeedRuntime& feed, const std::string& error_class,
                          const std::string& message, core::Duration retry_in) const;

  boost::asio::io_context& io_;
  fetch::HttpClient& http_;
  store::Database& db_;
  std::shared_ptr<const classify::Classifier> classifier_;
  MatchSink& sink_;
  const core::Clock& clock_;
  schedule::Random& random_;
  PollerOptions options_;
  // Indexes are stable: a removed feed stays here, retired, and is revived if it comes back.
  RequestTemplates request_templates_;  // before feeds_: they hold its templates
  std::vector<std::unique_ptr<FeedRuntime>> feeds_;
  std::unordered_map<std::string, schedule::FeedIndex> index_by_id_;
  std::size_t active_feeds_ = 0;
  bool started_ = false;
  std::function<void(const FetchEvent&)> fetch_observer_;
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
  core::SystemTime last_dispatch_{};
  // Before the threads: their tasks use it until they are joined.
  IngestQueue ingest_queue_;
  // Declared last: destroyed (joined) first, while everything their tasks touch still exists.
  boost::asio::thread_pool store_thread_{1};
  boost::asio::thread_pool parse_pool_;
};

}  // namespace feedsentry::poll
