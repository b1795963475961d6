#pragma once
// Loads rule files (YAML) into a RuleSet, validating everything a classifier needs: unknown
// keys, lexicon references, term syntax, numbers in range, duplicate ids. Throws RuleError
// with file:line:col and the offending clause. Several files merge into one set; later
// files may add lexicons and topics and extend earlier lexicons (`extend_lexicons:`).
#include <string>
#include <string_view>
#include <vector>

#include "classify/rules.h"

namespace feedsentry::classify {

RuleSet load_rule_files(const std::vector<std::string>& paths);

// `file_name` is used in error locations only.
void load_rules_text(std::string_view yaml, std::string_view file_name, RuleSet& rules);

// Checks that every lexicon reference resolves and every topic is usable; load_rule_files
// calls it after the last file.
void validate_rules(const RuleSet& rules);

}  // namespace feedsentry::classify
