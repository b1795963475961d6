#include "schedule/next_poll.h"

#include <algorithm>
#include <cmath>

namespace feedsentry::schedule {

namespace {

core::Duration at_least_minimum(core::Duration delay) {
  return std::max(delay, kMinimumDelay);
}

double sane_jitter_fraction(double fraction) {
  if (!(fraction > 0.0)) return 0.0;  // also NaN
  return std::min(fraction, kAlmostOne);
}

core::Duration scale(core::Duration duration, double factor) {
  return core::Duration(std::llround(static_cast<double>(duration.count()) * factor));
}

core::Duration failure_cap(core::Duration feed_interval, const Policy& policy) {
  return std::max({policy.backoff_cap, feed_interval, at_least_minimum(policy.backoff_base)});
}

}  // namespace

const char* reason_name(DelayReason reason) {
  switch (reason) {
    case DelayReason::kInterval:
      return "interval";
    case DelayReason::kServerHint:
      return "server_hint";
    case DelayReason::kBackoff:
      return "backoff";
    case DelayReason::kRateLimited:
      return "rate_limited";
    case DelayReason::kRetryAfter:
      return "retry_after";
    case DelayReason::kGone:
      return "gone";
  }
  return "unknown";
}

PollDecision next_poll_after_success(core::SystemTime now, core::Duration feed_interval,
                                     const ServerHints& hints, const Policy& policy,
                                     Random& random) {
  core::Duration base = at_least_minimum(feed_interval);
  DelayReason reason = DelayReason::kInterval;
  if (const auto hint = longest_hint(hints, now)) {
    const core::Duration capped = std::min(*hint, policy.max_interval);
    if (capped > base) {
      base = capped;
      reason = DelayReason::kServerHint;
    }
  }
  const double jitter = sane_jitter_fraction(policy.jitter_fraction);
  const double factor = 1.0 + jitter * (2.0 * unit_interval(random) - 1.0);
  return {now + at_least_minimum(scale(base, factor)), reason, false};
}

core::Duration backoff_ceiling(int consecutive_failures, core::Duration feed_interval,
                               const Policy& policy) {
  const core::Duration cap = failure_cap(feed_interval, policy);
  core::Duration ceiling = at_least_minimum(policy.backoff_base);
  for (int doubling = 1; doubling < consecutive_failures && ceiling < cap; ++doubling) {
    ceiling = ceiling > cap / 2 ? cap : ceiling * 2;
  }
  return std::min(ceiling, cap);
}

PollDecision next_poll_after_failure(core::SystemTime now, core::Duration feed_interval,
                                     const Failure& failure, const Policy& policy, Random& random) {
  const core::Duration cap = failure_cap(feed_interval, policy);
  if (failure.http_status == 410) return {now + cap, DelayReason::kGone, true};

  const core::Duration ceiling =
      backoff_ceiling(std::max(failure.consecutive_failures, 1), feed_interval, policy);
  const core::Duration floor = std::min(at_least_minimum(policy.backoff_base), ceiling);
  core::Duration delay = floor + scale(ceiling - floor, unit_interval(random));
  DelayReason reason = DelayReason::kBackoff;

  if (failure.http_status == 429 && delay < feed_interval) {
    delay = feed_interval;
    reason = DelayReason::kRateLimited;
  }
  if (failure.retry_after) {
    const core::SystemTime allowed = std::min(*failure.retry_after, now + cap);
    if (allowed > now + delay) {
      delay = std::chrono::duration_cast<core::Duration>(allowed - now);
      reason = DelayReason::kRetryAfter;
    }
  }
  return {now + delay, reason, false};
}

core::Duration longest_delay(core::Duration feed_interval, const Policy& policy) {
  const core::Duration success_base =
      std::max({at_least_minimum(feed_interval), policy.max_interval});
  const double jitter = sane_jitter_fraction(policy.jitter_fraction);
  return std::max(scale(success_base, 1.0 + jitter), failure_cap(feed_interval, policy));
}

}  // namespace feedsentry::schedule
