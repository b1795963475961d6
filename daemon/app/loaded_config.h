#pragma once
// Everything the daemon reads at start-up (and on reload) before it touches the network:
// the config, its rule files compiled, and the outputs validated against both. One loader,
// so `check-config`, `run`, `once` and `outbox` accept and reject exactly the same files.
#include <string>
#include <vector>

#include "app/output_setup.h"
#include "classify/classifier.h"
#include "config/check.h"
#include "config/config.h"

namespace feedsentry::app {

struct LoadedConfig {
  config::Config config;
  classify::Classifier classifier;
  OutputSetup outputs;
  std::vector<config::ConfigWarning> warnings;  // e.g. a local feed file not there yet
};

// Throws config::ConfigError or classify::RuleError (what() is "file:line:col: message").
LoadedConfig load_everything(const std::string& config_path);

}  // namespace feedsentry::app
