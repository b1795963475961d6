// `feedsentry check-config`, run as a user would.
#include <gtest/gtest.h>

#include "app/command_runner.h"
#include "config_test_support.h"

namespace feedsentry::config {
namespace {

using feedsentry::testing::CommandResult;
using feedsentry::testing::run;
using testing::TempDir;

const std::string kConfigDir = std::string(FEEDSENTRY_SOURCE_DIR) + "/config";

TEST(CheckConfigCli, DemoIsOk) {
  const CommandResult result = run("check-config --config " + kConfigDir + "/demo.yaml", true);
  EXPECT_EQ(result.status, 0) << result.output;
  EXPECT_EQ(result.output, kConfigDir + "/demo.yaml: ok (4 feeds, 1 rule file, 1 output)\n");
}

TEST(CheckConfigCli, ExampleConfigIsOk) {
  const CommandResult result =
      run("check-config --config " + kConfigDir + "/feedsentry.yaml", true);
  EXPECT_EQ(result.status, 0) << result.output;
  EXPECT_NE(result.output.find("feedsentry.yaml: ok ("), std::string::npos) << result.output;
}

TEST(CheckConfigCli, ConfigErrorIsFileLineColumnAndExitOne) {
  const TempDir dir;
  const std::filesystem::path file = dir.write("bad.yaml", "poll:\n  intervall: 5m\n");
  const CommandResult result = run("check-config --config " + file.string(), true);
  EXPECT_EQ(result.status, 1);
  EXPECT_EQ(result.output,
            file.string() + ":2:3: unknown key 'intervall' in poll (did you mean 'interval'?)\n");
}

TEST(CheckConfigCli, RuleErrorIsReportedTheSameWay) {
  const TempDir dir;
  dir.write("rules/broken.yaml", "topics:\n  - id: t\n    match:\n      either: [a]\n");
  const std::filesystem::path file = dir.write("c.yaml", "rules: [rules/broken.yaml]\n");
  const CommandResult result = run("check-config --config " + file.string(), true);
  EXPECT_EQ(result.status, 1);
  const std::string expected_start =
      (dir.path() / "rules/broken.yaml").string() + ":4:7: unknown operator 'either'";
  EXPECT_EQ(result.output.rfind(expected_start, 0), 0u) << result.output;
}

TEST(CheckConfigCli, MissingRuleFileIsReportedAtTheConfigEntry) {
  const TempDir dir;
  const std::filesystem::path file = dir.write("c.yaml", "rules:\n  - nope.yaml\n");
  const CommandResult result = run("check-config --config " + file.string(), true);
  EXPECT_EQ(result.status, 1);
  EXPECT_EQ(result.output, file.string() + ":2:5: rules: rule file " +
                               (dir.path() / "nope.yaml").string() + " does not exist\n");
}

TEST(CheckConfigCli, OutputTopicsMustExistInTheRules) {
  const TempDir dir;
  const std::filesystem::path file =
      dir.write("c.yaml", "rules: [" + kConfigDir +
                              "/rules/dprk-russia.yaml]\noutputs:\n  - type: file\n"
                              "    topics: [sanctions, lunch]\n"
                              "    settings: {path: alerts.jsonl}\n");
  const CommandResult result = run("check-config --config " + file.string(), true);
  EXPECT_EQ(result.status, 1);
  EXPECT_EQ(result.output, file.string() +
                               ":3:5: output 'file': unknown topic 'lunch' (the rules define: "
                               "sanctions, launch)\n");
}

// Output settings are checked for their type at the setting's line; a secret value (the
// webhook URL is the credential) never appears in the message.
TEST(CheckConfigCli, BadOutputSettingsAreReportedWithoutTheirSecrets) {
  const TempDir dir;
  const std::filesystem::path file = dir.write(
      "c.yaml", "rules: [" + kConfigDir +
                    "/rules/dprk-russia.yaml]\noutputs:\n  - type: slack\n    settings:\n"
                    "      webhook_url: https://hooks.slack.com/services/T000/B000/SECRETTOKEN\n"
                    "      colour: red\n");
  const CommandResult result = run("check-config --config " + file.string(), true);
  EXPECT_EQ(result.status, 1);
  EXPECT_NE(result.output.find("c.yaml:6:7: "), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("colour"), std::string::npos) << result.output;
  EXPECT_EQ(result.output.find("SECRETTOKEN"), std::string::npos) << result.output;
}

TEST(CheckConfigCli, AChatOutputWithoutItsWebhookUrlIsAnError) {
  const TempDir dir;
  const std::filesystem::path file =
      dir.write("c.yaml", "rules: [" + kConfigDir +
                              "/rules/dprk-russia.yaml]\noutputs:\n  - type: discord\n");
  const CommandResult result = run("check-config --config " + file.string(), true);
  EXPECT_EQ(result.status, 1);
  EXPECT_NE(result.output.find("c.yaml:3:5: "), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("webhook_url"), std::string::npos) << result.output;
}

TEST(CheckConfigCli, WarningsDoNotFailTheCheck) {
  const TempDir dir;
  const std::filesystem::path file =
      dir.write("c.yaml", "rules: [" + kConfigDir +
                              "/rules/dprk-russia.yaml]\nfeeds:\n  - path: later.xml\n");
  const CommandResult result = run("check-config --config " + file.string(), true);
  EXPECT_EQ(result.status, 0) << result.output;
  EXPECT_NE(result.output.find(":3:5: warning: feed 'later.xml': "), std::string::npos)
      << result.output;
  EXPECT_NE(result.output.find("c.yaml: ok (1 feed, 1 rule file, 0 outputs)"), std::string::npos)
      << result.output;
}

TEST(CheckConfigCli, AMisspeltOutputTypeGetsADidYouMeanAtItsLine) {
  const TempDir dir;
  const std::filesystem::path file = dir.write(
      "c.yaml", "rules: [" + kConfigDir +
                    "/rules/dprk-russia.yaml]\noutputs:\n  - name: team\n    type: slak\n");
  const CommandResult result = run("check-config --config " + file.string(), true);
  EXPECT_EQ(result.status, 1);
  EXPECT_EQ(
      result.output.rfind(file.string() + ":4:11: output 'team': unknown type 'slak' (did you mean "
                                          "'slack'?); known types: file, console, slack",
                          0),
      0u)
      << result.output;
}

// A webhook URL is a credential: written into the YAML it is flagged (where, which output),
// never printed, and the check still passes. Through ${VAR} it is not flagged.
TEST(CheckConfigCli, ALiteralWebhookUrlIsAWarningThatNamesTheOutputButNotTheUrl) {
  const TempDir dir;
  const std::string head = "rules: [" + kConfigDir + "/rules/dprk-russia.yaml]\noutputs:\n";
  const std::filesystem::path literal =
      dir.write("literal.yaml",
                head +
                    "  - name: team\n    type: slack\n    settings:\n"
                    "      webhook_url: https://hooks.slack.com/services/T000/B000/SECRETTOKEN\n");
  const CommandResult result = run("check-config --config " + literal.string(), true);
  EXPECT_EQ(result.status, 0) << result.output;
  EXPECT_NE(result.output.find(literal.string() +
                               ":6:7: warning: output 'team': settings.webhook_url is written "
                               "literally in the config file"),
            std::string::npos)
      << result.output;
  EXPECT_EQ(result.output.find("SECRETTOKEN"), std::string::npos) << result.output;
  EXPECT_EQ(result.output.find("hooks.slack.com"), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("literal.yaml: ok (0 feeds, 1 rule file, 1 output)"),
            std::string::npos)
      << result.output;

  setenv("FEEDSENTRY_TEST_TEAM_HOOK", "https://hooks.slack.com/services/T000/B000/SECRETTOKEN", 1);
  const std::filesystem::path from_env =
      dir.write("env.yaml", head +
                                "  - name: team\n    type: slack\n    settings:\n"
                                "      webhook_url: ${FEEDSENTRY_TEST_TEAM_HOOK}\n");
  const CommandResult clean = run("check-config --config " + from_env.string(), true);
  unsetenv("FEEDSENTRY_TEST_TEAM_HOOK");
  EXPECT_EQ(clean.status, 0) << clean.output;
  EXPECT_EQ(clean.output.find("warning"), std::string::npos) << clean.output;
}

// Without rules: and without rules/ beside the config, the shipped rule set is used (as
// `classify` does) and named, instead of failing on the missing default.
TEST(CheckConfigCli, AConfigWithoutRulesUsesTheShippedDefaultAndNamesIt) {
  const TempDir dir;
  const std::filesystem::path file = dir.write("c.yaml", "feeds:\n  - path: later.xml\n");
  const CommandResult result = run("check-config --config " + file.string(), true);
  EXPECT_EQ(result.status, 0) << result.output;
  EXPECT_NE(result.output.find(file.string() + ": rules: "), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("/rules/dprk-russia.yaml (the shipped default"), std::string::npos)
      << result.output;
  EXPECT_NE(result.output.find("c.yaml: ok (1 feed, 1 rule file, 0 outputs)"), std::string::npos)
      << result.output;
}

TEST(CheckConfigCli, MissingConfigFile) {
  const CommandResult result = run("check-config --config /nonexistent/c.yaml", true);
  EXPECT_EQ(result.status, 1);
  EXPECT_EQ(result.output, "/nonexistent/c.yaml: config file does not exist\n");
}

TEST(CheckConfigCli, UsageErrors) {
  EXPECT_EQ(run("check-config").status, 2);
  EXPECT_EQ(run("check-config --config").status, 2);
  EXPECT_EQ(run("check-config --frobnicate").status, 2);
  EXPECT_EQ(run("check-config --config a.yaml b.yaml").status, 2);
}

TEST(CheckConfigCli, Help) {
  const CommandResult result = run("check-config --help");
  EXPECT_EQ(result.status, 0);
  EXPECT_NE(result.output.find("Usage: feedsentry check-config --config FILE"), std::string::npos);
}

}  // namespace
}  // namespace feedsentry::config
