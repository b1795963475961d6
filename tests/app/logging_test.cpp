#include "app/logging.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

namespace feedsentry::app {
namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream stream(text);
  for (std::string line; std::getline(stream, line);) lines.push_back(line);
  return lines;
}

// Installs loggers writing into a string; restores the previous default logger afterwards.
class LoggingTest : public ::testing::Test {
 protected:
  void TearDown() override {
    spdlog::set_default_logger(previous_);
    spdlog::set_level(spdlog::level::info);
  }

  void install(const LoggingOptions& options) {
    configure_logging(options, std::make_shared<spdlog::sinks::ostream_sink_mt>(output_));
  }
  std::vector<std::string> lines() {
    spdlog::default_logger_raw()->flush();
    return lines_of(output_.str());
  }

  std::shared_ptr<spdlog::logger> previous_ = spdlog::default_logger();
  std::ostringstream output_;
};

TEST_F(LoggingTest, JournalLinesStartWithTheSyslogPriorityAndHaveNoTimestamp) {
  install({.level = spdlog::level::trace, .format = LogFormat::kText, .journal = true});
  spdlog::critical("disk full");
  spdlog::error("feed {} failed", "BBC");
  spdlog::warn("slow");
  spdlog::info("polling {} feeds", 3);
  spdlog::debug("detail");
  spdlog::trace("more detail");
  EXPECT_EQ(lines(),
            (std::vector<std::string>{"<2>disk full", "<3>feed BBC failed", "<4>slow",
                                      "<6>polling 3 feeds", "<7>detail", "<7>more detail"}));
}

TEST_F(LoggingTest, PrioritiesMatchSdDaemonConstants) {
  EXPECT_EQ(syslog_priority(spdlog::level::critical), 2);
  EXPECT_EQ(syslog_priority(spdlog::level::err), 3);
  EXPECT_EQ(syslog_priority(spdlog::level::warn), 4);
  EXPECT_EQ(syslog_priority(spdlog::level::info), 6);
  EXPECT_EQ(syslog_priority(spdlog::level::debug), 7);
  EXPECT_EQ(syslog_priority(spdlog::level::trace), 7);
}

TEST_F(LoggingTest, JournalMessagesStayOnOneLine) {
  install({.level = spdlog::level::info, .format = LogFormat::kText, .journal = true});
  spdlog::error("first\nsecond\r\nthird");
  EXPECT_EQ(lines(), std::vector<std::string>{"<3>first second  third"});
}

TEST_F(LoggingTest, TextLinesOutsideTheJournalHaveUtcTimestampAndLevel) {
  install({.level = spdlog::level::debug, .format = LogFormat::kText, .journal = false});
  spdlog::info("polling 3 feeds");
  spdlog::warn("slow");
  spdlog::debug("x");
  const auto got = lines();
  ASSERT_EQ(got.size(), 3u);
  const std::regex stamp(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z )");
  EXPECT_TRUE(std::regex_match(got[0], std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z )"
                                                  R"(info  polling 3 feeds)")))
      << got[0];
  EXPECT_TRUE(std::regex_search(got[1], stamp)) << got[1];
  EXPECT_EQ(got[1].substr(25), "warn  slow");
  EXPECT_EQ(got[2].substr(25), "debug x");
  EXPECT_EQ(got[0].find('<'), std::string::npos);
}

