// The state-file health probe with a real SQLite file: writable while nobody else holds the
// write lock, "not writable" (and /healthz 503) while another connection holds it past the
// busy timeout, writable again once it is released; outbox counts come along.
#include "app/state_monitor.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <thread>

#include "app/daemon_metrics.h"
#include "core/clock.h"
#include "store/outbox_store.h"
#include "store/transaction.h"
#include "support/io_thread.h"

namespace feedsentry::app {
namespace {

using namespace std::chrono_literals;

class StateMonitorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/feedsentry-monitor-XXXXXX";
    directory_ = mkdtemp(pattern);
  }
  void TearDown() override { std::filesystem::remove_all(directory_); }

  store::Database open(std::chrono::milliseconds busy_timeout = 5000ms) {
    store::DatabaseOptions options;
    options.busy_timeout = busy_timeout;
    return store::Database::open(directory_ / "state.db", options).value();
  }

  // Waits (bounded) for a probe that finished after `after` and returns its snapshot.
  StateSnapshot probe_after(const StateMonitor& monitor, core::SystemTime after) {
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    while (std::chrono::steady_clock::now() < deadline) {
      const StateSnapshot snapshot = monitor.snapshot();
      if (snapshot.probed && snapshot.probed_at > after) return snapshot;
      std::this_thread::sleep_for(10ms);
    }
    return monitor.snapshot();
  }

  std::filesystem::path directory_;
  core::SystemClock clock_;
};

TEST_F(StateMonitorTest, ReportsALockedStateFileAsNotWritableUntilItIsReleased) {
  store::Database other = open();
  {
    auto transaction = store::Transaction::begin(other).value();
    const std::int64_t alert =
        store::OutboxStore(other).insert_alert({"st_1", {}, 1000, "{}"}).value();
    ASSERT_TRUE(store::OutboxStore(other).enqueue(alert, "chat", 1000,
                                                  [](std::int64_t) { return std::string("k"); }));
    ASSERT_TRUE(transaction.commit());
  }
  test_support::IoThread io;
  StateMonitor monitor(io.context(), open(50ms), clock_, 50ms);
  ASSERT_TRUE(io.run([&] { monitor.start(); }));

  StateSnapshot snapshot = probe_after(monitor, core::SystemTime{});
  EXPECT_TRUE(snapshot.writable) << snapshot.problem;
  EXPECT_EQ(snapshot.pending(), 1);
  EXPECT_EQ(snapshot.oldest_pending_since_ms(), 1000);
  EXPECT_EQ(health_reply(snapshot, clock_.now()).status, 200u);

  // Another connection holds the write lock: the probe's write times out.
  auto held = store::Transaction::begin(other).value();
  ASSERT_TRUE(store::OutboxStore(other).write_health_probe(1));
  const core::SystemTime locked_at = clock_.now();
  snapshot = probe_after(monitor, locked_at);
  EXPECT_FALSE(snapshot.writable);
  EXPECT_NE(snapshot.problem.find("locked"), std::string::npos) << snapshot.problem;
  const metrics::HttpReply unhealthy = health_reply(snapshot, clock_.now());
  EXPECT_EQ(unhealthy.status, 503u);
  EXPECT_NE(unhealthy.body.find("\"state_db\":\"not writable\""), std::string::npos);

  ASSERT_TRUE(held.commit());
  const core::SystemTime released_at = clock_.now();
  snapshot = probe_after(monitor, released_at);
  EXPECT_TRUE(snapshot.writable) << snapshot.problem;
  EXPECT_EQ(health_reply(snapshot, clock_.now()).status, 200u);
  ASSERT_TRUE(io.run([&] { monitor.stop(); }));
}

TEST(HealthReply, AStalledProbeIsUnhealthy) {
  StateSnapshot snapshot;
  snapshot.probed = true;
  snapshot.writable = true;
  snapshot.probed_at = core::SystemTime{} + std::chrono::hours(1);
  EXPECT_EQ(health_reply(snapshot, snapshot.probed_at + 30s).status, 200u);
  const metrics::HttpReply stalled = health_reply(snapshot, snapshot.probed_at + 5min);
  EXPECT_EQ(stalled.status, 503u);
  EXPECT_NE(stalled.body.find("probe stalled"), std::string::npos);
}

}  // namespace
}  // namespace feedsentry::app
