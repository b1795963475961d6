// The real binary without the delivery secrets in its environment, and with them from
// `--env-file`: read-only commands still run, check-config/run/once name the output whose
// variable is missing, and `once --dry-run` prints the exact bytes (and valid signature) each
// output would receive, with no log line on standard output.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>

#include "alert/webhook_signature.h"
#include "app/command_runner.h"
#include "config/config_test_support.h"

namespace feedsentry {
namespace {

using testing::run;

// Base64 of "feedsentry env-file test signing key".
constexpr std::string_view kSecret = "whsec_ZmVlZHNlbnRyeSBlbnYtZmlsZSB0ZXN0IHNpZ25pbmcga2V5";
constexpr std::string_view kHookPath = "T0/B0/SLACKSECRETPATH";

class EnvFileCli : public ::testing::Test {
 protected:
  // team-slack's webhook_url is at line 11, column 7, of every config written here.
  std::filesystem::path write_config(const std::string& extra = "") const {
    return dir_.write("feedsentry.yaml",
                      "state_dir: state\n"
                      "rules: [" FEEDSENTRY_SOURCE_DIR
                      "/config/rules/dprk-russia.yaml]\n"
                      "poll: {backfill: 100000d}\n"
                      "feeds:\n"
                      "  - path: " FEEDSENTRY_SOURCE_DIR
                      "/config/samples/world-news.rss.xml\n"
                      "    name: World\n"
                      "outputs:\n"
                      "  - name: team-slack\n    type: slack\n    settings:\n"
                      "      webhook_url: ${FEEDSENTRY_TEST_SLACK_HOOK}\n"
                      "  - name: signed\n    type: webhook\n    settings:\n"
                      "      url: ${FEEDSENTRY_TEST_WEBHOOK_URL}\n"
                      "      secret: ${FEEDSENTRY_TEST_WEBHOOK_SECRET}\n"
                      "      headers: {X-Receiver-Token: \"${FEEDSENTRY_TEST_RECEIVER_TOKEN}\"}\n" +
                          extra);
  }
  std::filesystem::path write_env_file() const {
    return dir_.write("env",
                      "# secrets for the unit and the CLI\n"
                      "FEEDSENTRY_TEST_SLACK_HOOK='http://127.0.0.1:9/services/" +
                          std::string(kHookPath) +
                          "'\n"
                          "FEEDSENTRY_TEST_WEBHOOK_SECRET=" +
                          std::string(kSecret) +
                          "\n"
                          "FEEDSENTRY_TEST_RECEIVER_TOKEN=RECEIVERTOKEN\n"
                          "FEEDSENTRY_TEST_WEBHOOK_URL=http://127.0.0.1:9/hook\n");
  }

