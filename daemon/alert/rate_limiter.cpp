#include "alert/rate_limiter.h"

#include <algorithm>

namespace feedsentry::alert {

RateLimiter::RateLimiter(RateLimit limit) {
  for (const RateWindow& window : limit.windows) {
    if (window.max_sends > 0 && window.window.count() > 0) windows_.push_back(Window{window, {}});
  }
}

std::optional<core::Duration> RateLimiter::delay_before_next(core::SystemTime now) const {
  core::SystemTime allowed_at = now;
  if (paused_until_) allowed_at = std::max(allowed_at, *paused_until_);
  for (const Window& window : windows_) {
    // Only the last max_sends sends are kept; when the log is full, the next send must wait
    // until the oldest of them has left the window.
    if (window.sends.size() >= static_cast<std::size_t>(window.limit.max_sends)) {
      allowed_at = std::max(allowed_at, window.sends.front() + window.limit.window);
    }
  }
  if (allowed_at <= now) return std::nullopt;
  return std::chrono::ceil<core::Duration>(allowed_at - now);
}

void RateLimiter::record_send(core::SystemTime now) {
  for (Window& window : windows_) {
    window.sends.push_back(now);
    while (window.sends.size() > static_cast<std::size_t>(window.limit.max_sends)) {
      window.sends.pop_front();
    }
  }
}

void RateLimiter::pause_until(core::SystemTime until) {
  if (!paused_until_ || until > *paused_until_) paused_until_ = until;
}

}  // namespace feedsentry::alert
