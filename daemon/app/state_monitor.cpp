#include "app/state_monitor.h"

#include <boost/asio/post.hpp>

#include "store/transaction.h"

namespace feedsentry::app {

std::int64_t StateSnapshot::pending() const {
  std::int64_t total = 0;
  for (const store::OutboxCounts& output : outbox) total += output.pending;
  return total;
}

std::int64_t StateSnapshot::dead() const {
  std::int64_t total = 0;
  for (const store::OutboxCounts& output : outbox) total += output.dead;
  return total;
}

std::optional<std::int64_t> StateSnapshot::oldest_pending_since_ms() const {
  std::optional<std::int64_t> oldest;
  for (const store::OutboxCounts& output : outbox) {
    if (output.oldest_pending_since_ms && (!oldest || *output.oldest_pending_since_ms < *oldest)) {
      oldest = output.oldest_pending_since_ms;
    }
  }
  return oldest;
}

StateMonitor::StateMonitor(boost::asio::io_context& io, store::Database db,
                           const core::Clock& clock, core::Duration every)
    : io_(io), db_(std::move(db)), clock_(clock), every_(every), timer_(io) {}

StateMonitor::~StateMonitor() {
  worker_.join();
}

void StateMonitor::start() {
  stopped_ = false;
  probe();
  arm();
}

void StateMonitor::stop() {
  stopped_ = true;
  timer_.cancel();
}

StateSnapshot StateMonitor::snapshot() const {
  const std::lock_guard lock(mutex_);
  return snapshot_;
}

void StateMonitor::arm() {
  timer_.expires_after(every_);
  timer_.async_wait([this](const boost::system::error_code& error) {
    if (error || stopped_) return;
    probe();
    arm();
  });
}

void StateMonitor::probe() {
  if (probing_) return;  // a slow disk: the last probe has not finished yet
  probing_ = true;
  const core::SystemTime now = clock_.now();
  boost::asio::post(worker_, [this, now] {
    store::OutboxStore outbox(db_);
    std::string problem;
    auto transaction = store::Transaction::begin(db_);
    if (!transaction) {
      problem = transaction.error().describe();
    } else if (auto written = outbox.write_health_probe(core::to_unix_millis(now)); !written) {
      problem = written.error().describe();
    } else if (auto committed = transaction->commit(); !committed) {
      problem = committed.error().describe();
    }
    auto counts = outbox.counts();
    {
      const std::lock_guard lock(mutex_);
      snapshot_.probed = true;
      snapshot_.writable = problem.empty();
      snapshot_.problem = std::move(problem);
      snapshot_.probed_at = now;
      if (counts) snapshot_.outbox = std::move(*counts);
    }
    boost::asio::post(io_, [this] { probing_ = false; });
  });
}

}  // namespace feedsentry::app
