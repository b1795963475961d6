#pragma once
// When to try a failed delivery again: exponential backoff with full jitter, bounded by a
// share of how long the output has been failing (so a short outage is followed by a short
// wait, whatever the attempt count), never sooner than the server asked (Retry-After), and
// whether the row has outlived its retry budget. Pure: the random draw and the times come in
// as arguments.
#include <optional>

#include "core/clock.h"

namespace feedsentry::alert {

struct RetryPolicy {
  core::Duration first_delay = std::chrono::seconds(2);
  core::Duration max_delay = std::chrono::minutes(10);
  // give up this long after creation, or after an operator's `outbox retry`
  core::Duration max_age = std::chrono::hours(24);
  // Recovery in proportion to the outage: a retry waits at most
  // max(recovery_floor, recovery_share x the time since the output's first failure in this
  // streak). An output that comes back after failing for T is tried again within that bound
  // of its return, instead of at a backoff drawn from a ceiling that grew with every attempt.
  core::Duration recovery_floor = std::chrono::seconds(5);
  double recovery_share = 0.25;
  friend bool operator==(const RetryPolicy&, const RetryPolicy&) = default;
};

// The longest a retry may wait once the output has been failing for `failing_for`:
// min(max_delay, max(recovery_floor, recovery_share x failing_for)).
core::Duration recovery_bound(const RetryPolicy& policy, core::Duration failing_for);

// Delay before attempt number `attempts + 1`, after `attempts` failures (>= 1) of a row on an
// output failing for `failing_for`: a uniform draw (`unit_random` in [0, 1)) over
// [first_delay / 2, min(first_delay x 2^(attempts-1), recovery_bound(failing_for))], then at
// least `server_hint` (Retry-After wins over every bound).
core::Duration retry_delay(const RetryPolicy& policy, int attempts, core::Duration failing_for,
                           std::optional<core::Duration> server_hint, double unit_random);

// True when a retry at `next_attempt` would fall past the row's budget.
bool retry_budget_exhausted(const RetryPolicy& policy, core::SystemTime created,
                            core::SystemTime next_attempt);

}  // namespace feedsentry::alert
