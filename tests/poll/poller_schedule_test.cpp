// The poller's scheduling against real servers on 127.0.0.1 and a real SQLite file, with a
// ManualClock wherever time must pass: Retry-After postpones only the feed that sent it,
// 5xx backoff grows and is capped, parsing a huge body never stalls the network loop, and a
// changed feed's known items skip the seen store only within the hour.
// The decisions are checked where they end up: each feed's persisted next due time.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "classify/rule_loader.h"
#include "fetch/fetcher.h"
#include "poll/poll_test_support.h"
#include "poll/poller.h"
#include "schedule/random.h"
#include "store/database.h"
#include "store/feed_state_store.h"
#include "support/http_server.h"

namespace feedsentry::poll {
namespace {

using namespace std::chrono_literals;
using test_support::HttpServer;
using test_support::ScriptedResponse;
using testing::NullSink;

std::string rss_with_items(std::size_t count, std::size_t text_bytes) {
  std::string body = R"(<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>)";
  const std::string text(text_bytes, 'x');
  for (std::size_t i = 0; i < count; ++i) {
    body += "<item><guid>g" + std::to_string(i) + "</guid><title>Item " + std::to_string(i) +
            "</title><description>" + text + "</description></item>";
  }
  return body + "</channel></rss>";
}

// A one-shot flag other threads can wait for, bounded.
class Event {
 public:
  void set() {
    std::lock_guard lock(mutex_);
    set_ = true;
    changed_.notify_all();
  }
  bool wait(std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, timeout, [this] { return set_; });
  }
  bool is_set() {
    std::lock_guard lock(mutex_);
    return set_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  bool set_ = false;
};

class PollerScheduleTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/feedsentry-poll-schedule-XXXXXX";
    directory_ = mkdtemp(pattern);
    classifier_ = classify::Classifier::compile(classify::load_rule_files(
        {std::string(FEEDSENTRY_SOURCE_DIR) + "/config/rules/dprk-russia.yaml"}));
    auto database = store::Database::open(directory_ / "state.db");
    ASSERT_TRUE(database.has_value());
    database_.emplace(std::move(*database));
    options_.policy.per_host_min_gap = core::Duration::zero();
    options_.policy.jitter_fraction = 0.0;
  }
  void TearDown() override {
    poller_.reset();
    fetcher_.reset();
    database_.reset();
    std::filesystem::remove_all(directory_);
  }

  PolledFeed feed(const std::string& url, core::Duration interval) const {
    PolledFeed polled;
    polled.id = url;
    polled.name = url;
    polled.interval = interval;
    polled.request.url = url;
    polled.request.total_timeout = 20s;
    return polled;
  }

  void make_poller(std::vector<PolledFeed> feeds) {
    fetcher_ = std::make_unique<fetch::Fetcher>(io_);
    poller_ = std::make_unique<Poller>(io_, *fetcher_, *database_, classifier_, sink_, clock_,
                                       random_, std::move(feeds), options_);
  }

  // One poll_once round on the io_context, run on this thread until it reports.
  std::vector<FeedOutcome> poll_once() {
    std::vector<FeedOutcome> outcomes;
    bool done = false;
    io_.restart();
    auto guard = boost::asio::make_work_guard(io_);
    poller_->poll_once([&](std::vector<FeedOutcome> result) {
      outcomes = std::move(result);
      done = true;
      guard.reset();
      io_.stop();
    });
    io_.run();
    EXPECT_TRUE(done);
    return outcomes;
  }

  // The state the poller saved; the store thread is idle once poll_once has reported.
  store::FeedState saved_state(const std::string& feed_id) {
    auto loaded = store::FeedStateStore(*database_).load(feed_id);
    EXPECT_TRUE(loaded && loaded->has_value()) << feed_id;
    return loaded && loaded->has_value() ? **loaded : store::FeedState{};
  }

