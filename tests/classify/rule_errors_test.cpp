// Rule file errors name file:line:col and the bad clause.
#include <gtest/gtest.h>

#include "classifier_test_support.h"

namespace feedsentry::classify {
namespace {

std::string error_of(std::string_view yaml) {
  try {
    testing::compile_yaml(yaml);
  } catch (const RuleError& error) {
    return error.what();
  }
  return "(no error)";
}

TEST(RuleErrors, UnknownLexiconNamesTopicAndPosition) {
  EXPECT_EQ(error_of("topics:\n  - id: t\n    match:\n      all: [known, missing]\n"
                     "lexicons:\n  known: [a]\n"),
            "test.yaml:4:20: unknown lexicon 'missing' (in topic 't')");
}

TEST(RuleErrors, UnknownOperator) {
  const std::string error = error_of("topics:\n  - id: t\n    match:\n      either: [a]\n");
  EXPECT_EQ(error.rfind("test.yaml:4:7: unknown operator 'either'", 0), 0u) << error;
  EXPECT_NE(error.find("(in topic 't')"), std::string::npos);
}

TEST(RuleErrors, StarInsideATerm) {
  const std::string error = error_of("lexicons:\n  l: [ok, 'bad*term']\n");
  EXPECT_EQ(error.rfind("test.yaml:2:11: term 'bad*term'", 0), 0u) << error;
}

TEST(RuleErrors, AttributeNamesAndReferencesAreChecked) {
  EXPECT_EQ(error_of("lexicons:\n  a: [x]\nattributes:\n  Actor:\n    eu: a\n"),
            "test.yaml:4:3: attribute kind 'Actor' must be lower-case [a-z0-9_-]");
  EXPECT_EQ(error_of("lexicons:\n  a: [x]\nattributes:\n  actor:\n    eu: missing\n"),
            "test.yaml:5:9: unknown lexicon 'missing' (in attribute actor=eu)");
}

TEST(RuleErrors, YamlSyntaxError) {
  const std::string error = error_of("topics:\n  - id: t\n    match: [a, b\n");
  EXPECT_EQ(error.rfind("test.yaml:", 0), 0u) << error;
  EXPECT_NE(error.find("YAML syntax"), std::string::npos) << error;
}

TEST(RuleErrors, DuplicateTopic) {
  const std::string error =
      error_of("lexicons:\n  l: [a]\ntopics:\n  - id: t\n    match: l\n  - id: t\n    match: l\n");
  EXPECT_EQ(error, "test.yaml:6:9: topic 't' is already defined at test.yaml:4:5");
}

TEST(RuleErrors, NearWithoutWithin) {
  const std::string error =
      error_of("lexicons:\n  l: [a]\ntopics:\n  - id: t\n    match:\n      near: [l, l]\n");
  EXPECT_EQ(error, "test.yaml:6:7: near: needs within: N (words) (in topic 't')");
}

TEST(RuleErrors, NearOperandMustHavePositions) {
  const std::string error = error_of(
      "lexicons:\n  l: [a]\ntopics:\n  - id: t\n    match:\n      near: [l, not: l]\n"
      "      within: 3\n");
  EXPECT_NE(error.find("near: operands must be lexicons"), std::string::npos) << error;
}

TEST(RuleErrors, ThresholdOutOfRange) {
  const std::string error =
      error_of("lexicons:\n  l: [a]\ntopics:\n  - id: t\n    threshold: 2\n    match: l\n");
  EXPECT_EQ(error, "test.yaml:5:16: must be between 0.01 and 1, got 2 (in topic 't')");
}

TEST(RuleErrors, UnknownTopLevelKey) {
  const std::string error = error_of("lexicon:\n  l: [a]\n");
  EXPECT_EQ(error.rfind("test.yaml:1:1: unknown key 'lexicon'", 0), 0u) << error;
}

TEST(RuleErrors, MissingFileNamesThePath) {
  try {
    load_rule_files({"/nonexistent/rules.yaml"});
    FAIL();
  } catch (const RuleError& error) {
    EXPECT_STREQ(error.what(), "/nonexistent/rules.yaml: cannot read rule file");
  }
}

}  // namespace
}  // namespace feedsentry::classify
