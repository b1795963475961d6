#pragma once
// A datagram socket standing in for systemd's NOTIFY_SOCKET in tests that run the daemon:
// the messages it receives are what sd_notify sent (READY=1, RELOADING=1, WATCHDOG=1, …).
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

extern char** environ;

namespace feedsentry::testing {

class NotifySocket {
 public:
  explicit NotifySocket(const std::filesystem::path& path) {
    fd_ = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    std::snprintf(address.sun_path, sizeof address.sun_path, "%s", path.c_str());
    bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address);
  }
  ~NotifySocket() { close(fd_); }
  NotifySocket(const NotifySocket&) = delete;
  NotifySocket& operator=(const NotifySocket&) = delete;

  // Reads messages until one contains `text`, bounded by `timeout`; every message read is
  // appended to `seen`.
  bool wait_for(const std::string& text, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
      pollfd poller{fd_, POLLIN, 0};
      if (::poll(&poller, 1, 100) <= 0) continue;
      char buffer[4096];
      const ssize_t got = recv(fd_, buffer, sizeof buffer, 0);
      if (got <= 0) continue;
      seen.emplace_back(buffer, static_cast<std::size_t>(got));
      if (seen.back().find(text) != std::string::npos) return true;
    }
    return false;
  }

  std::vector<std::string> seen;

 private:
  int fd_ = -1;
};

// The test's own environment for a daemon child, with NOTIFY_SOCKET=`socket` instead of any
// inherited systemd variables, plus `extra` NAME=value entries. Keep it alive while `pointers`
// (the execve form, null-terminated) is used.
class DaemonEnvironment {
 public:
  explicit DaemonEnvironment(const std::filesystem::path& socket,
                             std::vector<std::string> extra = {}) {
    for (char** entry = environ; *entry != nullptr; ++entry) {
      const std::string_view text = *entry;
      if (!text.starts_with("NOTIFY_SOCKET=") && !text.starts_with("WATCHDOG_")) {
        entries_.emplace_back(text);
      }
    }
    entries_.push_back("NOTIFY_SOCKET=" + socket.string());
    for (std::string& entry : extra) entries_.push_back(std::move(entry));
    for (std::string& entry : entries_) pointers_.push_back(entry.data());
    pointers_.push_back(nullptr);
  }
  DaemonEnvironment(const DaemonEnvironment&) = delete;
  DaemonEnvironment& operator=(const DaemonEnvironment&) = delete;

  char* const* pointers() const { return pointers_.data(); }

 private:
  std::vector<std::string> entries_;
  std::vector<char*> pointers_;
};

}  // namespace feedsentry::testing
