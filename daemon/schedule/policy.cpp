#include "schedule/policy.h"

#include <string>

namespace feedsentry::schedule {

namespace {
core::Result<void> reject(std::string message) {
  return core::fail(core::ErrorCode::kInvalidArgument, std::move(message));
}
}  // namespace

core::Result<void> validate(const Policy& policy) {
  if (policy.interval <= core::Duration::zero()) return reject("interval must be positive");
  if (!(policy.jitter_fraction >= 0.0 && policy.jitter_fraction < 1.0))
    return reject("jitter fraction must be in [0, 1)");
  if (policy.max_interval < core::Duration::zero())
    return reject("max interval must not be negative");
  if (policy.backoff_base <= core::Duration::zero()) return reject("backoff base must be positive");
  if (policy.backoff_cap < policy.backoff_base)
    return reject("backoff cap must not be smaller than the backoff base");
  if (policy.degraded_after < core::Duration::zero())
    return reject("degraded-after must not be negative");
  if (policy.startup_spread && *policy.startup_spread < core::Duration::zero())
    return reject("start-up spread must not be negative");
  if (policy.overdue_spread < core::Duration::zero())
    return reject("overdue spread must not be negative");
  if (policy.global_concurrency == 0) return reject("global concurrency must be at least 1");
  if (policy.per_host_concurrency == 0) return reject("per-host concurrency must be at least 1");
  if (policy.per_host_min_gap < core::Duration::zero())
    return reject("per-host minimum gap must not be negative");
  return {};
}

}  // namespace feedsentry::schedule
