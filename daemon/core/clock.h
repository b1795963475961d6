#pragma once
// Time comes through a Clock so scheduling and state decisions can be tested with a manual
// clock. Wall time (SystemTime) is what is persisted and compared across restarts; the event
// loop turns "due at" wall times into steady-timer waits.
#include <chrono>
#include <cstdint>
#include <mutex>

namespace feedsentry::core {

using SystemTime = std::chrono::system_clock::time_point;
using Duration = std::chrono::milliseconds;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual SystemTime now() const = 0;
};

class SystemClock final : public Clock {
 public:
  SystemTime now() const override { return std::chrono::system_clock::now(); }
};

// For tests: time moves only when the test says so. Thread-safe.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(SystemTime start = SystemTime(std::chrono::seconds(1'700'000'000)))
      : now_(start) {}
  SystemTime now() const override {
    std::lock_guard lock(mutex_);
    return now_;
  }
  void advance(Duration step) {
    std::lock_guard lock(mutex_);
    now_ += step;
  }
  void set(SystemTime time) {
    std::lock_guard lock(mutex_);
    now_ = time;
  }

 private:
  mutable std::mutex mutex_;
  SystemTime now_;
};

// Seconds since the Unix epoch, the form stored in SQLite.
inline std::int64_t to_unix_seconds(SystemTime time) {
  return std::chrono::duration_cast<std::chrono::seconds>(time.time_since_epoch()).count();
}
inline SystemTime from_unix_seconds(std::int64_t seconds) {
  return SystemTime(std::chrono::seconds(seconds));
}

// Milliseconds since the Unix epoch: where delivery latency is stored.
inline std::int64_t to_unix_millis(SystemTime time) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(time.time_since_epoch()).count();
}

inline SystemTime from_unix_millis(std::int64_t millis) {
  return SystemTime(std::chrono::milliseconds(millis));
}

}  // namespace feedsentry::core
