// Poller::reconfigure against a real server on 127.0.0.1 and a real SQLite file, in daemon
// mode: an added feed starts (with the state a previous run saved for it), a removed one is
// never fetched again, a kept one keeps its validators, and a feed added back resumes its
// state. Feeds poll every second (the scheduler's minimum), so each step waits for events,
// bounded, never for a fixed time.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <future>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "classify/rule_loader.h"
#include "fetch/fetcher.h"
#include "poll/poll_test_support.h"
#include "poll/poller.h"
#include "schedule/random.h"
#include "store/database.h"
#include "support/http_server.h"
#include "support/io_thread.h"
#include "support/junk_bytes.h"

namespace feedsentry::poll {
namespace {

using namespace std::chrono_literals;
using test_support::HttpServer;
using test_support::RecordedRequest;
using test_support::ScriptedResponse;
using testing::NullSink;

constexpr const char* kFeed = R"(<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>)"
                              R"(<item><guid>g1</guid><title>Item</title></item></channel></rss>)";

// 200 with an ETag naming the path, 304 when the client sends it back.
ScriptedResponse conditional(const RecordedRequest& request) {
  const std::string etag = "\"" + request.path() + "\"";
  if (request.header("If-None-Match") == etag) return ScriptedResponse::with_status(304);
  return ScriptedResponse::with_body(kFeed, "application/rss+xml").header("ETag", etag);
}

template <typename Condition>
bool eventually(Condition condition, std::chrono::milliseconds timeout = 15s) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (condition()) return true;
    std::this_thread::sleep_for(20ms);
  }
  return condition();
}

class PollerReloadTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/feedsentry-poll-reload-XXXXXX";
    directory_ = mkdtemp(pattern);
    classifier_ = classify::Classifier::compile(classify::load_rule_files(
        {std::string(FEEDSENTRY_SOURCE_DIR) + "/config/rules/dprk-russia.yaml"}));
    database_.emplace(store::Database::open(directory_ / "state.db").value());
    options_.policy.per_host_min_gap = core::Duration::zero();
    options_.policy.jitter_fraction = 0.0;
    options_.policy.startup_spread = 100ms;
    options_.persist_every = 10ms;
    for (const char* path : {"/a", "/b", "/c", "/d"}) server_.on(path, &conditional);
  }
  void TearDown() override {
    if (poller_) io_.run([&] { poller_->stop(); });
    io_.stop();
    poller_.reset();
    fetcher_.reset();
    database_.reset();
    std::filesystem::remove_all(directory_);
  }

  PolledFeed feed(const std::string& path, const std::string& name = "") const {
    PolledFeed polled;
    polled.id = server_.url(path);
    polled.name = name.empty() ? path : name;
    polled.interval = 1s;
    polled.request.url = polled.id;
    polled.request.total_timeout = 10s;
    return polled;
  }

  // The poller under test, on its own fetcher, polling `feeds` on its schedule.
  void start_poller(std::vector<PolledFeed> feeds) {
    fetcher_ = std::make_unique<fetch::Fetcher>(io_.context());
    ASSERT_TRUE(io_.run([&] {
      poller_ = std::make_unique<Poller>(io_.context(), *fetcher_, *database_, classifier_, sink_,
                                         clock_, random_, std::move(feeds), options_);
      poller_->start();
    }));
  }
  // A poller for poll_round(), not started; every FetchEvent it reports goes to `events`.
  void make_observed_poller(std::vector<PolledFeed> feeds, std::vector<FetchEvent>& events) {
    fetcher_ = std::make_unique<fetch::Fetcher>(io_.context());
    ASSERT_TRUE(io_.run([&] {
      poller_ = std::make_unique<Poller>(io_.context(), *fetcher_, *database_, classifier_, sink_,
                                         clock_, random_, std::move(feeds), options_);
      poller_->set_fetch_observer([&events](const FetchEvent& event) { events.push_back(event); });
    }));
  }
  // One poll_once round, waited for (bounded).
  void poll_round() {
    std::promise<void> done;
    EXPECT_TRUE(
        io_.run([&] { poller_->poll_once([&](std::vector<FeedOutcome>) { done.set_value(); }); }));
    EXPECT_EQ(done.get_future().wait_for(10s), std::future_status::ready);
  }
  // The fixture's classifier, not owned, as reconfigure() takes it.
  std::shared_ptr<const classify::Classifier> unowned_classifier() const {
    return std::shared_ptr<const classify::Classifier>(
        std::shared_ptr<const classify::Classifier>(), &classifier_);
  }
  ReloadSummary reload(std::vector<PolledFeed> feeds) {
    ReloadSummary summary;
    EXPECT_TRUE(io_.run([&] {
      summary = poller_->reconfigure(std::move(feeds), unowned_classifier(), options_.policy);
    }));
    return summary;
  }

  std::size_t fetches(const std::string& path) const { return server_.requests_to(path).size(); }
  // Whether the last request for `path` carried the validator of an earlier answer.
  bool last_was_conditional(const std::string& path) const {
    const auto requests = server_.requests_to(path);
    return !requests.empty() && requests.back().header("If-None-Match").has_value();
  }

  HttpServer server_;
  std::filesystem::path directory_;
  classify::Classifier classifier_;
  std::optional<store::Database> database_;
  PollerOptions options_;
  NullSink sink_;
  core::SystemClock clock_;
  schedule::SystemRandom random_;
  test_support::IoThread io_;
  std::unique_ptr<fetch::Fetcher> fetcher_;
  std::unique_ptr<Poller> poller_;
};

