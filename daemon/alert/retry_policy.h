#pragma once
// When to try a failed delivery again: exponential backoff with full jitter, never sooner
// than the server asked (Retry-After), and whether the row has outlived its retry budget.
// Pure: the random draw and the times come in as arguments.
#include <optional>

#include "core/clock.h"

namespace feedsentry::alert {

struct RetryPolicy {
  core::Duration first_delay = std::chrono::seconds(2);
  core::Duration max_delay = std::chrono::minutes(10);
  core::Duration max_age = std::chrono::hours(24);  // give up this long after creation
  friend bool operator==(const RetryPolicy&, const RetryPolicy&) = default;
};

// Delay before attempt number `attempts + 1`, after `attempts` failures (>= 1): a uniform
// draw (`unit_random` in [0, 1)) over [first_delay / 2, min(max_delay, first_delay *
// 2^(attempts-1))], then at least `server_hint`.
core::Duration retry_delay(const RetryPolicy& policy, int attempts,
                           std::optional<core::Duration> server_hint, double unit_random);

// True when a retry at `next_attempt` would fall past the row's budget.
bool retry_budget_exhausted(const RetryPolicy& policy, core::SystemTime created,
                            core::SystemTime next_attempt);

}  // namespace feedsentry::alert
