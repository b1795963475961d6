#include "core/line_index.h"

#include <algorithm>

namespace feedsentry::core {

LineIndex::LineIndex(std::string_view text) : text_(text), line_starts_{0} {
  for (std::size_t at = text.find('\n'); at != std::string_view::npos;
       at = text.find('\n', at + 1)) {
    line_starts_.push_back(at + 1);
  }
}

std::optional<TextPosition> LineIndex::locate(std::ptrdiff_t offset) const {
  if (offset < 0) return std::nullopt;
  const std::size_t at = std::min(static_cast<std::size_t>(offset), text_.size());
  // The last line start at or before `at`.
  const auto next = std::upper_bound(line_starts_.begin(), line_starts_.end(), at);
  return TextPosition{static_cast<int>(next - line_starts_.begin()),
                      static_cast<int>(at - *(next - 1)) + 1};
}

std::optional<TextPosition> LineIndex::locate_element(std::ptrdiff_t name_offset) const {
  if (name_offset > 0 && static_cast<std::size_t>(name_offset) <= text_.size() &&
      text_[static_cast<std::size_t>(name_offset) - 1] == '<') {
    return locate(name_offset - 1);
  }
  return locate(name_offset);
}

std::string file_line_column(std::string_view file, int line, int column) {
  // Appended piece by piece: GCC 12 warns (-Wrestrict, a false positive, PR 105329) about
  // `":" + std::to_string(...)` in optimized builds.
  std::string where(file);
  if (line <= 0) return where;
  where += ':';
  where += std::to_string(line);
  if (column > 0) {
    where += ':';
    where += std::to_string(column);
  }
  return where;
}

std::string file_line_column(std::string_view file, const std::optional<TextPosition>& position) {
  if (!position) return std::string(file);
  return file_line_column(file, position->line, position->column);
}

}  // namespace feedsentry::core
