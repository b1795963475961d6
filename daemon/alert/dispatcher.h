#pragma once
// The delivery half of the alert pipeline: drains the durable outbox (store/outbox_store.h)
// to every configured output. Each output is an independent lane: one delivery in flight at
// a time, in creation order, paced by its rate limiter, retried with backoff on retryable
// failures until its retry budget runs out, dead-lettered on permanent ones. A slow or dead
// output never holds up another.
//
// Threads: lanes live on the io_context thread (the network, through the shared HttpClient);
// database access and file writes run on one worker thread with the dispatcher's own SQLite
// connection. A delivery is marked delivered right after the 2xx (at-least-once). The
// Dispatcher must outlive the io_context run that drives it; destruction joins the worker.
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <functional>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "alert/output_spec.h"
#include "alert/retry_policy.h"
#include "core/clock.h"
#include "fetch/http_client.h"
#include "store/database.h"

namespace feedsentry::alert {

struct OutputPlan {
  OutputSpec spec;
  RetryPolicy retry;
};

struct DispatcherOptions {
  std::size_t batch = 256;  // outbox rows loaded per lane at a time
  // Rows an operator re-queued (`outbox retry`) are found by a periodic scan.
  core::Duration rescan_every = std::chrono::seconds(10);
  std::chrono::milliseconds connect_timeout{10000};
  std::chrono::milliseconds total_timeout{30000};
  std::string user_agent;  // empty: the fetcher's default
};

// What happened to one delivery attempt; for metrics and tests. Called on the io thread.
struct DeliveryEvent {
  enum class Kind { kDelivered, kRetry, kDead };
  Kind kind = Kind::kDelivered;
  std::string output;
  std::int64_t delivery_id = 0;
  core::SystemTime created{};                    // when the row was written
  std::optional<core::SystemTime> published;     // the item's publication time
  core::SystemTime at{};                         // when this outcome happened
  std::optional<core::SystemTime> next_attempt;  // kRetry: when the row is tried again
  std::string reason;                            // never holds a secret
};

class Dispatcher {
 public:
  // `db` is the dispatcher's own connection to the state file.
  Dispatcher(boost::asio::io_context& io, fetch::HttpClient& http, store::Database db,
             const core::Clock& clock, std::vector<OutputPlan> outputs,
             DispatcherOptions options = {});
  ~Dispatcher();
  Dispatcher(const Dispatcher&) = delete;
  Dispatcher& operator=(const Dispatcher&) = delete;

  void set_observer(std::function<void(const DeliveryEvent&)> observer);

  // Loads every output's pending rows and starts delivering.
  void start();
  // Thread-safe: new pending rows may exist (called after the writing transaction commits).
  void notify();
  // Thread-safe: file outputs close and reopen their files (SIGHUP, logrotate).
  void reopen_files();

  // Calls `done` (on the io thread) once no delivery is in flight and none is due now:
  // every lane is empty or waiting for a retry or rate-limit time. For `once`.
  void when_settled(std::function<void()> done);
  // Stops starting deliveries; calls `done` once the in-flight ones have finished and their
  // outcome is recorded, or after `timeout` (unfinished rows stay pending for next time).
  void drain(core::Duration timeout, std::function<void()> done);

  // Live reload, on the io thread. Outputs are matched by name: a new one starts
  // delivering its pending rows; a removed one stops after its delivery in flight (its rows
  // stay pending in the outbox, delivered if it comes back); a kept one takes the new
  // settings from its next delivery, and keeps its rate-limit history unless the limit changed.
  struct ReloadSummary {
    std::size_t added = 0;
    std::size_t removed = 0;
    std::size_t changed = 0;
  };
  ReloadSummary reconfigure(std::vector<OutputPlan> outputs);

  // Outputs delivering (removed ones excluded). Io thread.
  std::size_t output_count() const;

 private:
  struct Lane;
  struct Pending;

  void refill(std::size_t lane_index, bool from_start);
  void pump(std::size_t lane_index);
  void send(std::size_t lane_index);
  void send_local(std::size_t lane_index);
  void send_http(std::size_t lane_index);
  void on_outcome(std::size_t lane_index, int kind, std::optional<core::Duration> retry_after,
                  std::string reason, std::optional<std::string> remote_id);
  // Queues a write for the next batch transaction on the worker; `recorded` then runs on
  // the io thread once that transaction has ended.
  void record(std::function<core::Result<void>(store::Database&)> write,
              std::function<void()> recorded = {});
  void apply_writes(const std::vector<std::function<core::Result<void>(store::Database&)>>& writes);
  void finish_drain_if_idle();
  void arm_lane_timer(std::size_t lane_index, core::Duration wait);
  void arm_rescan();
  void check_settled();
  void emit(const DeliveryEvent& event);
  double draw_unit();

  boost::asio::io_context& io_;
  fetch::HttpClient& http_;
  store::Database db_;  // worker thread only
  const core::Clock& clock_;
  DispatcherOptions options_;
  std::vector<std::unique_ptr<Lane>> lanes_;
  std::function<void(const DeliveryEvent&)> observer_;
  std::vector<std::function<void()>> settled_waiters_;
  std::unique_ptr<boost::asio::steady_timer> rescan_timer_;
  std::unique_ptr<boost::asio::steady_timer> drain_timer_;
  std::function<void()> drain_done_;
  bool draining_ = false;
  bool started_ = false;
  std::mt19937_64 random_{std::random_device{}()};
  // Worker-thread state: writes gathered into one transaction per burst.
  std::vector<std::function<core::Result<void>(store::Database&)>> pending_writes_;
  std::vector<std::function<void()>> pending_recorded_;
  bool flush_scheduled_ = false;
  // Declared last: joined first, while everything its tasks touch still exists.
  boost::asio::thread_pool worker_{1};
};

}  // namespace feedsentry::alert
