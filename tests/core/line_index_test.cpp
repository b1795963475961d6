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

TEST(LineIndex, AnElementIsLocatedAtItsAngleBracket) {
  const std::string_view text = "<a>\n  <item x=\"1\"/>";
  const LineIndex index(text);
  const std::ptrdiff_t name = static_cast<std::ptrdiff_t>(text.find("item"));
  const std::optional<TextPosition> element = index.locate_element(name);
  ASSERT_TRUE(element);
  EXPECT_EQ(element->line, 2);
  EXPECT_EQ(element->column, 3);  // the '<', not the name after it
  // No '<' before the offset (not an element name): the offset itself.
  const std::optional<TextPosition> attribute =
      index.locate_element(static_cast<std::ptrdiff_t>(text.find('x')));
  ASSERT_TRUE(attribute);
  EXPECT_EQ(attribute->column, 9);
  EXPECT_FALSE(index.locate_element(-1));
  expect_at(index, 0, 1, 1);
  ASSERT_TRUE(index.locate_element(0));
  EXPECT_EQ(index.locate_element(0)->column, 1);
}

TEST(LineIndex, FileLineColumnOmitsWhatIsUnknown) {
  EXPECT_EQ(file_line_column("sdn.csv", 12, 7), "sdn.csv:12:7");
  EXPECT_EQ(file_line_column("sdn.csv", 12), "sdn.csv:12");
  EXPECT_EQ(file_line_column("sdn.csv", 0), "sdn.csv");
  EXPECT_EQ(file_line_column("a.xml", TextPosition{3, 4}), "a.xml:3:4");
  EXPECT_EQ(file_line_column("a.xml", std::nullopt), "a.xml");
}

}  // namespace
}  // namespace feedsentry::core
