// Live reload and shutdown with the real binary. NOTIFY_SOCKET points at a datagram socket
// of the test, so every sd_notify message is seen:
//  - SIGHUP with a valid config: RELOADING=1 then READY=1; an added feed starts and alerts,
//    the kept feed does not alert again;
//  - SIGHUP with a broken config: RELOADING=1 then READY=1 again, the error is logged as
//    file:line:col, the daemon keeps running the old config and counts the failed reload;
//  - a reload while a webhook is down loses no pending alert;
//  - SIGTERM while a slow webhook answers: the POST in flight is finished and recorded;
//  - SIGINT, then a second signal during the drain: exit at once, the delivery stays pending;
//  - a broken config at start: exit 78; a metrics port held by another process: exit 75.
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "app/daemon_process.h"
#include "app/notify_socket.h"
#include "store/database.h"
#include "store/outbox_store.h"
#include "support/http_server.h"

namespace feedsentry {
namespace {

using namespace std::chrono_literals;
using test_support::HttpServer;
using test_support::RecordedRequest;
using test_support::ScriptedResponse;

std::string rss_item(const std::string& guid, const std::string& title) {
  return "<item><title>" + title + "</title><link>https://news.example.com/" + guid +
         "</link><guid>" + guid + "</guid><pubDate>Mon, 30 Nov 2026 08:00:00 GMT</pubDate>" +
         "<description>" + title + ".</description></item>";
}

void write_feed(const std::filesystem::path& path, const std::string& items) {
  std::ofstream(path) << "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>"
                      << path.stem().string() << "</title><link>https://news.example.com/</link>"
                      << items << "</channel></rss>";
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Polls `condition` (a file or an HTTP receiver filling up) until it holds or time runs out.
template <typename Condition>
bool eventually(Condition condition, std::chrono::milliseconds timeout = 20s) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (condition()) return true;
    std::this_thread::sleep_for(50ms);
  }
  return condition();
}

constexpr const char* kSanctionsA =
    "US Treasury sanctions North Korean bank over ballistic missile financing";
constexpr const char* kSanctionsB = "EU adopts new sanctions on Russia over Ukraine war";

// A scratch directory with a notify socket and the daemon's environment.
class DaemonFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/feedsentry-reload-XXXXXX";
    dir_ = mkdtemp(pattern);
    notify_ = std::make_unique<testing::NotifySocket>(dir_ / "notify.sock");
    environment_ = std::make_unique<testing::DaemonEnvironment>(dir_ / "notify.sock");
  }
  void TearDown() override {
    if (pid_ > 0) testing::stop_process(pid_, SIGKILL);
    std::filesystem::remove_all(dir_);
  }

  std::string config_head() const {
    return "state_dir: state\nrules: [" + std::string(FEEDSENTRY_SOURCE_DIR) +
           "/config/rules/dprk-russia.yaml]\n"
           "poll: {backfill: 100000d, startup_spread: 1s}\n";
  }
  void write_config(const std::string& text) { std::ofstream(dir_ / "feedsentry.yaml") << text; }
  void start() {
    pid_ = testing::spawn_feedsentry({"run", "--config", (dir_ / "feedsentry.yaml").string()},
                                     environment_->pointers(), (dir_ / "stderr.log").string());
    ASSERT_GT(pid_, 0);
  }
  int stop(int signal = SIGTERM) {
    const int status = testing::stop_process(pid_, signal);
    pid_ = -1;
    return status;
  }
  std::string log() const { return read_file(dir_ / "stderr.log"); }

  std::filesystem::path dir_;
  std::unique_ptr<testing::NotifySocket> notify_;
  std::unique_ptr<testing::DaemonEnvironment> environment_;
  pid_t pid_ = -1;
};

using Reload = DaemonFixture;

