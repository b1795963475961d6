// The configs in config/ load cleanly, and say what their comments promise.
#include <gtest/gtest.h>

#include <algorithm>

#include "config/check.h"
#include "config/load.h"
#include "config/opml.h"
#include "config_test_support.h"

namespace feedsentry::config {
namespace {

using testing::ScopedEnv;
using namespace std::chrono_literals;

const std::filesystem::path kConfigDir = std::filesystem::path(FEEDSENTRY_SOURCE_DIR) / "config";

TEST(ShippedConfigs, DemoLoadsWithTheFourSamples) {
  const Config config = load_config((kConfigDir / "demo.yaml").string());
  EXPECT_EQ(config.state_dir, kConfigDir / ".feedsentry-demo");
  ASSERT_EQ(config.rules.size(), 1u);
  EXPECT_EQ(config.rules[0].path, kConfigDir / "rules/dprk-russia.yaml");
  ASSERT_EQ(config.feeds.size(), 4u);
  for (const char* sample : {"world-news.rss.xml", "korea-desk.atom.xml", "russia-business.json",
                             "russian-news.cp1251.rss.xml"}) {
    const std::string url = "file://" + (kConfigDir / "samples" / sample).string();
    EXPECT_TRUE(std::any_of(config.feeds.begin(), config.feeds.end(), [&](const FeedConfig& feed) {
      return feed.url == url;
    })) << url;
  }
  EXPECT_TRUE(check_referenced_files(config).empty());
}

TEST(ShippedConfigs, DemoIsIndependentOfTheWorkingDirectory) {
  const std::filesystem::path previous = std::filesystem::current_path();
  std::filesystem::current_path("/");
  const Config config = load_config((kConfigDir / "demo.yaml").string());
  std::filesystem::current_path(previous);
  EXPECT_EQ(config.feeds[0].url, "file://" + (kConfigDir / "samples/world-news.rss.xml").string());
}

TEST(ShippedConfigs, ExampleConfigLoadsWithItsDocumentedDefaults) {
  const ScopedEnv state("FEEDSENTRY_STATE_DIR", std::nullopt);
  const ScopedEnv log("FEEDSENTRY_ALERT_LOG", std::nullopt);
  const Config config = load_config((kConfigDir / "feedsentry.yaml").string());
  EXPECT_TRUE(check_referenced_files(config).empty());

  // The file shows the defaults; loading it must give the same as loading nothing.
  const Config defaults = testing::load_yaml("");
  EXPECT_EQ(config.state_dir, defaults.state_dir);
  EXPECT_EQ(config.log_level, defaults.log_level);
  EXPECT_EQ(config.http.user_agent, defaults.http.user_agent);
  EXPECT_EQ(config.http.connect_timeout, defaults.http.connect_timeout);
  EXPECT_EQ(config.http.total_timeout, defaults.http.total_timeout);
  EXPECT_EQ(config.http.low_speed_limit, defaults.http.low_speed_limit);
  EXPECT_EQ(config.http.low_speed_time, defaults.http.low_speed_time);
  EXPECT_EQ(config.http.max_body, defaults.http.max_body);
  EXPECT_EQ(config.http.max_decompressed, defaults.http.max_decompressed);
  EXPECT_EQ(config.http.max_redirects, defaults.http.max_redirects);
  EXPECT_EQ(config.http.verify_tls, defaults.http.verify_tls);
  EXPECT_EQ(config.http.max_concurrency, defaults.http.max_concurrency);
  EXPECT_EQ(config.http.per_host_concurrency, defaults.http.per_host_concurrency);
  EXPECT_EQ(config.http.per_host_min_gap, defaults.http.per_host_min_gap);
  EXPECT_EQ(config.poll.interval, defaults.poll.interval);
  EXPECT_DOUBLE_EQ(config.poll.jitter, defaults.poll.jitter);
  EXPECT_EQ(config.poll.max_interval, defaults.poll.max_interval);
  EXPECT_EQ(config.poll.backoff_base, defaults.poll.backoff_base);
  EXPECT_EQ(config.poll.backoff_cap, defaults.poll.backoff_cap);
  EXPECT_EQ(config.poll.degraded_after, defaults.poll.degraded_after);
  EXPECT_EQ(config.poll.backfill, defaults.poll.backfill);
  EXPECT_EQ(config.poll.prune_after, defaults.poll.prune_after);
  EXPECT_EQ(config.poll.startup_spread, defaults.poll.startup_spread);
  EXPECT_EQ(config.poll.parse_threads, defaults.poll.parse_threads);
  EXPECT_EQ(config.metrics.enabled, defaults.metrics.enabled);
  EXPECT_EQ(config.metrics.listen_host, defaults.metrics.listen_host);
  EXPECT_EQ(config.metrics.listen_port, defaults.metrics.listen_port);
  ASSERT_EQ(config.rules.size(), 1u);
  EXPECT_EQ(config.rules[0].path, kConfigDir / "rules/dprk-russia.yaml");
}

TEST(ShippedConfigs, ExampleConfigImportsTheExampleOpml) {
  const Config config = load_config((kConfigDir / "feedsentry.yaml").string());
  const std::vector<FeedConfig> imported = load_opml(kConfigDir / "opml/example.opml");
  ASSERT_FALSE(imported.empty());
  ASSERT_GE(config.feeds.size(), imported.size());
  const auto first_imported = config.feeds.end() - static_cast<std::ptrdiff_t>(imported.size());
  for (std::size_t i = 0; i < imported.size(); ++i) {
    EXPECT_EQ(first_imported[static_cast<std::ptrdiff_t>(i)].url, imported[i].url);
  }
  EXPECT_EQ(imported[0].name, "NK News");
  EXPECT_EQ(imported[0].tags, (std::vector<std::string>{"Asia", "Korea"}));
}

TEST(ShippedConfigs, ExampleConfigTakesStateDirFromTheEnvironment) {
  const ScopedEnv state("FEEDSENTRY_STATE_DIR", "/tmp/feedsentry-state");
  EXPECT_EQ(load_config((kConfigDir / "feedsentry.yaml").string()).state_dir,
            "/tmp/feedsentry-state");
}

}  // namespace
}  // namespace feedsentry::config
