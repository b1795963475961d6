// README "First deployment" writes /etc/feedsentry/{env,feeds.opml,feedsentry.yaml} with
// `sudo tee … <<'EOF'` blocks. These tests take those blocks out of the README as written and
// run the real `feedsentry check-config` on them, so a config change that breaks the
// walkthrough, or a walkthrough edit that breaks the config, fails here and not on an
// operator's first install.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>

#include "app/command_runner.h"
#include "config_test_support.h"

namespace feedsentry::config {
namespace {

using feedsentry::testing::CommandResult;
using feedsentry::testing::run;
using testing::ScopedEnv;
using testing::TempDir;

const std::filesystem::path kSourceDir = FEEDSENTRY_SOURCE_DIR;

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The "## First deployment" section, up to the next level-2 heading.
std::string first_deployment_section() {
  const std::string readme = read_text(kSourceDir / "README.md");
  const std::size_t begin = readme.find("\n## First deployment");
  if (begin == std::string::npos) return {};
  const std::size_t end = readme.find("\n## ", begin + 1);
  return readme.substr(begin, end == std::string::npos ? std::string::npos : end - begin);
}

// File name under /etc/feedsentry/ → the body of its `sudo tee … <<'EOF'` block.
std::map<std::string, std::string> written_files(const std::string& section) {
  const std::string opener = "sudo tee /etc/feedsentry/";
  std::map<std::string, std::string> files;
  for (std::size_t at = section.find(opener); at != std::string::npos;
       at = section.find(opener, at + 1)) {
    const std::size_t name_end = section.find(' ', at + opener.size());
    const std::size_t body = section.find("<<'EOF'\n", name_end);
    const std::size_t body_end = section.find("\nEOF\n", body);
    if (name_end == std::string::npos || body == std::string::npos ||
        body_end == std::string::npos) {
      break;
    }
    const std::size_t body_begin = body + std::string("<<'EOF'\n").size();
    files[section.substr(at + opener.size(), name_end - at - opener.size())] =
        section.substr(body_begin, body_end - body_begin + 1);
  }
  return files;
}

// The walkthrough's /etc/feedsentry in a temporary directory, rules as the package installs.
class FirstDeploymentFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    section_ = first_deployment_section();
    ASSERT_FALSE(section_.empty()) << "README.md has no '## First deployment' section";
    for (const auto& [name, content] : written_files(section_)) dir_.write(name, content);
    for (const char* name : {"env", "feeds.opml", "feedsentry.yaml"}) {
      ASSERT_TRUE(std::filesystem::exists(dir_.path() / name)) << "no block writes " << name;
    }
    dir_.write("rules/dprk-russia.yaml", read_text(kSourceDir / "config/rules/dprk-russia.yaml"));
  }

  std::string config() const { return (dir_.path() / "feedsentry.yaml").string(); }

  std::string section_;
  TempDir dir_;
  // The service gets the URL only from the env file; a developer's shell must not supply it.
  ScopedEnv unset_webhook_{"SLACK_WEBHOOK_URL", std::nullopt};
};

TEST_F(FirstDeploymentFiles, CheckConfigWithTheEnvFileSaysWhatTheReadmeShows) {
  const std::string shown = "# /etc/feedsentry/feedsentry.yaml: ";
  const std::size_t at = section_.find(shown);
  ASSERT_NE(at, std::string::npos) << "the README shows no check-config output";
  const std::string promised = section_.substr(
      at + shown.size(), section_.find('\n', at) - at - shown.size());  // "ok (3 feeds, …)"

  const CommandResult result = run(
      "check-config --config " + config() + " --env-file " + (dir_.path() / "env").string(), true);
  EXPECT_EQ(result.status, 0) << result.output;
  EXPECT_EQ(result.output, config() + ": " + promised + "\n");
}

TEST_F(FirstDeploymentFiles, WithoutTheEnvFileTheSlackOutputIsNamedAndNoSecretShown) {
  const CommandResult result = run("check-config --config " + config(), true);
  EXPECT_EQ(result.status, 1) << result.output;
  EXPECT_NE(result.output.find("output 'team-slack'"), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("${SLACK_WEBHOOK_URL} is not set"), std::string::npos)
      << result.output;
  EXPECT_EQ(result.output.find("hooks.slack.com"), std::string::npos) << result.output;
}

}  // namespace
}  // namespace feedsentry::config
