// Runs the real feedsentry binary, as a user or the conformance runner would.
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "command_runner.h"
#include "support/junk_bytes.h"

using feedsentry::testing::CommandResult;
using feedsentry::testing::run;
using feedsentry::testing::run_with_input;

TEST(CliParse, PrintsContractShapedJsonForSample) {
  const CommandResult result =
      run("parse " FEEDSENTRY_SOURCE_DIR "/config/samples/korea-desk.atom.xml");
  ASSERT_EQ(result.status, 0);
  const nlohmann::json parsed = nlohmann::json::parse(result.output);
  EXPECT_EQ(parsed["bozo"], false);
  EXPECT_EQ(parsed["feed"]["title"], "Korea Desk");
  ASSERT_EQ(parsed["entries"].size(), 3u);
  const nlohmann::json& entry = parsed["entries"][0];
  EXPECT_EQ(entry["id"], "tag:korea.example.org,2023:launch-1121");
  EXPECT_EQ(entry["title"], "North Korea says it put Malligyong-1 spy satellite into orbit");
  EXPECT_EQ(entry["link"], "https://korea.example.org/2023/11/22/north-korea-satellite-launch");
  EXPECT_EQ(entry["published"], "2023-11-21T16:05:00Z");
  EXPECT_EQ(entry["updated"], "2023-11-22T03:10:00Z");
  EXPECT_EQ(entry["author"], "Korea Desk");
  EXPECT_EQ(entry["categories"], nlohmann::json({"North Korea", "Space"}));
}

TEST(CliParse, BrokenFeedStillPrintsObjectWithBozo) {
  const CommandResult result =
      run_with_input("parse -", "<rss><channel><item><title>A & B</title>");
  ASSERT_EQ(result.status, 0);
  const nlohmann::json parsed = nlohmann::json::parse(result.output);
  EXPECT_EQ(parsed["bozo"], true);
  EXPECT_EQ(parsed["entries"][0]["title"], "A & B");
}

TEST(CliParse, RandomBinaryFileIsReportedAsNotAFeed) {
  const std::string junk = feedsentry::test_support::junk_bytes(8192, 99);
  const CommandResult result = run_with_input("parse -", junk);
  ASSERT_EQ(result.status, 0);
  const nlohmann::json parsed = nlohmann::json::parse(result.output);
  EXPECT_EQ(parsed["bozo"], true);
  EXPECT_EQ(parsed["bozo_exception"].get<std::string>().rfind("not a feed", 0), 0u) << parsed;
  EXPECT_TRUE(parsed["entries"].empty());
}

TEST(CliParse, MissingFileIsExitOne) {
  EXPECT_EQ(run("parse /nonexistent/feed.xml").status, 1);
}

TEST(Cli, UsageErrorsExitTwo) {
  EXPECT_EQ(run("").status, 2);
  EXPECT_EQ(run("no-such-command").status, 2);
  EXPECT_EQ(run("parse --bogus x").status, 2);
}

TEST(Cli, HelpAndVersion) {
  const CommandResult help = run("--help");
  EXPECT_EQ(help.status, 0);
  EXPECT_NE(help.output.find("parse"), std::string::npos);
  const CommandResult version = run("--version");
  EXPECT_EQ(version.status, 0);
  EXPECT_EQ(version.output.rfind("feedsentry ", 0), 0u);
  EXPECT_EQ(run("parse --help").status, 0);
}
