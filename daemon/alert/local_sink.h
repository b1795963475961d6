#pragma once
// The non-HTTP outputs: a JSON Lines file (each alert appended as one line and fsync'd before
// it counts as delivered; reopened on SIGHUP so logrotate can move it) and the console.
// Blocking I/O: called on the dispatcher's worker thread, never on the event loop.
#include <cstdio>
#include <filesystem>
#include <string>

#include "core/result.h"

namespace feedsentry::alert {

class FileSink {
 public:
  explicit FileSink(std::filesystem::path path) : path_(std::move(path)) {}
  FileSink(const FileSink&) = delete;
  FileSink& operator=(const FileSink&) = delete;
  ~FileSink();

  // Appends `line` and a newline, then fsyncs. Opens (creating parent directories) on first
  // use and after reopen().
  core::Result<void> append_line(const std::string& line);
  // Closes the file; the next append opens `path` afresh (the rotated file is left alone).
  void reopen();
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
  int fd_ = -1;
};

// Writes `line` and a newline to standard output and flushes.
core::Result<void> write_console_line(const std::string& line);

}  // namespace feedsentry::alert
