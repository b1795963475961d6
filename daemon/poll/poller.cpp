#include "poll/poller.h"

#include <spdlog/spdlog.h>

#include <boost/asio/post.hpp>

#include "core/text.h"
#include "poll/feed_body.h"
#include "poll/feed_health_state.h"
#include "poll/feed_ingest.h"
#include "poll/feed_url.h"
#include "poll/ingest_queue.h"
#include "schedule/next_poll.h"
#include "schedule/server_hints.h"
#include "schedule/startup.h"
#include "store/feed_state_store.h"
#include "store/seen_store.h"

namespace feedsentry::poll {

// PolledFeed minus its Request: the limits are shared (RequestTemplates), only the URL is
// kept per feed. This is most of the poller's memory at 100,000 feeds.
struct Poller::FeedRuntime {
  std::string id;
  std::string name;
  std::vector<std::string> tags;
  core::Duration interval{};
  core::Duration backfill{};
  std::string url;  // polled now: the configured one, or where a permanent redirect led
  std::shared_ptr<const fetch::Request> limits;
  std::string host;
  store::FeedState state;  // its feed_id stays empty: `id` is filled in when it is saved
  schedule::FeedHealth health;
  std::shared_ptr<const RecentItems> recent;  // what its last store steps recorded
  core::SystemTime due{};
  core::UrlSecrecy url_secrecy = core::UrlSecrecy::kPlain;
  bool malformed = false;  // its last parsed body was not well-formed (logged when it turned so)
  bool retired = false;    // removed by a reload; a fetch in flight still finishes
  bool loading = false;    // added by a reload; its state is being read
  // From start_fetch until its outcome reschedules the feed: a feed removed and added back
  // meanwhile is queued by that outcome, never a second time beside it.
  bool fetching = false;

