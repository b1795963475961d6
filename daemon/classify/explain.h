#pragma once
// Human-readable explanation of a classification: per matched topic its score, the clauses
// that fired and each field with the hit text highlighted. Pure: returns text.
#include <string>

#include "classify/classifier.h"

namespace feedsentry::classify {

struct ExplainStyle {
  std::string open = "[[";  // what goes before and after highlighted hit text
  std::string close = "]]";
};

std::string render_explanation(const ItemText& item, const Classification& result,
                               const ExplainStyle& style = {});

// `text` with every span of `hits` in `field` wrapped in style.open/close. Overlapping spans
// merge into one highlight.
std::string highlight(std::string_view text, Field field, const std::vector<Evidence>& hits,
                      const ExplainStyle& style);

}  // namespace feedsentry::classify
