#include "alert/retry_policy.h"

#include <algorithm>

namespace feedsentry::alert {

core::Duration recovery_bound(const RetryPolicy& policy, core::Duration failing_for) {
  const auto share = core::Duration(static_cast<core::Duration::rep>(
      static_cast<double>(std::max(failing_for, core::Duration::zero()).count()) *
      policy.recovery_share));
  return std::min(policy.max_delay, std::max(policy.recovery_floor, share));
}

core::Duration retry_delay(const RetryPolicy& policy, int attempts, core::Duration failing_for,
                           std::optional<core::Duration> server_hint, double unit_random) {
  const int doublings = std::clamp(attempts - 1, 0, 30);
  const auto grown = policy.first_delay.count() * (std::int64_t{1} << doublings);
  const core::Duration ceiling =
      std::min(core::Duration(grown), recovery_bound(policy, failing_for));
  // A floor of half the first delay keeps a flapping endpoint from being hammered at once.
  const core::Duration floor = std::min(ceiling, policy.first_delay / 2);
  const double draw = std::clamp(unit_random, 0.0, 1.0);
  core::Duration delay = floor + core::Duration(static_cast<core::Duration::rep>(
                                     static_cast<double>((ceiling - floor).count()) * draw));
  if (server_hint) delay = std::max(delay, *server_hint);
  return delay;
}

bool retry_budget_exhausted(const RetryPolicy& policy, core::SystemTime created,
                            core::SystemTime next_attempt) {
  return next_attempt - created > policy.max_age;
}

}  // namespace feedsentry::alert
