// feedsentry classify / eval, run as a user would.
#include <fstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "command_runner.h"

namespace {

using feedsentry::testing::CommandResult;
using feedsentry::testing::run;
using feedsentry::testing::run_with_input;

const std::string kSeed =
    R"({"id":"seed","title":"US imposes sanctions on North Korean and Russian accused of supporting North Korea's ballistic missile program","summary":"The move came a week after North Korea's second attempt to put a military spy satellite into orbit failed."})";

TEST(CliClassify, PrintsOneJsonLinePerItemWithEvidence) {
  const CommandResult result =
      run_with_input("classify", kSeed + "\n" + R"({"id":"quiet","title":"FIFA sanctions club"})");
  ASSERT_EQ(result.status, 0) << result.output;
  const std::size_t newline = result.output.find('\n');
  const nlohmann::json seed = nlohmann::json::parse(result.output.substr(0, newline));
  const nlohmann::json quiet = nlohmann::json::parse(result.output.substr(newline + 1));
  EXPECT_EQ(seed["id"], "seed");
  ASSERT_EQ(seed["topics"].size(), 2u);
  EXPECT_EQ(seed["topics"][0]["id"], "sanctions");
  EXPECT_EQ(seed["topics"][1]["id"], "launch");
  EXPECT_EQ(seed["countries"], nlohmann::json::array({"KP", "RU"}));
  const nlohmann::json& hit = seed["topics"][0]["hits"][0];
  EXPECT_EQ(hit["field"], "title");
  const std::string title = seed.is_object() ? nlohmann::json::parse(kSeed)["title"] : "";
  EXPECT_EQ(title.substr(hit["begin"].get<std::size_t>(),
                         hit["end"].get<std::size_t>() - hit["begin"].get<std::size_t>()),
            hit["text"].get<std::string>());
  EXPECT_EQ(quiet["id"], "quiet");
  EXPECT_TRUE(quiet["topics"].empty());
}

TEST(CliClassify, AcceptsParseOutput) {
  const CommandResult parsed =
      run("parse " FEEDSENTRY_SOURCE_DIR "/config/samples/world-news.rss.xml");
  ASSERT_EQ(parsed.status, 0);
  const CommandResult result = run_with_input("classify --matched-only", parsed.output);
  ASSERT_EQ(result.status, 0);
  const nlohmann::json first =
      nlohmann::json::parse(result.output.substr(0, result.output.find('\n')));
  EXPECT_EQ(first["id"], "news-example-2023-09-01-dprk-sanctions");
  EXPECT_EQ(result.output.find("FIFA"), std::string::npos);
}

TEST(CliClassify, ExplainHighlightsHitText) {
  const CommandResult result = run_with_input("classify --explain", kSeed);
  ASSERT_EQ(result.status, 0);
  EXPECT_NE(result.output.find("sanctions 1.00"), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("[[sanctions]] on [[North Korean]]"), std::string::npos)
      << result.output;
  EXPECT_NE(result.output.find("countries: KP RU"), std::string::npos);
}

TEST(CliClassify, MalformedLineIsReportedWithItsNumberAndTheRestIsClassified) {
  const CommandResult result =
      run_with_input("classify", "{not json}\n" + kSeed + "\n", /*with_stderr=*/true);
  EXPECT_EQ(result.status, 1);
  EXPECT_NE(result.output.find("<stdin>:1: not valid JSON"), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("\"id\":\"seed\""), std::string::npos);
}

TEST(CliClassify, BadRuleFileIsFileLineColumn) {
  char path[] = "/tmp/feedsentry-rules-XXXXXX";
  const int descriptor = mkstemp(path);
  ASSERT_GE(descriptor, 0);
  const std::string rules = "lexicons:\n  a: [x]\ntopics:\n  - id: t\n    match: [a, nope]\n";
  ASSERT_EQ(write(descriptor, rules.data(), rules.size()), static_cast<ssize_t>(rules.size()));
  close(descriptor);
  const CommandResult result =
      run_with_input(std::string("classify --rules ") + path, kSeed, /*with_stderr=*/true);
  std::remove(path);
  EXPECT_EQ(result.status, 1);
  EXPECT_NE(result.output.find(std::string(path) + ":5:16: unknown lexicon 'nope' (in topic 't')"),
            std::string::npos)
      << result.output;
}

TEST(CliClassify, UserRulesAddATopic) {
  char path[] = "/tmp/feedsentry-rules-XXXXXX";
  const int descriptor = mkstemp(path);
  ASSERT_GE(descriptor, 0);
  const std::string rules =
      "topics:\n  - id: watch\n    title: Watched names\n    match:\n      terms: [Jon Jin "
      "Yong]\n";
  ASSERT_EQ(write(descriptor, rules.data(), rules.size()), static_cast<ssize_t>(rules.size()));
  close(descriptor);
  const std::string default_rules = FEEDSENTRY_SOURCE_DIR "/config/rules/dprk-russia.yaml";
  const CommandResult result =
      run_with_input("classify --rules " + default_rules + " --rules " + path,
                     R"({"id":"a","title":"Treasury designates Jon Jin Yong"})");
  std::remove(path);
  ASSERT_EQ(result.status, 0);
  const nlohmann::json line = nlohmann::json::parse(result.output);
  ASSERT_FALSE(line["topics"].empty());
  EXPECT_EQ(line["topics"].back()["id"], "watch");
}

// The quality gate of the shipped rules on the labeled dev set (beside the repo, as in CI).
TEST(CliEval, DefaultRulesMeetTheDevSetTarget) {
  const std::string dev = FEEDSENTRY_SOURCE_DIR "/../shared/data/news-dev.jsonl";
  ASSERT_TRUE(std::ifstream(dev).good()) << dev << " must sit beside the repository";
  const CommandResult result = run("eval --min-precision 0.95 --min-recall 0.95 " + dev);
  EXPECT_EQ(result.status, 0) << result.output;
  EXPECT_NE(result.output.find("sanctions"), std::string::npos);
  EXPECT_NE(result.output.find("launch"), std::string::npos);
}

TEST(CliEval, ReportsEveryMissWithItsExplanation) {
  const std::string labeled =
      R"({"id":"m1","title":"North Korea fires ballistic missile","labels":["sanctions"]})";
  char path[] = "/tmp/feedsentry-eval-XXXXXX";
  const int descriptor = mkstemp(path);
  ASSERT_GE(descriptor, 0);
  ASSERT_EQ(write(descriptor, labeled.data(), labeled.size()),
            static_cast<ssize_t>(labeled.size()));
  close(descriptor);
  const CommandResult result = run(std::string("eval --min-recall 0.5 ") + path);
  std::remove(path);
  EXPECT_EQ(result.status, 1);  // sanctions recall 0 < 0.5
  EXPECT_NE(result.output.find("false negative [sanctions]: m1"), std::string::npos)
      << result.output;
  EXPECT_NE(result.output.find("false positive [launch]: m1"), std::string::npos);
  EXPECT_NE(result.output.find("[[North Korea]] [[fires]]"), std::string::npos);
}

}  // namespace
