#include "app/cli.h"

#include <iostream>
#include <string>

#include "app/commands.h"
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
  -h, --help     Show this help (also: feedsentry <command> --help).
  --version      Print the version.
)";

}  // namespace

int run_cli(std::span<const std::string_view> arguments) {
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
