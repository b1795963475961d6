#pragma once
// From the config's `outputs:` to what the dispatcher and the outbox writer need: one
// delivery plan (validated platform settings, rate limit, retry budget) and one routing rule
// per output. Throws config::ConfigError at the output's file:line:col (or the setting's)
// for bad settings and for topics the rules do not define; messages never hold secrets.
#include <string>
#include <vector>

#include "alert/dispatcher.h"
#include "alert/routing.h"
#include "config/check.h"
#include "config/config.h"

namespace feedsentry::app {

struct OutputSetup {
  std::vector<alert::OutputPlan> plans;
  std::vector<alert::Route> routes;
  // One line per setting with an unset ${VAR} that was replaced or left out (never thrown):
  // "output 'team-slack': settings.webhook_url: ${SLACK_WEBHOOK_URL} is not set".
  std::vector<std::string> unset_notes;
};

// What becomes of an output whose settings name a ${VAR} that is not set (the config keeps
// such settings as written, see config::OutputConfig::unset_variables).
enum class UnsetSecrets {
  kFail,         // it must deliver (run, once, check-config): a ConfigError at the setting
  kPlaceholder,  // it is only shown (once --dry-run): a stand-in value, and a note
  kLeaveOut,     // nothing is delivered (outbox, watchlist): no plan, no route, a note
};

// One warning per secret setting (webhook URL, token) written literally instead of as
// ${VARIABLE}, at the setting's file:line:col; the value itself is never in the message.
std::vector<config::ConfigWarning> literal_secret_warnings(const config::Config& config);

// `known_topics`: the topic ids of the loaded rules (empty: not checked).
OutputSetup make_outputs(const config::Config& config, const std::vector<std::string>& known_topics,
                         UnsetSecrets unset_secrets = UnsetSecrets::kFail);

}  // namespace feedsentry::app
