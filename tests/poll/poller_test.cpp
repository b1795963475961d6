// The poller end to end against a real HTTP server on 127.0.0.1 and a real SQLite file:
// alerts once, conditional GET on the next poll, no repeat after a restart or guid churn.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <filesystem>
#include <mutex>

#include "classify/rule_loader.h"
#include "fetch/fetcher.h"
#include "poll/poller.h"
#include "schedule/random.h"
#include "store/database.h"
#include "support/http_server.h"

namespace feedsentry::poll {
namespace {

using test_support::HttpServer;
using test_support::ScriptedResponse;

class CollectingSink : public MatchSink {
 public:
  core::Result<void> accept(const Match& match) override {
    std::lock_guard lock(mutex_);
    titles.push_back(match.item.title);
    return {};
  }
  std::vector<std::string> titles;

 private:
  std::mutex mutex_;
};

std::string rss(const std::string& items) {
  return R"(<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>)" + items +
         "</channel></rss>";
}

std::string item(const std::string& guid, const std::string& title, const std::string& link) {
  return "<item><guid>" + guid + "</guid><title>" + title + "</title><link>" + link +
         "</link><pubDate>Fri, 1 Sep 2023 10:00:00 GMT</pubDate></item>";
}

const std::string kSeed = item("g1", "US imposes sanctions on North Korean and Russian nationals",
                               "https://news.example.com/a");
const std::string kDecoy = item("g2", "FIFA sanctions club", "https://news.example.com/b");

class PollerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/feedsentry-poll-XXXXXX";
    directory_ = mkdtemp(pattern);
    classifier_ = classify::Classifier::compile(classify::load_rule_files(
        {std::string(FEEDSENTRY_SOURCE_DIR) + "/config/rules/dprk-russia.yaml"}));
  }
  void TearDown() override { std::filesystem::remove_all(directory_); }

  // One `once` round with a fresh Poller (and Fetcher) on the same database file, as a
  // restarted process would do.
  std::vector<FeedOutcome> poll_once(const std::vector<std::string>& urls) {
    auto database = store::Database::open(directory_ / "state.db");
    EXPECT_TRUE(database.has_value());
    boost::asio::io_context io;
    fetch::Fetcher fetcher(io);
    core::SystemClock clock;
    schedule::SystemRandom random(42);
    std::vector<PolledFeed> feeds;
    for (const std::string& url : urls) {
      PolledFeed feed;
      feed.id = url;
      feed.name = url;
      feed.backfill = std::chrono::hours(24 * 365 * 100);  // the test items are from 2023
      feed.request.url = url;
      feed.request.total_timeout = std::chrono::seconds(5);
      feeds.push_back(std::move(feed));
    }
    PollerOptions options;
    options.policy.per_host_min_gap = core::Duration::zero();
    std::vector<FeedOutcome> outcomes;
    {
      Poller poller(io, fetcher, *database, classifier_, sink_, clock, random, std::move(feeds),
                    options);
      auto guard = boost::asio::make_work_guard(io);
      poller.poll_once([&](std::vector<FeedOutcome> result) {
        outcomes = std::move(result);
        guard.reset();
        io.stop();
      });
      io.run();
    }
    return outcomes;
  }

  std::filesystem::path directory_;
  classify::Classifier classifier_;
  CollectingSink sink_;
  HttpServer server_;
};

TEST_F(PollerTest, AlertsOnceThenConditionalGetThenNothingAfterRestart) {
  server_.on("/feed", [](const test_support::RecordedRequest& request) {
    if (request.header("If-None-Match") == "\"v1\"") return ScriptedResponse::with_status(304);
    return ScriptedResponse::with_body(rss(kSeed + kDecoy), "application/rss+xml")
        .header("ETag", "\"v1\"");
  });
  const std::string url = server_.url("/feed");

  auto first = poll_once({url});
  ASSERT_EQ(first.size(), 1u);
  EXPECT_TRUE(first[0].ok) << first[0].error;
  EXPECT_EQ(first[0].new_items, 2u);
  EXPECT_EQ(first[0].matches, 1u);
  ASSERT_EQ(sink_.titles.size(), 1u);
  EXPECT_EQ(sink_.titles[0], "US imposes sanctions on North Korean and Russian nationals");

  auto second = poll_once({url});  // a restart: new Poller, same SQLite file
  ASSERT_EQ(second.size(), 1u);
  EXPECT_TRUE(second[0].ok);
  EXPECT_EQ(second[0].new_items, 0u);
  EXPECT_EQ(sink_.titles.size(), 1u);
  const auto requests = server_.requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[1].header("If-None-Match"), "\"v1\"");  // the validator survived
}

TEST_F(PollerTest, GuidChurnDoesNotRealert) {
  std::atomic<int> version{1};
  server_.on("/feed", [&](const test_support::RecordedRequest&) {
    const std::string guid = version == 1 ? "g1" : "g1-republished";
    return ScriptedResponse::with_body(
        rss(item(guid, "US imposes sanctions on North Korean and Russian nationals",
                 "https://news.example.com/a?utm_source=rss")),
        "application/rss+xml");
  });
  const std::string url = server_.url("/feed");
  poll_once({url});
  version = 2;
  const auto outcomes = poll_once({url});
  ASSERT_EQ(outcomes.size(), 1u);
  EXPECT_EQ(outcomes[0].new_items, 0u);
  EXPECT_EQ(sink_.titles.size(), 1u);
}

TEST_F(PollerTest, FailingFeedIsReportedAndOthersStillArrive) {
  server_.on("/down", ScriptedResponse::with_status(500));
  server_.on("/ok", ScriptedResponse::with_body(rss(kSeed), "application/rss+xml"));
  const auto outcomes = poll_once({server_.url("/down"), server_.url("/ok")});
  ASSERT_EQ(outcomes.size(), 2u);
  int failed = 0;
  for (const FeedOutcome& outcome : outcomes) {
    if (!outcome.ok) {
      ++failed;
      EXPECT_NE(outcome.error.find("http_500"), std::string::npos) << outcome.error;
    }
  }
  EXPECT_EQ(failed, 1);
  EXPECT_EQ(sink_.titles.size(), 1u);
}

TEST_F(PollerTest, HtmlInsteadOfAFeedIsAFailureNotAnEmptyFeed) {
  server_.on("/feed",
             ScriptedResponse::with_body(
                 "<!DOCTYPE html><html><body>Just a moment...</body></html>", "text/html"));
  const auto outcomes = poll_once({server_.url("/feed")});
  ASSERT_EQ(outcomes.size(), 1u);
  EXPECT_FALSE(outcomes[0].ok);
  EXPECT_NE(outcomes[0].error.find("bot_wall"), std::string::npos) << outcomes[0].error;
}

}  // namespace
}  // namespace feedsentry::poll
