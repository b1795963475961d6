// The crash test of the outbox: the real daemon delivers alerts to a slow webhook receiver on
// 127.0.0.1, is killed with SIGKILL while a delivery is in flight, and is restarted on the
// same state file. Every alert must arrive at least once, and the only duplicate allowed is
// the delivery that was in flight at the kill.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "app/daemon_process.h"
#include "support/http_server.h"

namespace feedsentry {
namespace {

using test_support::HttpServer;
using test_support::RecordedRequest;
using test_support::ScriptedResponse;

constexpr int kItems = 10;

// Distinct stories, so each is an alert of its own.
const char* const kTitles[kItems] = {
    "US Treasury sanctions North Korean shipping firm over coal exports",
    "EU adopts new sanctions package against Russian oil traders",
    "North Korea fires ballistic missile into the Sea of Japan",
    "UK sanctions Russian banks over support for the war in Ukraine",
    "Russia launches Soyuz rocket carrying military satellite from Plesetsk",
    "Japan imposes sanctions on North Korean hackers behind crypto thefts",
    "South Korea sanctions North Korean officials over satellite launch",
    "OFAC designates Russian procurement network for evading export controls",
    "North Korea test-fires cruise missiles from submarine, Seoul says",
    "Treasury sanctions Moscow-based company supplying North Korea missile program",
};

std::string feed_xml() {
  std::string items;
  for (int i = 0; i < kItems; ++i) {
    items += "<item><guid>item-" + std::to_string(i) + "</guid><title>" + kTitles[i] +
             "</title><link>https://news.example.com/story/" + std::to_string(i) +
             "</link><pubDate>Fri, 1 Sep 2023 10:0" + std::to_string(i) +
             ":00 GMT</pubDate></item>";
  }
  return R"(<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>)" + items +
         "</channel></rss>";
}

std::map<std::string, int> deliveries_by_headline(const std::vector<RecordedRequest>& requests) {
  std::map<std::string, int> counts;
  for (const RecordedRequest& request : requests) {
    const auto body = nlohmann::json::parse(request.body, nullptr, false);
    if (!body.is_discarded()) ++counts[body.value("headline", "")];
  }
  return counts;
}

TEST(DeliveryCrash, KillNineWhileDeliveringLosesNothingAndRepeatsAtMostTheInFlightOne) {
  char pattern[] = "/tmp/feedsentry-crash-XXXXXX";
  const std::filesystem::path dir = mkdtemp(pattern);
  HttpServer feeds;
  feeds.on("/feed.xml", ScriptedResponse::with_body(feed_xml(), "application/rss+xml"));
  HttpServer receiver;
  ScriptedResponse slow = ScriptedResponse::with_status(200);
  // Each delivery held for 500 ms: the kill, right after the fourth request arrives, has
  // 3 s (six more deliveries) to land before the last one, even on a loaded machine.
  slow.delay_before_headers = std::chrono::milliseconds(500);
  receiver.on("/hook", slow);

  const auto config = dir / "feedsentry.yaml";
  std::ofstream(config) << "state_dir: state\n"
                        << "rules: [" << FEEDSENTRY_SOURCE_DIR
                        << "/config/rules/dprk-russia.yaml]\n"
                        << "poll: {backfill: 100000d, interval: 1h, startup_spread: 1s}\n"
                        << "feeds:\n  - url: " << feeds.url("/feed.xml") << "\n    name: Wire\n"
                        << "outputs:\n  - name: hook\n    type: webhook\n    settings:\n"
                        << "      url: " << receiver.url("/hook") << "\n"
                        << "      rate_limit: \"off\"\n      followups: thread\n";

  const pid_t first = testing::spawn_feedsentry({"run", "--config", config.string()});
  ASSERT_GT(first, 0);
  // Kill it while the fourth delivery is in flight (the receiver holds each for 500 ms).
  ASSERT_TRUE(receiver.wait_for_requests(4, std::chrono::seconds(30)));
  testing::stop_process(first, SIGKILL);
  const std::size_t before_restart = receiver.requests_to("/hook").size();
  EXPECT_LT(before_restart, static_cast<std::size_t>(kItems)) << "killed too late to test";

  const pid_t second = testing::spawn_feedsentry({"run", "--config", config.string()});
  ASSERT_GT(second, 0);
  const bool all_arrived = receiver.wait_until(
      [](const std::vector<RecordedRequest>& requests) {
        return deliveries_by_headline(requests).size() >= static_cast<std::size_t>(kItems);
      },
      std::chrono::seconds(40));
  const int status = testing::stop_process(second, SIGTERM);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "SIGTERM exits cleanly";
  ASSERT_TRUE(all_arrived) << "lost alerts";

  const auto counts = deliveries_by_headline(receiver.requests_to("/hook"));
  int duplicates = 0;
  for (const char* title : kTitles) {
    ASSERT_TRUE(counts.contains(title)) << "never delivered: " << title;
    duplicates += counts.at(title) - 1;
  }
  EXPECT_LE(duplicates, 1) << "more repeats than the one delivery in flight at the kill";
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace feedsentry
