// Stories end to end, with the real binary: nine reports from nine feeds on one day, seven
// distinct events (two same-day sanctions packages by the US and the UK, two Treasury
// designations with different targets, a North Korean cruise-missile salvo and a ballistic
// launch three hours later, and a satellite-launch notice) and two reworded copies. `once`
// polls the feeds on 127.0.0.1 and delivers to a local webhook receiver: every distinct
// event arrives once, each copy folds (it reaches only the file output, as a follow-up),
// and the daemon's stories are the ones `feedsentry stories` finds for the same items.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "app/command_runner.h"
#include "app/story_feed_fixture.h"
#include "support/http_server.h"

namespace feedsentry {
namespace {

using test_support::HttpServer;
using test_support::ScriptedResponse;

constexpr const char* kCases = FEEDSENTRY_SOURCE_DIR "/tests/data/story/events.jsonl";

// The same-day reports, by id in events.jsonl, and how many hours before now each was
// published (their order and gaps as on the real day).
const std::vector<std::pair<std::string, int>> kReports = {
    {"us-pkg-1", 9}, {"uk-pkg-1", 8}, {"us-pkg-2", 7}, {"it-1", 7},       {"banks-1", 6},
    {"notice-1", 5}, {"cruise-1", 4}, {"cruise-2", 3}, {"ballistic-1", 1}};

class StoryEndToEnd : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/feedsentry-story-e2e-XXXXXX";
    dir_ = mkdtemp(pattern);
    std::map<std::string, nlohmann::json> cases;
    std::ifstream file(kCases);
    for (std::string line; std::getline(file, line);) {
      const nlohmann::json item = nlohmann::json::parse(line);
      cases[item.at("id").get<std::string>()] = item;
    }
    const auto now = std::chrono::system_clock::now();
    std::ofstream items(dir_ / "items.jsonl");
    std::string feeds_yaml;
    for (std::size_t i = 0; i < kReports.size(); ++i) {
      nlohmann::json item = cases.at(kReports[i].first);
      const auto published = now - std::chrono::hours(kReports[i].second);
      group_of_[item.at("link").get<std::string>()] = item.at("group").get<std::string>();
      const std::string path = "/feed" + std::to_string(i) + ".rss";
      feeds_.on(path, ScriptedResponse::with_body(
                          "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Desk " +
                              std::to_string(i) + "</title>" + testing::rss_item(item, published) +
                              "</channel></rss>",
                          "application/rss+xml"));
      feeds_yaml += "  - url: " + feeds_.url(path) + "\n    name: Desk " + std::to_string(i) + "\n";
      item["published"] = testing::rfc3339(published);
      item["seen_at"] = testing::rfc3339(now);
      items << item.dump() << "\n";
    }
    receiver_.on("/hook", ScriptedResponse::with_status(200));
    setenv("STORY_E2E_WEBHOOK_URL", receiver_.url("/hook").c_str(), 1);
    config_ = dir_ / "feedsentry.yaml";
    std::ofstream(config_)
        << "state_dir: state\nrules: [" << FEEDSENTRY_SOURCE_DIR
        << "/config/rules/dprk-russia.yaml]\n"
        << "poll: {backfill: 1d, startup_spread: 0s}\n"
        << "http: {per_host_min_gap: 0s}\nfeeds:\n"
        << feeds_yaml << "outputs:\n"
        << "  - name: team-hook\n    type: webhook\n"
        << "    settings: {url: \"${STORY_E2E_WEBHOOK_URL}\", rate_limit: off}\n"
        << "  - name: archive\n    type: file\n    settings: {path: alerts.jsonl}\n";
  }
  void TearDown() override {
    unsetenv("STORY_E2E_WEBHOOK_URL");
    std::filesystem::remove_all(dir_);
  }

  std::filesystem::path dir_;
  std::filesystem::path config_;
  HttpServer feeds_;
  HttpServer receiver_;
  std::map<std::string, std::string> group_of_;  // link -> labeled event
};

TEST_F(StoryEndToEnd, EverySameDayEventReachesTheWebhookAndEveryCopyFolds) {
  const auto once = testing::run("once --config " + config_.string(), true);
  ASSERT_EQ(once.status, 0) << once.output;

  // The webhook: one alert per event, none for a copy.
  std::map<std::string, int> alerts_per_event;
  for (const auto& request : receiver_.requests_to("/hook")) {
    const nlohmann::json body = nlohmann::json::parse(request.body);
    ++alerts_per_event[group_of_.at(body.at("link").get<std::string>())];
  }
  std::set<std::string> events;
  for (const auto& [link, group] : group_of_) events.insert(group);
  ASSERT_EQ(events.size(), 7u);
  EXPECT_EQ(alerts_per_event.size(), events.size()) << once.output;
  for (const auto& [event, alerts] : alerts_per_event) {
    EXPECT_EQ(alerts, 1) << event << " posted " << alerts << " times\n" << once.output;
  }

  // The file output takes follow-ups too: it shows the daemon's story of every report.
  std::map<std::string, std::string> daemon_story;  // link -> story id
  std::ifstream archive(dir_ / "alerts.jsonl");
  for (std::string line; std::getline(archive, line);) {
    const nlohmann::json alert = nlohmann::json::parse(line);
    daemon_story[alert.at("link").get<std::string>()] = alert.at("story_id").get<std::string>();
  }
  ASSERT_EQ(daemon_story.size(), kReports.size()) << once.output;
  for (const auto& [a, story_a] : daemon_story) {
    for (const auto& [b, story_b] : daemon_story) {
      EXPECT_EQ(story_a == story_b, group_of_.at(a) == group_of_.at(b)) << a << " / " << b;
    }
  }
  // Each match line says what the grouping decided and where the alert went.
  EXPECT_NE(once.output.find("copy of story "), std::string::npos) << once.output;
  EXPECT_NE(once.output.find("follow-up for archive"), std::string::npos) << once.output;
  EXPECT_NE(once.output.find("kept apart: class ballistic vs cruise"), std::string::npos)
      << once.output;
  EXPECT_NE(once.output.find("queued for team-hook, archive"), std::string::npos) << once.output;

  // The CLI runs the same decision over the same items: the same stories.
  const auto cli = testing::run("stories " + (dir_ / "items.jsonl").string());
  ASSERT_EQ(cli.status, 0);
  std::map<std::string, std::string> cli_story;  // id -> story
  std::map<std::string, std::string> link_of;
  std::ifstream items(dir_ / "items.jsonl");
  for (std::string line; std::getline(items, line);) {
    const nlohmann::json item = nlohmann::json::parse(line);
    link_of[item.at("id").get<std::string>()] = item.at("link").get<std::string>();
  }
  std::istringstream lines(cli.output);
  for (std::string line; std::getline(lines, line);) {
    const nlohmann::json row = nlohmann::json::parse(line);
    cli_story[link_of.at(row.at("id").get<std::string>())] = row.at("story").get<std::string>();
  }
  for (const auto& [a, story_a] : daemon_story) {
    for (const auto& [b, story_b] : daemon_story) {
      EXPECT_EQ(story_a == story_b, cli_story.at(a) == cli_story.at(b))
          << "daemon and CLI disagree on " << a << " / " << b;
    }
  }
}

}  // namespace
}  // namespace feedsentry
