#pragma once
// The JSONL shape of `feedsentry classify`:
//   {"id", "topics": [{"id", "title", "score", "clauses", "hits": [{"lexicon", "term",
//    "field", "begin", "end", "text"}]}], "countries": ["KP", "RU"]}
#include <nlohmann/json.hpp>
#include <string_view>

#include "classify/classifier.h"

namespace feedsentry::app {

nlohmann::json classification_to_json(std::string_view id, const classify::ItemText& item,
                                      const classify::Classification& result);

}  // namespace feedsentry::app