TEST_F(Reload, ValidConfigAddsAFeedWithoutRealertingAndBrokenConfigKeepsTheOldOne) {
  write_feed(dir_ / "a.xml", rss_item("a-1", kSanctionsA));
  write_feed(dir_ / "b.xml", rss_item("b-1", kSanctionsB));
  const std::uint16_t port = testing::free_port();
  const std::string outputs =
      "outputs:\n  - name: log\n    type: file\n    settings: {path: alerts.jsonl}\n"
      "metrics: {enabled: true, listen: 127.0.0.1:" +
      std::to_string(port) + "}\n";
  write_config(config_head() + "feeds:\n  - path: a.xml\n" + outputs);
  start();
  ASSERT_TRUE(notify_->wait_for("READY=1", 20s));
  const auto alerts_file = dir_ / "alerts.jsonl";  // relative paths: the config's directory
  const auto written = [&] { return read_file(alerts_file); };
  // Alerts in the file whose headline contains `words`.
  const auto alerts_about = [&](const std::string& words) {
    std::size_t count = 0;
    std::istringstream lines(written());
    for (std::string line; std::getline(lines, line);) {
      const auto headline = line.find("\"headline\":\"");
      if (headline != std::string::npos &&
          line.substr(headline, line.find("\",", headline + 12) - headline).find(words) !=
              std::string::npos) {
        ++count;
      }
    }
    return count;
  };
  ASSERT_TRUE(eventually([&] { return alerts_about("North Korean bank") == 1; }))
      << written() << log();

  // Valid: feed b is added; a, its state and its seen item are kept.
  write_config(config_head() + "log: {level: debug}\nfeeds:\n  - path: a.xml\n  - path: b.xml\n" +
               outputs);
  kill(pid_, SIGHUP);
  ASSERT_TRUE(notify_->wait_for("RELOADING=1", 10s));
  ASSERT_TRUE(notify_->wait_for("READY=1", 10s));
  EXPECT_TRUE(eventually([&] { return alerts_about("Russia over Ukraine") == 1; }))
      << written() << log();
  EXPECT_EQ(alerts_about("North Korean bank"), 1u) << written();
  EXPECT_NE(log().find("reloaded: feeds 1 added, 0 removed"), std::string::npos) << log();

  // Broken: an unknown key. The old config keeps running; the error names file:line:col.
  write_config(config_head() + "feeds:\n  - path: a.xml\n    intervall: 5m\n" + outputs);
  kill(pid_, SIGHUP);
  ASSERT_TRUE(notify_->wait_for("RELOADING=1", 10s));
  ASSERT_TRUE(notify_->wait_for("READY=1", 10s));
  EXPECT_TRUE(eventually([&] {
    return log().find("reload rejected, the running configuration stays") != std::string::npos;
  }));
  EXPECT_NE(log().find("feedsentry.yaml:6:5:"), std::string::npos) << log();
  const std::string metrics = testing::http_get(port, "/metrics");
  EXPECT_NE(metrics.find("feedsentry_config_reloads_total{result=\"failed\"} 1"), std::string::npos)
      << metrics;
  EXPECT_NE(metrics.find("feedsentry_config_reloads_total{result=\"ok\"} 1"), std::string::npos);
  EXPECT_NE(metrics.find("feedsentry_config_last_reload_successful 0"), std::string::npos);
  EXPECT_NE(metrics.find("feedsentry_feeds{state=\"ok\"} 2"), std::string::npos) << metrics;

  // Still serving, with both feeds of the last good config.
  EXPECT_NE(testing::http_get(port, "/healthz").find("200 OK"), std::string::npos);
  const std::string status_page = testing::http_get(port, "/status");
  EXPECT_NE(status_page.find("\"feed_count\":2"), std::string::npos);
  // The rejected reload's error and time, not just "failed".
  const nlohmann::json status_json =
      nlohmann::json::parse(status_page.substr(status_page.find("\r\n\r\n") + 4));
  const nlohmann::json& last_reload = status_json["last_reload"];
  EXPECT_EQ(last_reload["result"], "failed") << last_reload;
  EXPECT_NE(last_reload["error"].get<std::string>().find("feedsentry.yaml:6:5:"), std::string::npos)
      << last_reload;
  EXPECT_TRUE(last_reload["at"].is_string()) << last_reload;
  const int status = stop(SIGTERM);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << log();
  EXPECT_TRUE(notify_->wait_for("STOPPING=1", 5s));
}