  static const FeedOutcome* outcome_of(const std::vector<FeedOutcome>& outcomes,
                                       const std::string& feed_id) {
    for (const FeedOutcome& outcome : outcomes) {
      if (outcome.feed_id == feed_id) return &outcome;
    }
    return nullptr;
  }

  std::filesystem::path directory_;
  classify::Classifier classifier_;
  std::optional<store::Database> database_;
  NullSink sink_;
  core::ManualClock clock_;
  schedule::FixedRandom random_{0.5};
  PollerOptions options_;
  HttpServer server_;
  boost::asio::io_context io_;
  std::unique_ptr<fetch::Fetcher> fetcher_;
  std::unique_ptr<Poller> poller_;
};

TEST_F(PollerScheduleTest, RetryAfterInSecondsPostponesOnlyThatFeedToTheHint) {
  server_.on("/limited", ScriptedResponse::with_status(429).header("Retry-After", "7200"));
  server_.on("/ok", ScriptedResponse::with_body(rss_with_items(2, 10), "application/rss+xml"));
  const std::string limited = server_.url("/limited");
  const std::string ok = server_.url("/ok");
  make_poller({feed(limited, 10min), feed(ok, 10min)});
  const core::SystemTime now = clock_.now();

  const auto outcomes = poll_once();
  ASSERT_EQ(outcomes.size(), 2u);
  ASSERT_NE(outcome_of(outcomes, limited), nullptr);
  EXPECT_FALSE(outcome_of(outcomes, limited)->ok);
  EXPECT_NE(outcome_of(outcomes, limited)->error.find("http_429"), std::string::npos);
  EXPECT_TRUE(outcome_of(outcomes, ok)->ok) << outcome_of(outcomes, ok)->error;

  EXPECT_EQ(saved_state(limited).next_due, now + 2h);  // the hint, not our backoff
  EXPECT_EQ(saved_state(limited).consecutive_failures, 1);
  EXPECT_EQ(saved_state(ok).next_due, now + 10min);  // its own interval, untouched
  EXPECT_EQ(saved_state(ok).consecutive_failures, 0);
}

TEST_F(PollerScheduleTest, RetryAfterAsHttpDatePostponesOnlyThatFeedToTheHint) {
  const core::SystemTime now = clock_.now();
  server_.on("/limited", ScriptedResponse::with_status(429).header(
                             "Retry-After", test_support::http_date(now + 3h)));
  server_.on("/ok", ScriptedResponse::with_body(rss_with_items(2, 10), "application/rss+xml"));
  const std::string limited = server_.url("/limited");
  const std::string ok = server_.url("/ok");
  make_poller({feed(limited, 10min), feed(ok, 10min)});

  const auto outcomes = poll_once();
  ASSERT_EQ(outcomes.size(), 2u);
  EXPECT_EQ(saved_state(limited).next_due, now + 3h);
  EXPECT_EQ(saved_state(ok).next_due, now + 10min);
  EXPECT_TRUE(outcome_of(outcomes, ok)->ok);
}

TEST_F(PollerScheduleTest, ServerErrorBackoffDoublesUpToTheCap) {
  server_.on("/down", ScriptedResponse::with_status(500));
  server_.on("/ok", ScriptedResponse::with_body(rss_with_items(2, 10), "application/rss+xml"));
  const std::string down = server_.url("/down");
  const std::string ok = server_.url("/ok");
  options_.policy.backoff_base = 1min;
  options_.policy.backoff_cap = 8min;
  random_.set(1.0);  // the top of each backoff window: the ceiling itself
  make_poller({feed(down, 1min), feed(ok, 1min)});

  const std::vector<core::Duration> expected = {1min, 2min, 4min, 8min, 8min, 8min};
  for (std::size_t round = 0; round < expected.size(); ++round) {
    const core::SystemTime now = clock_.now();
    const auto outcomes = poll_once();
    ASSERT_EQ(outcomes.size(), 2u);
    const store::FeedState state = saved_state(down);
    EXPECT_EQ(state.consecutive_failures, static_cast<int>(round + 1));
    ASSERT_TRUE(state.next_due.has_value());
    EXPECT_EQ(*state.next_due - now, expected[round]) << "failure " << round + 1;
    EXPECT_EQ(saved_state(ok).next_due, now + 1min);
    clock_.set(*state.next_due);  // time passes until the retry is due
  }
  EXPECT_EQ(server_.requests_to("/down").size(), expected.size());
}

