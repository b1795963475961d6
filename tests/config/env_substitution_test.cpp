// ${NAME} substitution, over a fake environment.
#include "config/env_substitution.h"

#include <gtest/gtest.h>

#include <map>

namespace feedsentry::config {
namespace {

std::optional<std::string> fake_env(const std::string& name) {
  static const std::map<std::string, std::string> kEnvironment = {
      {"TOKEN", "s3cr3t"}, {"EMPTY", ""}, {"HOST", "news.example.com"}, {"_UNDER_1", "u"}};
  const auto found = kEnvironment.find(name);
  if (found == kEnvironment.end()) return std::nullopt;
  return found->second;
}

std::string substitute(std::string_view text) {
  const core::Result<std::string> result = substitute_env(text, fake_env);
  return result ? *result : "error: " + result.error().message;
}

TEST(EnvSubstitution, LeavesPlainTextAlone) {
  EXPECT_EQ(substitute("plain text"), "plain text");
  EXPECT_EQ(substitute(""), "");
}

TEST(EnvSubstitution, ReplacesSetVariables) {
  EXPECT_EQ(substitute("${TOKEN}"), "s3cr3t");
  EXPECT_EQ(substitute("https://${HOST}/feed?key=${TOKEN}"),
            "https://news.example.com/feed?key=s3cr3t");
  EXPECT_EQ(substitute("${_UNDER_1}"), "u");
}

TEST(EnvSubstitution, SetButEmptyIsEmpty) {
  EXPECT_EQ(substitute("[${EMPTY}]"), "[]");
}

TEST(EnvSubstitution, DefaultIsUsedWhenUnsetOrEmpty) {
  EXPECT_EQ(substitute("${MISSING:-fallback}"), "fallback");
  EXPECT_EQ(substitute("${EMPTY:-fallback}"), "fallback");
  EXPECT_EQ(substitute("${TOKEN:-fallback}"), "s3cr3t");
  EXPECT_EQ(substitute("${MISSING:-}"), "");
  EXPECT_EQ(substitute("${MISSING:-/var/lib/feedsentry}/state"), "/var/lib/feedsentry/state");
}

TEST(EnvSubstitution, DoubleDollarIsALiteralDollar) {
  EXPECT_EQ(substitute("$${TOKEN}"), "${TOKEN}");
  EXPECT_EQ(substitute("price $$5"), "price $5");
  EXPECT_EQ(substitute("$$$${TOKEN}"), "$${TOKEN}");
}

TEST(EnvSubstitution, LoneDollarIsKept) {
  EXPECT_EQ(substitute("pa$word"), "pa$word");
  EXPECT_EQ(substitute("ends with $"), "ends with $");
}

TEST(EnvSubstitution, UnsetVariableIsAnErrorNamingIt) {
  EXPECT_EQ(substitute("x ${MISSING} y"),
            "error: environment variable MISSING is not set (write ${MISSING:-default} to allow "
            "that)");
}

TEST(EnvSubstitution, ErrorsNeverContainValues) {
  const std::string error = substitute("${TOKEN}${MISSING}");
  EXPECT_EQ(error.find("s3cr3t"), std::string::npos) << error;
  EXPECT_NE(error.find("MISSING"), std::string::npos) << error;
}

TEST(EnvSubstitution, UnterminatedReference) {
  EXPECT_EQ(substitute("${TOKEN"), "error: unterminated '${' (write $$ for a literal '$')");
}

TEST(EnvSubstitution, InvalidNames) {
  EXPECT_EQ(substitute("${}"),
            "error: '${}' is not a valid environment variable name (letters, digits, _)");
  EXPECT_EQ(substitute("${1ABC}"),
            "error: '${1ABC}' is not a valid environment variable name (letters, digits, _)");
  EXPECT_EQ(substitute("${A-B}"),
            "error: '${A-B}' is not a valid environment variable name (letters, digits, _)");
}

TEST(EnvSubstitution, ReadsTheProcessEnvironmentByDefault) {
  setenv("FEEDSENTRY_TEST_ENV_DEFAULT_LOOKUP", "from-process", 1);
  EXPECT_EQ(substitute_env("${FEEDSENTRY_TEST_ENV_DEFAULT_LOOKUP}").value(), "from-process");
  unsetenv("FEEDSENTRY_TEST_ENV_DEFAULT_LOOKUP");
  EXPECT_FALSE(substitute_env("${FEEDSENTRY_TEST_ENV_DEFAULT_LOOKUP}").has_value());
}

TEST(EnvSubstitution, KeepingUnsetLeavesUnsetReferencesAsWrittenAndNamesThem) {
  const auto result = substitute_env_keeping_unset(
      "https://${HOST}/${MISSING}/${TOKEN}${ALSO:-x}${GONE}", fake_env);
  ASSERT_TRUE(result.has_value());
  EXPECT_EQ(result->text, "https://news.example.com/${MISSING}/s3cr3tx${GONE}");
  EXPECT_EQ(result->unset, (std::vector<std::string>{"MISSING", "GONE"}));
  EXPECT_FALSE(substitute_env_keeping_unset("${1BAD}", fake_env).has_value())
      << "syntax errors stay errors";
}

}  // namespace
}  // namespace feedsentry::config
