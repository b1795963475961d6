// `run` with metrics enabled, the real binary: /metrics counts the poll and the delivery of
// the demo sample's alert, /healthz and /status answer JSON, and promtool accepts the text.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include "app/daemon_process.h"

namespace feedsentry {
namespace {

std::uint16_t free_port() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  socklen_t length = sizeof address;
  getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  close(fd);
  return ntohs(address.sin_port);
}

// GET `path` from 127.0.0.1:port; "" when nothing answers.
std::string http_get(std::uint16_t port, const std::string& path) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    close(fd);
    return {};
  }
  const std::string request =
      "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
  (void)write(fd, request.data(), request.size());
  std::string response;
  char buffer[8192];
  for (ssize_t got; (got = read(fd, buffer, sizeof buffer)) > 0;) response.append(buffer, got);
  close(fd);
  return response;
}

TEST(DaemonMetrics, MetricsHealthzAndStatusReflectThePollAndTheDelivery) {
  char pattern[] = "/tmp/feedsentry-metrics-XXXXXX";
  const std::filesystem::path dir = mkdtemp(pattern);
  const std::uint16_t port = free_port();
  const auto config = dir / "feedsentry.yaml";
  std::ofstream(config) << "state_dir: state\nrules: [" << FEEDSENTRY_SOURCE_DIR
                        << "/config/rules/dprk-russia.yaml]\n"
                        << "poll: {backfill: 100000d, startup_spread: 1s}\nfeeds:\n  - path: "
                        << FEEDSENTRY_SOURCE_DIR << "/config/samples/world-news.rss.xml\n"
                        << "outputs:\n  - name: log\n    type: file\n"
                        << "    settings: {path: alerts.jsonl}\n"
                        << "metrics:\n  enabled: true\n  listen: 127.0.0.1:" << port << "\n";
  const pid_t pid = testing::spawn_feedsentry({"run", "--config", config.string()});
  ASSERT_GT(pid, 0);

  std::string metrics;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (std::chrono::steady_clock::now() < deadline) {
    metrics = http_get(port, "/metrics");
    if (metrics.find("feedsentry_deliveries_total{output=\"log\",result=\"delivered\"} 1") !=
        std::string::npos) {
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));  // polling the endpoint
  }
  EXPECT_NE(metrics.find("200 OK"), std::string::npos) << metrics;
  EXPECT_NE(metrics.find("feedsentry_deliveries_total{output=\"log\",result=\"delivered\"} 1"),
            std::string::npos)
      << metrics;
  EXPECT_NE(metrics.find("feedsentry_fetches_total{result=\"ok_200\"} 1"), std::string::npos)
      << metrics;
  EXPECT_NE(metrics.find("feedsentry_matches_total 1"), std::string::npos) << metrics;
  EXPECT_NE(metrics.find("process_resident_memory_bytes"), std::string::npos);
  EXPECT_NE(http_get(port, "/healthz").find("{\"status\":\"ok\"}"), std::string::npos);
  EXPECT_NE(http_get(port, "/status").find("\"feeds\":1"), std::string::npos);

  // scripts/test installs Debian's prometheus package for promtool.
  EXPECT_TRUE(std::filesystem::exists("/usr/bin/promtool"));
  if (std::filesystem::exists("/usr/bin/promtool")) {
    const auto body = metrics.substr(metrics.find("\r\n\r\n") + 4);
    std::ofstream(dir / "metrics.txt") << body;
    const std::string check =
        "/usr/bin/promtool check metrics < " + (dir / "metrics.txt").string() + " 2>&1";
    EXPECT_EQ(std::system(check.c_str()), 0) << "promtool rejected the exposition";
  }
  const int status = testing::stop_process(pid, SIGTERM);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace feedsentry
