#pragma once
// LineIndex: turns byte offsets into a text's 1-based line and column, as editors show
// them. The line starts are found once, so locating each of many elements (100,000 OPML
// outlines, 20,000 SDN entries) is a binary search, not a scan from the start of the text.
// file_line_column spells a position the way every error message here does.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace feedsentry::core {

struct TextPosition {
  int line = 1;    // 1-based
  int column = 1;  // 1-based, in bytes
};

// Keeps a view of `text`, which must outlive it.
class LineIndex {
 public:
  explicit LineIndex(std::string_view text);
  // Where `offset` falls; an offset past the end is the end. None for a negative offset
  // (pugixml's "no position").
  std::optional<TextPosition> locate(std::ptrdiff_t offset) const;
  // Where the element whose name starts at `name_offset` starts: at its '<' (pugixml's
  // offset_debug() is that of the name), or at the name if no '<' precedes it.
  std::optional<TextPosition> locate_element(std::ptrdiff_t name_offset) const;

 private:
  std::string_view text_;
  std::vector<std::size_t> line_starts_;
};

// "file:line:col"; "file:line" without a column (0), "file" without a line (0).
std::string file_line_column(std::string_view file, int line, int column = 0);
// The same for a located position; just "file" for none.
std::string file_line_column(std::string_view file, const std::optional<TextPosition>& position);

}  // namespace feedsentry::core