TEST_F(PollerReloadTest, AddsRemovesAndKeepsFeedsWithTheirState) {
  // A previous run polled d: its validator is in the state file.
  {
    fetch::Fetcher fetcher(io_.context());
    std::unique_ptr<Poller> earlier;
    std::promise<void> done;
    ASSERT_TRUE(io_.run([&] {
      earlier =
          std::make_unique<Poller>(io_.context(), fetcher, *database_, classifier_, sink_, clock_,
                                   random_, std::vector<PolledFeed>{feed("/d")}, options_);
      earlier->poll_once([&](std::vector<FeedOutcome>) { done.set_value(); });
    }));
    ASSERT_EQ(done.get_future().wait_for(10s), std::future_status::ready);
    ASSERT_TRUE(io_.run([&] {
      earlier->stop();
      fetcher.cancel_all();
    }));
    earlier.reset();
  }
  ASSERT_EQ(fetches("/d"), 1u);

  start_poller({feed("/a"), feed("/b")});
  ASSERT_TRUE(eventually([&] { return fetches("/a") >= 2 && fetches("/b") >= 2; }));
  EXPECT_TRUE(last_was_conditional("/a"));

  // a renamed (changed), b removed, d added: d starts from the saved state (conditional).
  const std::size_t b_before = fetches("/b");
  ReloadSummary summary = reload({feed("/a", "renamed"), feed("/d")});
  EXPECT_EQ(summary.added, 1u);
  EXPECT_EQ(summary.removed, 1u);
  EXPECT_EQ(summary.changed, 1u);
  EXPECT_EQ(summary.unchanged, 0u);
  ASSERT_TRUE(eventually([&] { return fetches("/d") >= 2; }));
  EXPECT_TRUE(server_.requests_to("/d")[1].header("If-None-Match").has_value())
      << "the added feed did not resume its saved validator";
  const std::size_t a_at_reload = fetches("/a");
  ASSERT_TRUE(eventually([&] { return fetches("/a") >= a_at_reload + 2; }));
  EXPECT_TRUE(last_was_conditional("/a"));
  // b may have had one fetch in flight at the reload; after that, nothing.
  EXPECT_LE(fetches("/b"), b_before + 1);
  std::vector<FeedStatus> statuses;
  ASSERT_TRUE(io_.run([&] { statuses = poller_->feed_statuses(); }));
  ASSERT_EQ(statuses.size(), 2u);
  EXPECT_EQ(statuses[0].name, "renamed");
  EXPECT_EQ(statuses[0].state, "ok");
  EXPECT_EQ(statuses[1].name, "/d");

  // b comes back: it resumes with its validator, and c is new (unconditional first fetch).
  summary = reload({feed("/a", "renamed"), feed("/b"), feed("/c"), feed("/d")});
  EXPECT_EQ(summary.added, 2u);
  EXPECT_EQ(summary.unchanged, 2u);
  const std::size_t b_at_return = fetches("/b");
  ASSERT_TRUE(eventually([&] { return fetches("/b") > b_at_return && fetches("/c") >= 1; }));
  EXPECT_TRUE(last_was_conditional("/b"));
  EXPECT_FALSE(server_.requests_to("/c")[0].header("If-None-Match").has_value());
  std::size_t count = 0;
  ASSERT_TRUE(io_.run([&] { count = poller_->feed_count(); }));
  EXPECT_EQ(count, 4u);
}

// The limits are shared between feeds (RequestTemplates): a reload that changes one feed's
// must change that feed's requests, and count it as changed; equal limits are unchanged.
TEST_F(PollerReloadTest, ChangedRequestLimitsApplyToTheNextFetch) {
  start_poller({feed("/a"), feed("/b")});
  ASSERT_TRUE(eventually([&] { return fetches("/a") >= 1 && fetches("/b") >= 1; }));
  PolledFeed custom = feed("/a");
  custom.request.user_agent = "custom-agent/2.0";
  ReloadSummary summary = reload({custom, feed("/b")});
  EXPECT_EQ(summary.changed, 1u);
  EXPECT_EQ(summary.unchanged, 1u);
  const std::size_t a_at_reload = fetches("/a");
  const std::size_t b_at_reload = fetches("/b");
  ASSERT_TRUE(eventually(
      [&] { return fetches("/a") >= a_at_reload + 2 && fetches("/b") >= b_at_reload + 2; }));
  EXPECT_EQ(server_.requests_to("/a").back().header("User-Agent"), "custom-agent/2.0");
  EXPECT_NE(server_.requests_to("/b").back().header("User-Agent"), "custom-agent/2.0");

  summary = reload({custom, feed("/b")});
  EXPECT_EQ(summary.changed, 0u);
  EXPECT_EQ(summary.unchanged, 2u);
}

