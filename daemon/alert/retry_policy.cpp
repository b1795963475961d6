#include "alert/retry_policy.h"

#include <algorithm>

namespace feedsentry::alert {

core::Duration retry_delay(const RetryPolicy& policy, int attempts,
                           std::optional<core::Duration> server_hint, double unit_random) {
  const int doublings = std::clamp(attempts - 1, 0, 30);
  const auto grown = policy.first_delay.count() * (std::int64_t{1} << doublings);
  const core::Duration ceiling(std::min<std::int64_t>(grown, policy.max_delay.count()));
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