TEST_F(Reload, PendingAlertsSurviveAReloadAndAreDeliveredOnce) {
  HttpServer receiver;
  std::atomic<bool> up{false};
  std::mutex mutex;
  std::vector<std::string> accepted;  // bodies answered 200
  receiver.on("/hook", [&](const RecordedRequest& request) {
    if (!up) return ScriptedResponse::with_status(503).header("Retry-After", "1");
    const std::lock_guard lock(mutex);
    accepted.push_back(request.body);
    return ScriptedResponse::with_status(200);
  });
  write_feed(dir_ / "a.xml", rss_item("a-1", kSanctionsA));
  write_feed(dir_ / "b.xml", rss_item("b-1", kSanctionsB));
  const std::string outputs =
      "outputs:\n  - name: hook\n    type: webhook\n    settings: {url: " + receiver.url("/hook") +
      "}\n";
  write_config(config_head() + "feeds:\n  - path: a.xml\n" + outputs);
  start();
  ASSERT_TRUE(notify_->wait_for("READY=1", 20s));
  ASSERT_TRUE(eventually([&] { return !receiver.requests_to("/hook").empty(); })) << log();

  // While the webhook is down: add feed b. The pending alert for a stays.
  write_config(config_head() + "feeds:\n  - path: a.xml\n  - path: b.xml\n" + outputs);
  kill(pid_, SIGHUP);
  ASSERT_TRUE(notify_->wait_for("RELOADING=1", 10s));
  ASSERT_TRUE(notify_->wait_for("READY=1", 10s));
  up = true;
  const auto delivered = [&](const std::string& headline) {
    const std::lock_guard lock(mutex);
    return static_cast<std::size_t>(std::count_if(
        accepted.begin(), accepted.end(),
        [&](const std::string& body) { return body.find(headline) != std::string::npos; }));
  };
  EXPECT_TRUE(eventually(
      [&] { return delivered("North Korean bank") >= 1 && delivered("Russia over Ukraine") >= 1; },
      30s))
      << log();
  const int status = stop(SIGTERM);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  EXPECT_EQ(delivered("North Korean bank"), 1u);
  EXPECT_EQ(delivered("Russia over Ukraine"), 1u);

  auto db = store::Database::open(dir_ / "state" / "feedsentry.db");
  ASSERT_TRUE(db) << db.error().describe();
  auto counts = store::OutboxStore(*db).counts();
  ASSERT_TRUE(counts);
  ASSERT_EQ(counts->size(), 1u);
  EXPECT_EQ((*counts)[0].delivered, 2);
  EXPECT_EQ((*counts)[0].pending, 0);
  EXPECT_EQ((*counts)[0].dead, 0);
}

using Shutdown = DaemonFixture;

TEST_F(Shutdown, SigtermLetsASlowWebhookFinishItsPostAndRecordsIt) {
  HttpServer receiver;
  ScriptedResponse slow = ScriptedResponse::with_status(200);
  slow.delay_before_headers = 2000ms;
  receiver.on("/hook", slow);
  write_feed(dir_ / "a.xml", rss_item("a-1", kSanctionsA));
  write_config(config_head() + "feeds:\n  - path: a.xml\noutputs:\n  - name: hook\n" +
               "    type: webhook\n    settings: {url: " + receiver.url("/hook") + "}\n");
  start();
  ASSERT_TRUE(notify_->wait_for("READY=1", 20s));
  ASSERT_TRUE(eventually([&] { return !receiver.requests_to("/hook").empty(); })) << log();
  const auto stopping_at = std::chrono::steady_clock::now();
  const int status = stop(SIGTERM);
  const auto took = std::chrono::steady_clock::now() - stopping_at;
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << log();
  EXPECT_TRUE(notify_->wait_for("STOPPING=1", 5s));
  EXPECT_LT(took, 10s);  // the drain limit; the answer came after at most 2 s

  const auto requests = receiver.requests_to("/hook");
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].outcome, test_support::ResponseOutcome::kSent);
  auto db = store::Database::open(dir_ / "state" / "feedsentry.db");
  ASSERT_TRUE(db) << db.error().describe();
  auto counts = store::OutboxStore(*db).counts();
  ASSERT_TRUE(counts);
  ASSERT_EQ(counts->size(), 1u);
  EXPECT_EQ((*counts)[0].delivered, 1) << log();
  EXPECT_EQ((*counts)[0].pending, 0);
}

