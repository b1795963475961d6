#include "core/line_index.h"

#include <gtest/gtest.h>

namespace feedsentry::core {
namespace {

void expect_at(const LineIndex& index, std::ptrdiff_t offset, int line, int column) {
  const std::optional<TextPosition> position = index.locate(offset);
  ASSERT_TRUE(position) << offset;
  EXPECT_EQ(position->line, line) << offset;
  EXPECT_EQ(position->column, column) << offset;
}

TEST(LineIndex, LocatesOffsetsByLineAndColumn) {
  const LineIndex index("ab\ncd\n\nef");
  expect_at(index, 0, 1, 1);
  expect_at(index, 1, 1, 2);
  expect_at(index, 2, 1, 3);  // the '\n' ends line 1
  expect_at(index, 3, 2, 1);
  expect_at(index, 6, 3, 1);  // the empty line
  expect_at(index, 7, 4, 1);
  expect_at(index, 8, 4, 2);
}

TEST(LineIndex, PastTheEndIsTheEndAndNegativeIsNowhere) {
  const LineIndex index("ab\nc");
  expect_at(index, 99, 2, 2);
  EXPECT_FALSE(index.locate(-1));
  expect_at(LineIndex(""), 0, 1, 1);
}

}  // namespace
}  // namespace feedsentry::core
