#include "poll/poller.h"

#include <spdlog/spdlog.h>

#include <boost/asio/post.hpp>

#include "core/text.h"
#include "poll/feed_body.h"
#include "poll/feed_ingest.h"
#include "poll/feed_url.h"
#include "schedule/next_poll.h"
#include "schedule/server_hints.h"
#include "schedule/startup.h"
#include "store/feed_state_store.h"
#include "store/seen_store.h"

namespace feedsentry::poll {

struct Poller::FeedRuntime {
  PolledFeed config;
  std::string host;
  store::FeedState state;
  schedule::FeedHealth health;
  core::SystemTime due{};
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

classify::Workspace& thread_workspace() {
  thread_local classify::Workspace workspace;
  return workspace;
}

}  // namespace

Poller::Poller(boost::asio::io_context& io, fetch::HttpClient& http, store::Database& db,
               const classify::Classifier& classifier, MatchSink& sink, const core::Clock& clock,
               schedule::Random& random, std::vector<PolledFeed> feeds, PollerOptions options)
    : io_(io),
      http_(http),
      db_(db),
      classifier_(classifier),
      sink_(sink),
      clock_(clock),
      random_(random),
      options_(std::move(options)),
      limiter_(options_.policy),
      timer_(io),
      parse_pool_(static_cast<std::size_t>(std::max(1, options_.parse_threads))) {
  for (PolledFeed& feed : feeds) {
    auto runtime = std::make_unique<FeedRuntime>();
    runtime->host = host_key(feed.request.url);
    runtime->state.feed_id = feed.id;
    runtime->config = std::move(feed);
    feeds_.push_back(std::move(runtime));
  }
  load_state();
}

Poller::~Poller() {
  stopping_ = true;
  parse_pool_.join();
  store_thread_.join();
}

// Runs before the io_context does, so the database has no other user yet.
void Poller::load_state() {
  store::FeedStateStore states(db_);
  for (auto& feed : feeds_) {
    const auto loaded = states.load(feed->config.id);
    if (!loaded) {
      spdlog::error("state of feed {}: {}", loggable_url(feed->config.id),
                    loaded.error().describe());
      continue;
    }
    if (!loaded->has_value()) continue;
    feed->state = **loaded;
    feed->health.last_success = feed->state.last_success;
    feed->health.consecutive_failures = feed->state.consecutive_failures;
    feed->health.last_error_class = feed->state.last_error_class;
    feed->health.degraded_logged = feed->state.degraded_logged;
    if (feed->state.consecutive_failures > 0) feed->health.failing_since = feed->state.last_attempt;
    if (!feed->state.current_url.empty()) feed->config.request.url = feed->state.current_url;
    feed->host = host_key(feed->config.request.url);
  }
}

void Poller::start() {
  const core::SystemTime now = clock_.now();
  for (std::size_t index = 0; index < feeds_.size(); ++index) {
    FeedRuntime& feed = *feeds_[index];
    const core::SystemTime due = schedule::initial_due(feed.config.id, feed.state.next_due, now,
                                                       feed.config.interval, options_.policy);
    queue_.schedule(index, due);
  }
  boost::asio::post(io_, [this] { dispatch(); });
  prune_seen();
}

void Poller::poll_once(std::function<void(std::vector<FeedOutcome>)> done) {
  once_ = true;
  once_done_ = std::move(done);
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
}

void Poller::dispatch() {
  if (stopping_) return;
  const core::SystemTime now = clock_.now();
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
  timer_.cancel();
  if (!wake || stopping_) return;
  timer_.expires_after(
      std::max(core::Duration::zero(), std::chrono::duration_cast<core::Duration>(*wake - now)));
  timer_.async_wait([this](const boost::system::error_code& error) {
    if (!error) dispatch();
  });
}

void Poller::start_fetch(schedule::FeedIndex index, core::SystemTime due) {
  FeedRuntime& feed = *feeds_[index];
  const core::SystemTime now = clock_.now();
  stats_.start_delays_ms.push_back(std::max(0.0, milliseconds_between(due, now)));
  ++stats_.fetches;
  fetch::Request request = feed.config.request;
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
  if (response.permanent_redirect_url &&
      *response.permanent_redirect_url != feed.config.request.url) {
    spdlog::warn("feed {} moved permanently to {}; polling the new URL from now on",
                 loggable_url(feed.config.request.url),
                 loggable_url(*response.permanent_redirect_url));
    feed.config.request.url = *response.permanent_redirect_url;
    feed.state.current_url = feed.config.request.url;
    feed.host = host_key(feed.config.request.url);
  }
  if (response.not_modified()) {
    ++stats_.not_modified;
    finish_success(index, response, nullptr, 0, 0);
    return;
  }
  ++stats_.status_200;
  const std::string hash = body_hash(response.body);
  if (hash == feed.state.body_hash && feed.state.first_fetch_done) {
    ++stats_.unchanged_body;  // same bytes as last time: nothing new to parse
    finish_success(index, response, nullptr, 0, 0);
    return;
  }
  feed.state.body_hash = hash;
  auto shared_response = std::make_shared<fetch::Response>(std::move(response));
  boost::asio::post(parse_pool_, [this, index, shared_response] {
    const std::string base = shared_response->effective_url.empty()
                                 ? feeds_[index]->config.request.url
                                 : shared_response->effective_url;
    auto body = std::make_shared<ProcessedBody>(process_body(shared_response->body, base,
                                                             shared_response->content_type,
                                                             classifier_, thread_workspace()));
    boost::asio::post(io_, [this, index, shared_response, body] {
      on_processed(index, std::move(*shared_response), body);
    });
  });
}

void Poller::on_processed(schedule::FeedIndex index, fetch::Response response,
                          std::shared_ptr<ProcessedBody> body) {
  FeedRuntime& feed = *feeds_[index];
  if (body->not_a_feed) {
    feed.state.body_hash.clear();  // parse it again next time, it may be fixed
    finish_failure(index, response, "parse",
                   body->problem.empty() ? std::string("not a feed") : body->problem);
    return;
  }
  if (!body->problem.empty()) {
    spdlog::debug("feed {} is not well-formed ({}); using the {} items recovered",
                  loggable_url(feed.config.request.url), body->problem, body->items.size());
  }
  const FeedIdentity identity{feed.config.id, feed.config.name, feed.config.request.url,
                              feed.config.tags};
  const IngestOptions ingest{!feed.state.first_fetch_done, feed.config.backfill};
  const core::SystemTime now = clock_.now();
  boost::asio::post(store_thread_, [this, index, identity, ingest, now, body,
                                    response = std::move(response)]() mutable {
    auto result = ingest_items(db_, identity, body->items, ingest, now, sink_);
    boost::asio::post(
        io_, [this, index, body, result = std::move(result), response = std::move(response)] {
          FeedRuntime& feed = *feeds_[index];
          if (!result) {
            feed.state.body_hash.clear();  // not recorded: process the same body again
            spdlog::error("feed {}: could not record items: {}",
                          loggable_url(feed.config.request.url), result.error().describe());
            finish_failure(index, response, "store", result.error().describe());
            return;
          }
          stats_.items += result->items;
          stats_.new_items += result->new_items;
          stats_.matches += result->matches;
          finish_success(index, response, body.get(), result->new_items, result->matches);
        });
  });
}

void Poller::finish_success(schedule::FeedIndex index, const fetch::Response& response,
                            const ProcessedBody* body, std::size_t new_items, std::size_t matches) {
  FeedRuntime& feed = *feeds_[index];
  const core::SystemTime now = clock_.now();
  if (response.status == 200 || response.status == 0) {
    feed.state.etag = response.etag;
    feed.state.last_modified = response.last_modified;
  }
  feed.state.last_status = static_cast<int>(response.status);
  feed.state.first_fetch_done = true;
  feed.state.last_success = now;
  if (body != nullptr && !body->feed_title.empty()) feed.state.title = body->feed_title;
  const schedule::HealthUpdate update = schedule::on_poll_success(feed.health, now);
  if (update.event == schedule::HealthEvent::kRecovered) {
    spdlog::info("feed {} recovered", loggable_url(feed.config.request.url));
  }
  feed.health = update.health;
  schedule::ServerHints hints =
      schedule::http_hints(response.cache_control, response.expires, std::string_view());
  if (body != nullptr && body->ttl_minutes) hints.ttl = std::chrono::minutes(*body->ttl_minutes);
  if (body != nullptr && body->update_period_minutes) {
    hints.update_period = std::chrono::minutes(*body->update_period_minutes);
  }
  const schedule::PollDecision decision =
      schedule::next_poll_after_success(now, feed.config.interval, hints, options_.policy, random_);
  reschedule(index, decision.next_due);
  feed_done(index, true, {}, new_items, matches);
}

void Poller::finish_failure(schedule::FeedIndex index, const fetch::Response& response,
                            const std::string& error_class, const std::string& message) {
  FeedRuntime& feed = *feeds_[index];
  const core::SystemTime now = clock_.now();
  ++stats_.failures;
  const schedule::HealthUpdate update =
      schedule::on_poll_failure(feed.health, now, error_class, message, options_.policy);
  if (update.event == schedule::HealthEvent::kDegraded) {
    spdlog::warn("feed {} degraded: failing for {} polls, last error {}: {}",
                 loggable_url(feed.config.request.url), update.health.consecutive_failures,
                 error_class, message);
  }
  feed.health = update.health;
  schedule::Failure failure;
  failure.consecutive_failures = feed.health.consecutive_failures;
  if (response.status > 0) failure.http_status = static_cast<int>(response.status);
  if (!response.retry_after.empty()) {
    failure.retry_after = schedule::parse_retry_after(response.retry_after, now);
  }
  const schedule::PollDecision decision = schedule::next_poll_after_failure(
      now, feed.config.interval, failure, options_.policy, random_);
  if (decision.log_loudly) {
    spdlog::error(
        "feed {} answers 410 Gone: remove or replace it in the config; polling it "
        "only every {} h until then",
        loggable_url(feed.config.request.url),
        std::chrono::duration_cast<std::chrono::hours>(decision.next_due - now).count());
  } else {
    spdlog::debug(
        "feed {} failed ({}: {}); retry in {} s", loggable_url(feed.config.request.url),
        error_class, message,
        std::chrono::duration_cast<std::chrono::seconds>(decision.next_due - now).count());
  }
  feed.state.consecutive_failures = feed.health.consecutive_failures;
  feed.state.last_error_class = error_class;
  feed.state.last_error_message = message;
  if (response.status > 0) feed.state.last_status = static_cast<int>(response.status);
  reschedule(index, decision.next_due);
  feed_done(index, false, error_class + ": " + message, 0, 0);
}

void Poller::reschedule(schedule::FeedIndex index, core::SystemTime next_due) {
  FeedRuntime& feed = *feeds_[index];
  feed.state.next_due = next_due;
  feed.state.consecutive_failures = feed.health.consecutive_failures;
  feed.state.degraded_logged = feed.health.degraded_logged;
  persist(index);
  if (!once_ && !stopping_) queue_.schedule(index, next_due);
}

void Poller::persist(schedule::FeedIndex index) {
  boost::asio::post(store_thread_, [this, state = feeds_[index]->state] {
    if (auto saved = store::FeedStateStore(db_).save(state); !saved) {
      spdlog::error("could not save state of feed {}: {}", loggable_url(state.feed_id),
                    saved.error().describe());
    }
  });
}

void Poller::feed_done(schedule::FeedIndex index, bool ok, std::string error, std::size_t new_items,
                       std::size_t matches) {
  if (once_) {
    const FeedRuntime& feed = *feeds_[index];
    once_outcomes_.push_back(
        {feed.config.id, feed.config.name, ok, std::move(error), new_items, matches});
    if (--once_remaining_ == 0 && once_done_) {
      // Let the store thread finish what is queued (state saves) before reporting.
      boost::asio::post(store_thread_, [this] {
        boost::asio::post(io_, [this] { once_done_(std::move(once_outcomes_)); });
      });
      return;
    }
  }
  if (!once_ && clock_.now() - last_prune_ > kPruneEvery) prune_seen();
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

}  // namespace feedsentry::poll