TEST_F(Shutdown, ASecondSignalExitsAtOnceAndTheUnfinishedDeliveryStaysPending) {
  HttpServer receiver;
  ScriptedResponse stuck = ScriptedResponse::with_status(200);
  stuck.delay_before_headers = 20000ms;  // longer than the 10 s drain
  receiver.on("/hook", stuck);
  write_feed(dir_ / "a.xml", rss_item("a-1", kSanctionsA));
  write_config(config_head() + "feeds:\n  - path: a.xml\noutputs:\n  - name: hook\n" +
               "    type: webhook\n    settings: {url: " + receiver.url("/hook") + "}\n");
  start();
  ASSERT_TRUE(notify_->wait_for("READY=1", 20s));
  ASSERT_TRUE(eventually([&] { return !receiver.requests_to("/hook").empty(); })) << log();
  const auto first_at = std::chrono::steady_clock::now();
  kill(pid_, SIGINT);
  ASSERT_TRUE(notify_->wait_for("STOPPING=1", 5s));  // draining: waits for the stuck POST
  const int status = stop(SIGTERM);
  // Without the second signal the daemon would exit when the 10 s drain gives up, counted
  // from the first; "at once" is well before that, with room for a loaded, sanitized run.
  EXPECT_LT(std::chrono::steady_clock::now() - first_at, 7s);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << log();
  EXPECT_NE(log().find("second stop request (SIGTERM): exiting at once"), std::string::npos)
      << log();

  auto db = store::Database::open(dir_ / "state" / "feedsentry.db");
  ASSERT_TRUE(db) << db.error().describe();
  auto counts = store::OutboxStore(*db).counts();
  ASSERT_TRUE(counts);
  ASSERT_EQ(counts->size(), 1u);
  EXPECT_EQ((*counts)[0].pending, 1) << "the unanswered delivery must stay for the next start";
  EXPECT_EQ((*counts)[0].delivered, 0);
}

TEST_F(Shutdown, ABadConfigExitsWithExConfig) {
  write_config(config_head() + "feeds:\n  - path: a.xml\n    intervall: 5m\n");
  start();
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 78) << log();
  EXPECT_NE(log().find("feedsentry.yaml:6:5:"), std::string::npos) << log();
}

TEST_F(Shutdown, AMetricsPortInUseExitsWithItsOwnStatusAndSaysSo) {
  // Another process's listener on the metrics port (here: the test's own).
  const int holder = socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(holder, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(bind(holder, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  ASSERT_EQ(listen(holder, 1), 0);
  socklen_t length = sizeof address;
  getsockname(holder, reinterpret_cast<sockaddr*>(&address), &length);
  const std::string port = std::to_string(ntohs(address.sin_port));
  write_feed(dir_ / "a.xml", rss_item("a-1", kSanctionsA));
  write_config(config_head() +
               "feeds:\n  - path: a.xml\nmetrics: {enabled: true, listen: 127.0.0.1:" + port +
               "}\n");
  start();
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
  close(holder);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 75) << log();
  EXPECT_NE(log().find("metrics port in use: 127.0.0.1:" + port), std::string::npos) << log();
}

}  // namespace
}  // namespace feedsentry
