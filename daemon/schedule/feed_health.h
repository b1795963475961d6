#pragma once
// Per-feed health bookkeeping and the decision to log "degraded" / "recovered". Pure: each
// update takes the old state by value and returns the new one with the event to log, so the
// poller persists and logs exactly what this returns.
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "schedule/policy.h"

namespace feedsentry::schedule {

struct FeedHealth {
  std::optional<core::SystemTime> last_success;
  std::optional<core::SystemTime> last_error_at;
  std::string last_error_class;    // short and stable, e.g. "timeout", "http_503", "parse"
  std::string last_error_message;  // human-readable, URL already redacted by the caller
  int consecutive_failures = 0;
  // First failure of the current streak; unset while the feed is healthy.
  std::optional<core::SystemTime> failing_since;
  std::optional<core::SystemTime> next_due;  // set by the poller from a PollDecision
  bool degraded_logged = false;
};

enum class HealthEvent {
  kNone,
  kDegraded,   // log once: the feed has been failing for at least degraded_after
  kRecovered,  // log once: a feed reported degraded succeeded again
};

struct HealthUpdate {
  FeedHealth health;
  HealthEvent event = HealthEvent::kNone;
};

// Clears the failure streak; kRecovered if "degraded" had been logged.
HealthUpdate on_poll_success(FeedHealth health, core::SystemTime now);

// Counts the failure and records the error. kDegraded once per streak, on the first failure
// at least policy.degraded_after after the streak began. The streak start is the first
// failure, not the last success: for a feed polled every 6 h, "last success" is always hours
// old, so one transient failure would already count as an hour of failing. For a feed that
// never succeeded the two are the same thing.
HealthUpdate on_poll_failure(FeedHealth health, core::SystemTime now, std::string_view error_class,
                             std::string_view error_message, const Policy& policy);

}  // namespace feedsentry::schedule
