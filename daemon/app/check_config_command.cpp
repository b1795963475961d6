#include <algorithm>
#include <iostream>
#include <string>
#include <vector>

#include "app/commands.h"
#include "classify/classifier.h"
#include "classify/rule_loader.h"
#include "config/check.h"
#include "config/load.h"

namespace feedsentry::app {
namespace {

constexpr std::string_view kCheckConfigUsage = R"(Usage: feedsentry check-config --config FILE

Validates a config file the way the daemon reads it at start-up and on reload, without
starting or writing anything: every key and value, the OPML files it imports, and its rule
files, loaded and compiled. Relative paths in the config resolve against the config file's
directory; ${VAR} values come from the environment. Prints
  FILE: ok (N feeds, M rule files)
or the first problem as file:line:col: message (on standard error). Warnings, such as a
local feed file that does not exist yet, are printed but do not fail the check.

Options:
  --config FILE   The config file to check.
Exit status: 0 valid, 1 invalid, 2 usage error.
)";

std::string count(std::size_t number, std::string_view noun) {
  return std::to_string(number) + " " + std::string(noun) + (number == 1 ? "" : "s");
}

// Every topic an output routes must exist in the rules, or its alerts would never come.
void check_output_topics(const config::Config& config, const classify::Classifier& classifier) {
  const std::vector<std::string> known = classifier.topic_ids();
  for (const config::OutputConfig& output : config.outputs) {
    for (const std::string& topic : output.topics) {
      if (std::find(known.begin(), known.end(), topic) != known.end()) continue;
      std::string list;
      for (const std::string& id : known) list += (list.empty() ? "" : ", ") + id;
      throw config::ConfigError(output.origin, "output '" + output.name + "': unknown topic '" +
                                                   topic + "' (the rules define: " + list + ")");
    }
  }
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
    const config::Config config = config::load_config(path);
    for (const config::ConfigWarning& warning : config::check_referenced_files(config)) {
      std::cerr << warning.to_string() << "\n";
    }
    const classify::Classifier classifier =
        classify::Classifier::compile(classify::load_rule_files(config.rule_paths()));
    check_output_topics(config, classifier);
    std::cout << path << ": ok (" << count(config.feeds.size(), "feed") << ", "
              << count(config.rules.size(), "rule file") << ")\n";
    return 0;
  } catch (const config::ConfigError& error) {
    std::cerr << error.what() << "\n";
  } catch (const classify::RuleError& error) {
    std::cerr << error.what() << "\n";
  }
  return 1;
}

}  // namespace feedsentry::app
