#pragma once
// Items for `classify` and `eval`, read from JSONL: one item per line ({"id", "title",
// "summary"/"description", "content", "labels"}), or one `feedsentry parse` object per line
// whose "entries" are the items. HTML in text fields is reduced to text.
#include <istream>
#include <string>
#include <vector>

#include "classify/classifier.h"

namespace feedsentry::app {

struct InputItem {
  std::string id;
  std::string title;
  std::string summary;
  std::string content;
  std::vector<std::string> labels;
  classify::ItemText text() const { return {title, summary, content}; }
};

// Calls `on_item` for each item; a malformed line is reported on `errors` as
// "name:line: message" and skipped. Returns the number of malformed lines.
template <typename OnItem>
std::size_t read_items(std::istream& input, const std::string& name, std::ostream& errors,
                       OnItem&& on_item);

// Parses one line; appends its items. Returns an error message, or empty on success.
std::string parse_item_line(std::string_view line, std::vector<InputItem>& items);

template <typename OnItem>
std::size_t read_items(std::istream& input, const std::string& name, std::ostream& errors,
                       OnItem&& on_item) {
  std::size_t malformed = 0;
  std::string line;
  std::vector<InputItem> items;
  for (std::size_t number = 1; std::getline(input, line); ++number) {
    items.clear();
    if (const std::string error = parse_item_line(line, items); !error.empty()) {
      errors << name << ":" << number << ": " << error << "\n";
      ++malformed;
      continue;
    }
    for (InputItem& item : items) on_item(item);
  }
  return malformed;
}

}  // namespace feedsentry::app