  // How log lines name the feed (computed when logged: the poller holds 100,000 feeds).
  std::string label() const { return feed_label(name, url, url_secrecy); }
};

namespace {

constexpr auto kPruneEvery = std::chrono::hours(1);

std::string body_hash(const std::string& body) {
  return core::to_hex(core::stable_hash(body));
}

std::string error_class_of(const fetch::Response& response) {
  if (response.error == fetch::ErrorClass::kHttpStatus) {
    return "http_" + std::to_string(response.status);
  }
  return std::string(fetch::error_class_name(response.error));
}

double milliseconds_between(core::SystemTime from, core::SystemTime to) {
  return std::chrono::duration<double, std::milli>(to - from).count();
}

// The first point of the `step` grid at or after `at` (steady clock epoch).
std::chrono::steady_clock::time_point align_up(std::chrono::steady_clock::time_point at,
                                               std::chrono::milliseconds step) {
  using Steady = std::chrono::steady_clock;
  if (step <= std::chrono::milliseconds::zero()) return at;
  const auto grid = std::chrono::duration_cast<Steady::duration>(step);
  const auto since_epoch = at.time_since_epoch();
  const auto remainder = since_epoch % grid;
  return remainder == Steady::duration::zero() ? at : at + (grid - remainder);
}

// See RecentItems: members' last_seen then lags by less than twice the store's resolution.
constexpr core::Duration kRecentItemsValidity = store::SeenStore::kDefaultLastSeenResolution;

// The feed's RecentItems after a store step at `now` recorded `recorded`: the set it was
// checked against plus those, or, when none was valid (every item went through the store),
// a new set from now.
std::shared_ptr<const RecentItems> next_recent_items(
    const std::shared_ptr<const RecentItems>& checked_against, core::SystemTime now,
    std::vector<std::uint64_t> recorded) {
  if (checked_against) {
    if (recorded.empty()) return checked_against;
    return std::make_shared<const RecentItems>(checked_against->with(std::move(recorded)));
  }
  return std::make_shared<const RecentItems>(now, std::move(recorded));
}

classify::Workspace& thread_workspace() {
  thread_local classify::Workspace workspace;
  return workspace;
}

}  // namespace

Poller::Poller(boost::asio::io_context& io, fetch::HttpClient& http, store::Database& db,
               const classify::Classifier& classifier, MatchSink& sink, const core::Clock& clock,
               schedule::Random& random, std::vector<PolledFeed> feeds, PollerOptions options)
    : Poller(io, http, db,
             // Not owned: the caller keeps the classifier alive.
             std::shared_ptr<const classify::Classifier>(
                 std::shared_ptr<const classify::Classifier>(), &classifier),
             sink, clock, random, std::move(feeds), std::move(options)) {}

Poller::Poller(boost::asio::io_context& io, fetch::HttpClient& http, store::Database& db,
               std::shared_ptr<const classify::Classifier> classifier, MatchSink& sink,
               const core::Clock& clock, schedule::Random& random, std::vector<PolledFeed> feeds,
               PollerOptions options)
    : io_(io),
      http_(http),
      db_(db),
      classifier_(std::move(classifier)),
      sink_(sink),
      clock_(clock),
      random_(random),
      options_(std::move(options)),
      limiter_(options_.policy),
      timer_(io),
      persist_timer_(io),
      ingest_queue_(io, store_thread_, db, sink),
      parse_pool_(static_cast<std::size_t>(std::max(1, options_.parse_threads))) {
  ingest_queue_.set_batch_observer([this](std::size_t steps) {
    ++stats_.ingest_transactions;
    stats_.largest_ingest_batch = std::max(stats_.largest_ingest_batch, steps);
  });
  for (PolledFeed& feed : feeds) add_feed(std::move(feed));
  active_feeds_ = feeds_.size();
  if (!options_.process_body) options_.process_body = &process_body;
  load_state();
}

Poller::~Poller() {
  stopping_ = true;
  parse_pool_.join();
  flush_states();  // whatever the io thread recorded last; runs before the join below returns
  store_thread_.join();
}

// Runs before the io_context does, so the database has no other user yet.
void Poller::load_state() {
  store::FeedStateStore states(db_);
  for (auto& feed : feeds_) {
    const auto loaded = states.load(feed->id);
    if (!loaded) {
      spdlog::error("state of feed {}: {}", feed->label(), loaded.error().describe());
      continue;
    }
    if (loaded->has_value()) adopt_loaded_state(*feed, **loaded);
  }
}

void Poller::adopt_loaded_state(FeedRuntime& feed, const store::FeedState& state) {
  feed.state = state;
  feed.state.feed_id.clear();
  feed.health = health_from_state(feed.state);
  if (!feed.state.current_url.empty()) feed.url = feed.state.current_url;
  feed.host = host_key(feed.url);
}

schedule::FeedIndex Poller::add_feed(PolledFeed&& config) {
  auto runtime = std::make_unique<FeedRuntime>();
  runtime->url = config.request.url;
  runtime->host = host_key(runtime->url);
  adopt_config(*runtime, std::move(config));
  const schedule::FeedIndex index = feeds_.size();
  index_by_id_.emplace(runtime->id, index);
  feeds_.push_back(std::move(runtime));
  dirty_.push_back(false);
  return index;
}

// Everything of `config` but its URL, which stays as polled (a permanent redirect is kept
// across reloads: the config still names the old URL).
void Poller::adopt_config(FeedRuntime& feed, PolledFeed&& config) {
  feed.id = std::move(config.id);
  feed.name = std::move(config.name);
  feed.tags = std::move(config.tags);
  feed.interval = config.interval;
  feed.backfill = config.backfill;
  feed.url_secrecy = config.url_secrecy;
  feed.limits = request_templates_.intern(config.request);
}

void Poller::start() {
  started_ = true;
  const core::SystemTime now = clock_.now();
  for (std::size_t index = 0; index < feeds_.size(); ++index) {
    FeedRuntime& feed = *feeds_[index];
    const core::SystemTime due =
        schedule::initial_due(feed.id, feed.state.next_due, now, feed.interval, options_.policy);
    queue_.schedule(index, due);
  }
  boost::asio::post(io_, [this] { dispatch(); });
  prune_seen();
}

void Poller::poll_once(std::function<void(std::vector<FeedOutcome>)> done) {
  once_ = true;
  once_done_ = std::move(done);
  once_outcomes_.clear();
  once_remaining_ = feeds_.size();
  if (feeds_.empty()) {
    boost::asio::post(io_, [this] { once_done_({}); });
    return;
  }
  const core::SystemTime now = clock_.now();
  for (std::size_t index = 0; index < feeds_.size(); ++index) queue_.schedule(index, now);
  boost::asio::post(io_, [this] { dispatch(); });
}

void Poller::stop() {
  stopping_ = true;
  timer_.cancel();
  timer_armed_for_.reset();
  flush_states();
}

bool Poller::pipeline_full() const {
  return pending_bodies_ > 0 && pending_body_bytes_ >= options_.max_pending_body_bytes;
}

void Poller::dispatch() {
  // A full pipeline resumes dispatching when a body finishes (body_finished).
  if (stopping_ || pipeline_full()) return;
  const core::SystemTime now = clock_.now();
  last_dispatch_ = now;
  const auto host_of = [this](schedule::FeedIndex index) -> std::string_view {
    return feeds_[index]->host;
  };
  for (const schedule::ReadyFeed& ready : queue_.pop_ready(now, limiter_, host_of)) {
    start_fetch(ready.feed, ready.due);
  }
  arm_timer();
}

void Poller::arm_timer() {
  const core::SystemTime now = clock_.now();
  const std::optional<core::SystemTime> wake = queue_.next_wakeup(now, limiter_);
  // Without a wake time a pending wait is left alone: dispatching early finds nothing due.
  if (!wake || stopping_) return;
  const auto delay =
      std::max(core::Duration::zero(), std::chrono::duration_cast<core::Duration>(*wake - now));
  const auto at = align_up(std::chrono::steady_clock::now() + delay, options_.wake_granularity);
  // An earlier wait is kept (its dispatch re-arms for this one): re-arming costs a syscall.
  if (timer_armed_for_ && *timer_armed_for_ <= at) return;
  timer_armed_for_ = at;
  timer_.expires_at(at);
  timer_.async_wait([this](const boost::system::error_code& error) {
    if (error) return;  // replaced by an earlier wait, or stopped
    timer_armed_for_.reset();
    dispatch();
  });
}

void Poller::start_fetch(schedule::FeedIndex index, core::SystemTime due) {
  FeedRuntime& feed = *feeds_[index];
  const core::SystemTime now = clock_.now();
  stats_.start_delays.record_ms(milliseconds_between(due, now));
  ++stats_.fetches;
  feed.due = due;
  feed.fetching = true;
  fetch::Request request = *feed.limits;
  request.url = feed.url;
  request.etag = feed.state.etag;
  request.last_modified = feed.state.last_modified;
  request.expect_feed = true;
  feed.state.last_attempt = now;
  http_.fetch(std::move(request),
              [this, index](fetch::Response response) { on_fetched(index, std::move(response)); });
}

void Poller::on_fetched(schedule::FeedIndex index, fetch::Response response) {
  FeedRuntime& feed = *feeds_[index];
  limiter_.finished(feed.host, clock_.now());

  if (!response.ok()) {
    finish_failure(index, response, error_class_of(response), response.error_message);
    return;
  }
  if (response.permanent_redirect_url && *response.permanent_redirect_url != feed.url) {
    spdlog::warn("feed {} moved permanently to {}; polling the new URL from now on", feed.label(),
                 core::redact_url(*response.permanent_redirect_url, feed.url_secrecy));
    feed.url = *response.permanent_redirect_url;
    feed.state.current_url = feed.url;
    feed.host = host_key(feed.url);
  }
  if (response.not_modified()) {
    ++stats_.not_modified;
    finish_success(index, response, nullptr, 0, 0);
    return;
  }
  ++stats_.status_200;
  // Hashing and parsing happen on the pool: a multi-megabyte body must not hold up the
  // network thread. Only the previous hash travels, the feed's state stays on this thread.
  const std::string previous_hash = feed.state.first_fetch_done ? feed.state.body_hash : "";
  std::shared_ptr<const RecentItems> recent;
  if (feed.recent && feed.recent->valid_at(clock_.now(), kRecentItemsValidity)) {
    recent = feed.recent;
  }
  pending_body_bytes_ += response.body.size();
  ++pending_bodies_;
  auto shared_response = std::make_shared<fetch::Response>(std::move(response));
  const std::string& base =
      shared_response->effective_url.empty() ? feed.url : shared_response->effective_url;
  boost::asio::post(
      parse_pool_, [this, index, shared_response, previous_hash, base = std::string(base),
                    recent = std::move(recent), classifier = classifier_] {
        std::string hash = body_hash(shared_response->body);
        std::shared_ptr<ProcessedBody> body;
        if (hash != previous_hash) {
          body = std::make_shared<ProcessedBody>(
              options_.process_body(shared_response->body, base, shared_response->content_type,
                                    recent, *classifier, thread_workspace()));
        }
        boost::asio::post(io_, [this, index, shared_response, body, hash = std::move(hash)] {
          FeedRuntime& feed = *feeds_[index];
          if (!body) {
            ++stats_.unchanged_body;  // same bytes as last time: nothing new to parse
            body_finished(shared_response->body.size());
            finish_success(index, *shared_response, nullptr, 0, 0);
            return;
          }
          feed.state.body_hash = hash;
          on_processed(index, shared_response, body);
        });
      });
}

void Poller::body_finished(std::size_t bytes) {
  const bool was_full = pipeline_full();
  pending_body_bytes_ -= std::min(bytes, pending_body_bytes_);
  if (pending_bodies_ > 0) --pending_bodies_;
  if (was_full && !pipeline_full()) {
    boost::asio::post(io_, [this] { dispatch(); });
  }
}

void Poller::on_processed(schedule::FeedIndex index, std::shared_ptr<fetch::Response> response,
                          std::shared_ptr<ProcessedBody> body) {
  FeedRuntime& feed = *feeds_[index];
  if (body->not_a_feed) {
    feed.state.body_hash.clear();  // parse it again next time, it may be fixed
    body_finished(response->body.size());
    finish_failure(index, *response, "parse",
                   body->problem.empty() ? std::string("not a feed") : body->problem);
    return;
  }
  // A publisher's broken feed is logged when it breaks and when it is fixed, not at every poll.
  if (!body->problem.empty()) {
    spdlog::log(feed.malformed ? spdlog::level::debug : spdlog::level::warn,
                "feed {} is not well-formed ({}); using the {} items recovered", feed.label(),
                body->problem, body->items.size());
    feed.malformed = true;
  } else if (feed.malformed) {
    spdlog::info("feed {} is well-formed again", feed.label());
    feed.malformed = false;
  }
  IngestQueue::Step step;
  step.feed = {feed.id, feed.name, feed.url, feed.tags, feed.url_secrecy};
  step.options = {!feed.state.first_fetch_done, feed.backfill};
  step.now = clock_.now();
  step.items = std::shared_ptr<const std::vector<ClassifiedItem>>(body, &body->items);
  step.may_alert = may_alert(body->items);
  step.done = [this, index, body, response, now = step.now](core::Result<IngestResult> result) {
    FeedRuntime& feed = *feeds_[index];
    body_finished(response->body.size());
    if (!result) {
      feed.state.body_hash.clear();  // not recorded: process the same body again
      feed.recent.reset();           // nor trust what is known of it
      spdlog::error("feed {}: could not record items: {}", feed.label(), result.error().describe());
      finish_failure(index, *response, "store", result.error().describe());
      return;
    }
    feed.recent = next_recent_items(body->recent, now, std::move(result->recorded));
    stats_.items += result->items;
    stats_.new_items += result->new_items;
    stats_.matches += result->matches;
    stats_.items_recorded_recently += result->recorded_recently;
    finish_success(index, *response, body.get(), result->new_items, result->matches);
  };
  ingest_queue_.submit(std::move(step));
}

void Poller::finish_success(schedule::FeedIndex index, const fetch::Response& response,
                            const ProcessedBody* body, std::size_t new_items, std::size_t matches) {
  FeedRuntime& feed = *feeds_[index];
  const core::SystemTime now = clock_.now();
  report_fetch(response,
               response.not_modified() ? "not_modified"
               : body == nullptr       ? "unchanged"
                                       : "ok",
               body != nullptr && !body->problem.empty());
  if (response.status == 200 || response.status == 0) {
    feed.state.etag = response.etag;
    feed.state.last_modified = response.last_modified;
  }
  feed.state.last_status = static_cast<int>(response.status);
  feed.state.first_fetch_done = true;
  if (body != nullptr && !body->feed_title.empty()) feed.state.title = body->feed_title;
  const int failures_before = feed.health.consecutive_failures;
  const schedule::HealthUpdate update = schedule::on_poll_success(feed.health, now);
  if (update.event == schedule::HealthEvent::kRecovered) {
    spdlog::info("feed {} recovered", feed.label());
  } else if (failures_before > 0) {
    spdlog::info("feed {} works again after {} failed polls", feed.label(), failures_before);
  }
  feed.health = update.health;
  schedule::ServerHints hints =
      schedule::http_hints(response.cache_control, response.expires, std::string_view());
  if (body != nullptr && body->ttl_minutes) hints.ttl = std::chrono::minutes(*body->ttl_minutes);
  if (body != nullptr && body->update_period_minutes) {
    hints.update_period = std::chrono::minutes(*body->update_period_minutes);
  }
  // The interval runs from when this poll was due, not from its end: otherwise the time a
  // fetch and its parsing take, and our own wake-up alignment, would push every later poll
  // of the feed back a little more. A start delayed for longer (host limits, overload)
  // shifts the feed's schedule instead of triggering an immediate catch-up poll.
  const core::SystemTime started = std::min(feed.state.last_attempt.value_or(now), now);
  const core::SystemTime base =
      std::min(std::max(feed.due, started - core::Duration(options_.wake_granularity)), started);
  const schedule::PollDecision decision =
      schedule::next_poll_after_success(base, feed.interval, hints, options_.policy, random_);
  reschedule(index, std::max(decision.next_due, now));
  feed_done(index, true, {}, new_items, matches);
}

void Poller::finish_failure(schedule::FeedIndex index, const fetch::Response& response,
                            const std::string& error_class, const std::string& message) {
  FeedRuntime& feed = *feeds_[index];
  const core::SystemTime now = clock_.now();
  ++stats_.failures;
  report_fetch(response, error_class);
  // Logged once per change of state (healthy -> failing, or another failure class), not at
  // every poll of a feed that keeps failing the same way.
  const bool state_changed =
      feed.health.consecutive_failures == 0 || feed.health.last_error_class != error_class;
  const schedule::HealthUpdate update =
      schedule::on_poll_failure(feed.health, now, error_class, message, options_.policy);
  if (update.event == schedule::HealthEvent::kDegraded) {
    spdlog::warn("feed {} degraded: failing for {} polls, last error {}: {}", feed.label(),
                 update.health.consecutive_failures, error_class, message);
  }
  feed.health = update.health;
  schedule::Failure failure;
  failure.consecutive_failures = feed.health.consecutive_failures;
  if (response.status > 0) failure.http_status = static_cast<int>(response.status);
  if (!response.retry_after.empty()) {
    failure.retry_after = schedule::parse_retry_after(response.retry_after, now);
  }
  const schedule::PollDecision decision =
      schedule::next_poll_after_failure(now, feed.interval, failure, options_.policy, random_);
  if (decision.log_loudly) {
    spdlog::error(
        "feed {} answers 410 Gone: remove or replace it in the config; polling it "
        "only every {} h until then",
        feed.label(),
        std::chrono::duration_cast<std::chrono::hours>(decision.next_due - now).count());
  } else if (state_changed) {
    log_failure_change(feed, error_class, message,
                       std::chrono::duration_cast<core::Duration>(decision.next_due - now));
  } else {
    spdlog::debug(
        "feed {} failed again ({}: {}); retry in {} s", feed.label(), error_class, message,
        std::chrono::duration_cast<std::chrono::seconds>(decision.next_due - now).count());
  }
  if (response.status > 0) feed.state.last_status = static_cast<int>(response.status);
  reschedule(index, decision.next_due);
  feed_done(index, false, error_class + ": " + message, 0, 0);
}

void Poller::report_fetch(const fetch::Response& response, const std::string& result,
                          bool malformed) const {
  if (!fetch_observer_) return;
  FetchEvent event;
  event.result = result;
  event.malformed = malformed;
  event.status = response.status;
  event.bytes = response.body.size();
  event.elapsed = response.elapsed;
  fetch_observer_(event);
}

void Poller::log_failure_change(const FeedRuntime& feed, const std::string& error_class,
                                const std::string& message, core::Duration retry_in) const {
  spdlog::warn("feed {} failing ({}): {}; retry in {} s", feed.label(), error_class, message,
               std::chrono::duration_cast<std::chrono::seconds>(retry_in).count());
}

void Poller::reschedule(schedule::FeedIndex index, core::SystemTime next_due) {
  FeedRuntime& feed = *feeds_[index];
  feed.fetching = false;
  feed.health.next_due = next_due;
  record_health(feed.health, feed.state);
  persist(index);
  if (!once_ && !stopping_ && !feed.retired) queue_.schedule(index, next_due);
}

void Poller::persist(schedule::FeedIndex index) {
  if (!dirty_[index]) {
    dirty_[index] = true;
    dirty_list_.push_back(index);
  }
  if (dirty_list_.size() >= options_.persist_batch) {
    flush_states();
    return;
  }
  if (persist_armed_) return;
  persist_armed_ = true;
  persist_timer_.expires_after(options_.persist_every);
  persist_timer_.async_wait([this](const boost::system::error_code& error) {
    if (error) return;
    persist_armed_ = false;
    flush_states();
  });
}

// Copies the dirty states (the io thread keeps changing the originals) and saves them on
// the store thread in one transaction. Tasks on the store thread run in order, so a later
// batch never overwrites a newer state with an older one.
void Poller::flush_states() {
  if (dirty_list_.empty()) return;
  std::vector<store::FeedState> batch;
  batch.reserve(dirty_list_.size());
  for (const schedule::FeedIndex index : dirty_list_) {
    dirty_[index] = false;
    batch.push_back(feeds_[index]->state);
    batch.back().feed_id = feeds_[index]->id;
  }
  dirty_list_.clear();
  ++stats_.state_batches;
  boost::asio::post(store_thread_, [this, batch = std::move(batch)] {
    if (auto saved = store::FeedStateStore(db_).save_all(batch); !saved) {
      spdlog::error("could not save the state of {} feeds: {}", batch.size(),
                    saved.error().describe());
    }
  });
}

void Poller::feed_done(schedule::FeedIndex index, bool ok, std::string error, std::size_t new_items,
                       std::size_t matches) {
  if (once_) {
    const FeedRuntime& feed = *feeds_[index];
    once_outcomes_.push_back(
        {feed.id, feed.name, feed.url_secrecy, ok, std::move(error), new_items, matches});
    if (--once_remaining_ == 0 && once_done_) {
      // Let the store thread finish what is queued (state saves) before reporting.
      flush_states();
      boost::asio::post(store_thread_, [this] {
        boost::asio::post(io_, [this] { once_done_(std::move(once_outcomes_)); });
      });
      return;
    }
  }
  if (!once_ && clock_.now() - last_prune_ > kPruneEvery) prune_seen();
  // Feeds that became due since the last wake-up start together at the next one (the timer
  // is armed for it): one wake-up for many fetches. Only a backlog (feeds already due then,
  // or waiting for a host slot) is served as soon as a slot frees.
  if (!once_ && timer_armed_for_ && !queue_.has_parked()) {
    const auto earliest = queue_.earliest_due();
    if (!earliest || *earliest > last_dispatch_) {
      arm_timer();  // moved earlier if this feed was rescheduled sooner
      return;
    }
  }
  dispatch();
}

void Poller::prune_seen() {
  const core::SystemTime now = clock_.now();
  last_prune_ = now;
  const core::SystemTime cutoff = now - options_.prune_after;
  boost::asio::post(store_thread_, [this, cutoff] {
    const auto pruned = store::SeenStore(db_).prune(cutoff);
    if (!pruned) {
      spdlog::error("pruning seen items failed: {}", pruned.error().describe());
    } else if (*pruned > 0) {
      spdlog::info(
          "forgot {} items not seen in their feeds for {} days", *pruned,
          std::chrono::duration_cast<std::chrono::hours>(options_.prune_after).count() / 24);
    }
  });
}

ReloadSummary Poller::reconfigure(std::vector<PolledFeed> feeds,
                                  std::shared_ptr<const classify::Classifier> classifier,
                                  const schedule::Policy& policy) {
  ReloadSummary summary;
  classifier_ = std::move(classifier);
  options_.policy = policy;
  limiter_.set_limits(policy);
  const core::SystemTime now = clock_.now();
  std::vector<bool> kept(feeds_.size(), false);
  std::vector<schedule::FeedIndex> to_load;
  for (PolledFeed& next : feeds) {
    const auto found = index_by_id_.find(next.id);
    if (found == index_by_id_.end()) {
      const schedule::FeedIndex index = add_feed(std::move(next));
      feeds_[index]->loading = true;
      kept.push_back(true);
      to_load.push_back(index);
      ++summary.added;
      continue;
    }
    const schedule::FeedIndex index = found->second;
    if (kept[index]) continue;  // listed twice: the config loader reports that
    kept[index] = true;
    FeedRuntime& feed = *feeds_[index];
    const bool interval_changed = next.interval != feed.interval;
    const auto previous_limits = feed.limits;
    const bool changed = next.name != feed.name || next.tags != feed.tags || interval_changed ||
                         next.backfill != feed.backfill;
    adopt_config(feed, std::move(next));
    const bool limits_changed =
        feed.limits != previous_limits;  // interned: same limits, same pointer
    if (feed.retired) {
      feed.retired = false;
      ++active_feeds_;
      ++summary.added;
      if (started_ && !queue_.contains(index) && !feed.fetching) {
        queue_.schedule(index, schedule::initial_due(feed.id, feed.health.next_due, now,
                                                     feed.interval, options_.policy));
      }
      continue;
    }
    if (changed || limits_changed) {
      ++summary.changed;
    } else {
      ++summary.unchanged;
    }
    // A shorter interval takes effect now, not after the wait the old one set.
    if (interval_changed && queue_.contains(index) && feed.health.next_due &&
        *feed.health.next_due > now + feed.interval) {
      queue_.schedule(
          index, schedule::initial_due(feed.id, std::nullopt, now, feed.interval, options_.policy));
    }
  }
  for (schedule::FeedIndex index = 0; index < kept.size(); ++index) {
    FeedRuntime& feed = *feeds_[index];
    if (kept[index] || feed.retired) continue;
    feed.retired = true;
    feed.loading = false;
    --active_feeds_;
    queue_.remove(index);
    ++summary.removed;
  }
  request_templates_.drop_unused();
  active_feeds_ += to_load.size();
  if (!to_load.empty()) {
    std::vector<std::string> ids;
    std::vector<core::UrlSecrecy> secrecies;  // how the error line below may show each id
    for (const schedule::FeedIndex index : to_load) {
      ids.push_back(feeds_[index]->id);
      secrecies.push_back(feeds_[index]->url_secrecy);
    }
    // Their saved state (a feed removed and added back keeps its seen items and validators)
    // is read on the store thread, which owns the connection.
    boost::asio::post(
        store_thread_, [this, to_load, ids = std::move(ids), secrecies = std::move(secrecies)] {
          auto states = std::make_shared<std::vector<std::optional<store::FeedState>>>();
          store::FeedStateStore store(db_);
          for (std::size_t i = 0; i < ids.size(); ++i) {
            auto loaded = store.load(ids[i]);
            if (!loaded) {
              spdlog::error("state of feed {}: {}", core::redact_url(ids[i], secrecies[i]),
                            loaded.error().describe());
              states->push_back(std::nullopt);
            } else {
              states->push_back(std::move(*loaded));
            }
          }
          boost::asio::post(io_, [this, to_load, states] {
            const core::SystemTime now = clock_.now();
            for (std::size_t i = 0; i < to_load.size(); ++i) {
              FeedRuntime& feed = *feeds_[to_load[i]];
              if (!feed.loading) continue;  // removed again meanwhile
              feed.loading = false;
              if ((*states)[i]) adopt_loaded_state(feed, *(*states)[i]);
              if (stopping_ || !started_) continue;
              queue_.schedule(to_load[i], schedule::initial_due(feed.id, feed.state.next_due, now,
                                                                feed.interval, options_.policy));
            }
            dispatch();
          });
        });
  }
  dispatch();
  return summary;
}

namespace {

std::size_t feed_state_index(const schedule::FeedHealth& health) {
  if (health.consecutive_failures > 0) return health.degraded_logged ? 3 : 2;
  return health.last_success ? 1 : 0;
}

}  // namespace

std::string_view feed_state_name(const schedule::FeedHealth& health) {
  return kFeedStates[feed_state_index(health)];
}

std::size_t FeedStateCounts::of(std::string_view state) const {
  for (std::size_t index = 0; index < kFeedStates.size(); ++index) {
    if (kFeedStates[index] == state) return counts[index];
  }
  return 0;
}

std::vector<FeedStatus> Poller::feed_statuses() const {
  std::vector<FeedStatus> statuses;
  statuses.reserve(active_feeds_);
  for (const auto& feed : feeds_) {
    if (feed->retired) continue;
    FeedStatus status;
    status.id = core::redact_url(feed->id, feed->url_secrecy);
    status.name = feed->name;
    status.url = core::redact_url(feed->url, feed->url_secrecy);
    status.state = std::string(feed_state_name(feed->health));
    status.health = feed->health;
    status.last_status = feed->state.last_status;
    statuses.push_back(std::move(status));
  }
  return statuses;
}

FeedStateCounts Poller::feeds_by_state() const {
  FeedStateCounts counts;
  for (const auto& feed : feeds_) {
    if (!feed->retired) ++counts.counts[feed_state_index(feed->health)];
  }
  return counts;
}

}  // namespace feedsentry::poll
