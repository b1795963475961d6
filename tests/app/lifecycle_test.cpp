// The daemon's systemd lifecycle with the real binary: NOTIFY_SOCKET points at a datagram
// socket of the test, which must see READY=1 once the daemon runs, WATCHDOG=1 pings when
// WATCHDOG_USEC is set, and STOPPING=1 on SIGTERM, after which the process exits 0.
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "app/daemon_process.h"

namespace feedsentry {
namespace {

class NotifySocket {
 public:
  explicit NotifySocket(const std::filesystem::path& path) : path_(path) {
    fd_ = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    std::snprintf(address.sun_path, sizeof address.sun_path, "%s", path.c_str());
    bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address);
  }
  ~NotifySocket() { close(fd_); }
  // Waits for a datagram containing `text`; returns every message read meanwhile.
  bool wait_for(const std::string& text, std::chrono::milliseconds timeout,
                std::vector<std::string>& seen) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
      pollfd poller{fd_, POLLIN, 0};
      if (poll(&poller, 1, 100) <= 0) continue;
      char buffer[4096];
      const ssize_t got = recv(fd_, buffer, sizeof buffer, 0);
      if (got <= 0) continue;
      seen.emplace_back(buffer, static_cast<std::size_t>(got));
      if (seen.back().find(text) != std::string::npos) return true;
    }
    return false;
  }

 private:
  std::filesystem::path path_;
  int fd_ = -1;
};

TEST(Lifecycle, ReadyWatchdogAndStoppingReachSystemdAndSigtermExitsZero) {
  char pattern[] = "/tmp/feedsentry-life-XXXXXX";
  const std::filesystem::path dir = mkdtemp(pattern);
  const auto config = dir / "feedsentry.yaml";
  std::ofstream(config) << "state_dir: state\nrules: [" << FEEDSENTRY_SOURCE_DIR
                        << "/config/rules/dprk-russia.yaml]\nfeeds:\n  - path: "
                        << FEEDSENTRY_SOURCE_DIR << "/config/samples/world-news.rss.xml\n";
  NotifySocket notify(dir / "notify.sock");

  std::vector<std::string> environment;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    const std::string_view text = *entry;
    if (!text.starts_with("NOTIFY_SOCKET=") && !text.starts_with("WATCHDOG_")) {
      environment.emplace_back(text);
    }
  }
  environment.push_back("NOTIFY_SOCKET=" + (dir / "notify.sock").string());
  environment.push_back("WATCHDOG_USEC=400000");  // ping every 200 ms
  std::vector<char*> env;
  for (std::string& entry : environment) env.push_back(entry.data());
  env.push_back(nullptr);
  const pid_t pid = testing::spawn_feedsentry({"run", "--config", config.string()}, env.data());
  ASSERT_GT(pid, 0);

  std::vector<std::string> seen;
  EXPECT_TRUE(notify.wait_for("READY=1", std::chrono::seconds(20), seen));
  EXPECT_TRUE(notify.wait_for("WATCHDOG=1", std::chrono::seconds(5), seen));
  kill(pid, SIGTERM);
  EXPECT_TRUE(notify.wait_for("STOPPING=1", std::chrono::seconds(10), seen));
  int status = 0;
  waitpid(pid, &status, 0);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace feedsentry
