#pragma once
// LineIndex: turns byte offsets into a text's 1-based line and column, as editors show
// them. The line starts are found once, so locating each of many elements (100,000 OPML
// outlines, 20,000 SDN entries) is a binary search, not a scan from the start of the text.
#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

namespace feedsentry::core {

struct TextPosition {
  int line = 1;    // 1-based
  int column = 1;  // 1-based, in bytes
};

class LineIndex {
 public:
  explicit LineIndex(std::string_view text);
  // Where `offset` falls; an offset past the end is the end. None for a negative offset
  // (pugixml's "no position").
  std::optional<TextPosition> locate(std::ptrdiff_t offset) const;

 private:
  std::size_t size_;
  std::vector<std::size_t> line_starts_;
};

}  // namespace feedsentry::core
