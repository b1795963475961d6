#pragma once
// The last line `run` and `once` log: what this run delivered and what the outbox still
// holds, so an operator who stops the daemon knows whether alerts are waiting. The tally
// counts deliveries from the dispatcher's events; the outbox counts are read at the end.
#include <atomic>
#include <cstddef>
#include <string>
#include <vector>

#include "alert/dispatcher.h"
#include "config/config.h"
#include "store/outbox_store.h"

namespace feedsentry::app {

// Deliveries this process made. Thread-safe: fed from the dispatcher's observer.
class DeliveryTally {
 public:
  void on_delivery(const alert::DeliveryEvent& event) {
    if (event.kind == alert::DeliveryEvent::Kind::kDelivered) {
      delivered_.fetch_add(1, std::memory_order_relaxed);
    }
  }
  std::size_t delivered() const { return delivered_.load(std::memory_order_relaxed); }

 private:
  std::atomic<std::size_t> delivered_{0};
};

// "stopped: N delivered this run, M pending, K dead letters", and the outputs that still
// have pending rows ("; pending: slack 2, webhook 1"). Pure.
std::string stop_summary_line(std::size_t delivered_this_run,
                              const std::vector<store::OutboxCounts>& outbox);

// Reads the outbox over a connection of its own (the pipeline's may still be finishing a
// save on its store thread) and logs stop_summary_line at info; a read error is logged
// instead of the counts.
void log_stop_summary(const config::Config& config, std::size_t delivered_this_run);

}  // namespace feedsentry::app
