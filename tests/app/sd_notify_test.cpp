#include "app/sd_notify.h"

#include <gtest/gtest.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <optional>
#include <string>

namespace feedsentry::app {
namespace {

// Sets or unsets an environment variable for one test and restores it afterwards.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    if (value != nullptr) {
      setenv(name, value, 1);
    } else {
      unsetenv(name);
    }
  }
  ~ScopedEnv() {
    if (old_) {
      setenv(name_, old_->c_str(), 1);
    } else {
      unsetenv(name_);
    }
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  const char* name_;
  std::optional<std::string> old_;
};

// What systemd does: an AF_UNIX datagram socket in a temporary directory.
class NotifySocket {
 public:
  NotifySocket() {
    char pattern[] = "/tmp/feedsentry-notify-XXXXXX";
    directory_ = mkdtemp(pattern);
    path_ = directory_ + "/notify";
    fd_ = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    std::strncpy(address.sun_path, path_.c_str(), sizeof address.sun_path - 1);
    bound_ = bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
    timeval timeout{5, 0};  // bounded wait for a datagram that should already be there
    setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  }
  ~NotifySocket() {
    close(fd_);
    std::error_code ignored;
    std::filesystem::remove_all(directory_, ignored);
  }
  NotifySocket(const NotifySocket&) = delete;
  NotifySocket& operator=(const NotifySocket&) = delete;

  bool bound() const { return bound_; }
  const std::string& path() const { return path_; }

  // The next datagram, or nullopt if none arrives.
  std::optional<std::string> receive(bool wait = true) {
    char buffer[4096];
    const ssize_t got = recv(fd_, buffer, sizeof buffer, wait ? 0 : MSG_DONTWAIT);
    if (got < 0) return std::nullopt;
    return std::string(buffer, static_cast<std::size_t>(got));
  }

 private:
  std::string directory_;
  std::string path_;
  int fd_ = -1;
  bool bound_ = false;
};

std::uint64_t monotonic_microseconds() {
  timespec now{};
  clock_gettime(CLOCK_MONOTONIC, &now);
  return static_cast<std::uint64_t>(now.tv_sec) * 1'000'000u +
         static_cast<std::uint64_t>(now.tv_nsec) / 1'000u;
}

class SystemdNotifierTest : public ::testing::Test {
 protected:
  NotifySocket socket_;
  ScopedEnv notify_socket_{"NOTIFY_SOCKET", socket_.path().c_str()};
  SystemdNotifier notifier_;
};

TEST_F(SystemdNotifierTest, ReadySendsReadyWithOptionalStatusInOneMessage) {
  ASSERT_TRUE(socket_.bound());
  EXPECT_TRUE(SystemdNotifier::under_systemd());
  EXPECT_TRUE(notifier_.ready());
  EXPECT_EQ(socket_.receive(), "READY=1");
  EXPECT_TRUE(notifier_.ready("polling 412 feeds"));
  EXPECT_EQ(socket_.receive(), "READY=1\nSTATUS=polling 412 feeds");
}

TEST_F(SystemdNotifierTest, ReloadingCarriesTheMonotonicTimestamp) {
  const std::uint64_t before = monotonic_microseconds();
  EXPECT_TRUE(notifier_.reloading());
  const std::uint64_t after = monotonic_microseconds();
  const auto message = socket_.receive();
  ASSERT_TRUE(message.has_value());
  const std::string prefix = "RELOADING=1\nMONOTONIC_USEC=";
  ASSERT_EQ(message->substr(0, prefix.size()), prefix) << *message;
  const std::uint64_t stamp = std::stoull(message->substr(prefix.size()));
  EXPECT_GE(stamp, before);
  EXPECT_LE(stamp, after);
}

