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
};

// One warning per secret setting (webhook URL, token) written literally instead of as
// ${VARIABLE}, at the setting's file:line:col; the value itself is never in the message.
std::vector<config::ConfigWarning> literal_secret_warnings(const config::Config& config);

// `known_topics`: the topic ids of the loaded rules (empty: not checked).
OutputSetup make_outputs(const config::Config& config,
                         const std::vector<std::string>& known_topics);

}  // namespace feedsentry::app
