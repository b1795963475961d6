// The daemon's own path measured on the story dev set: the items of
// ../shared/data/stories-dev.jsonl that the shipped rules match arrive one by one on their
// feeds (served on 127.0.0.1), each followed by a `feedsentry once`; the stories the daemon
// records (its file output takes every alert and follow-up) must be exactly the ones
// `feedsentry stories` finds for the same items in the same order. Gaps between items are
// capped at 40 minutes, so the whole run sits inside one grouping window for both.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "app/command_runner.h"
#include "app/story_feed_fixture.h"
#include "support/http_server.h"

namespace feedsentry {
namespace {

using test_support::HttpServer;
using test_support::RecordedRequest;
using test_support::ScriptedResponse;

constexpr const char* kDevSet = FEEDSENTRY_SOURCE_DIR "/../shared/data/stories-dev.jsonl";

// Items with their publication times moved next to now, gaps kept but capped.
std::vector<nlohmann::json> matched_items_in_time_order() {
  std::ifstream file(kDevSet);
  std::string all;
  std::vector<nlohmann::json> items;
  for (std::string line; std::getline(file, line);) {
    items.push_back(nlohmann::json::parse(line));
    all += line + "\n";
  }
  const auto classified = testing::run_with_input("classify --matched-only", all);
  std::set<std::string> matched;
  std::istringstream lines(classified.output);
  for (std::string line; std::getline(lines, line);) {
    matched.insert(nlohmann::json::parse(line).at("id").get<std::string>());
  }
  std::erase_if(items, [&](const nlohmann::json& item) {
    return !matched.contains(item.at("id").get<std::string>());
  });
  std::stable_sort(items.begin(), items.end(), [](const auto& a, const auto& b) {
    return a.at("published").template get<std::string>() <
           b.at("published").template get<std::string>();
  });
  return items;
}

TEST(StoryDevSetThroughOnce, TheDaemonGroupsAsTheCliDoes) {
  std::ifstream probe(kDevSet);
  ASSERT_TRUE(probe.good()) << "dev set missing: " << kDevSet;
  std::vector<nlohmann::json> items = matched_items_in_time_order();
  ASSERT_GE(items.size(), 20u);

  char pattern[] = "/tmp/feedsentry-story-devset-XXXXXX";
  const std::filesystem::path dir = mkdtemp(pattern);
  // New times: the original gaps, at most 40 minutes each, ending 10 minutes ago.
  const auto now = std::chrono::system_clock::now();
  std::vector<std::chrono::system_clock::time_point> times(items.size());
  for (std::size_t i = 1; i < items.size(); ++i) {
    std::tm a{}, b{};
    strptime(items[i - 1].at("published").get<std::string>().c_str(), "%Y-%m-%dT%H:%M:%SZ", &a);
    strptime(items[i].at("published").get<std::string>().c_str(), "%Y-%m-%dT%H:%M:%SZ", &b);
    const auto gap = std::chrono::seconds(std::max<long>(0, timegm(&b) - timegm(&a)));
    times[i] =
        times[i - 1] + std::min<std::chrono::system_clock::duration>(gap, std::chrono::minutes(40));
  }
  const auto shift = (now - std::chrono::minutes(10)) - times.back();
  for (auto& time : times) time += shift;

  // One feed per original feed; each publishes its items as they "arrive".
  HttpServer server;
  std::mutex mutex;
  std::map<std::string, std::string> path_of_feed;
  std::map<std::string, std::string> items_xml;  // path -> <item>s published so far
  std::string feeds_yaml;
  for (const nlohmann::json& item : items) {
    const std::string feed = item.value("feed", "");
    if (path_of_feed.contains(feed)) continue;
    const std::string path = "/feed" + std::to_string(path_of_feed.size()) + ".rss";
    path_of_feed[feed] = path;
    server.on(path, [&mutex, &items_xml, path](const RecordedRequest&) {
      const std::lock_guard lock(mutex);
      return ScriptedResponse::with_body(
          "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>" + path + "</title>" +
              items_xml[path] + "</channel></rss>",
          "application/rss+xml");
    });
    feeds_yaml += "  - url: " + server.url(path) + "\n    name: Desk " +
                  std::to_string(path_of_feed.size()) + "\n";
  }
  const auto config = dir / "feedsentry.yaml";
  std::ofstream(config)
      << "state_dir: state\nrules: [" << FEEDSENTRY_SOURCE_DIR
      << "/config/rules/dprk-russia.yaml]\n"
      << "poll: {backfill: 100000d, startup_spread: 0s}\n"
      << "http: {per_host_min_gap: 0s}\nfeeds:\n"
      << feeds_yaml << "outputs:\n"
      << "  - name: archive\n    type: file\n    settings: {path: alerts.jsonl}\n";

  std::ofstream cli_input(dir / "items.jsonl");
  for (std::size_t i = 0; i < items.size(); ++i) {
    const nlohmann::json& item = items[i];
    {
      const std::lock_guard lock(mutex);
      items_xml[path_of_feed.at(item.value("feed", ""))] += testing::rss_item(item, times[i]);
    }
    const auto once = testing::run("once --config " + config.string(), true);
    ASSERT_EQ(once.status, 0) << once.output;
    nlohmann::json line = item;
    line["published"] = testing::rfc3339(times[i]);
    line["seen_at"] = testing::rfc3339(std::chrono::system_clock::now());
    cli_input << line.dump() << "\n";
  }
  cli_input.close();

  // The daemon's stories, from its file output (alerts and follow-ups), by link.
  std::map<std::string, std::string> daemon_story;
  std::ifstream archive(dir / "alerts.jsonl");
  for (std::string line; std::getline(archive, line);) {
    const nlohmann::json alert = nlohmann::json::parse(line);
    daemon_story[alert.at("link").get<std::string>()] = alert.at("story_id").get<std::string>();
  }
  ASSERT_EQ(daemon_story.size(), items.size()) << "every matched item reached the outbox once";

  const auto cli = testing::run("stories " + (dir / "items.jsonl").string());
  ASSERT_EQ(cli.status, 0);
  std::map<std::string, std::string> link_of;
  for (const nlohmann::json& item : items) {
    link_of[item.at("id").get<std::string>()] = item.value("link", "");
  }
  std::map<std::string, std::string> cli_story;
  std::istringstream lines(cli.output);
  for (std::string line; std::getline(lines, line);) {
    const nlohmann::json row = nlohmann::json::parse(line);
    cli_story[link_of.at(row.at("id").get<std::string>())] = row.at("story").get<std::string>();
  }
  std::size_t pairs = 0;
  for (const auto& [a, story_a] : daemon_story) {
    for (const auto& [b, story_b] : daemon_story) {
      if (a >= b) continue;
      ++pairs;
      EXPECT_EQ(story_a == story_b, cli_story.at(a) == cli_story.at(b))
          << "daemon and CLI disagree on " << a << " / " << b;
    }
  }
  EXPECT_GT(pairs, 0u);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace feedsentry
