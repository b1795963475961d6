#include "core/line_index.h"

#include <algorithm>

namespace feedsentry::core {

LineIndex::LineIndex(std::string_view text) : size_(text.size()), line_starts_{0} {
  for (std::size_t at = text.find('\n'); at != std::string_view::npos;
       at = text.find('\n', at + 1)) {
    line_starts_.push_back(at + 1);
  }
}

std::optional<TextPosition> LineIndex::locate(std::ptrdiff_t offset) const {
  if (offset < 0) return std::nullopt;
  const std::size_t at = std::min(static_cast<std::size_t>(offset), size_);
  // The last line start at or before `at`.
  const auto next = std::upper_bound(line_starts_.begin(), line_starts_.end(), at);
  return TextPosition{static_cast<int>(next - line_starts_.begin()),
                      static_cast<int>(at - *(next - 1)) + 1};
}

}  // namespace feedsentry::core
