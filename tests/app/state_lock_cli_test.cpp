// One daemon per state directory, with the real binary: while `run` holds a state_dir, a
// second `run` or `once` on it exits 1 naming the holder's pid, the outbox commands still
// work beside it, and the lock goes with its holder (SIGTERM or kill -9).
#include <gtest/gtest.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>

#include "app/command_runner.h"
#include "app/daemon_process.h"
#include "app/notify_socket.h"

namespace feedsentry {
namespace {

class StateLockCli : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/feedsentry-lockcli-XXXXXX";
    dir_ = mkdtemp(pattern);
    config_ = dir_ / "feedsentry.yaml";
    std::ofstream(config_) << "state_dir: " << (dir_ / "state").string() << "\nrules: ["
                           << FEEDSENTRY_SOURCE_DIR
                           << "/config/rules/dprk-russia.yaml]\nfeeds:\n  - path: "
                           << FEEDSENTRY_SOURCE_DIR << "/config/samples/world-news.rss.xml\n";
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // Starts `run` and waits until it reports READY=1 (it holds the lock by then).
  pid_t start_daemon() {
    notify_ = std::make_unique<testing::NotifySocket>(dir_ / "notify.sock");
    environment_ = std::make_unique<testing::DaemonEnvironment>(dir_ / "notify.sock",
                                                                std::vector<std::string>{});
    const pid_t pid =
        testing::spawn_feedsentry({"run", "--config", config_.string()}, environment_->pointers());
    EXPECT_GT(pid, 0);
    EXPECT_TRUE(notify_->wait_for("READY=1", std::chrono::seconds(20)));
    return pid;
  }

  std::filesystem::path dir_;
  std::filesystem::path config_;
  std::unique_ptr<testing::NotifySocket> notify_;
  std::unique_ptr<testing::DaemonEnvironment> environment_;
};

TEST_F(StateLockCli, ASecondDaemonOrOnceOnTheSameStateExitsNamingTheFirst) {
  const pid_t pid = start_daemon();
  const std::string in_use = "state_dir " + (dir_ / "state").string() +
                             " is in use by feedsentry (pid " + std::to_string(pid) + ")";
  const auto second = testing::run("run --run-for 5s --config " + config_.string(), true);
  EXPECT_EQ(second.status, 1);
  EXPECT_NE(second.output.find(in_use), std::string::npos) << second.output;
  const auto once = testing::run("once --config " + config_.string(), true);
  EXPECT_EQ(once.status, 1);
  EXPECT_NE(once.output.find(in_use), std::string::npos) << once.output;

  // What edits the outbox goes through SQLite's locking and works beside the daemon; a dry
  // run works on a copy.
  EXPECT_EQ(testing::run("outbox list --config " + config_.string()).status, 0);
  EXPECT_EQ(testing::run("outbox retry --all --config " + config_.string()).status, 0);
  EXPECT_EQ(testing::run("outbox purge --dead --config " + config_.string()).status, 0);
  EXPECT_EQ(testing::run("once --dry-run --config " + config_.string()).status, 0);

  const int status = testing::stop_process(pid, SIGTERM);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  const auto after = testing::run("once --config " + config_.string(), true);
  EXPECT_EQ(after.status, 0) << after.output;
}

TEST_F(StateLockCli, AKilledDaemonLeavesNoLockBehind) {
  const pid_t pid = start_daemon();
  testing::stop_process(pid, SIGKILL);
  const auto after = testing::run("once --config " + config_.string(), true);
  EXPECT_EQ(after.status, 0) << after.output;
}

}  // namespace
}  // namespace feedsentry
