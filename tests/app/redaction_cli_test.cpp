// One redaction rule everywhere, with the real binary: secrets planted in every place a URL
// can carry one (a token-like path segment, a query value, user-info, a feed URL and a
// webhook URL taken from ${ENV}, a redirect target) never appear in what any command prints,
// nor in /status or /metrics; the feeds are still fetched from their real URLs, log lines
// name feeds by their name, and `once` and `run` end with the outbox summary line.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <thread>
#include <vector>

#include "app/command_runner.h"
#include "app/daemon_process.h"
#include "support/http_server.h"

namespace feedsentry {
namespace {

using test_support::HttpServer;
using test_support::ScriptedResponse;

// Each marker appears in exactly one place of the config or the environment.
constexpr std::string_view kPathToken = "pathsecret7f3a9c1e5b";
constexpr std::string_view kQueryValue = "querysecret42";
constexpr std::string_view kPassword = "usersecret99";
constexpr std::string_view kEnvPath = "envsecretpath";
constexpr std::string_view kRefusedQuery = "refusedsecret";
constexpr std::string_view kRedirectToken = "redirsecret9f8e7d6c5b4a";
constexpr std::string_view kWebhookPath = "webhooksecretpath";

class RedactionCli : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/feedsentry-redaction-cli-XXXXXX";
    dir_ = mkdtemp(pattern);
    std::ifstream sample(std::string(FEEDSENTRY_SOURCE_DIR) + "/config/samples/world-news.rss.xml");
    const std::string body((std::istreambuf_iterator<char>(sample)),
                           std::istreambuf_iterator<char>());
    const auto feed = ScriptedResponse::with_body(body, "application/rss+xml");
    feeds_.on("/private/" + std::string(kPathToken) + "/feed.rss", feed);
    feeds_.on("/query.rss", feed);
    feeds_.on("/userinfo.rss", feed);
    feeds_.on("/" + std::string(kEnvPath) + "/feed.rss", feed);
    feeds_.on("/moved.rss",
              ScriptedResponse::redirect(
                  301, feeds_.url("/new/" + std::string(kRedirectToken) + "/feed.rss")));
    feeds_.on("/new/" + std::string(kRedirectToken) + "/feed.rss", feed);
    receiver_.on("/hooks/" + std::string(kWebhookPath), ScriptedResponse::with_status(200));

    const std::string port = std::to_string(feeds_.port());
    setenv("REDACTION_TEST_FEED_URL", feeds_.url("/" + std::string(kEnvPath) + "/feed.rss").c_str(),
           1);
    setenv("REDACTION_TEST_WEBHOOK_URL",
           receiver_.url("/hooks/" + std::string(kWebhookPath)).c_str(), 1);
    metrics_port_ = testing::free_port();
    config_ = dir_ / "feedsentry.yaml";
    std::ofstream(config_)
        << "state_dir: state\nrules: [" << FEEDSENTRY_SOURCE_DIR
        << "/config/rules/dprk-russia.yaml]\n"
        << "poll: {backfill: 100000d, startup_spread: 0s}\nhttp: {per_host_min_gap: 0s}\n"
        << "metrics: {enabled: true, listen: 127.0.0.1:" << metrics_port_ << "}\n"
        << "feeds:\n"
        << "  - url: " << feeds_.url("/private/" + std::string(kPathToken) + "/feed.rss")
        << "\n    name: Path feed\n"
        << "  - url: " << feeds_.url("/query.rss?token=" + std::string(kQueryValue))
        << "\n    name: Query feed\n"
        << "  - url: http://reader:" << kPassword << "@127.0.0.1:" << port << "/userinfo.rss"
        << "\n    name: Userinfo feed\n"
        << "  - url: ${REDACTION_TEST_FEED_URL}\n    name: Env feed\n"
        << "  - url: " << feeds_.url("/moved.rss") << "\n    name: Moved feed\n"
        << "  - url: http://127.0.0.1:" << testing::free_port()
        << "/down/feed.rss?key=" << kRefusedQuery << "\n    name: Refused feed\n"
        << "outputs:\n  - name: hook\n    type: webhook\n"
        << "    settings: {url: \"${REDACTION_TEST_WEBHOOK_URL}\"}\n";
  }
  void TearDown() override {
    unsetenv("REDACTION_TEST_FEED_URL");
    unsetenv("REDACTION_TEST_WEBHOOK_URL");
    std::filesystem::remove_all(dir_);
  }

  static void expect_no_secret(const std::string& what, const std::string& output) {
    for (const std::string_view marker : {kPathToken, kQueryValue, kPassword, kEnvPath,
                                          kRefusedQuery, kRedirectToken, kWebhookPath}) {
      EXPECT_EQ(output.find(marker), std::string::npos) << what << " shows " << marker << ":\n"
                                                        << output;
    }
  }

  std::string config_arg() const { return "--config " + config_.string(); }

  HttpServer feeds_;
  HttpServer receiver_;
  std::filesystem::path dir_;
  std::filesystem::path config_;
  std::uint16_t metrics_port_ = 0;
};

