#pragma once
// The daemon's view of its own state file, for /healthz, /status, metrics and the systemd
// STATUS line: every `every`, on a thread of its own with its own connection, it rewrites
// the health-probe row (is the file still writable?) and reads the outbox counts (pending,
// dead letters, oldest pending). Readers on any thread get the latest snapshot; nothing
// here ever blocks the event loop.
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "store/database.h"
#include "store/outbox_store.h"

namespace feedsentry::app {

struct StateSnapshot {
  bool probed = false;    // at least one probe has finished
  bool writable = false;  // the last probe's write committed
  std::string problem;    // why not, from SQLite
  core::SystemTime probed_at{};
  std::vector<store::OutboxCounts> outbox;  // per output; kept from the last good read

  std::int64_t pending() const;
  std::int64_t dead() const;
  std::optional<std::int64_t> oldest_pending_since_ms() const;
};

class StateMonitor {
 public:
  StateMonitor(boost::asio::io_context& io, store::Database db, const core::Clock& clock,
               core::Duration every = std::chrono::seconds(10));
  ~StateMonitor();
  StateMonitor(const StateMonitor&) = delete;
  StateMonitor& operator=(const StateMonitor&) = delete;

  // Probes now and then every `every` (io thread).
  void start();
  void stop();
  // Thread-safe.
  StateSnapshot snapshot() const;

 private:
  void probe();
  void arm();

  boost::asio::io_context& io_;
  store::Database db_;  // worker thread only
  const core::Clock& clock_;
  core::Duration every_;
  boost::asio::steady_timer timer_;
  bool probing_ = false;
  bool stopped_ = false;
  mutable std::mutex mutex_;
  StateSnapshot snapshot_;
  boost::asio::thread_pool worker_{1};  // last: joined first
};

}  // namespace feedsentry::app
