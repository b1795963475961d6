// Read-only checks of the files a loaded config refers to.
#include "config/check.h"

#include <gtest/gtest.h>

#include "config_test_support.h"

namespace feedsentry::config {
namespace {

using testing::TempDir;

TEST(CheckReferencedFiles, AllPresentGivesNoWarnings) {
  const TempDir dir;
  dir.write("rules/a.yaml", "topics: []\n");
  dir.write("samples/a.xml", "<rss/>");
  const Config config = load_config_text("rules: [rules/a.yaml]\nfeeds:\n  - path: samples/a.xml\n",
                                         "c.yaml", dir.path());
  EXPECT_TRUE(check_referenced_files(config).empty());
}

TEST(CheckReferencedFiles, MissingRuleFileIsAnErrorAtItsEntry) {
  const TempDir dir;
  const Config config = load_config_text("rules:\n  - rules/missing.yaml\n", "c.yaml", dir.path());
  try {
    check_referenced_files(config);
    FAIL() << "no error";
  } catch (const ConfigError& error) {
    EXPECT_EQ(error.what(), "c.yaml:2:5: rules: rule file " +
                                (dir.path() / "rules/missing.yaml").string() + " does not exist");
  }
}

TEST(CheckReferencedFiles, MissingDefaultRuleFileSaysItIsTheDefault) {
  const TempDir dir;
  const Config config = load_config_text("", "c.yaml", dir.path());
  try {
    check_referenced_files(config);
    FAIL() << "no error";
  } catch (const ConfigError& error) {
    EXPECT_EQ(error.what(), "c.yaml: rules: the default rule file " +
                                (dir.path() / "rules/dprk-russia.yaml").string() +
                                " does not exist (name the rule files with rules: in the config)");
  }
}

TEST(CheckReferencedFiles, RuleFileThatIsADirectory) {
  const TempDir dir;
  std::filesystem::create_directories(dir.path() / "rules/a.yaml");
  const Config config = load_config_text("rules: [rules/a.yaml]\n", "c.yaml", dir.path());
  EXPECT_THROW(check_referenced_files(config), ConfigError);
}

TEST(CheckReferencedFiles, MissingLocalFeedIsAWarning) {
  const TempDir dir;
  dir.write("rules/dprk-russia.yaml", "topics: []\n");
  const Config config = load_config_text(
      "feeds:\n  - url: https://a.example/rss\n  - path: feeds/later.xml\n    name: Later\n",
      "c.yaml", dir.path());
  const std::vector<ConfigWarning> warnings = check_referenced_files(config);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0].to_string(),
            "c.yaml:3:5: warning: feed 'Later': " + (dir.path() / "feeds/later.xml").string() +
                " does not exist");
}

}  // namespace
}  // namespace feedsentry::config