TEST_F(RedactionCli, NoCommandShowsASecretFromAnyPartOfAnyUrl) {
  const auto checked = testing::run("check-config " + config_arg(), true);
  EXPECT_EQ(checked.status, 0) << checked.output;
  expect_no_secret("check-config", checked.output);

  const auto dry_run = testing::run("once --dry-run " + config_arg(), true);
  expect_no_secret("once --dry-run", dry_run.output);

  const auto once = testing::run("once " + config_arg(), true);
  EXPECT_EQ(once.status, 1) << "the refused feed fails:\n" << once.output;
  expect_no_secret("once", once.output);
  // Every feed was fetched from its real URL, token included.
  EXPECT_GE(feeds_.requests_to("/private/" + std::string(kPathToken) + "/feed.rss").size(), 1u);
  EXPECT_GE(feeds_.requests_to("/" + std::string(kEnvPath) + "/feed.rss").size(), 1u);
  EXPECT_GE(feeds_.requests_to("/new/" + std::string(kRedirectToken) + "/feed.rss").size(), 1u);
  ASSERT_GE(receiver_.requests_to("/hooks/" + std::string(kWebhookPath)).size(), 1u);
  // Feeds are named by name and redacted URL: the path stays unless it came from ${ENV}.
  const std::string port = std::to_string(feeds_.port());
  EXPECT_NE(once.output.find("'Path feed' (http://127.0.0.1:" + port +
                             "/private/[redacted]/feed.rss): ok"),
            std::string::npos)
      << once.output;
  EXPECT_NE(once.output.find("'Query feed' (http://127.0.0.1:" + port + "/query.rss?token=…)"),
            std::string::npos)
      << once.output;
  EXPECT_NE(once.output.find("'Env feed' (http://127.0.0.1:" + port + "/…/[redacted]): ok"),
            std::string::npos)
      << once.output;
  EXPECT_NE(once.output.find("'Refused feed' (http://127.0.0.1:"), std::string::npos)
      << once.output;
  EXPECT_NE(once.output.find("\"feed_url\":\"http://127.0.0.1:" + port +
                             "/private/[redacted]/feed.rss\""),
            std::string::npos)
      << once.output;
  EXPECT_NE(once.output.find(" delivered this run, 0 pending, 0 dead letters"), std::string::npos)
      << once.output;

  const auto listed = testing::run("outbox list " + config_arg(), true);
  EXPECT_EQ(listed.status, 0) << listed.output;
  expect_no_secret("outbox list", listed.output);

  // `run` on a fresh state until it has polled every feed and delivered again, with /status
  // and /metrics read once the redirect has been followed; then SIGTERM. Waiting for those
  // events (not a fixed --run-for) keeps a loaded or sanitized run from stopping too early.
  std::filesystem::remove_all(dir_ / "state");
  const std::size_t delivered_before =
      receiver_.requests_to("/hooks/" + std::string(kWebhookPath)).size();
  const std::filesystem::path log_path = dir_ / "run.log";
  const pid_t pid =
      testing::spawn_feedsentry({"run", "--config", config_.string()}, nullptr, log_path);
  ASSERT_GT(pid, 0);
  std::string status;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while ((status.find("/new/[redacted]/feed.rss") == std::string::npos ||
          receiver_.requests_to("/hooks/" + std::string(kWebhookPath)).size() <
              delivered_before + 5) &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));  // waiting for a real process
    status = testing::http_get(metrics_port_, "/status");
  }
  const std::string metrics = testing::http_get(metrics_port_, "/metrics");
  const int stopped = testing::stop_process(pid, SIGTERM);
  testing::CommandResult ran;
  ran.status = WIFEXITED(stopped) ? WEXITSTATUS(stopped) : -1;
  std::ifstream log_file(log_path);
  ran.output.assign(std::istreambuf_iterator<char>(log_file), std::istreambuf_iterator<char>());
  EXPECT_EQ(ran.status, 0) << ran.output;
  EXPECT_NE(status.find("\"name\":\"Path feed\""), std::string::npos) << status;
  EXPECT_NE(status.find("/private/[redacted]/feed.rss"), std::string::npos) << status;
  EXPECT_NE(metrics.find("feedsentry_"), std::string::npos) << metrics;
  expect_no_secret("/status", status);
  expect_no_secret("/metrics", metrics);
  expect_no_secret("run", ran.output);
  EXPECT_NE(ran.output.find("feed 'Refused feed' (http://127.0.0.1:"), std::string::npos)
      << ran.output;
  EXPECT_NE(ran.output.find("feed 'Moved feed' (http://127.0.0.1:" + port +
                            "/moved.rss) moved permanently to http://127.0.0.1:" + port +
                            "/new/[redacted]/feed.rss"),
            std::string::npos)
      << ran.output;
  EXPECT_NE(ran.output.find("stopped: 5 delivered this run, 0 pending, 0 dead letters"),
            std::string::npos)
      << ran.output;
}

}  // namespace
}  // namespace feedsentry
