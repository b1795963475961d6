#include "schedule/feed_health.h"

#include <limits>
#include <utility>

namespace feedsentry::schedule {

HealthUpdate on_poll_success(FeedHealth health, core::SystemTime now) {
  const bool was_degraded = health.degraded_logged;
  health.last_success = now;
  health.consecutive_failures = 0;
  health.failing_since.reset();
  health.degraded_logged = false;
  return {std::move(health), was_degraded ? HealthEvent::kRecovered : HealthEvent::kNone};
}

HealthUpdate on_poll_failure(FeedHealth health, core::SystemTime now, std::string_view error_class,
                             std::string_view error_message, const Policy& policy) {
  if (health.consecutive_failures < std::numeric_limits<int>::max()) ++health.consecutive_failures;
  if (!health.failing_since) health.failing_since = now;
  health.last_error_at = now;
  health.last_error_class = std::string(error_class);
  health.last_error_message = std::string(error_message);

  HealthEvent event = HealthEvent::kNone;
  if (!health.degraded_logged && now - *health.failing_since >= policy.degraded_after) {
    health.degraded_logged = true;
    event = HealthEvent::kDegraded;
  }
  return {std::move(health), event};
}

}  // namespace feedsentry::schedule
