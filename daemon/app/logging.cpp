#include "app/logging.h"

#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <string>

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include "core/utf8.h"

namespace feedsentry::app {
namespace {

constexpr const char* kLoggerName = "feedsentry";

// Whether the installed logger uses journal style; kept for set_log_format().
std::atomic<bool> installed_journal{false};

std::string_view level_name(spdlog::level::level_enum level) {
  switch (level) {
    case spdlog::level::trace:
      return "trace";
    case spdlog::level::debug:
      return "debug";
    case spdlog::level::info:
      return "info";
    case spdlog::level::warn:
      return "warn";
    case spdlog::level::err:
      return "error";
    case spdlog::level::critical:
      return "critical";
    default:
      return "off";
  }
}

void append(spdlog::memory_buf_t& dest, std::string_view text) {
  dest.append(text.data(), text.data() + text.size());
}

// "2026-11-30T01:02:03.456Z"
void append_timestamp(spdlog::memory_buf_t& dest, spdlog::log_clock::time_point time) {
  const auto since_epoch = time.time_since_epoch();
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(since_epoch);
  const auto millis =
      std::chrono::duration_cast<std::chrono::milliseconds>(since_epoch - seconds).count();
  const time_t whole = static_cast<time_t>(seconds.count());
  tm utc{};
  gmtime_r(&whole, &utc);
  char buffer[40];
  const int length = std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
                                   utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday, utc.tm_hour,
                                   utc.tm_min, utc.tm_sec, static_cast<int>(millis));
  dest.append(buffer, buffer + length);
}

void append_one_line(spdlog::memory_buf_t& dest, std::string_view text) {
  for (const char c : text) dest.push_back(c == '\n' || c == '\r' ? ' ' : c);
}

void append_json_string(spdlog::memory_buf_t& dest, std::string_view raw) {
  std::string valid;
  if (!core::is_valid_utf8(raw)) {
    valid = core::sanitize_utf8(raw);
    raw = valid;
  }
  dest.push_back('"');
  for (const char c : raw) {
    switch (c) {
      case '"':
        append(dest, "\\\"");
        break;
      case '\\':
        append(dest, "\\\\");
        break;
      case '\n':
        append(dest, "\\n");
        break;
      case '\r':
        append(dest, "\\r");
        break;
      case '\t':
        append(dest, "\\t");
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
          char escape[8];
          std::snprintf(escape, sizeof escape, "\\u%04x", static_cast<unsigned char>(c));
          append(dest, escape);
        } else {
          dest.push_back(c);
        }
    }
  }
  dest.push_back('"');
}

class LineFormatter final : public spdlog::formatter {
 public:
  LineFormatter(LogFormat format, bool journal) : format_(format), journal_(journal) {}

  void format(const spdlog::details::log_msg& message, spdlog::memory_buf_t& dest) override {
    const std::string_view text(message.payload.data(), message.payload.size());
    if (journal_) {
      dest.push_back('<');
      dest.push_back(static_cast<char>('0' + syslog_priority(message.level)));
      dest.push_back('>');
    }
    if (format_ == LogFormat::kJson) {
      append(dest, "{\"ts\":\"");
      append_timestamp(dest, message.time);
      append(dest, "\",\"level\":\"");
      append(dest, level_name(message.level));
      append(dest, "\",\"msg\":");
      append_json_string(dest, text);
      dest.push_back('}');
    } else {
      if (!journal_) {
        append_timestamp(dest, message.time);
        dest.push_back(' ');
        const std::string_view level = level_name(message.level);
        append(dest, level);
        for (std::size_t pad = level.size(); pad < 5; ++pad) dest.push_back(' ');
        dest.push_back(' ');
      }
      append_one_line(dest, text);
    }
    dest.push_back('\n');
  }

  std::unique_ptr<spdlog::formatter> clone() const override {
    return std::make_unique<LineFormatter>(format_, journal_);
  }

 private:
  LogFormat format_;
  bool journal_;
};

}  // namespace

std::optional<LogFormat> parse_log_format(std::string_view name) {
  if (name == "text") return LogFormat::kText;
  if (name == "json") return LogFormat::kJson;
  return std::nullopt;
}

int syslog_priority(spdlog::level::level_enum level) {
  switch (level) {
    case spdlog::level::critical:
      return 2;  // SD_CRIT
    case spdlog::level::err:
      return 3;  // SD_ERR
    case spdlog::level::warn:
      return 4;  // SD_WARNING
    case spdlog::level::info:
      return 6;  // SD_INFO
    default:
      return 7;  // SD_DEBUG: debug, trace
  }
}

std::unique_ptr<spdlog::formatter> make_log_formatter(LogFormat format, bool journal) {
  return std::make_unique<LineFormatter>(format, journal);
}

bool journal_stream_matches(const char* journal_stream, int fd) {
  if (journal_stream == nullptr || *journal_stream == '\0') return false;
  std::uintmax_t device = 0;
  std::uintmax_t inode = 0;
  char extra = 0;
  if (std::sscanf(journal_stream, "%" SCNuMAX ":%" SCNuMAX "%c", &device, &inode, &extra) != 2) {
    return false;
  }
  struct stat status {};
  if (fstat(fd, &status) != 0) return false;
  return static_cast<std::uintmax_t>(status.st_dev) == device &&
         static_cast<std::uintmax_t>(status.st_ino) == inode;
}

bool stderr_is_journal() {
  return journal_stream_matches(std::getenv("JOURNAL_STREAM"), STDERR_FILENO);
}

std::shared_ptr<spdlog::logger> configure_logging(const LoggingOptions& options,
                                                  spdlog::sink_ptr sink) {
  const bool journal = options.journal.value_or(stderr_is_journal());
  if (!sink) sink = std::make_shared<spdlog::sinks::stderr_sink_mt>();
  sink->set_formatter(make_log_formatter(options.format, journal));
  auto logger = std::make_shared<spdlog::logger>(kLoggerName, std::move(sink));
  logger->set_level(options.level);
  logger->flush_on(spdlog::level::warn);
  installed_journal = journal;
  spdlog::set_default_logger(logger);  // replaces (and unregisters) the previous default
  spdlog::set_level(options.level);
  return logger;
}

void set_log_level(spdlog::level::level_enum level) {
  spdlog::set_level(level);
}

void set_log_format(LogFormat format) {
  spdlog::default_logger_raw()->set_formatter(make_log_formatter(format, installed_journal));
}

}  // namespace feedsentry::app
