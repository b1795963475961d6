// Inputs the feed_parse_fuzzer (fuzz/) found, kept as regressions. The fuzzer checks what
// these tests check: no crash, and every string in the result is valid UTF-8 (item.h).
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include <gtest/gtest.h>

#include "core/utf8.h"
#include "feed/parse.h"

namespace feedsentry::feed {
namespace {

void expect_valid_utf8_everywhere(const ParsedFeed& parsed) {
  EXPECT_TRUE(core::is_valid_utf8(parsed.bozo_reason));
  EXPECT_TRUE(core::is_valid_utf8(parsed.feed.title));
  for (const Item& item : parsed.feed.items) {
    for (const std::string* field :
         {&item.key, &item.id, &item.guid, &item.title, &item.link, &item.summary.html,
          &item.summary.text, &item.content.html, &item.content.text, &item.author}) {
      EXPECT_TRUE(core::is_valid_utf8(*field)) << *field;
    }
    for (const std::string& category : item.categories) EXPECT_TRUE(core::is_valid_utf8(category));
  }
}

// tests/data/fuzz/atom03-base64-summary-not-utf8.xml, reduced: base64 content decodes to
// bytes, which need not be UTF-8.
TEST(FuzzRegression, Base64ContentThatIsNotUtf8IsSanitized) {
  const ParsedFeed parsed = parse_feed(
      "<feed version=\"0.3\" xmlns=\"http://purl.org/atom/ns#\"><entry>"
      "<summary mode=\"base64\"> eed></summary></entry></feed>");
  ASSERT_EQ(parsed.feed.items.size(), 1u);
  EXPECT_EQ(parsed.feed.items[0].summary.text, "y\uFFFD");
  expect_valid_utf8_everywhere(parsed);
}

// Every file the fuzzer ever failed on parses without crashing into valid UTF-8.
TEST(FuzzRegression, EveryRecordedInputParses) {
  const std::filesystem::path directory = std::filesystem::path(FEEDSENTRY_TEST_DATA) / "fuzz";
  std::size_t inputs = 0;
  for (const auto& entry : std::filesystem::directory_iterator(directory)) {
    std::ifstream file(entry.path(), std::ios::binary);
    const std::string bytes{std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
    for (const char* charset : {"", "windows-1251"}) {
      SCOPED_TRACE(entry.path().filename().string() + " " + charset);
      ParseOptions options;
      options.base_url = "https://fuzz.example/feed/";
      options.http_charset = charset;
      expect_valid_utf8_everywhere(parse_feed(bytes, options));
    }
    ++inputs;
  }
  EXPECT_GT(inputs, 0u);
}

}  // namespace
}  // namespace feedsentry::feed
