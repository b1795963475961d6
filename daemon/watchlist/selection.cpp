#include "watchlist/selection.h"

#include <algorithm>
#include <string>

namespace feedsentry::watchlist {
namespace {

char fold(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
}

}  // namespace

bool glob_match(std::string_view pattern, std::string_view text) {
  // Iterative matcher with one backtrack point: linear for patterns with a single '*' run.
  std::size_t p = 0, t = 0;
  std::size_t star = std::string_view::npos, resume = 0;
  while (t < text.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || fold(pattern[p]) == fold(text[t]))) {
      ++p;
      ++t;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      resume = t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

bool is_selected(const SdnEntry& entry, const Selection& selection) {
  if (!selection.types.empty() && std::find(selection.types.begin(), selection.types.end(),
                                            entry.type) == selection.types.end()) {
    return false;
  }
  if (selection.programs.empty()) return true;
  // "CAATSA-RUSSIA" also selects OFAC's "CAATSA - RUSSIA": spaces are compared only when
  // the glob has them.
  const auto without_spaces = [](std::string_view text) {
    std::string out;
    for (const char c : text) {
      if (c != ' ') out.push_back(c);
    }
    return out;
  };
  for (const std::string& program : entry.programs) {
    for (const std::string& glob : selection.programs) {
      if (glob_match(glob, program)) return true;
      if (glob.find(' ') == std::string::npos && glob_match(glob, without_spaces(program))) {
        return true;
      }
    }
  }
  return false;
}

std::vector<std::size_t> select_entries(const SdnList& list, const Selection& selection) {
  std::vector<std::size_t> kept;
  for (std::size_t k = 0; k < list.entries.size(); ++k) {
    if (is_selected(list.entries[k], selection)) kept.push_back(k);
  }
  return kept;
}

}  // namespace feedsentry::watchlist
