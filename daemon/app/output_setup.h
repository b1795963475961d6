#pragma once
// From the config's `outputs:` to what the dispatcher and the outbox writer need: one
// delivery plan (validated platform settings, rate limit, retry budget) and one routing rule
// per output. Throws config::ConfigError at the output's file:line:col (or the setting's)
// for bad settings and for topics the rules do not define; messages never hold secrets.
#include <string>
#include <vector>

#include "alert/dispatcher.h"
#include "alert/routing.h"
#include "config/config.h"

namespace feedsentry::app {

struct OutputSetup {
  std::vector<alert::OutputPlan> plans;
  std::vector<alert::Route> routes;
};

// `known_topics`: the topic ids of the loaded rules (empty: not checked).
OutputSetup make_outputs(const config::Config& config,
                         const std::vector<std::string>& known_topics);

}  // namespace feedsentry::app
