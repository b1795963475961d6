#pragma once
// One process per state directory: an exclusive flock(2) on `<state_dir>/feedsentry.lock`,
// held for the life of the StateLock (the kernel releases it when the process dies, even on
// kill -9, so a stale file never blocks a restart). The file holds the owner's pid for the
// message a second process gets. Taken by `run` and `once`, the commands that poll and
// deliver; CLI commands that only edit the outbox (`outbox retry`, `purge`) go through
// SQLite's own locking and need no StateLock.
#include <filesystem>
#include <string_view>

#include "core/result.h"

namespace feedsentry::store {

class StateLock {
 public:
  // Takes the lock without waiting; fails with "state_dir DIR is in use by feedsentry (pid
  // N)" when another process holds it, or with the I/O error that kept the file from opening.
  // `state_dir` must exist.
  static core::Result<StateLock> acquire(const std::filesystem::path& state_dir);

  StateLock(StateLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  StateLock& operator=(StateLock&& other) noexcept;
  StateLock(const StateLock&) = delete;
  StateLock& operator=(const StateLock&) = delete;
  ~StateLock();

  static constexpr std::string_view kFileName = "feedsentry.lock";

 private:
  explicit StateLock(int fd) : fd_(fd) {}
  int fd_ = -1;
};

}  // namespace feedsentry::store
