// `feedsentry stories` run as a user would: the real binary on a small JSONL file.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "app/command_runner.h"

namespace feedsentry::story {
namespace {

using feedsentry::testing::run;
using feedsentry::testing::run_with_input;

std::vector<nlohmann::json> json_lines(const std::string& output) {
  std::vector<nlohmann::json> lines;
  std::istringstream stream(output);
  std::string line;
  while (std::getline(stream, line)) lines.push_back(nlohmann::json::parse(line));
  return lines;
}

constexpr const char* kItems =
    R"({"id": "bbc-1", "feed": "bbc", "title": "North Korea fires ballistic missile over Japan", "summary": "Residents were told to take cover.", "link": "https://www.bbc.co.uk/news/world-asia-63126534?at_medium=RSS", "published": "2022-10-04T04:38:50Z"}
{"id": "nyt-1", "feed": "nyt", "title": "North Korea Fires Ballistic Missile Over Japan in Major Escalation - The New York Times", "summary": "The missile flew about 2,800 miles.", "link": "https://www.nytimes.com/2022/10/03/world/asia/japan-north-korea-missile.html", "published": "2022-10-04T05:19:23Z"}
{"id": "mirror", "feed": "aggregator", "title": "Japan alert", "link": "http://bbc.co.uk/news/world-asia-63126534#comments"}
{"id": "quake", "feed": "ap", "title": "Earthquake hits western Afghanistan", "link": "https://apnews.com/article/afghanistan-quake", "published": "2022-10-04T06:00:00Z"}
{"id": "later", "feed": "bbc", "title": "North Korea fires ballistic missile over Japan", "published": "2022-10-11T04:00:00Z"}
)";

TEST(StoriesCli, PrintsOneStoryLinePerItemInInputOrder) {
  const auto result = run_with_input("stories", kItems);
  ASSERT_EQ(result.status, 0) << result.output;
  const std::vector<nlohmann::json> lines = json_lines(result.output);
  ASSERT_EQ(lines.size(), 5u);
  const std::vector<std::pair<std::string, std::string>> expected = {{"bbc-1", "bbc-1"},
                                                                     {"nyt-1", "bbc-1"},
                                                                     {"mirror", "bbc-1"},
                                                                     {"quake", "quake"},
                                                                     {"later", "later"}};
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(lines[i]["id"], expected[i].first);
    EXPECT_EQ(lines[i]["story"], expected[i].second) << lines[i].dump();
  }
}

TEST(StoriesCli, ReadsAFileArgument) {
  char path[] = "/tmp/feedsentry-stories-XXXXXX";
  const int descriptor = mkstemp(path);
  ASSERT_GE(descriptor, 0);
  FILE* file = fdopen(descriptor, "w");
  std::fputs(kItems, file);
  std::fclose(file);
  const auto result = run(std::string("stories ") + path);
  std::remove(path);
  ASSERT_EQ(result.status, 0);
  EXPECT_EQ(json_lines(result.output).size(), 5u);
}

TEST(StoriesCli, ReportsBadLinesWithTheirNumberAndFails) {
  const auto result = run_with_input(
      "stories",
      "{\"id\": \"a\", \"title\": \"ok\"}\nnot json\n{\"title\": \"no id\"}\n"
      "{\"id\": \"b\", \"published\": \"yesterday\"}\n{\"id\": \"c\", \"title\": 5}\n",
      true);
  EXPECT_EQ(result.status, 1);
  EXPECT_NE(result.output.find("<stdin>:2: not valid JSON"), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("<stdin>:3: missing \"id\""), std::string::npos);
  EXPECT_NE(result.output.find("<stdin>:4: \"published\" is not an RFC 3339 time"),
            std::string::npos);
  EXPECT_NE(result.output.find("<stdin>:5: \"title\" must be a string"), std::string::npos);
  EXPECT_NE(result.output.find(R"({"id":"a","story":"a","decision":"new"})"), std::string::npos);
}

TEST(StoriesCli, HelpAndUsageErrors) {
  const auto help = run("stories --help");
  EXPECT_EQ(help.status, 0);
  EXPECT_NE(help.output.find("Usage: feedsentry stories"), std::string::npos);
  EXPECT_EQ(run("stories --bogus").status, 2);
  EXPECT_EQ(run("stories /nonexistent/items.jsonl").status, 1);
}

}  // namespace
}  // namespace feedsentry::story
