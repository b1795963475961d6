#pragma once
// Logging set-up for every subcommand: spdlog's default logger writing one line per message
// to stderr. Under systemd, when stderr is the journal stream ($JOURNAL_STREAM names fd 2),
// each line starts with its syslog priority (<3> error, <4> warn, <6> info, <7> debug/trace,
// <2> critical, as sd-daemon.h's SD_ERR…) and has no timestamp, the journal adds its own;
// elsewhere lines carry a UTC timestamp and the level. LogFormat::kJson writes one JSON
// object per line instead: {"ts":"…","level":"…","msg":"…"} (after the priority prefix under
// the journal). Messages are kept to one line (line breaks become spaces; JSON escapes them).
//
// Threading: configure_logging() installs a new default logger; call it on the main thread
// before other threads log. set_log_level() and set_log_format() change the installed logger
// in place and are safe from any thread at any time (e.g. on reload).
#include <memory>
#include <optional>
#include <string_view>

#include <spdlog/common.h>
#include <spdlog/formatter.h>
#include <spdlog/logger.h>

namespace feedsentry::app {

enum class LogFormat { kText, kJson };

// "text" or "json"; nullopt for anything else.
std::optional<LogFormat> parse_log_format(std::string_view name);

struct LoggingOptions {
  spdlog::level::level_enum level = spdlog::level::info;
  LogFormat format = LogFormat::kText;
  // Journal style (priority prefix, no timestamp); nullopt: stderr_is_journal().
  std::optional<bool> journal;
};

// Installs the default logger "feedsentry" writing to `sink`, stderr when null. Returns it.
std::shared_ptr<spdlog::logger> configure_logging(const LoggingOptions& options,
                                                  spdlog::sink_ptr sink = nullptr);

// Runtime changes to the logger installed by configure_logging().
void set_log_level(spdlog::level::level_enum level);
void set_log_format(LogFormat format);

// The line layout configure_logging() uses; for tests and additional sinks.
std::unique_ptr<spdlog::formatter> make_log_formatter(LogFormat format, bool journal);

// The syslog priority for a level: critical 2, error 3, warn 4, info 6, debug and trace 7.
int syslog_priority(spdlog::level::level_enum level);

// Whether `journal_stream` ("<device>:<inode>", the value of $JOURNAL_STREAM) names the file
// open on `fd`. systemd sets the variable when it connects stdout/stderr to the journal; a
// child that redirected stderr elsewhere inherits the variable but must not add prefixes.
bool journal_stream_matches(const char* journal_stream, int fd);
// journal_stream_matches(getenv("JOURNAL_STREAM"), STDERR_FILENO).
bool stderr_is_journal();

}  // namespace feedsentry::app
