// libFuzzer target: rule loading, compilation and classification must never crash or hang.
// Input: a rule file, then "\n%%\n", then item text (title, summary, content separated by
// newlines). Rule errors are expected (RuleError); anything else escaping is a bug.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "classify/classifier.h"
#include "classify/rule_loader.h"

namespace {

using namespace feedsentry::classify;

void classify_text(const Classifier& classifier, std::string_view text) {
  std::string_view fields[3];
  for (std::string_view& field : fields) {
    const std::size_t newline = text.find('\n');
    field = text.substr(0, newline);
    text = newline == std::string_view::npos ? std::string_view() : text.substr(newline + 1);
  }
  Workspace workspace;
  const Classification result = classifier.classify({fields[0], fields[1], fields[2]}, workspace);
  std::vector<TopicScore> scores;
  const Classification explained =
      classifier.explain_all({fields[0], fields[1], fields[2]}, workspace, scores);
  for (const TopicMatch& topic : explained.topics) {
    for (const Evidence& hit : topic.hits) {
      const std::string_view field = fields[static_cast<std::size_t>(hit.field)];
      if (hit.begin > hit.end || hit.end > field.size()) __builtin_trap();  // span out of text
    }
  }
  (void)result;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::size_t split = input.find("\n%%\n");
  const std::string_view yaml = input.substr(0, split);
  const std::string_view item =
      split == std::string_view::npos ? std::string_view() : input.substr(split + 4);
  RuleSet rules;
  try {
    load_rules_text(yaml, "fuzz.yaml", rules);
    validate_rules(rules);
    const Classifier classifier = Classifier::compile(rules);
    classify_text(classifier, item);
  } catch (const RuleError&) {
  }
  return 0;
}
