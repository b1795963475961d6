// Values as written in a config file reach the typed structs.
#include <gtest/gtest.h>

#include "config/load.h"
#include "config_test_support.h"

namespace feedsentry::config {
namespace {

using testing::error_of;
using testing::kBaseDir;
using testing::load_yaml;
using testing::ScopedEnv;
using testing::TempDir;
using namespace std::chrono_literals;

TEST(LoadConfig, ReadsEverySection) {
  const Config config = load_yaml(R"(
state_dir: /data/feedsentry
log_level: debug
http:
  user_agent: "test-agent/2"
  connect_timeout: 5s
  total_timeout: 1m
  low_speed_limit: 2KiB
  low_speed_time: 20s
  max_body: 1MiB
  max_decompressed: 8MiB
  max_redirects: 0
  verify_tls: false
  max_concurrency: 8
  per_host_concurrency: 1
  per_host_min_gap: 250ms
poll:
  interval: 10m
  jitter: 0.25
  max_interval: 12h
  backoff_base: 30s
  backoff_cap: 2h
  degraded_after: 3h
  backfill: 1d
  prune_after: 30d
  startup_spread: 2m
  parse_threads: 4
metrics:
  enabled: true
  listen: "[::1]:0"
)");
  EXPECT_EQ(config.state_dir, "/data/feedsentry");
  EXPECT_EQ(config.log_level, LogLevel::kDebug);
  EXPECT_EQ(config.http.user_agent, "test-agent/2");
  EXPECT_EQ(config.http.connect_timeout, 5s);
  EXPECT_EQ(config.http.total_timeout, 1min);
  EXPECT_EQ(config.http.low_speed_limit, 2048u);
  EXPECT_EQ(config.http.low_speed_time, 20s);
  EXPECT_EQ(config.http.max_body, 1024u * 1024);
  EXPECT_EQ(config.http.max_decompressed, 8u * 1024 * 1024);
  EXPECT_EQ(config.http.max_redirects, 0);
  EXPECT_FALSE(config.http.verify_tls);
  EXPECT_EQ(config.http.max_concurrency, 8);
  EXPECT_EQ(config.http.per_host_concurrency, 1);
  EXPECT_EQ(config.http.per_host_min_gap, 250ms);
  EXPECT_EQ(config.poll.interval, 10min);
  EXPECT_DOUBLE_EQ(config.poll.jitter, 0.25);
  EXPECT_EQ(config.poll.max_interval, 12h);
  EXPECT_EQ(config.poll.backoff_base, 30s);
  EXPECT_EQ(config.poll.backoff_cap, 2h);
  EXPECT_EQ(config.poll.degraded_after, 3h);
  EXPECT_EQ(config.poll.backfill, 24h);
  EXPECT_EQ(config.poll.prune_after, 30 * 24h);
  EXPECT_EQ(config.poll.startup_spread, 2min);
  EXPECT_EQ(config.poll.parse_threads, 4);
  EXPECT_TRUE(config.metrics.enabled);
  EXPECT_EQ(config.metrics.listen_host, "::1");
  EXPECT_EQ(config.metrics.listen_port, 0);
}

TEST(LoadConfig, StoriesSectionSetsTheGroupingKnobsAndLeavesTheRestToTheStoryModule) {
  const Config defaults = load_yaml("feeds: []\n");
  EXPECT_TRUE(defaults.stories.enabled);
  EXPECT_FALSE(defaults.stories.window.has_value());
  EXPECT_FALSE(defaults.stories.near_identical.has_value());
  const Config config = load_yaml(
      "stories:\n  enabled: false\n  window: 24h\n  near_identical: 0.3\n  identical: 0.7\n"
      "  related: 0.1\n  event_gap: 6h\n  event_gap_same_day: 36h\n");
  EXPECT_FALSE(config.stories.enabled);
  EXPECT_EQ(config.stories.window, std::chrono::hours(24));
  EXPECT_EQ(config.stories.near_identical, 0.3);
  EXPECT_EQ(config.stories.identical, 0.7);
  EXPECT_EQ(config.stories.related, 0.1);
  EXPECT_EQ(config.stories.event_gap, std::chrono::hours(6));
  EXPECT_EQ(config.stories.event_gap_same_day, std::chrono::hours(36));
  EXPECT_EQ(testing::error_of("stories:\n  near_identical: 1.5\n").rfind("test.yaml:2:", 0), 0u);
  EXPECT_NE(testing::error_of("stories:\n  near_identical: 0.1\n  related: 0.2\n")
                .find("related must not be above near_identical"),
            std::string::npos);
  EXPECT_NE(testing::error_of("stories:\n  windw: 1h\n").find("unknown key 'windw'"),
            std::string::npos);
}

TEST(LoadConfig, EveryLogLevel) {
  const std::pair<const char*, LogLevel> levels[] = {
      {"trace", LogLevel::kTrace}, {"debug", LogLevel::kDebug}, {"info", LogLevel::kInfo},
      {"warn", LogLevel::kWarn},   {"error", LogLevel::kError}, {"off", LogLevel::kOff}};
  for (const auto& [name, level] : levels) {
    const Config config = load_yaml(std::string("log_level: ") + name + "\n");
    EXPECT_EQ(config.log_level, level) << name;
    EXPECT_EQ(log_level_name(level), name);
  }
  EXPECT_EQ(load_yaml("log_level: warning\n").log_level, LogLevel::kWarn);
}

TEST(LoadConfig, LogSection) {
  const Config config = load_yaml("log:\n  level: debug\n  format: json\n");
  EXPECT_EQ(config.log_level, LogLevel::kDebug);
  EXPECT_EQ(config.log_format, LogFormat::kJson);
  EXPECT_EQ(load_yaml("log: {}\n").log_format, LogFormat::kText);
  EXPECT_EQ(load_yaml("log_level: warn\n").log_level, LogLevel::kWarn);
}

TEST(LoadConfig, FeedOverridesAndTags) {
  const Config config = load_yaml(R"(
feeds:
  - url: https://korea.example.org/feed.atom
    name: Korea Desk
    tags: [korea, english, korea]
    enabled: false
    interval: 1h
    backfill: 0
    max_body: 2MiB
    user_agent: special/1
    verify_tls: false
)");
  ASSERT_EQ(config.feeds.size(), 1u);
  const FeedConfig& feed = config.feeds[0];
  EXPECT_EQ(feed.url, "https://korea.example.org/feed.atom");
  EXPECT_EQ(feed.name, "Korea Desk");
  EXPECT_EQ(feed.tags, (std::vector<std::string>{"korea", "english"}));
  EXPECT_FALSE(feed.enabled);
  EXPECT_EQ(feed.interval, 1h);
  EXPECT_EQ(feed.backfill, 0s);
  EXPECT_EQ(feed.max_body, 2u * 1024 * 1024);
  EXPECT_EQ(feed.user_agent, "special/1");
  EXPECT_FALSE(feed.verify_tls);
  EXPECT_EQ(feed.origin.to_string(), "test.yaml:3:5");
}

TEST(LoadConfig, FeedsKeepFileOrder) {
  const Config config = load_yaml(
      "feeds:\n  - url: https://a.example/rss\n  - url: https://b.example/rss\n"
      "  - url: file:///srv/c.xml\n");
  ASSERT_EQ(config.feeds.size(), 3u);
  EXPECT_EQ(config.feeds[0].name, "a.example");
  EXPECT_EQ(config.feeds[1].name, "b.example");
  EXPECT_EQ(config.feeds[2].name, "c.xml");
  EXPECT_EQ(config.feeds[2].url, "file:///srv/c.xml");
}

TEST(LoadConfig, RelativePathsResolveAgainstTheConfigDirectory) {
  const Config config = load_yaml(R"(
state_dir: state
rules: [rules/a.yaml, ../shared/b.yaml, /etc/feedsentry/c.yaml]
feeds:
  - path: samples/world news.xml
  - path: /srv/feeds/abs.xml
outputs:
  - type: file
    settings:
      path: alerts.jsonl
)");
  EXPECT_EQ(config.state_dir, "/srv/feedsentry/state");
  ASSERT_EQ(config.rules.size(), 3u);
  EXPECT_EQ(config.rules[0].path, "/srv/feedsentry/rules/a.yaml");
  EXPECT_EQ(config.rules[1].path, "/srv/shared/b.yaml");
  EXPECT_EQ(config.rules[2].path, "/etc/feedsentry/c.yaml");
  EXPECT_EQ(config.rules[1].origin.to_string(), "test.yaml:3:23");
  ASSERT_EQ(config.feeds.size(), 2u);
  EXPECT_EQ(config.feeds[0].url, "file:///srv/feedsentry/samples/world%20news.xml");
  EXPECT_EQ(config.feeds[0].name, "world news.xml");
  EXPECT_EQ(config.feeds[1].url, "file:///srv/feeds/abs.xml");
  // Settings are the sink's business: kept as written, with the directory to resolve them.
  EXPECT_EQ(config.outputs[0].settings.at("path"), "alerts.jsonl");
  EXPECT_EQ(config.outputs[0].base_dir, kBaseDir);
}

TEST(LoadConfig, RelativeBaseDirectoryIsMadeAbsolute) {
  const Config config = load_config_text("state_dir: state\n", "x.yaml", "conf");
  EXPECT_EQ(config.state_dir, (std::filesystem::current_path() / "conf/state").lexically_normal());
}

TEST(LoadConfig, LoadConfigResolvesAgainstTheFilesDirectoryNotTheWorkingDirectory) {
  const TempDir dir;
  const std::filesystem::path file = dir.write("etc/feedsentry.yaml", "state_dir: state\n");
  const Config config = load_config(file.string());
  EXPECT_EQ(config.state_dir, dir.path() / "etc/state");
}

TEST(LoadConfig, Outputs) {
  const Config config = load_yaml(R"(
outputs:
  - name: team-slack
    type: slack
    topics: [sanctions]
    settings:
      webhook_url: https://hooks.example.com/T000/B000
      username: feedsentry
      retries: 5
  - type: file
)");
  ASSERT_EQ(config.outputs.size(), 2u);
  const OutputConfig& slack = config.outputs[0];
  EXPECT_EQ(slack.name, "team-slack");
  EXPECT_EQ(slack.type, "slack");
  EXPECT_EQ(slack.topics, std::vector<std::string>{"sanctions"});
  EXPECT_EQ(slack.settings, (std::map<std::string, std::string>{
                                {"webhook_url", "https://hooks.example.com/T000/B000"},
                                {"username", "feedsentry"},
                                {"retries", "5"}}));
  EXPECT_EQ(slack.origin.to_string(), "test.yaml:3:5");
  EXPECT_EQ(config.outputs[1].name, "file");
}

TEST(LoadConfig, EnvironmentInEveryKindOfValue) {
  const ScopedEnv token("FEEDSENTRY_TEST_TOKEN", "s3cr3t");
  const ScopedEnv interval("FEEDSENTRY_TEST_INTERVAL", "7m");
  const ScopedEnv unset("FEEDSENTRY_TEST_UNSET", std::nullopt);
  const Config config = load_yaml(R"(
state_dir: ${FEEDSENTRY_TEST_UNSET:-/var/lib/other}
poll:
  interval: ${FEEDSENTRY_TEST_INTERVAL}
http:
  max_body: ${FEEDSENTRY_TEST_UNSET:-2MiB}
  verify_tls: ${FEEDSENTRY_TEST_UNSET:-false}
feeds:
  - url: https://news.example.com/rss?key=${FEEDSENTRY_TEST_TOKEN}
    tags: ["${FEEDSENTRY_TEST_UNSET:-fallback-tag}"]
outputs:
  - type: webhook
    settings:
      url: https://hooks.example.com/${FEEDSENTRY_TEST_TOKEN}
      note: costs $$5
)");
  EXPECT_EQ(config.state_dir, "/var/lib/other");
  EXPECT_EQ(config.poll.interval, 7min);
  EXPECT_EQ(config.http.max_body, 2u * 1024 * 1024);
  EXPECT_FALSE(config.http.verify_tls);
  EXPECT_EQ(config.feeds[0].url, "https://news.example.com/rss?key=s3cr3t");
  EXPECT_EQ(config.feeds[0].tags, std::vector<std::string>{"fallback-tag"});
  EXPECT_EQ(config.outputs[0].settings.at("url"), "https://hooks.example.com/s3cr3t");
  EXPECT_EQ(config.outputs[0].settings.at("note"), "costs $5");
}

TEST(LoadConfig, RecordsWhichFeedUrlsCameFromTheEnvironment) {
  const ScopedEnv token("FEEDSENTRY_TEST_TOKEN", "s3cr3t");
  const Config config = load_yaml(R"(
feeds:
  - url: https://news.example.com/rss?key=${FEEDSENTRY_TEST_TOKEN}
  - url: https://news.example.com/world.xml
  - path: /srv/feeds/local.xml
)");
  ASSERT_EQ(config.feeds.size(), 3u);
  EXPECT_TRUE(config.feeds[0].url_from_environment);
  EXPECT_FALSE(config.feeds[1].url_from_environment);
  EXPECT_FALSE(config.feeds[2].url_from_environment);
}

TEST(LoadConfig, EnvironmentIsNotSubstitutedInKeys) {
  const ScopedEnv name("FEEDSENTRY_TEST_KEY", "state_dir");
  EXPECT_EQ(
      error_of("${FEEDSENTRY_TEST_KEY}: /x\n"),
      "test.yaml:1:1: unknown key '${FEEDSENTRY_TEST_KEY}' at the top level (known keys: "
      "state_dir, log, log_level, http, poll, rules, feeds, opml, outputs, metrics, watchlist, "
      "stories)");
}

TEST(LoadConfig, QuotedValuesReadLikePlainOnes) {
  const Config config = load_yaml(
      "poll:\n  interval: \"90s\"\n  jitter: '0'\nhttp:\n"
      "  verify_tls: \"TRUE\"\n  max_redirects: '3'\n");
  EXPECT_EQ(config.poll.interval, 90s);
  EXPECT_EQ(config.poll.jitter, 0.0);
  EXPECT_TRUE(config.http.verify_tls);
  EXPECT_EQ(config.http.max_redirects, 3);
}

TEST(LoadConfig, FileUrlsAcrossFeedsAndPathsAreDuplicates) {
  EXPECT_EQ(error_of("feeds:\n  - path: samples/a.xml\n"
                     "  - url: file:///srv/feedsentry/samples/a.xml\n"),
            "test.yaml:3:5: duplicate feed: the same URL is already configured at test.yaml:2:5");
}

}  // namespace
}  // namespace feedsentry::config
