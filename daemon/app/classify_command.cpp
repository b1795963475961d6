#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "app/classification_json.h"
#include "app/commands.h"
#include "app/item_input.h"
#include "app/rules_location.h"
#include "classify/explain.h"

namespace feedsentry::app {
namespace {

constexpr std::string_view kClassifyUsage =
    R"(Usage: feedsentry classify [--rules FILE]... [--explain] [--matched-only] [FILE.jsonl]

Classifies items against the rule set and prints one JSON line per item:
  {"id", "topics": [{"id", "title", "score", "clauses", "hits": [...]}], "countries": [...],
   "attributes": {"actor": ["eu"], "class": ["icbm"], ...}}
Input lines are items ({"id", "title", "summary" or "description", "content"}) or whole
`feedsentry parse` objects, whose "entries" are classified.

Options:
  --rules FILE     Rule file (repeatable; later files add lexicons and topics). Default:
                   config/rules/dprk-russia.yaml.
  --explain        Print a readable explanation with the hit text marked [[like this]].
  --matched-only   Only print items that matched a topic.
  FILE.jsonl       Input file; standard input when absent or -.
Exit status: 0 ok, 1 a rule error or unreadable/malformed input, 2 usage error.
)";

}  // namespace

int run_classify_command(std::span<const std::string_view> arguments) {
  std::vector<std::string> rule_files;
  bool explain = false;
  bool matched_only = false;
  std::string path;
  for (std::size_t i = 0; i < arguments.size(); ++i) {
    const std::string_view argument = arguments[i];
    if (argument == "-h" || argument == "--help") {
      std::cout << kClassifyUsage;
      return 0;
    } else if (argument == "--rules" && i + 1 < arguments.size()) {
      rule_files.emplace_back(arguments[++i]);
    } else if (argument == "--explain") {
      explain = true;
    } else if (argument == "--matched-only") {
      matched_only = true;
    } else if (path.empty() && (argument == "-" || !argument.starts_with("-"))) {
      path = std::string(argument);
    } else {
      std::cerr << "feedsentry classify: unexpected argument '" << argument << "'\n"
                << kClassifyUsage;
      return 2;
    }
  }
  classify::Classifier classifier;
  if (!load_classifier(rule_files, "classify", classifier)) return 1;

  std::ifstream file;
  std::istream* input = &std::cin;
  if (!path.empty() && path != "-") {
    file.open(path, std::ios::binary);
    if (!file) {
      std::cerr << "feedsentry classify: cannot read " << path << "\n";
      return 1;
    }
    input = &file;
  }
  classify::Workspace workspace;
  const std::size_t malformed =
      read_items(*input, path.empty() ? "<stdin>" : path, std::cerr, [&](const InputItem& item) {
        const classify::ItemText text = item.text();
        const classify::Classification result = classifier.classify(text, workspace);
        if (matched_only && !result.matched()) return;
        if (explain) {
          std::cout << item.id << "  " << item.title << "\n"
                    << classify::render_explanation(text, result) << "\n";
        } else {
          std::cout << classification_to_json(item.id, text, result)
                           .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
                    << "\n";
        }
      });
  return malformed == 0 ? 0 : 1;
}

}  // namespace feedsentry::app