TEST_F(PollerScheduleTest, ParsingAHugeBodyDoesNotStallTheNetworkLoop) {
  HttpServer other_host;  // another port: another host for the limiter and for curl
  const std::string huge_body = rss_with_items(4200, 4000);
  ASSERT_GE(huge_body.size(), 16u << 20);
  server_.on("/huge", ScriptedResponse::with_body(huge_body, "application/rss+xml"));
  const std::string huge = server_.url("/huge");
  const std::string small = other_host.url("/small");

  Event huge_processing;
  Event small_handed_over;
  // The small feed's server answers only once the huge body is being processed, so its
  // fetch is still in flight then and must be completed by the io loop meanwhile.
  other_host.on("/small", [&](const test_support::RecordedRequest&) {
    huge_processing.wait(20s);
    return ScriptedResponse::with_body(rss_with_items(2, 10), "application/rss+xml");
  });
  bool small_arrived_during_huge = false;
  options_.parse_threads = 2;
  options_.process_body =
      [&](const std::string& body, const std::string& base_url, const std::string& content_type,
          std::shared_ptr<const RecentItems> recent, const classify::Classifier& classifier,
          classify::Workspace& workspace) {
        if (base_url == huge) {
          huge_processing.set();
          small_arrived_during_huge = small_handed_over.wait(20s);
        } else {
          small_handed_over.set();
        }
        return process_body(body, base_url, content_type, std::move(recent), classifier, workspace);
      };
  PolledFeed huge_feed = feed(huge, 10min);
  huge_feed.request.max_body = 32u << 20;
  make_poller({std::move(huge_feed), feed(small, 10min)});

  const auto outcomes = poll_once();
  ASSERT_EQ(outcomes.size(), 2u);
  EXPECT_TRUE(huge_processing.is_set());
  EXPECT_TRUE(small_arrived_during_huge)
      << "the small feed's response was not handled while the huge body was processed";
  EXPECT_TRUE(outcome_of(outcomes, huge)->ok) << outcome_of(outcomes, huge)->error;
  EXPECT_TRUE(outcome_of(outcomes, small)->ok) << outcome_of(outcomes, small)->error;
  EXPECT_EQ(outcome_of(outcomes, huge)->new_items, 4200u);
}

TEST_F(PollerScheduleTest, StopSavesTheStateOfFeedsPolledSoFar) {
  server_.on("/feed", ScriptedResponse::with_body(rss_with_items(2, 10), "application/rss+xml")
                          .header("ETag", "\"v7\""));
  const std::string url = server_.url("/feed");
  options_.persist_every = std::chrono::hours(1);  // only stop() can save it in time
  options_.policy.startup_spread = core::Duration::zero();
  make_poller({feed(url, 10min)});
  const core::SystemTime now = clock_.now();
  poller_->start();
  // Runs the loop until the first poll is recorded; no timer needs to fire for that.
  const auto deadline = std::chrono::steady_clock::now() + 20s;
  while (poller_->stats().status_200 == 0 || poller_->stats().items == 0) {
    ASSERT_LT(std::chrono::steady_clock::now(), deadline);
    io_.run_one_for(100ms);
  }
  poller_->stop();
  poller_.reset();  // joins the store thread, which writes what stop() handed it
  const store::FeedState state = saved_state(url);
  EXPECT_EQ(state.etag, "\"v7\"");
  EXPECT_EQ(state.next_due, now + 10min);
  EXPECT_TRUE(state.first_fetch_done);
}

