// `--env-file`: systemd EnvironmentFile= syntax, parsed the way systemd reads the same file,
// with bad lines reported as file:line and no value ever echoed.
#include "config/env_file.h"

#include <gtest/gtest.h>

#include <map>

#include "config_test_support.h"

namespace feedsentry::config {
namespace {

std::map<std::string, std::string> parse_env_file_ok(std::string_view text) {
  const auto parsed = parse_env_file(text, "env");
  EXPECT_TRUE(parsed.has_value()) << (parsed ? "" : parsed.error().describe());
  std::map<std::string, std::string> values;
  if (parsed) {
    for (const EnvAssignment& assignment : *parsed) values[assignment.name] = assignment.value;
  }
  return values;
}

std::string env_file_error(std::string_view text) {
  const auto parsed = parse_env_file(text, "/etc/feedsentry/env");
  return parsed ? "(no error)" : parsed.error().describe();
}

TEST(EnvFile, PlainAssignmentsDropOuterBlanksAndKeepInnerOnes) {
  const auto values = parse_env_file_ok(
      "SLACK_WEBHOOK_URL=https://hooks.slack.com/services/T0/B0/x\n"
      "  SPACED  =  two words  \n"
      "EMPTY=\n"
      "TAB=\ta\tb\t\n");
  EXPECT_EQ(values.at("SLACK_WEBHOOK_URL"), "https://hooks.slack.com/services/T0/B0/x");
  EXPECT_EQ(values.at("SPACED"), "two words");
  EXPECT_EQ(values.at("EMPTY"), "");
  EXPECT_EQ(values.at("TAB"), "a\tb");
}

TEST(EnvFile, CommentsAndBlankLinesAreSkippedButHashInsideAValueIsKept) {
  const auto values = parse_env_file_ok(
      "# a comment\n"
      "; another\n"
      "\n"
      "   \n"
      "  # indented comment\n"
      "URL=https://example.org/hook#anchor ; not a comment\n");
  ASSERT_EQ(values.size(), 1u);
  EXPECT_EQ(values.at("URL"), "https://example.org/hook#anchor ; not a comment");
}

TEST(EnvFile, SingleQuotesAreVerbatimAndMaySpanLines) {
  const auto values = parse_env_file_ok("A='  keep \\n $HOME \"x\" '\nB='line one\nline two'\n");
  EXPECT_EQ(values.at("A"), "  keep \\n $HOME \"x\" ");
  EXPECT_EQ(values.at("B"), "line one\nline two");
}

TEST(EnvFile, DoubleQuotesHonourTheShellEscapesOnly) {
  const auto values = parse_env_file_ok(
      "A=\"say \\\"hi\\\" \\\\ \\` \\$ \\n\"\n"
      "B=\"joined \\\n"
      "line\"\n"
      "C=\"two\n"
      "lines\"\n");
  EXPECT_EQ(values.at("A"), "say \"hi\" \\ ` $ \\n");
  EXPECT_EQ(values.at("B"), "joined line");
  EXPECT_EQ(values.at("C"), "two\nlines");
}

TEST(EnvFile, QuotesAfterTheFirstCharacterAreKeptAndAdjacentQuotedPartsJoin) {
  const auto values = parse_env_file_ok("A=it's \"fine\"\nB='one'\"two\"\n");
  EXPECT_EQ(values.at("A"), "it's \"fine\"");
  EXPECT_EQ(values.at("B"), "onetwo");
}

TEST(EnvFile, BackslashContinuesAnUnquotedLineAndEscapesAnyOtherCharacter) {
  const auto values = parse_env_file_ok("TOKEN=abc\\\ndef\nESCAPED=a\\ b\\\\c\\#\nLAST=x");
  EXPECT_EQ(values.at("TOKEN"), "abcdef");
  EXPECT_EQ(values.at("ESCAPED"), "a b\\c#");
  EXPECT_EQ(values.at("LAST"), "x") << "no line break at the end of the file";
}

TEST(EnvFile, CarriageReturnsOfWindowsLineEndsAreNotPartOfValues) {
  const auto values = parse_env_file_ok("A=one\r\nB=two\r\n");
  EXPECT_EQ(values.at("A"), "one");
  EXPECT_EQ(values.at("B"), "two");
}

TEST(EnvFile, ALaterAssignmentComesLaterInTheList) {
  const auto parsed = parse_env_file("A=1\nA=2\n", "env");
  ASSERT_TRUE(parsed.has_value());
  ASSERT_EQ(parsed->size(), 2u);
  EXPECT_EQ((*parsed)[1].value, "2");
}

TEST(EnvFile, BadLinesAreFileAndLineWithoutTheirText) {
  EXPECT_EQ(env_file_error("A=1\n\nhttps://hooks.slack.com/services/T0/B0/SECRET\n"),
            "/etc/feedsentry/env:3: expected NAME=value");
  EXPECT_EQ(env_file_error("# c\n1ABC=SECRET\n"),
            "/etc/feedsentry/env:2: not a valid variable name before '=' (letters, digits and _, "
            "not starting with a digit)");
  EXPECT_EQ(env_file_error("https://x.example/?token=SECRET\n"),
            "/etc/feedsentry/env:1: not a valid variable name before '=' (letters, digits and _, "
            "not starting with a digit)");
  EXPECT_EQ(env_file_error("A=1\nexport SLACK_WEBHOOK_URL=SECRET\n"),
            "/etc/feedsentry/env:2: 'export' is not EnvironmentFile syntax (systemd ignores the "
            "line): write NAME=value");
  EXPECT_EQ(env_file_error("A=1\nB='SECRET\nmore\n"),
            "/etc/feedsentry/env:2: the quoted value is not closed");
  EXPECT_EQ(env_file_error("A=\"SECRET\\\"\n"),
            "/etc/feedsentry/env:1: the quoted value is not closed");
  EXPECT_EQ(env_file_error("A=1\nB='x\ny'\nC\n"), "/etc/feedsentry/env:4: expected NAME=value")
      << "lines inside a quoted value count";
}

TEST(EnvFile, ReadingNamesAMissingFile) {
  const testing::TempDir dir;
  const auto missing = read_env_file((dir.path() / "nope").string());
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().describe(),
            (dir.path() / "nope").string() + ": env file does not exist");
  const auto file = dir.write("env", "A=1\n");
  const auto read = read_env_file(file.string());
  ASSERT_TRUE(read.has_value());
  EXPECT_EQ(read->at(0).value, "1");
}

}  // namespace
}  // namespace feedsentry::config
