#include <algorithm>
#include <iostream>
#include <string>
#include <vector>

#include "app/commands.h"
#include "app/loaded_config.h"
#include "classify/classifier.h"
#include "classify/rule_loader.h"

namespace feedsentry::app {
namespace {

constexpr std::string_view kCheckConfigUsage =
    R"(Usage: feedsentry check-config --config FILE [--env-file FILE]

Validates a config file the way the daemon reads it at start-up and on reload, without
starting or writing anything: every key and value, the OPML files it imports, its rule
files, loaded and compiled, the watch list's SDN files (if watchlist: is set), and every
output's settings for its type (secrets are never printed), including that every ${VAR}
they use is set. Relative paths in the config resolve against the config file's
directory; ${VAR} values come from the environment, or from --env-file FILE (systemd
EnvironmentFile syntax, e.g. the unit's /etc/feedsentry/env; its values win). Prints
  FILE: ok (N feeds, M rule files, K outputs)
or the first problem as file:line:col: message (on standard error). A config without
rules: uses rules/dprk-russia.yaml beside it, else the shipped default (the packaged
/usr/share/feedsentry/rules/, then the source tree's config/rules/), and then names it. Warnings, such as a
local feed file that does not exist yet, are printed but do not fail the check.

Options:
  --config FILE   The config file to check.
  --env-file FILE Set the variables assigned in FILE first (see feedsentry --help).
Exit status: 0 valid, 1 invalid, 2 usage error.
)";

std::string count(std::size_t number, std::string_view noun) {
  return std::to_string(number) + " " + std::string(noun) + (number == 1 ? "" : "s");
}

}  // namespace

int run_check_config_command(std::span<const std::string_view> arguments) {
  std::string path;
  for (std::size_t i = 0; i < arguments.size(); ++i) {
    const std::string_view argument = arguments[i];
    if (argument == "-h" || argument == "--help") {
      std::cout << kCheckConfigUsage;
      return 0;
    } else if (argument == "--config" && i + 1 < arguments.size() && path.empty()) {
      path = std::string(arguments[++i]);
    } else {
      std::cerr << "feedsentry check-config: unexpected argument '" << argument << "'\n"
                << kCheckConfigUsage;
      return 2;
    }
  }
  if (path.empty()) {
    std::cerr << "feedsentry check-config: missing --config FILE\n" << kCheckConfigUsage;
    return 2;
  }
  try {
    const LoadedConfig loaded = load_everything(path);
    for (const config::ConfigWarning& warning : loaded.warnings) {
      std::cerr << warning.to_string() << "\n";
    }
    const config::Config& config = loaded.config;
    if (loaded.shipped_rules) {
      std::cout << path << ": rules: " << loaded.shipped_rules->string()
                << " (the shipped default: the config has no rules: and no "
                << config::kDefaultRuleFile << " beside it)\n";
    }
    std::cout << path << ": ok (" << count(config.feeds.size(), "feed") << ", "
              << count(config.rules.size(), "rule file") << ", "
              << count(config.outputs.size(), "output");
    if (config.watchlist.enabled) {
      const WatchlistSummary& listed = loaded.watchlist_summary;
      std::cout << ", watch list: " << listed.selected << " of " << listed.entries
                << " SDN entries, " << count(listed.patterns, "pattern");
    }
    std::cout << ")\n";
    return 0;
  } catch (const config::ConfigError& error) {
    std::cerr << error.what() << "\n";
  } catch (const classify::RuleError& error) {
    std::cerr << error.what() << "\n";
  }
  return 1;
}

}  // namespace feedsentry::app