TEST_F(LoggingTest, JsonFormatWritesOneObjectPerLine) {
  install({.level = spdlog::level::info, .format = LogFormat::kJson, .journal = false});
  spdlog::warn("feed \"TASS\" said:\n\tbad \\ bytes \x01 \xff end");
  spdlog::info("ok");
  const auto got = lines();
  ASSERT_EQ(got.size(), 2u);
  const auto first = nlohmann::json::parse(got[0]);
  EXPECT_EQ(first.size(), 3u);
  EXPECT_EQ(first.at("level"), "warn");
  EXPECT_EQ(first.at("msg"), "feed \"TASS\" said:\n\tbad \\ bytes \x01 \xEF\xBF\xBD end");
  EXPECT_TRUE(std::regex_match(first.at("ts").get<std::string>(),
                               std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)")));
  EXPECT_EQ(nlohmann::json::parse(got[1]).at("msg"), "ok");
}

TEST_F(LoggingTest, JsonUnderTheJournalKeepsThePriorityPrefix) {
  install({.level = spdlog::level::info, .format = LogFormat::kJson, .journal = true});
  spdlog::error("boom");
  const auto got = lines();
  ASSERT_EQ(got.size(), 1u);
  ASSERT_EQ(got[0].substr(0, 3), "<3>");
  EXPECT_EQ(nlohmann::json::parse(got[0].substr(3)).at("level"), "error");
}

TEST_F(LoggingTest, LevelAndFormatChangeAtRuntime) {
  install({.level = spdlog::level::warn, .format = LogFormat::kText, .journal = true});
  spdlog::info("hidden");
  spdlog::warn("shown");
  set_log_level(spdlog::level::debug);
  spdlog::debug("now shown");
  set_log_format(LogFormat::kJson);
  spdlog::info("as json");
  set_log_level(spdlog::level::err);
  spdlog::warn("hidden again");
  const auto got = lines();
  ASSERT_EQ(got.size(), 3u);
  EXPECT_EQ(got[0], "<4>shown");
  EXPECT_EQ(got[1], "<7>now shown");
  ASSERT_EQ(got[2].substr(0, 3), "<6>");
  EXPECT_EQ(nlohmann::json::parse(got[2].substr(3)).at("msg"), "as json");
}

TEST_F(LoggingTest, ParsesFormatNames) {
  EXPECT_EQ(parse_log_format("text"), LogFormat::kText);
  EXPECT_EQ(parse_log_format("json"), LogFormat::kJson);
  EXPECT_EQ(parse_log_format("JSON"), std::nullopt);
  EXPECT_EQ(parse_log_format(""), std::nullopt);
}

TEST(JournalStream, MatchesOnlyTheDeviceAndInodeOfTheDescriptor) {
  char path[] = "/tmp/feedsentry-journal-XXXXXX";
  const int fd = mkstemp(path);
  ASSERT_GE(fd, 0);
  struct stat status {};
  ASSERT_EQ(fstat(fd, &status), 0);
  const std::string exact = std::to_string(status.st_dev) + ":" + std::to_string(status.st_ino);
  const std::string other = std::to_string(status.st_dev) + ":" + std::to_string(status.st_ino + 1);
  EXPECT_TRUE(journal_stream_matches(exact.c_str(), fd));
  EXPECT_FALSE(journal_stream_matches(other.c_str(), fd));
  EXPECT_FALSE(journal_stream_matches((exact + "x").c_str(), fd));
  EXPECT_FALSE(journal_stream_matches("garbage", fd));
  EXPECT_FALSE(journal_stream_matches("", fd));
  EXPECT_FALSE(journal_stream_matches(nullptr, fd));
  close(fd);
  std::remove(path);
}

// End to end through fd 2: with $JOURNAL_STREAM naming the pipe that stderr is, the default
// set-up detects the journal; with it naming something else, it does not.
TEST_F(LoggingTest, DetectsTheJournalOnRealStderr) {
  const auto capture = [](const char* journal_stream_for_pipe) {
    int pipe_fds[2];
    EXPECT_EQ(pipe(pipe_fds), 0);
    fflush(stderr);
    const int saved = dup(STDERR_FILENO);
    dup2(pipe_fds[1], STDERR_FILENO);
    struct stat status {};
    fstat(pipe_fds[1], &status);
    const std::string own = std::to_string(status.st_dev) + ":" + std::to_string(status.st_ino);
    const char* old = std::getenv("JOURNAL_STREAM");
    const std::string old_value = old ? old : "";
    setenv("JOURNAL_STREAM", journal_stream_for_pipe ? journal_stream_for_pipe : own.c_str(), 1);
    configure_logging(
        {.level = spdlog::level::info, .format = LogFormat::kText, .journal = std::nullopt});
    spdlog::warn("to the journal?");
    spdlog::default_logger_raw()->flush();
    fflush(stderr);
    if (old) {
      setenv("JOURNAL_STREAM", old_value.c_str(), 1);
    } else {
      unsetenv("JOURNAL_STREAM");
    }
    dup2(saved, STDERR_FILENO);
    close(saved);
    close(pipe_fds[1]);
    std::string text;
    char buffer[1024];
    ssize_t got = 0;
    while ((got = read(pipe_fds[0], buffer, sizeof buffer)) > 0) text.append(buffer, got);
    close(pipe_fds[0]);
    return text;
  };
  EXPECT_EQ(capture(nullptr), "<4>to the journal?\n");
  const std::string elsewhere = capture("1:2");
  EXPECT_EQ(elsewhere.find("<4>"), std::string::npos) << elsewhere;
  EXPECT_NE(elsewhere.find("warn  to the journal?\n"), std::string::npos) << elsewhere;
}

}  // namespace
}  // namespace feedsentry::app
