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
#include "app/notify_socket.h"

namespace feedsentry {
namespace {

TEST(Lifecycle, ReadyWatchdogAndStoppingReachSystemdAndSigtermExitsZero) {
  char pattern[] = "/tmp/feedsentry-life-XXXXXX";
  const std::filesystem::path dir = mkdtemp(pattern);
  const auto config = dir / "feedsentry.yaml";
  std::ofstream(config) << "state_dir: state\nrules: [" << FEEDSENTRY_SOURCE_DIR
                        << "/config/rules/dprk-russia.yaml]\nfeeds:\n  - path: "
                        << FEEDSENTRY_SOURCE_DIR << "/config/samples/world-news.rss.xml\n";
  testing::NotifySocket notify(dir / "notify.sock");

  // WATCHDOG_USEC 400 ms: a ping every 200 ms.
  const testing::DaemonEnvironment environment(dir / "notify.sock", {"WATCHDOG_USEC=400000"});
  const pid_t pid =
      testing::spawn_feedsentry({"run", "--config", config.string()}, environment.pointers());
  ASSERT_GT(pid, 0);

  EXPECT_TRUE(notify.wait_for("READY=1", std::chrono::seconds(20)));
  EXPECT_TRUE(notify.wait_for("WATCHDOG=1", std::chrono::seconds(5)));
  kill(pid, SIGTERM);
  EXPECT_TRUE(notify.wait_for("STOPPING=1", std::chrono::seconds(10)));
  int status = 0;
  waitpid(pid, &status, 0);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace feedsentry
