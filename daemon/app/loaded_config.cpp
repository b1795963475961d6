#include "app/loaded_config.h"

#include <chrono>

#include "app/rules_location.h"
#include "classify/rule_loader.h"
#include "config/load.h"

namespace feedsentry::app {

watchlist::Options watchlist_options(const config::WatchlistConfig& section) {
  watchlist::Options options;
  options.sdn_dir = section.sdn_dir;
  options.format = section.format == "csv"   ? watchlist::SdnFormat::kCsv
                   : section.format == "xml" ? watchlist::SdnFormat::kXml
                                             : watchlist::SdnFormat::kAuto;
  options.selection.programs = section.programs;
  for (const std::string& type : section.types) {
    if (const auto parsed = watchlist::parse_party_type(type)) {
      options.selection.types.push_back(*parsed);
    }
  }
  return options;
}

LoadedConfig load_everything(const std::string& config_path, const LoadOptions& options) {
  LoadedConfig loaded;
  loaded.config = config::load_config(config_path);
  loaded.shipped_rules = fall_back_to_shipped_rules(loaded.config);
  loaded.warnings = config::check_referenced_files(loaded.config);
  const classify::RuleSet rules = classify::load_rule_files(loaded.config.rule_paths());
  const config::WatchlistConfig& section = loaded.config.watchlist;
  if (!section.enabled) {
    loaded.classifier = classify::Classifier::compile(rules);
  } else {
    auto list = watchlist::load_watchlist(watchlist_options(section));
    if (!list) {
      // A bad file: "path:line:col: message" at the SDN file's own line. A missing directory
      // or file: at the config's sdn_dir line, naming the directory.
      const core::Error& error = list.error();
      if (error.location.empty() || error.location == section.sdn_dir.string()) {
        throw config::ConfigError(
            section.sdn_dir_origin,
            "watchlist.sdn_dir " + section.sdn_dir.string() + ": " + error.message);
      }
      throw config::ConfigError({error.location, 0, 0}, error.message);
    }
    const auto start = std::chrono::steady_clock::now();
    loaded.classifier = classify::Classifier::compile(rules, &list->patterns.terms);
    WatchlistSummary& summary = loaded.watchlist_summary;
    summary.compile_ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    summary.entries = list->list.entries.size();
    summary.selected = list->selected.size();
    summary.patterns = loaded.classifier.watchlist_pattern_count();
    summary.load_ms = list->times.read + list->times.parse + list->times.patterns;
    loaded.watchlist_files = list->files;
    if (options.keep_watchlist) {
      loaded.watchlist = std::make_shared<const watchlist::Watchlist>(std::move(*list));
    }
  }
  loaded.outputs =
      make_outputs(loaded.config, loaded.classifier.topic_ids(), options.unset_secrets);
  for (config::ConfigWarning& warning : literal_secret_warnings(loaded.config)) {
    loaded.warnings.push_back(std::move(warning));
  }
  return loaded;
}

bool watchlist_changed(const LoadedConfig& loaded) {
  if (!loaded.config.watchlist.enabled) return false;
  return watchlist::files_changed(loaded.watchlist_files);
}

}  // namespace feedsentry::app
