// make_outputs() and an output setting whose ${VAR} is not set: an error naming the output
// where delivery is meant, a placeholder for a dry run, left out for read-only commands.
#include <gtest/gtest.h>

#include "app/output_setup.h"
#include "config/config_test_support.h"

namespace feedsentry::app {
namespace {

constexpr std::string_view kOutputs =
    "outputs:\n"
    "  - name: log\n    type: file\n    settings: {path: alerts.jsonl}\n"
    "  - name: team-slack\n    type: slack\n    settings:\n"
    "      webhook_url: ${FEEDSENTRY_TEST_UNSET_HOOK}\n"
    "  - name: signed\n    type: webhook\n    settings:\n"
    "      url: https://receiver.example/hooks/${FEEDSENTRY_TEST_UNSET_PATH}\n"
    "      secret: ${FEEDSENTRY_TEST_UNSET_SECRET}\n";

class UnsetOutputSecrets : public ::testing::Test {
 protected:
  config::testing::ScopedEnv hook_{"FEEDSENTRY_TEST_UNSET_HOOK", std::nullopt};
  config::testing::ScopedEnv path_{"FEEDSENTRY_TEST_UNSET_PATH", std::nullopt};
  config::testing::ScopedEnv secret_{"FEEDSENTRY_TEST_UNSET_SECRET", std::nullopt};
  config::Config config_ = config::testing::load_yaml(kOutputs);
};

TEST_F(UnsetOutputSecrets, DeliveringFailsNamingTheOutputTheSettingAndTheVariable) {
  try {
    make_outputs(config_, {}, UnsetSecrets::kFail);
    FAIL() << "expected a ConfigError";
  } catch (const config::ConfigError& error) {
    EXPECT_STREQ(error.what(),
                 "test.yaml:8:7: output 'team-slack': settings.webhook_url: "
                 "${FEEDSENTRY_TEST_UNSET_HOOK} is not set");
  }
}

TEST_F(UnsetOutputSecrets, ADryRunGetsPlaceholdersThatPassValidationAndANotePerSetting) {
  const OutputSetup setup = make_outputs(config_, {}, UnsetSecrets::kPlaceholder);
  ASSERT_EQ(setup.plans.size(), 3u);
  EXPECT_EQ(setup.plans[1].spec.url, "https://unset.invalid/FEEDSENTRY_TEST_UNSET_HOOK");
  EXPECT_EQ(setup.plans[2].spec.url, "https://receiver.example/hooks/unset");
  EXPECT_FALSE(setup.plans[2].spec.webhook_secret.empty());
  EXPECT_EQ(setup.unset_notes,
            (std::vector<std::string>{
                "output 'team-slack': settings.webhook_url: ${FEEDSENTRY_TEST_UNSET_HOOK} is "
                "not set",
                "output 'signed': settings.secret: ${FEEDSENTRY_TEST_UNSET_SECRET} is not set",
                "output 'signed': settings.url: ${FEEDSENTRY_TEST_UNSET_PATH} is not set"}));
}

TEST_F(UnsetOutputSecrets, ReadOnlyCommandsLeaveTheUnusableOutputsOut) {
  const OutputSetup setup = make_outputs(config_, {}, UnsetSecrets::kLeaveOut);
  ASSERT_EQ(setup.plans.size(), 1u);
  EXPECT_EQ(setup.plans[0].spec.name, "log");
  ASSERT_EQ(setup.routes.size(), 1u);
  EXPECT_EQ(setup.unset_notes.size(), 3u);
}

TEST_F(UnsetOutputSecrets, ASetVariableIsUsedAsBefore) {
  const config::testing::ScopedEnv hook("FEEDSENTRY_TEST_UNSET_HOOK",
                                        "https://hooks.slack.com/services/T/B/x");
  const config::testing::ScopedEnv path("FEEDSENTRY_TEST_UNSET_PATH", "p");
  const config::testing::ScopedEnv secret("FEEDSENTRY_TEST_UNSET_SECRET", "whsec_c2VjcmV0");
  const OutputSetup setup = make_outputs(config::testing::load_yaml(kOutputs), {});
  ASSERT_EQ(setup.plans.size(), 3u);
  EXPECT_EQ(setup.plans[1].spec.url, "https://hooks.slack.com/services/T/B/x");
  EXPECT_TRUE(setup.unset_notes.empty());
}

}  // namespace
}  // namespace feedsentry::app
