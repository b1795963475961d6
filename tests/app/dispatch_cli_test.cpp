// `once --dry-run` and `outbox list|retry|purge` with the real binary: a dry run prints each
// output's payloads with secrets redacted and writes nothing; a dead-lettered delivery is
// listed, re-queued and never purged while pending.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "app/command_runner.h"
#include "support/http_server.h"

namespace feedsentry {
namespace {

using test_support::HttpServer;
using test_support::ScriptedResponse;
using testing::run;

class DispatchCli : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/feedsentry-dispatch-cli-XXXXXX";
    dir_ = mkdtemp(pattern);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::filesystem::path write_config(const std::string& outputs) {
    const auto path = dir_ / "feedsentry.yaml";
    std::ofstream(path) << "state_dir: state\nrules: [" << FEEDSENTRY_SOURCE_DIR
                        << "/config/rules/dprk-russia.yaml]\npoll: {backfill: 100000d}\n"
                        << "feeds:\n  - path: " << FEEDSENTRY_SOURCE_DIR
                        << "/config/samples/world-news.rss.xml\n    name: World\n"
                        << "outputs:\n"
                        << outputs;
    return path;
  }

  std::filesystem::path dir_;
};

TEST_F(DispatchCli, DryRunPrintsEveryOutputsPayloadRedactedAndWritesNothing) {
  const auto config = write_config(
      "  - name: log\n    type: file\n    settings: {path: alerts.jsonl}\n"
      "  - name: team\n    type: slack\n    settings:\n"
      "      webhook_url: http://127.0.0.1:9/services/T0/B0/SECRETTOKEN\n");
  const auto result = run("once --dry-run --config " + config.string(), true);
  EXPECT_EQ(result.status, 0) << result.output;
  EXPECT_NE(result.output.find("== log (file"), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("== team (slack"), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("\"blocks\""), std::string::npos) << result.output;
  EXPECT_EQ(result.output.find("SECRETTOKEN"), std::string::npos) << result.output;
  EXPECT_FALSE(std::filesystem::exists(dir_ / "alerts.jsonl"));
  EXPECT_FALSE(std::filesystem::exists(dir_ / "state")) << "a dry run changes no state";
}

TEST_F(DispatchCli, ADeadLetterIsListedRequeuedAndNeverPurgedWhilePending) {
  HttpServer receiver;
  receiver.on("/hook", ScriptedResponse::with_status(400));
  const auto config = write_config(
      "  - name: hook\n    type: webhook\n    settings: {url: " + receiver.url("/hook") + "}\n");
  const auto once = run("once --config " + config.string(), true);
  EXPECT_EQ(once.status, 0) << once.output;
  ASSERT_GE(receiver.requests_to("/hook").size(), 1u);

  const auto listed = run("outbox list --config " + config.string());
  EXPECT_EQ(listed.status, 0);
  EXPECT_NE(listed.output.find("hook: 0 pending, 0 delivered, 1 dead"), std::string::npos)
      << listed.output;
  EXPECT_NE(listed.output.find("\tdead\t1\t"), std::string::npos) << listed.output;
  EXPECT_NE(listed.output.find("HTTP 400"), std::string::npos) << listed.output;

  const auto retried = run("outbox retry --all --config " + config.string());
  EXPECT_EQ(retried.output, "1 dead deliveries moved back to pending\n");
  const auto purged = run("outbox purge --dead --config " + config.string());
  EXPECT_EQ(purged.output, "0 outbox rows deleted\n");
  const auto after = run("outbox list --state pending --config " + config.string());
  EXPECT_NE(after.output.find("hook: 1 pending, 0 delivered, 0 dead"), std::string::npos)
      << after.output;
  EXPECT_EQ(run("outbox frobnicate --config " + config.string()).status, 2);
}

TEST_F(DispatchCli, RetryOfAnUnknownIdFailsAndARetryKeepsTheCreationTime) {
  HttpServer receiver;
  receiver.on("/hook", ScriptedResponse::with_status(400));
  const auto config = write_config(
      "  - name: hook\n    type: webhook\n    settings: {url: " + receiver.url("/hook") + "}\n");
  ASSERT_EQ(run("once --config " + config.string(), true).status, 0);

  const auto table = run("outbox list --config " + config.string());
  EXPECT_NE(
      table.output.find("ID\tOUTPUT\tSTATE\tATTEMPTS\tCREATED\tRETRIED\tLAST_ERROR\tHEADLINE\n"),
      std::string::npos)
      << table.output;
  const auto listed = run("outbox list --json --config " + config.string());
  ASSERT_EQ(listed.status, 0);
  const nlohmann::json before = nlohmann::json::parse(listed.output);
  EXPECT_EQ(before["outputs"][0]["output"], "hook") << before;
  EXPECT_EQ(before["outputs"][0]["dead"], 1) << before;
  ASSERT_EQ(before["deliveries"].size(), 1u) << before;
  const nlohmann::json& row = before["deliveries"][0];
  EXPECT_EQ(row["state"], "dead");
  EXPECT_TRUE(row["retried_at"].is_null());
  EXPECT_NE(row["last_error"].get<std::string>().find("HTTP 400"), std::string::npos) << row;
  const std::string id = std::to_string(row["id"].get<std::int64_t>());

  const auto unknown = run("outbox retry 9999 " + id + " --config " + config.string(), true);
  EXPECT_EQ(unknown.status, 1) << unknown.output;
  EXPECT_NE(unknown.output.find("delivery 9999 does not exist"), std::string::npos)
      << unknown.output;
  EXPECT_EQ(unknown.output.find("moved back to pending"), std::string::npos) << unknown.output;
  const nlohmann::json untouched =
      nlohmann::json::parse(run("outbox list --json --config " + config.string()).output);
  EXPECT_EQ(untouched["deliveries"][0]["state"], "dead") << "nothing moves when one id is wrong";

  const auto retried = run("outbox retry " + id + " --config " + config.string());
  EXPECT_EQ(retried.status, 0);
  EXPECT_EQ(retried.output, "1 dead deliveries moved back to pending\n");
  const nlohmann::json after = nlohmann::json::parse(
      run("outbox list --json --state pending --config " + config.string()).output);
  ASSERT_EQ(after["deliveries"].size(), 1u) << after;
  EXPECT_EQ(after["deliveries"][0]["created"], row["created"]) << "creation time kept";
  EXPECT_TRUE(after["deliveries"][0]["retried_at"].is_string()) << after;

  const auto again = run("outbox retry " + id + " --config " + config.string(), true);
  EXPECT_EQ(again.status, 1);
  EXPECT_NE(again.output.find("is pending, not dead"), std::string::npos) << again.output;
}

}  // namespace
}  // namespace feedsentry