  config::testing::TempDir dir_;
  config::testing::ScopedEnv hook_{"FEEDSENTRY_TEST_SLACK_HOOK", std::nullopt};
  config::testing::ScopedEnv secret_{"FEEDSENTRY_TEST_WEBHOOK_SECRET", std::nullopt};
  config::testing::ScopedEnv token_{"FEEDSENTRY_TEST_RECEIVER_TOKEN", std::nullopt};
  config::testing::ScopedEnv url_{"FEEDSENTRY_TEST_WEBHOOK_URL", std::nullopt};
};

TEST_F(EnvFileCli, CheckConfigNamesTheOutputWhoseVariableIsNotSet) {
  const auto config = write_config();
  const auto result = run("check-config --config " + config.string(), true);
  EXPECT_EQ(result.status, 1);
  EXPECT_EQ(result.output, config.string() +
                               ":11:7: output 'team-slack': settings.webhook_url: "
                               "${FEEDSENTRY_TEST_SLACK_HOOK} is not set\n");
}

TEST_F(EnvFileCli, TheEnvFileSuppliesTheSecretsAndWinsOverTheEnvironment) {
  const config::testing::ScopedEnv stale("FEEDSENTRY_TEST_SLACK_HOOK", "not a url");
  const auto config = write_config();
  const auto env = write_env_file();
  const auto after =
      run("check-config --config " + config.string() + " --env-file " + env.string(), true);
  EXPECT_EQ(after.status, 0) << after.output;
  EXPECT_EQ(after.output, config.string() + ": ok (1 feed, 1 rule file, 2 outputs)\n");
  const auto before =
      run("--env-file " + env.string() + " check-config --config " + config.string(), true);
  EXPECT_EQ(before.status, 0) << before.output;
}

TEST_F(EnvFileCli, ABadEnvFileLineIsFileAndLineAndNeverItsText) {
  const auto config = write_config();
  const auto env = dir_.write("env", "A=1\nexport FEEDSENTRY_TEST_SLACK_HOOK=SECRETVALUE\n");
  const auto result =
      run("check-config --config " + config.string() + " --env-file " + env.string(), true);
  EXPECT_EQ(result.status, 1);
  EXPECT_EQ(result.output, "feedsentry: --env-file " + env.string() +
                               ":2: 'export' is not EnvironmentFile syntax (systemd ignores the "
                               "line): write NAME=value\n");
  const auto missing = run(
      "run --config " + config.string() + " --env-file " + (dir_.path() / "nope").string(), true);
  EXPECT_EQ(missing.status, 78) << "a daemon that cannot start must not be restarted";
  EXPECT_NE(missing.output.find("env file does not exist"), std::string::npos);
  EXPECT_EQ(run("check-config --config " + config.string() + " --env-file").status, 2);
}

TEST_F(EnvFileCli, ReadOnlyCommandsRunWithoutTheDeliverySecrets) {
  const auto config =
      write_config("watchlist:\n  sdn_dir: " FEEDSENTRY_SOURCE_DIR "/tests/data/watchlist/csv\n");
  const auto listed = run("outbox list --config " + config.string(), true);
  EXPECT_EQ(listed.status, 0) << listed.output;
  const auto looked_up = run("watchlist lookup Sergey Kozlov --config " + config.string(), true);
  EXPECT_EQ(looked_up.status, 0) << looked_up.output;
  EXPECT_NE(looked_up.output.find("match: SDN 44002"), std::string::npos) << looked_up.output;
  const auto parsed = run("parse --env-file " + write_env_file().string() +
                              " " FEEDSENTRY_SOURCE_DIR "/config/samples/world-news.rss.xml",
                          true);
  EXPECT_EQ(parsed.status, 0) << parsed.output;
}

TEST_F(EnvFileCli, RunAndOnceRefuseToStartWithoutTheSecretNamingTheOutput) {
  const auto config = write_config();
  const std::string expected = config.string() +
                               ":11:7: output 'team-slack': settings.webhook_url: "
                               "${FEEDSENTRY_TEST_SLACK_HOOK} is not set";
  const auto once = run("once --config " + config.string(), true);
  EXPECT_EQ(once.status, 1);
  EXPECT_NE(once.output.find(expected), std::string::npos) << once.output;
  const auto daemon = run("run --config " + config.string(), true);
  EXPECT_EQ(daemon.status, 78);
  EXPECT_NE(daemon.output.find(expected), std::string::npos) << daemon.output;
  EXPECT_FALSE(std::filesystem::exists(dir_.path() / "state" / "feedsentry.db"))
      << "nothing was polled";
}

struct PrintedRequest {
  std::map<std::string, std::string> headers;
  std::string body;
};

// The first request printed for `output`: header lines up to a blank line, then exactly
// Content-Length bytes of body followed by a line break.
std::optional<PrintedRequest> first_request(const std::string& out, const std::string& output) {
  std::size_t at = out.find("== " + output + " (");
  if (at == std::string::npos) return std::nullopt;
  at = out.find('\n', at) + 1;
  at = out.find('\n', at) + 1;  // the request line
  PrintedRequest request;
  while (at < out.size() && out[at] != '\n') {
    const std::size_t end = out.find('\n', at);
    const std::string line = out.substr(at, end - at);
    const std::size_t colon = line.find(": ");
    if (colon == std::string::npos) return std::nullopt;
    request.headers[line.substr(0, colon)] = line.substr(colon + 2);
    at = end + 1;
  }
  const std::size_t length = std::stoul(request.headers["Content-Length"]);
  request.body = out.substr(at + 1, length);
  if (out.substr(at + 1 + length, 1) != "\n") return std::nullopt;
  return request;
}

TEST_F(EnvFileCli, DryRunPrintsTheExactSignedBytesAndNoLogLineOnStandardOutput) {
  const auto config = write_config();
  const auto env = write_env_file();
  const auto result =
      run("once --dry-run --config " + config.string() + " --env-file " + env.string());
  ASSERT_EQ(result.status, 0) << result.output;
  const std::string& out = result.output;

  const auto signed_request = first_request(out, "signed");
  ASSERT_TRUE(signed_request.has_value()) << out;
  const auto& headers = signed_request->headers;
  ASSERT_TRUE(headers.contains("webhook-signature")) << out;
  const auto expected =
      alert::sign_webhook(kSecret, headers.at("webhook-id"),
                          std::stoll(headers.at("webhook-timestamp")), signed_request->body);
  ASSERT_TRUE(expected.has_value());
  EXPECT_EQ(headers.at("webhook-signature"), *expected)
      << "the signature covers exactly the printed body";
  EXPECT_EQ(signed_request->body.find('\n'), std::string::npos) << "compact, as sent";
  EXPECT_FALSE(nlohmann::json::parse(signed_request->body, nullptr, false).is_discarded());

  const auto slack_request = first_request(out, "team-slack");
  ASSERT_TRUE(slack_request.has_value()) << out;
  EXPECT_NE(slack_request->body.find("\"blocks\""), std::string::npos);

  EXPECT_EQ(out.find(kSecret.substr(6)), std::string::npos) << "the signing key is secret";
  EXPECT_EQ(out.find("SLACKSECRETPATH"), std::string::npos) << "the webhook URL is secret";
  EXPECT_EQ(headers.at("X-Receiver-Token"), "[redacted]") << "its value came from ${VAR}";
  EXPECT_EQ(out.find("RECEIVERTOKEN"), std::string::npos);
  EXPECT_EQ(out.find("match [sanctions"), std::string::npos) << "the match log line";
  EXPECT_EQ(out.find("World: ok"), std::string::npos) << "the feed summary";
  const std::regex log_line(
      R"(^(\d{4}-\d\d-\d\dT\S+ |\[)?(trace|debug|info|warning|warn|error)\b)");
  std::istringstream lines(out);
  for (std::string line; std::getline(lines, line);) {
    EXPECT_FALSE(std::regex_search(line, log_line)) << "a log line on stdout: " << line;
  }
}

TEST_F(EnvFileCli, DryRunNeedsNoSecretsAndSaysWhereItUsedAPlaceholder) {
  const auto config = write_config();
  const auto result = run("once --dry-run --config " + config.string(), true);
  EXPECT_EQ(result.status, 0) << result.output;
  EXPECT_NE(result.output.find("dry run: output 'team-slack': settings.webhook_url: "
                               "${FEEDSENTRY_TEST_SLACK_HOOK} is not set; shown with a "
                               "placeholder"),
            std::string::npos)
      << result.output;
  EXPECT_NE(result.output.find("== team-slack (slack → https://unset.invalid/"), std::string::npos)
      << result.output;
  EXPECT_FALSE(std::filesystem::exists(dir_.path() / "state")) << "a dry run changes no state";
}

}  // namespace
}  // namespace feedsentry
