#include "alert/local_sink.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <iterator>

namespace feedsentry::alert {
namespace {

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

TEST(FileSink, AppendsLinesCreatingDirectoriesAndReopensAfterRotation) {
  char pattern[] = "/tmp/feedsentry-sink-XXXXXX";
  const std::filesystem::path dir = mkdtemp(pattern);
  const auto path = dir / "nested" / "alerts.jsonl";
  FileSink sink(path);
  ASSERT_TRUE(sink.append_line(R"({"n":1})"));
  ASSERT_TRUE(sink.append_line(R"({"n":2})"));
  EXPECT_EQ(read_file(path), "{\"n\":1}\n{\"n\":2}\n");

  const auto rotated = dir / "nested" / "alerts.jsonl.1";
  std::filesystem::rename(path, rotated);
  ASSERT_TRUE(sink.append_line(R"({"n":3})"));
  EXPECT_EQ(read_file(rotated), "{\"n\":1}\n{\"n\":2}\n{\"n\":3}\n")
      << "before the reopen the open file keeps receiving lines";
  sink.reopen();
  ASSERT_TRUE(sink.append_line(R"({"n":4})"));
  EXPECT_EQ(read_file(path), "{\"n\":4}\n");
  std::filesystem::remove_all(dir);
}

TEST(FileSink, AnUnwritablePathIsAnErrorNamingIt) {
  FileSink sink("/proc/feedsentry-cannot-exist/alerts.jsonl");
  const auto result = sink.append_line("x");
  ASSERT_FALSE(result);
  EXPECT_NE(result.error().describe().find("/proc/feedsentry-cannot-exist"), std::string::npos);
}

}  // namespace
}  // namespace feedsentry::alert