// Items as guid:slug pairs; the slug gives each its title and link (its secondary key).
std::string rss_of(const std::vector<std::pair<std::string, std::string>>& items) {
  std::string body = R"(<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>)";
  for (const auto& [guid, slug] : items) {
    body += "<item><guid>" + guid + "</guid><title>Story " + slug +
            "</title><link>https://news.example/" + slug + "</link></item>";
  }
  return body + "</channel></rss>";
}

// A changed feed's items recorded within the last hour (RecentItems) skip the seen store; the
// new ones, and a guid changed for a known story, still go through it; after the hour every
// item is looked up and refreshed again.
TEST_F(PollerScheduleTest, KnownItemsOfAChangedFeedSkipTheSeenStoreWithinTheHour) {
  std::mutex mutex;
  std::vector<std::pair<std::string, std::string>> items{{"g1", "s1"}, {"g2", "s2"}, {"g3", "s3"}};
  server_.on("/feed", [&](const test_support::RecordedRequest&) {
    std::lock_guard lock(mutex);
    return ScriptedResponse::with_body(rss_of(items), "application/rss+xml");
  });
  const auto publish = [&](std::vector<std::pair<std::string, std::string>> next) {
    std::lock_guard lock(mutex);
    items = std::move(next);
  };
  const auto last_seen_range = [&] {
    auto query = database_->prepare("SELECT MIN(last_seen), MAX(last_seen) FROM seen_items");
    EXPECT_TRUE(query && *query->step());
    return std::pair(core::from_unix_seconds(query->column_int64(0)),
                     core::from_unix_seconds(query->column_int64(1)));
  };
  const std::string url = server_.url("/feed");
  make_poller({feed(url, 10min)});
  const core::SystemTime start = clock_.now();

  auto outcomes = poll_once();
  ASSERT_EQ(outcomes.size(), 1u);
  EXPECT_EQ(outcomes[0].new_items, 3u);
  EXPECT_EQ(poller_->stats().items_recorded_recently, 0u);

  clock_.advance(10min);
  publish({{"g4", "s4"}, {"g1", "s1"}, {"g2", "s2"}, {"g3", "s3"}});
  outcomes = poll_once();
  EXPECT_EQ(outcomes[0].new_items, 1u);
  EXPECT_EQ(poller_->stats().items_recorded_recently, 3u);
  EXPECT_EQ(last_seen_range(), std::pair(start, start + 10min))
      << "the three known rows are left alone, the new one is written";

  clock_.advance(1min);
  publish({{"g4", "s4"}, {"g1", "s1"}, {"g2-republished", "s2"}, {"g3", "s3"}});
  outcomes = poll_once();
  EXPECT_EQ(outcomes[0].new_items, 0u) << "a new guid for a known story is looked up: not new";
  EXPECT_EQ(poller_->stats().items_recorded_recently, 6u);

  clock_.advance(50min);  // an hour and a minute after the first store step
  publish({{"g5", "s5"}, {"g4", "s4"}, {"g1", "s1"}, {"g2-republished", "s2"}, {"g3", "s3"}});
  outcomes = poll_once();
  EXPECT_EQ(outcomes[0].new_items, 1u);
  EXPECT_EQ(poller_->stats().items_recorded_recently, 6u) << "the set has expired";
  // Every item goes through the store again, which refreshes the rows over an hour old (g1,
  // g3, and g2, the story's old guid) and leaves g4, written 51 minutes ago.
  EXPECT_EQ(last_seen_range(), std::pair(start + 10min, start + 61min));
  auto stale = database_->prepare("SELECT COUNT(*) FROM seen_items WHERE last_seen < ?1");
  ASSERT_TRUE(stale);
  stale->bind_int64(1, core::to_unix_seconds(start + 10min));
  ASSERT_TRUE(*stale->step());
  EXPECT_EQ(stale->column_int64(0), 0);
}

}  // namespace
}  // namespace feedsentry::poll