TEST_F(SystemdNotifierTest, StoppingStatusWatchdogAndExtendTimeout) {
  EXPECT_TRUE(notifier_.stopping());
  EXPECT_EQ(socket_.receive(), "STOPPING=1");
  EXPECT_TRUE(notifier_.status("polling 3 feeds, 1 alert queued"));
  EXPECT_EQ(socket_.receive(), "STATUS=polling 3 feeds, 1 alert queued");
  EXPECT_TRUE(notifier_.watchdog_ping());
  EXPECT_EQ(socket_.receive(), "WATCHDOG=1");
  EXPECT_TRUE(notifier_.extend_timeout(std::chrono::seconds(20)));
  EXPECT_EQ(socket_.receive(), "EXTEND_TIMEOUT_USEC=20000000");
}

TEST_F(SystemdNotifierTest, StatusIsKeptToOneLine) {
  EXPECT_TRUE(notifier_.status("two\nlines\r\n"));
  EXPECT_EQ(socket_.receive(), "STATUS=two lines  ");
  EXPECT_TRUE(notifier_.ready("a\nb"));
  EXPECT_EQ(socket_.receive(), "READY=1\nSTATUS=a b");
}

TEST_F(SystemdNotifierTest, AbstractNamespaceSocketWorks) {
  const std::string name = "feedsentry-test-" + std::to_string(getpid());
  const int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  std::memcpy(address.sun_path + 1, name.data(), name.size());  // sun_path[0] = '\0'
  const socklen_t length =
      static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + 1 + name.size());
  ASSERT_EQ(bind(fd, reinterpret_cast<sockaddr*>(&address), length), 0) << std::strerror(errno);
  timeval timeout{5, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  ScopedEnv abstract("NOTIFY_SOCKET", ("@" + name).c_str());
  EXPECT_TRUE(notifier_.watchdog_ping());
  char buffer[256];
  const ssize_t got = recv(fd, buffer, sizeof buffer, 0);
  close(fd);
  ASSERT_GT(got, 0);
  EXPECT_EQ(std::string(buffer, static_cast<std::size_t>(got)), "WATCHDOG=1");
}

TEST_F(SystemdNotifierTest, OutsideSystemdNothingIsSent) {
  ScopedEnv unset("NOTIFY_SOCKET", nullptr);
  EXPECT_FALSE(SystemdNotifier::under_systemd());
  EXPECT_FALSE(notifier_.ready("x"));
  EXPECT_FALSE(notifier_.reloading());
  EXPECT_FALSE(notifier_.stopping());
  EXPECT_FALSE(notifier_.status("x"));
  EXPECT_FALSE(notifier_.watchdog_ping());
  EXPECT_FALSE(notifier_.extend_timeout(std::chrono::seconds(1)));
  EXPECT_EQ(socket_.receive(/*wait=*/false), std::nullopt);
}

TEST_F(SystemdNotifierTest, WatchdogIntervalIsHalfOfWatchdogUsecForThisProcess) {
  {
    ScopedEnv usec("WATCHDOG_USEC", "30000000");
    ScopedEnv pid("WATCHDOG_PID", std::to_string(getpid()).c_str());
    EXPECT_EQ(notifier_.watchdog_interval(), std::chrono::microseconds(15'000'000));
  }
  {
    ScopedEnv usec("WATCHDOG_USEC", "30000000");
    ScopedEnv pid("WATCHDOG_PID", nullptr);
    EXPECT_EQ(notifier_.watchdog_interval(), std::chrono::microseconds(15'000'000));
  }
  {
    ScopedEnv usec("WATCHDOG_USEC", "30000000");
    ScopedEnv pid("WATCHDOG_PID", std::to_string(getpid() + 1).c_str());  // someone else's
    EXPECT_EQ(notifier_.watchdog_interval(), std::nullopt);
  }
  {
    ScopedEnv usec("WATCHDOG_USEC", nullptr);
    EXPECT_EQ(notifier_.watchdog_interval(), std::nullopt);
  }
}

}  // namespace
}  // namespace feedsentry::app
