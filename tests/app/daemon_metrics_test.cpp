// `run` with metrics enabled, the real binary: /metrics counts the poll and the delivery of
// the demo sample's alert, /healthz and /status answer JSON, and promtool accepts the text.
#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include "app/daemon_process.h"

namespace feedsentry {
namespace {

using testing::free_port;
using testing::http_get;

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
  // One local file read: result "ok", its bytes counted, one duration observed.
  EXPECT_NE(metrics.find("feedsentry_fetches_total{result=\"ok\"} 1"), std::string::npos)
      << metrics;
  EXPECT_NE(metrics.find("feedsentry_fetch_duration_seconds_count 1"), std::string::npos);
  EXPECT_NE(metrics.find("feedsentry_fetches_malformed_total 0"), std::string::npos)
      << "the sample is well-formed";
  EXPECT_EQ(metrics.find("feedsentry_fetch_bytes_total 0\n"), std::string::npos);
  EXPECT_NE(metrics.find("feedsentry_matches_total 1"), std::string::npos) << metrics;
  EXPECT_NE(metrics.find("feedsentry_feeds{state=\"ok\"} 1"), std::string::npos) << metrics;
  EXPECT_NE(metrics.find("feedsentry_feeds{state=\"failing\"} 0"), std::string::npos);
  EXPECT_NE(metrics.find("feedsentry_alerts_total{topic=\"sanctions\"} 1"), std::string::npos)
      << metrics;
  EXPECT_NE(metrics.find("feedsentry_outbox_pending "), std::string::npos);
  EXPECT_NE(metrics.find("feedsentry_outbox_dead 0"), std::string::npos);
  EXPECT_NE(metrics.find("feedsentry_outbox_oldest_pending_age_seconds "), std::string::npos);
  EXPECT_NE(metrics.find("feedsentry_config_reloads_total{result=\"failed\"} 0"),
            std::string::npos);
  EXPECT_NE(metrics.find("feedsentry_state_writable 1"), std::string::npos);
  EXPECT_NE(metrics.find("process_resident_memory_bytes"), std::string::npos);
  const std::string healthz = http_get(port, "/healthz");
  EXPECT_NE(healthz.find("200 OK"), std::string::npos) << healthz;
  EXPECT_NE(healthz.find("\"status\":\"ok\""), std::string::npos) << healthz;
  EXPECT_NE(healthz.find("\"state_db\":\"writable\""), std::string::npos) << healthz;
  const std::string status_page = http_get(port, "/status");
  EXPECT_NE(status_page.find("\"feed_count\":1"), std::string::npos) << status_page;
  EXPECT_NE(status_page.find("\"state\":\"ok\""), std::string::npos) << status_page;
  EXPECT_NE(status_page.find("\"recent_alerts\":[{"), std::string::npos) << status_page;
  EXPECT_NE(status_page.find("North Korean"), std::string::npos) << status_page;
  // The latest stories, with their items and why each joined.
  EXPECT_NE(status_page.find("\"stories\":[{\"items\":[{"), std::string::npos) << status_page;
  EXPECT_NE(status_page.find("\"joined\":\"new story\""), std::string::npos) << status_page;

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
