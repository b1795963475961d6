#pragma once
// Per-output send pacing from a RateLimit ("at most N in any window W", several at once)
// plus a pause requested by the server (a 429's Retry-After). Pure: time is passed in, so
// the delivery loop asks "how long until I may send?" and tests drive it by hand.
// Not thread-safe: owned by one output's delivery loop.
#include <deque>
#include <optional>
#include <vector>

#include "alert/output_spec.h"
#include "core/clock.h"

namespace feedsentry::alert {

class RateLimiter {
 public:
  explicit RateLimiter(RateLimit limit);

  // nullopt when a send is allowed at `now`, else how long to wait.
  std::optional<core::Duration> delay_before_next(core::SystemTime now) const;
  // Counts a send made at `now` (call it for every attempt: a failed one still used quota).
  void record_send(core::SystemTime now);
  // No sends before `until` (extends, never shortens, an existing pause).
  void pause_until(core::SystemTime until);

 private:
  // A sliding log rather than a refilling bucket: a bucket of N that refills at N per W lets
  // up to 2N-1 sends through in one W, which would break a "20 per minute" platform rule.
  struct Window {
    RateWindow limit;
    std::deque<core::SystemTime> sends;  // the last `limit.max_sends` sends, oldest first
  };
  std::vector<Window> windows_;
  std::optional<core::SystemTime> paused_until_;
};

}  // namespace feedsentry::alert
