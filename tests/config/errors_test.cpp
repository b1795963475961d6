// Every config problem is reported as file:line:col: message, at the offending text.
#include <gtest/gtest.h>

#include "config_test_support.h"

namespace feedsentry::config {
namespace {

using testing::error_of;
using testing::ScopedEnv;

TEST(ConfigErrors, YamlSyntax) {
  const std::string error = error_of("feeds:\n  - url: [a, b\n");
  EXPECT_EQ(error.rfind("test.yaml:3:1: YAML syntax: ", 0), 0u) << error;
}

TEST(ConfigErrors, YamlSyntaxBadIndentation) {
  const std::string error = error_of("poll:\n  interval: 5m\n jitter: 0.1\n");
  EXPECT_EQ(error.rfind("test.yaml:3:", 0), 0u) << error;
  EXPECT_NE(error.find("YAML syntax: "), std::string::npos) << error;
}

TEST(ConfigErrors, TopLevelMustBeAMapping) {
  EXPECT_EQ(error_of("- feeds\n"),
            "test.yaml:1:1: the config file must be a mapping of sections (feeds:, poll:, …)");
}

TEST(ConfigErrors, UnknownTopLevelKeySuggestsTheNearestOne) {
  EXPECT_EQ(error_of("log_level: info\nfeed:\n  - url: https://a.example/\n"),
            "test.yaml:2:1: unknown key 'feed' at the top level (did you mean 'feeds'?)");
}

TEST(ConfigErrors, UnknownKeyInSectionSuggestsTheNearestOne) {
  EXPECT_EQ(error_of("poll:\n  interval: 5m\n  jiter: 0.2\n"),
            "test.yaml:3:3: unknown key 'jiter' in poll (did you mean 'jitter'?)");
  EXPECT_EQ(error_of("http:\n  max_redirect: 3\n"),
            "test.yaml:2:3: unknown key 'max_redirect' in http (did you mean 'max_redirects'?)");
}

TEST(ConfigErrors, UnknownKeyFarFromAnyListsTheKnownKeys) {
  EXPECT_EQ(error_of("metrics:\n  port: 9108\n"),
            "test.yaml:2:3: unknown key 'port' in metrics (known keys: enabled, listen)");
}

TEST(ConfigErrors, DuplicateKey) {
  EXPECT_EQ(error_of("poll:\n  interval: 5m\n  jitter: 0.1\n  interval: 6m\n"),
            "test.yaml:4:3: duplicate key 'interval' in poll (first at line 2)");
  EXPECT_EQ(error_of("feeds: []\nfeeds: []\n"),
            "test.yaml:2:1: duplicate key 'feeds' at the top level (first at line 1)");
}

TEST(ConfigErrors, KeysMustBePlainNames) {
  EXPECT_EQ(error_of("? [a, b]\n: c\n"),
            "test.yaml:1:3: keys must be plain names at the top level");
}

TEST(ConfigErrors, SectionMustBeAMapping) {
  EXPECT_EQ(error_of("poll: 5m\n"), "test.yaml:1:7: poll: must be a mapping of key: value lines");
  EXPECT_EQ(error_of("http:\n  - a\n"),
            "test.yaml:2:3: http: must be a mapping of key: value lines");
}

TEST(ConfigErrors, BadDuration) {
  EXPECT_EQ(error_of("poll:\n  interval: soon\n"),
            "test.yaml:2:13: poll.interval: expected a duration such as 500ms, 90s, 5m, 1h30m "
            "or 2d, got 'soon'");
  EXPECT_EQ(error_of("poll:\n  interval: 5\n"),
            "test.yaml:2:13: poll.interval: expected a duration such as 500ms, 90s, 5m, 1h30m "
            "or 2d, got '5'");
}

TEST(ConfigErrors, DurationBelowMinimum) {
  EXPECT_EQ(error_of("poll:\n  interval: 500ms\n"),
            "test.yaml:2:13: poll.interval: must be at least 1s");
  EXPECT_EQ(error_of("poll:\n  prune_after: 30m\n"),
            "test.yaml:2:16: poll.prune_after: must be at least 1h");
}

TEST(ConfigErrors, BadSize) {
  EXPECT_EQ(error_of("http:\n  max_body: 16M\n"),
            "test.yaml:2:13: http.max_body: expected a size such as 1048576, 512KiB, 16MiB or "
            "1GB, got '16M'");
  EXPECT_EQ(error_of("http:\n  max_body: 0\n"),
            "test.yaml:2:13: http.max_body: must be at least 1");
}

TEST(ConfigErrors, BadBoolean) {
  EXPECT_EQ(error_of("http:\n  verify_tls: yes\n"),
            "test.yaml:2:15: http.verify_tls: expected true or false, got 'yes'");
}

TEST(ConfigErrors, BadWholeNumber) {
  EXPECT_EQ(error_of("http:\n  max_redirects: five\n"),
            "test.yaml:2:18: http.max_redirects: expected a whole number, got 'five'");
  EXPECT_EQ(error_of("http:\n  max_redirects: 2.5\n"),
            "test.yaml:2:18: http.max_redirects: expected a whole number, got '2.5'");
  EXPECT_EQ(error_of("http:\n  max_redirects: 51\n"),
            "test.yaml:2:18: http.max_redirects: must be between 0 and 50, got 51");
  EXPECT_EQ(error_of("poll:\n  parse_threads: 0\n"),
            "test.yaml:2:18: poll.parse_threads: must be between 1 and 256, got 0");
}

TEST(ConfigErrors, BadNumber) {
  EXPECT_EQ(error_of("poll:\n  jitter: lots\n"),
            "test.yaml:2:11: poll.jitter: expected a number, got 'lots'");
  EXPECT_EQ(error_of("poll:\n  jitter: 0.9\n"),
            "test.yaml:2:11: poll.jitter: must be between 0 and 0.5, got 0.9");
  EXPECT_EQ(error_of("poll:\n  jitter: -0.1\n"),
            "test.yaml:2:11: poll.jitter: must be between 0 and 0.5, got -0.1");
}

TEST(ConfigErrors, MissingValueIsReportedAtTheKey) {
  EXPECT_EQ(error_of("poll:\n  interval:\n  jitter: 0.1\n"),
            "test.yaml:2:3: poll.interval: needs a value");
  EXPECT_EQ(error_of("state_dir:\n"), "test.yaml:1:1: state_dir: needs a value");
}

TEST(ConfigErrors, ListOrMappingWhereAValueBelongs) {
  EXPECT_EQ(error_of("poll:\n  interval: [5m]\n"),
            "test.yaml:2:13: poll.interval: must be a single value, not a list or mapping");
  EXPECT_EQ(error_of("http:\n  user_agent:\n    name: x\n"),
            "test.yaml:3:5: http.user_agent: must be a single value, not a list or mapping");
}

TEST(ConfigErrors, EmptyString) {
  EXPECT_EQ(error_of("state_dir: \"\"\n"), "test.yaml:1:12: state_dir: must not be empty");
  EXPECT_EQ(error_of("http:\n  user_agent: ' '\n"),
            "test.yaml:2:15: http.user_agent: must not be empty");
}

TEST(ConfigErrors, RelatedHttpValues) {
  // Reported at the key the file sets.
  EXPECT_EQ(error_of("http:\n  connect_timeout: 40s\n"),
            "test.yaml:2:20: http: total_timeout (30s) must be at least connect_timeout (40s)");
  EXPECT_EQ(error_of("http:\n  total_timeout: 5s\n"),
            "test.yaml:2:18: http: total_timeout (5s) must be at least connect_timeout (10s)");
  EXPECT_EQ(error_of("http:\n  max_body: 128MiB\n"),
            "test.yaml:2:13: http: max_decompressed (64MiB) must be at least max_body (128MiB)");
  EXPECT_EQ(error_of("http:\n  max_concurrency: 4\n  per_host_concurrency: 8\n"),
            "test.yaml:3:25: http: per_host_concurrency (8) must not exceed max_concurrency (4)");
}

TEST(ConfigErrors, RelatedPollValues) {
  EXPECT_EQ(error_of("poll:\n  interval: 12h\n"),
            "test.yaml:2:13: poll: max_interval (6h) must be at least interval (12h)");
  EXPECT_EQ(error_of("poll:\n  interval: 12h\n  max_interval: 7h\n"),
            "test.yaml:3:17: poll: max_interval (7h) must be at least interval (12h)");
  EXPECT_EQ(error_of("poll:\n  backoff_base: 10m\n  backoff_cap: 5m\n"),
            "test.yaml:3:16: poll: backoff_cap (5m) must be at least backoff_base (10m)");
}

TEST(ConfigErrors, LogSection) {
  EXPECT_EQ(error_of("log:\n  format: xml\n"),
            "test.yaml:2:11: log.format: expected text or json, got 'xml'");
  EXPECT_EQ(error_of("log:\n  level: loud\n"),
            "test.yaml:2:10: log.level: expected trace, debug, info, warn, error or off, got "
            "'loud'");
  EXPECT_EQ(error_of("log:\n  levle: info\n").substr(0, 13), "test.yaml:2:3");
  EXPECT_EQ(error_of("log_level: info\nlog: {level: debug}\n"),
            "test.yaml:1:12: log_level: give the level once, as log.level (log_level is its "
            "older spelling)");
}

TEST(ConfigErrors, BadLogLevelSuggestsOne) {
  EXPECT_EQ(error_of("log_level: inf\n"),
            "test.yaml:1:12: log_level: expected trace, debug, info, warn, error or off, got "
            "'inf' (did you mean 'info'?)");
  EXPECT_EQ(error_of("log_level: loud\n"),
            "test.yaml:1:12: log_level: expected trace, debug, info, warn, error or off, got "
            "'loud'");
}

TEST(ConfigErrors, Rules) {
  EXPECT_EQ(error_of("rules: []\n"), "test.yaml:1:8: rules: needs at least one rule file");
  EXPECT_EQ(error_of("rules: a.yaml\n"),
            "test.yaml:1:8: rules: must be a list (- item lines, or [a, b])");
  EXPECT_EQ(error_of("rules:\n  - [a.yaml]\n"),
            "test.yaml:2:5: rules: must be a single value, not a list or mapping");
}

TEST(ConfigErrors, EmptyListEntryIsReportedAtTheList) {
  EXPECT_EQ(error_of("rules:\n  - a.yaml\n  -\n"), "test.yaml:2:3: rules: entry 2 is empty");
  EXPECT_EQ(error_of("feeds:\n  -\n"), "test.yaml:2:3: feeds: entry 1 is empty");
  EXPECT_EQ(error_of("feeds:\n  - url: https://a.example/\n    tags: [a, ~]\n"),
            "test.yaml:3:11: feed.tags: entry 2 is empty");
}

TEST(ConfigErrors, FeedsMustBeAListOfMappings) {
  EXPECT_EQ(error_of("feeds:\n  url: https://a.example/\n"),
            "test.yaml:2:3: feeds: must be a list (- item lines, or [a, b])");
  EXPECT_EQ(error_of("feeds:\n  - https://a.example/\n"),
            "test.yaml:2:5: feeds: each entry must be a mapping with url: or path:");
}

TEST(ConfigErrors, FeedNeedsUrlOrPath) {
  EXPECT_EQ(error_of("feeds:\n  - name: x\n"),
            "test.yaml:2:5: feed: needs url: (http, https or file URL) or path: (a local file)");
  EXPECT_EQ(error_of("feeds:\n  - url: https://a.example/\n    path: a.xml\n"),
            "test.yaml:3:11: feed.path: give url: or path:, not both");
}

TEST(ConfigErrors, FeedUrl) {
  EXPECT_EQ(error_of("feeds:\n  - url: ftp://a.example/rss\n"),
            "test.yaml:2:10: feed.url: must be an http://, https:// or file:// URL");
  EXPECT_EQ(error_of("feeds:\n  - url: https:///rss\n"), "test.yaml:2:10: feed.url: has no host");
  const std::string relative = error_of("feeds:\n  - url: file:samples/a.xml\n");
  EXPECT_EQ(relative.rfind("test.yaml:2:10: feed.url: a file URL needs an absolute path", 0), 0u)
      << relative;
}

TEST(ConfigErrors, UnknownFeedKeySuggestsOne) {
  EXPECT_EQ(error_of("feeds:\n  - url: https://a.example/\n    tag: [x]\n"),
            "test.yaml:3:5: unknown key 'tag' in feed (did you mean 'tags'?)");
  EXPECT_EQ(error_of("feeds:\n  - url: https://a.example/\n    poll_interval: 5m\n"),
            "test.yaml:3:5: unknown key 'poll_interval' in feed (known keys: url, path, name, "
            "tags, enabled, interval, backfill, max_body, user_agent, verify_tls)");
}

TEST(ConfigErrors, FeedValues) {
  EXPECT_EQ(error_of("feeds:\n  - url: https://a.example/\n    tags: korea\n"),
            "test.yaml:3:11: feed.tags: must be a list (- item lines, or [a, b])");
  EXPECT_EQ(error_of("feeds:\n  - url: https://a.example/\n    tags: [a, '']\n"),
            "test.yaml:3:15: feed.tags: empty entry");
  EXPECT_EQ(error_of("feeds:\n  - url: https://a.example/\n    interval: 0s\n"),
            "test.yaml:3:15: feed.interval: must be at least 1s");
  EXPECT_EQ(error_of("feeds:\n  - url: https://a.example/\n    enabled: no\n"),
            "test.yaml:3:14: feed.enabled: expected true or false, got 'no'");
}

TEST(ConfigErrors, DuplicateFeedUrl) {
  EXPECT_EQ(error_of("feeds:\n  - url: https://a.example/rss\n  - url: https://b.example/rss\n"
                     "  - url: HTTPS://A.example:443/rss\n"),
            "test.yaml:4:5: duplicate feed: the same URL is already configured at test.yaml:2:5");
}

TEST(ConfigErrors, Outputs) {
  EXPECT_EQ(error_of("outputs:\n  - file\n"),
            "test.yaml:2:5: outputs: each entry must be a mapping with type:");
  EXPECT_EQ(error_of("outputs:\n  - name: x\n"), "test.yaml:2:5: output: needs type:");
  EXPECT_EQ(error_of("outputs:\n  - type: Slack Hook\n"),
            "test.yaml:2:11: output.type: expected a sink type such as file, slack or webhook "
            "(lower case), got 'Slack Hook'");
  EXPECT_EQ(error_of("outputs:\n  - type: file\n    topic: [launch]\n"),
            "test.yaml:3:5: unknown key 'topic' in output (did you mean 'topics'?)");
  EXPECT_EQ(error_of("outputs:\n  - type: file\n    settings: a=b\n"),
            "test.yaml:3:15: output.settings: must be a mapping of key: value lines");
  EXPECT_EQ(error_of("outputs:\n  - type: file\n    settings:\n      headers: [a]\n"),
            "test.yaml:4:16: output.settings.headers: must be a single value, not a list or "
            "mapping");
  EXPECT_EQ(error_of("outputs:\n  - type: file\n    settings:\n      user:\n"),
            "test.yaml:4:7: output.settings.user: needs a value");
  EXPECT_EQ(error_of("outputs:\n  - type: file\n    settings:\n      a: 1\n      a: 2\n"),
            "test.yaml:5:7: duplicate key 'a' in output.settings");
}

TEST(ConfigErrors, DuplicateOutputName) {
  EXPECT_EQ(error_of("outputs:\n  - type: file\n  - type: file\n"),
            "test.yaml:3:5: duplicate output name 'file' (first at test.yaml:2:5); give each "
            "output its own name, e.g. `name: file-2` on this one");
}

TEST(ConfigErrors, MetricsListen) {
  for (const char* listen : {"9108", "localhost", ":9108", "::1:9108", "127.0.0.1:http",
                             "127.0.0.1:70000", "127.0.0.1:"}) {
    const std::string error = error_of(std::string("metrics:\n  listen: \"") + listen + "\"\n");
    EXPECT_EQ(error, std::string("test.yaml:2:11: metrics.listen: expected host:port such as "
                                 "127.0.0.1:9464 or [::1]:9464 (port 0 picks a free one), got '") +
                         listen + "'")
        << listen;
  }
}

TEST(ConfigErrors, UnsetEnvironmentVariableIsNamed) {
  const ScopedEnv unset("FEEDSENTRY_TEST_NOPE", std::nullopt);
  EXPECT_EQ(error_of("state_dir: ${FEEDSENTRY_TEST_NOPE}\n"),
            "test.yaml:1:12: state_dir: environment variable FEEDSENTRY_TEST_NOPE is not set "
            "(write ${FEEDSENTRY_TEST_NOPE:-default} to allow that)");
  EXPECT_EQ(error_of("rules:\n  - ${FEEDSENTRY_TEST_NOPE}/a.yaml\n"),
            "test.yaml:2:5: rules: environment variable FEEDSENTRY_TEST_NOPE is not set (write "
            "${FEEDSENTRY_TEST_NOPE:-default} to allow that)");
}

// Output settings hold the delivery secrets, which only delivering needs: loading records an
// unset one, and app::make_outputs() rejects it where delivery is meant (naming the output).
TEST(ConfigErrors, UnsetVariableInOutputSettingsIsRecordedNotThrown) {
  const ScopedEnv unset("FEEDSENTRY_TEST_NOPE", std::nullopt);
  const Config config = testing::load_yaml(
      "outputs:\n  - type: slack\n    name: team-slack\n    settings:\n"
      "      webhook_url: ${FEEDSENTRY_TEST_NOPE}\n");
  ASSERT_EQ(config.outputs.size(), 1u);
  const OutputConfig& output = config.outputs.front();
  EXPECT_EQ(output.settings.at("webhook_url"), "${FEEDSENTRY_TEST_NOPE}");
  EXPECT_EQ(output.unset_variables.at("webhook_url"),
            std::vector<std::string>{"FEEDSENTRY_TEST_NOPE"});
  EXPECT_EQ(output.settings_origin.at("webhook_url").to_string(), "test.yaml:5:7");
}

TEST(ConfigErrors, SubstitutedValuesNeverAppearInErrors) {
  const ScopedEnv secret("FEEDSENTRY_TEST_SECRET", "hunter2 not-a-url");
  for (const char* yaml :
       {"http:\n  verify_tls: ${FEEDSENTRY_TEST_SECRET}\n",
        "http:\n  max_body: ${FEEDSENTRY_TEST_SECRET}\n",
        "poll:\n  interval: x${FEEDSENTRY_TEST_SECRET}\n",
        "feeds:\n  - url: https://a.example/?k=${FEEDSENTRY_TEST_SECRET}\n",
        "feeds:\n  - url: ${FEEDSENTRY_TEST_SECRET}\n", "log_level: ${FEEDSENTRY_TEST_SECRET}\n",
        "metrics:\n  listen: ${FEEDSENTRY_TEST_SECRET}\n",
        "outputs:\n  - type: ${FEEDSENTRY_TEST_SECRET}\n"}) {
    const std::string error = error_of(yaml);
    EXPECT_EQ(error.find("hunter2"), std::string::npos) << error;
    EXPECT_NE(error.find("test.yaml:"), std::string::npos) << error;
  }
  EXPECT_EQ(error_of("http:\n  verify_tls: ${FEEDSENTRY_TEST_SECRET}\n"),
            "test.yaml:2:15: http.verify_tls: expected true or false, got "
            "'${FEEDSENTRY_TEST_SECRET}'");
}

TEST(ConfigErrors, BadEnvironmentReference) {
  EXPECT_EQ(error_of("state_dir: /var/${oops\n"),
            "test.yaml:1:12: state_dir: unterminated '${' (write $$ for a literal '$')");
}

TEST(ConfigErrors, MissingOpmlFileIsReportedAtItsEntry) {
  EXPECT_EQ(error_of("opml:\n  - subscriptions.opml\n"),
            "test.yaml:2:5: opml: cannot read OPML file /srv/feedsentry/subscriptions.opml");
}

TEST(ConfigErrors, MissingConfigFile) {
  try {
    load_config("/nonexistent/feedsentry.yaml");
    FAIL() << "no error";
  } catch (const ConfigError& error) {
    EXPECT_STREQ(error.what(), "/nonexistent/feedsentry.yaml: config file does not exist");
    EXPECT_EQ(error.where().line, 0);
    EXPECT_EQ(error.message(), "config file does not exist");
  }
}

TEST(ConfigErrors, ConfigFileIsADirectory) {
  const testing::TempDir dir;
  try {
    load_config(dir.path().string());
    FAIL() << "no error";
  } catch (const ConfigError& error) {
    EXPECT_EQ(error.what(), dir.path().string() + ": cannot read config file");
  }
}

TEST(ConfigErrors, ErrorCarriesItsLocation) {
  try {
    testing::load_yaml("poll:\n  interval: x\n");
    FAIL() << "no error";
  } catch (const ConfigError& error) {
    EXPECT_EQ(error.where().file, "test.yaml");
    EXPECT_EQ(error.where().line, 2);
    EXPECT_EQ(error.where().column, 13);
    EXPECT_EQ(error.message().rfind("poll.interval: expected a duration", 0), 0u);
  }
}

}  // namespace
}  // namespace feedsentry::config