TEST_F(PollerReloadTest, AFeedAddedBackDuringItsFetchIsNotFetchedTwiceAtOnce) {
  server_.on("/slow", [](const RecordedRequest&) {
    ScriptedResponse answer = ScriptedResponse::with_body(kFeed, "application/rss+xml");
    // Long enough that the fetch is still in flight when the test thread (woken by the
    // request, on a loaded machine) reconfigures: had it finished, a re-added feed would
    // rightly be fetched again.
    answer.delay_before_headers = 4000ms;
    return answer;
  });
  PolledFeed slow = feed("/slow");
  slow.interval = 60s;  // no second poll of its own within the test
  start_poller({slow});
  ASSERT_TRUE(eventually([&] { return fetches("/slow") == 1; }));
  ReloadSummary removed;
  ReloadSummary returned;
  ASSERT_TRUE(io_.run([&] {
    // Back-to-back on the io thread: the fetch is still in flight when the feed returns.
    removed = poller_->reconfigure({}, unowned_classifier(), options_.policy);
    returned = poller_->reconfigure({slow}, unowned_classifier(), options_.policy);
  }));
  EXPECT_EQ(removed.removed, 1u);
  EXPECT_EQ(returned.added, 1u);
  ASSERT_TRUE(eventually([&] {
    const auto requests = server_.requests_to("/slow");
    return !requests.empty() && requests[0].outcome == test_support::ResponseOutcome::kSent;
  }));
  EXPECT_EQ(fetches("/slow"), 1u) << "a second fetch started while the first was in flight";
  std::vector<FeedStatus> statuses;
  ASSERT_TRUE(eventually([&] {
    io_.run([&] { statuses = poller_->feed_statuses(); });
    return statuses.size() == 1 && statuses[0].state == "ok";
  })) << "the returned feed is polled on: its in-flight fetch rescheduled it";
}

// What metrics count: every poll reports its outcome class, bytes and duration once.
TEST_F(PollerReloadTest, EveryPollReportsItsResultClass) {
  server_.on("/broken", ScriptedResponse::with_status(500));
  server_.on("/page", ScriptedResponse::with_body("<html><body>Hello</body></html>", "text/html"));
  std::vector<FetchEvent> events;
  make_observed_poller({feed("/a"), feed("/broken"), feed("/page")}, events);
  poll_round();
  poll_round();
  std::map<std::string, int> results;
  std::size_t bytes = 0;
  for (const FetchEvent& event : events) {
    ++results[event.result];
    bytes += event.bytes;
  }
  EXPECT_EQ(events.size(), 6u);
  EXPECT_EQ(results["ok"], 1);            // /a, first time
  EXPECT_EQ(results["not_modified"], 1);  // /a, with its ETag
  EXPECT_EQ(results["http_500"], 2);
  EXPECT_EQ(results["ok"] + results["not_modified"] + results["http_500"], 4);
  EXPECT_EQ(results.size(), 4u) << "the HTML page has a class of its own";
  EXPECT_GE(bytes, std::string(kFeed).size());
}

// A body that is not well-formed but yields items is an "ok" poll flagged malformed, until
// the publisher fixes it.
TEST_F(PollerReloadTest, APollOfAMalformedFeedIsOkAndFlaggedUntilItIsFixed) {
  std::atomic<bool> fixed{false};
  server_.on("/truncated", [&](const RecordedRequest&) {
    const std::string whole(kFeed);
    return ScriptedResponse::with_body(fixed ? whole : whole.substr(0, whole.size() - 20),
                                       "application/rss+xml");
  });
  std::vector<FetchEvent> events;
  make_observed_poller({feed("/truncated")}, events);
  poll_round();
  fixed = true;
  poll_round();
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].result, "ok");
  EXPECT_TRUE(events[0].malformed);
  EXPECT_EQ(events[1].result, "ok");
  EXPECT_FALSE(events[1].malformed);
}

// Random bytes served as a feed fail as "not a feed", not as an encoding problem to fix.
TEST_F(PollerReloadTest, RandomBytesFailAsNotAFeed) {
  const std::string junk = test_support::junk_bytes(4096, 12345);
  server_.on("/junk", ScriptedResponse::with_body(junk, "application/rss+xml"));
  std::vector<FetchEvent> events;
  make_observed_poller({feed("/junk")}, events);
  poll_round();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].result, "parse");
  const std::vector<FeedStatus> statuses = poller_->feed_statuses();
  ASSERT_EQ(statuses.size(), 1u);
  const std::string& error = statuses[0].health.last_error_message;
  EXPECT_EQ(error.rfind("not a feed", 0), 0u) << error;
}

}  // namespace
}  // namespace feedsentry::poll
