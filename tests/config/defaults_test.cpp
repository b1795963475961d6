// What an empty config means: the documented defaults, in one place (config/config.h).
#include <gtest/gtest.h>

#include "config/config.h"
#include "config_test_support.h"

namespace feedsentry::config {
namespace {

using testing::kBaseDir;
using testing::load_yaml;
using namespace std::chrono_literals;

TEST(ConfigDefaults, EmptyFileIsAllDefaults) {
  for (const char* yaml : {"", "# only a comment\n", "~\n"}) {
    const Config config = load_yaml(yaml);
    EXPECT_EQ(config.state_dir, "/var/lib/feedsentry") << yaml;
    EXPECT_EQ(config.log_level, LogLevel::kInfo);
    EXPECT_TRUE(config.feeds.empty());
    EXPECT_TRUE(config.outputs.empty());
  }
}

TEST(ConfigDefaults, Http) {
  const HttpConfig http = load_yaml("").http;
  EXPECT_EQ(http.user_agent,
            std::string("feedsentry/") + kVersion + " (+https://github.com/feedsentry/feedsentry)");
  EXPECT_EQ(http.connect_timeout, 10s);
  EXPECT_EQ(http.total_timeout, 30s);
  EXPECT_EQ(http.low_speed_limit, 1024u);
  EXPECT_EQ(http.low_speed_time, 15s);
  EXPECT_EQ(http.max_body, 16u * 1024 * 1024);
  EXPECT_EQ(http.max_decompressed, 64u * 1024 * 1024);
  EXPECT_EQ(http.max_redirects, 5);
  EXPECT_TRUE(http.verify_tls);
  EXPECT_EQ(http.max_concurrency, 64);
  EXPECT_EQ(http.per_host_concurrency, 2);
  EXPECT_EQ(http.per_host_min_gap, 1s);
}

TEST(ConfigDefaults, Poll) {
  const PollConfig poll = load_yaml("").poll;
  EXPECT_EQ(poll.interval, 5min);
  EXPECT_DOUBLE_EQ(poll.jitter, 0.10);
  EXPECT_EQ(poll.max_interval, 6h);
  EXPECT_EQ(poll.backoff_base, 1min);
  EXPECT_EQ(poll.backoff_cap, 6h);
  EXPECT_EQ(poll.degraded_after, 1h);
  EXPECT_EQ(poll.backfill, 6h);
  EXPECT_EQ(poll.prune_after, 90 * 24h);
  EXPECT_EQ(poll.startup_spread, 5min);
  EXPECT_EQ(poll.parse_threads, 2);
}

TEST(ConfigDefaults, StartupSpreadFollowsTheConfiguredInterval) {
  EXPECT_EQ(load_yaml("poll:\n  interval: 15m\n").poll.startup_spread, 15min);
  EXPECT_EQ(load_yaml("poll:\n  interval: 15m\n  startup_spread: 0\n").poll.startup_spread, 0s);
}

TEST(ConfigDefaults, RulesAreTheShippedSetNextToTheConfigFile) {
  const Config config = load_yaml("");
  ASSERT_EQ(config.rules.size(), 1u);
  EXPECT_EQ(config.rules[0].path, kBaseDir / "rules/dprk-russia.yaml");
  EXPECT_EQ(config.rules[0].origin.to_string(), "test.yaml");
  EXPECT_EQ(config.rule_paths(),
            std::vector<std::string>{"/srv/feedsentry/rules/dprk-russia.yaml"});
}

TEST(ConfigDefaults, Metrics) {
  const MetricsConfig metrics = load_yaml("").metrics;
  EXPECT_FALSE(metrics.enabled);
  EXPECT_EQ(metrics.listen_host, "127.0.0.1");
  EXPECT_EQ(metrics.listen_port, 9464);
}

TEST(ConfigDefaults, EmptySectionsAreDefaults) {
  const Config config = load_yaml("http:\npoll:\nfeeds:\nopml:\noutputs:\nmetrics:\n");
  EXPECT_EQ(config.http.max_body, HttpConfig{}.max_body);
  EXPECT_EQ(config.poll.interval, PollConfig{}.interval);
  EXPECT_TRUE(config.feeds.empty());
  EXPECT_TRUE(config.outputs.empty());
}

TEST(ConfigDefaults, FeedInheritsPollAndHttpValues) {
  const Config config = load_yaml(
      "http:\n  max_body: 1MiB\n  user_agent: agent/1\n  verify_tls: false\n"
      "poll:\n  interval: 20m\n  backfill: 2h\n"
      "feeds:\n  - url: https://news.example.com/rss\n");
  ASSERT_EQ(config.feeds.size(), 1u);
  const FeedConfig& feed = config.feeds[0];
  EXPECT_EQ(feed.name, "news.example.com");
  EXPECT_TRUE(feed.enabled);
  EXPECT_TRUE(feed.tags.empty());
  EXPECT_EQ(feed.interval, 20min);
  EXPECT_EQ(feed.backfill, 2h);
  EXPECT_EQ(feed.max_body, 1024u * 1024);
  EXPECT_EQ(feed.user_agent, "agent/1");
  EXPECT_FALSE(feed.verify_tls);
}

TEST(ConfigDefaults, FeedStructDefaultsMatchTheSections) {
  const FeedConfig feed;
  EXPECT_EQ(feed.interval, PollConfig{}.interval);
  EXPECT_EQ(feed.backfill, PollConfig{}.backfill);
  EXPECT_EQ(feed.max_body, HttpConfig{}.max_body);
  EXPECT_EQ(feed.user_agent, HttpConfig{}.user_agent);
  EXPECT_EQ(feed.verify_tls, HttpConfig{}.verify_tls);
}

TEST(ConfigDefaults, OutputNameIsItsType) {
  const Config config = load_yaml("outputs:\n  - type: file\n");
  ASSERT_EQ(config.outputs.size(), 1u);
  EXPECT_EQ(config.outputs[0].name, "file");
  EXPECT_TRUE(config.outputs[0].topics.empty());
  EXPECT_TRUE(config.outputs[0].settings.empty());
  EXPECT_EQ(config.outputs[0].base_dir, kBaseDir);
}

}  // namespace
}  // namespace feedsentry::config
