#include "app/loaded_config.h"

#include "classify/rule_loader.h"
#include "config/load.h"

namespace feedsentry::app {

LoadedConfig load_everything(const std::string& config_path) {
  LoadedConfig loaded;
  loaded.config = config::load_config(config_path);
  loaded.warnings = config::check_referenced_files(loaded.config);
  loaded.classifier =
      classify::Classifier::compile(classify::load_rule_files(loaded.config.rule_paths()));
  loaded.outputs = make_outputs(loaded.config, loaded.classifier.topic_ids());
  return loaded;
}

}  // namespace feedsentry::app
