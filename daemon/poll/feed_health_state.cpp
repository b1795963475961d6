#include "poll/feed_health_state.h"

namespace feedsentry::poll {

schedule::FeedHealth health_from_state(const store::FeedState& state) {
  schedule::FeedHealth health;
  health.last_success = state.last_success;
  health.consecutive_failures = state.consecutive_failures;
  health.last_error_class = state.last_error_class;
  health.last_error_message = state.last_error_message;
  health.degraded_logged = state.degraded_logged;
  health.next_due = state.next_due;
  if (state.consecutive_failures > 0) {
    health.failing_since = state.last_attempt;
    health.last_error_at = state.last_attempt;
  }
  return health;
}

void record_health(const schedule::FeedHealth& health, store::FeedState& state) {
  state.last_success = health.last_success;
  state.consecutive_failures = health.consecutive_failures;
  state.last_error_class = health.last_error_class;
  state.last_error_message = health.last_error_message;
  state.degraded_logged = health.degraded_logged;
  state.next_due = health.next_due;
}

}  // namespace feedsentry::poll
