#include "app/cli.h"

#include <stdlib.h>

#include <iostream>
#include <string>
#include <vector>

#include "app/commands.h"
#include "app/logging.h"
#include "app/run_support.h"
#include "config/env_file.h"
#include "feedsentry/version.h"

namespace feedsentry::app {
namespace {

constexpr std::string_view kUsage = R"(Usage: feedsentry <command> [options]

feedsentry watches news feeds and alerts on DPRK/Russia sanctions and launch news.

Commands:
  run --config FILE
                 Run the daemon: poll the configured feeds and deliver alerts to the
                 outputs until SIGINT/SIGTERM; SIGHUP reloads config, rules and outputs.
  once --config FILE [--dry-run]
                 Poll every feed once, deliver the alerts, print new matching items as
                 JSON lines, exit. --dry-run prints each output's payloads, sends nothing.
  check-config --config FILE
                 Validate a config file, its rule files and its outputs.
  outbox list|retry|purge --config FILE
                 See and act on pending and dead-lettered deliveries.
  watchlist stats|lookup NAME --config FILE
                 Test the OFAC SDN watch list: counts, guards and load time, or which
                 listed party a name matches (and why not).
  stories [FILE.jsonl]
                 Group JSONL items into stories (the daemon's grouping); JSONL out.
  parse [--url BASE] [--charset NAME] FILE
                 Parse one feed file (RSS, RDF, Atom or JSON Feed) and print it as JSON.
  classify [--rules FILE]... [--explain] [FILE.jsonl]
                 Classify JSONL items against the topic rules; JSONL out with evidence.
  eval [--rules FILE]... FILE.jsonl
                 Precision/recall of the rules on labeled items, with every miss explained.

Options:
  --env-file FILE
                 Before the command runs, set the variables assigned in FILE (systemd
                 EnvironmentFile= syntax: NAME=value lines, # comments, quotes); a value
                 there wins over the same variable already in the environment. Accepted by
                 every command, more than once (later files win). The unit's
                 EnvironmentFile=/etc/feedsentry/env is read this way by
                 `feedsentry check-config --env-file /etc/feedsentry/env --config ...`.
  -h, --help     Show this help (also: feedsentry <command> --help).
  --version      Print the version.
)";

// Takes every `--env-file FILE` out of `arguments` and sets the file's variables in the
// process environment, before any thread starts. The file wins over the environment: an
// operator checking the service's config with `sudo feedsentry check-config --env-file
// /etc/feedsentry/env` wants the values the unit will get, not stale ones from a shell.
// Returns 0, or the exit status after printing the problem.
int apply_env_files(std::span<const std::string_view> arguments,
                    std::vector<std::string_view>& remaining) {
  std::vector<std::string_view> files;
  for (std::size_t i = 0; i < arguments.size(); ++i) {
    if (arguments[i] != "--env-file") {
      remaining.push_back(arguments[i]);
      continue;
    }
    if (i + 1 >= arguments.size()) {
      std::cerr << "feedsentry: --env-file needs a FILE\n";
      return 2;
    }
    files.push_back(arguments[++i]);
  }
  for (const std::string_view file : files) {
    auto assignments = config::read_env_file(std::string(file));
    if (!assignments) {
      std::cerr << "feedsentry: --env-file " << assignments.error().describe() << "\n";
      const bool daemon = !remaining.empty() && remaining.front() == "run";
      return daemon ? kExitBadConfig : 1;
    }
    for (const config::EnvAssignment& assignment : *assignments) {
      setenv(assignment.name.c_str(), assignment.value.c_str(), 1);
    }
  }
  return 0;
}

}  // namespace

int run_cli(std::span<const std::string_view> all_arguments) {
  // Every command logs to stderr from the start, so standard output carries only results
  // (`once --dry-run` prints request bytes there); run and once reconfigure from the config.
  configure_logging(LoggingOptions{});
  std::vector<std::string_view> kept;
  if (const int status = apply_env_files(all_arguments, kept); status != 0) return status;
  const std::span<const std::string_view> arguments(kept);
  if (arguments.empty()) {
    std::cerr << kUsage;
    return 2;
  }
  const std::string_view command = arguments.front();
  const auto rest = arguments.subspan(1);
  if (command == "-h" || command == "--help" || command == "help") {
    std::cout << kUsage;
    return 0;
  }
  if (command == "--version" || command == "version") {
    std::cout << "feedsentry " << kVersion << "\n";
    return 0;
  }
  if (command == "parse") return run_parse_command(rest);
  if (command == "classify") return run_classify_command(rest);
  if (command == "run") return run_run_command(rest);
  if (command == "once") return run_once_command(rest);
  if (command == "check-config") return run_check_config_command(rest);
  if (command == "eval") return run_eval_command(rest);
  if (command == "stories") return run_stories_command(rest);
  if (command == "outbox") return run_outbox_command(rest);
  if (command == "watchlist") return run_watchlist_command(rest);
  std::cerr << "feedsentry: unknown command '" << command << "'\n\n" << kUsage;
  return 2;
}

}  // namespace feedsentry::app
