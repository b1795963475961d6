#pragma once
// The tunables of the feed scheduler, with every default in one place. The app translates
// config into this struct; schedule/ never reads config itself. Plain value type.
#include <algorithm>
#include <chrono>
#include <cstddef>
#include <optional>

#include "core/clock.h"
#include "core/result.h"

namespace feedsentry::schedule {

using namespace std::chrono_literals;

struct Policy {
  // Normal time between polls of a healthy feed (a feed may override it).
  core::Duration interval = 5min;
  // Each success delay is scaled by a uniform factor in [1 - jitter, 1 + jitter).
  double jitter_fraction = 0.10;
  // Server hints (max-age, Expires, <ttl>, sy:updatePeriod) may lengthen the interval up to this.
  core::Duration max_interval = 6h;
  // Failure backoff: the ceiling doubles from backoff_base per consecutive failure up to the cap.
  core::Duration backoff_base = 1min;
  core::Duration backoff_cap = 6h;
  // A feed failing for this long is reported as degraded (once).
  core::Duration degraded_after = 1h;
  // New feeds' first polls are spread over this window; unset means `interval`.
  std::optional<core::Duration> startup_spread;
  // Feeds already overdue at start-up are spread over min(this, startup spread).
  core::Duration overdue_spread = 1min;
  std::size_t global_concurrency = 64;
  std::size_t per_host_concurrency = 2;
  // Minimum time between two request starts to the same host.
  core::Duration per_host_min_gap = 1s;

  core::Duration effective_startup_spread() const { return startup_spread.value_or(interval); }
  core::Duration effective_overdue_spread() const {
    return std::min(overdue_spread, effective_startup_spread());
  }
  // The interval of a feed: its own override, or the default.
  core::Duration interval_for(std::optional<core::Duration> feed_override) const {
    return feed_override.value_or(interval);
  }
};

// Rejects values that would make the scheduler hammer servers or stall (zero interval,
// zero concurrency, jitter >= 1, negative durations). The decision functions also clamp
// defensively, so an unvalidated Policy degrades gracefully instead of misbehaving.
core::Result<void> validate(const Policy& policy);

}  // namespace feedsentry::schedule
