#pragma once
// The last alerts the daemon wrote to its outbox, newest first, for /status. Filled from the
// state file at start-up and told about each alert once its transaction commits. Holds a
// summary without the feed URL (it may carry a token). Thread-safe.
#include <cstddef>
#include <deque>
#include <mutex>
#include <nlohmann/json.hpp>

#include "alert/alert.h"
#include "store/database.h"

namespace feedsentry::app {

class RecentAlerts {
 public:
  explicit RecentAlerts(std::size_t capacity = 50) : capacity_(capacity) {}

  // Reads the newest alerts from the state file (before the event loop starts).
  core::Result<void> load(store::Database& db);
  void add(const alert::Alert& alert);
  // A JSON array, newest first.
  nlohmann::json json() const;

 private:
  std::size_t capacity_;
  mutable std::mutex mutex_;
  std::deque<nlohmann::json> alerts_;
};

// The /status form of one alert.
nlohmann::json alert_summary_json(const alert::Alert& alert);

}  // namespace feedsentry::app
