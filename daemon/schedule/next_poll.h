#pragma once
// When to poll a feed next, after a success or a failure. Pure functions of (now, feed
// interval, outcome, Policy, Random); no clock, no I/O. Every outcome yields a finite due
// time no later than now + longest_delay(): a feed is never disabled, only slowed down.
//
// Typical use by the poller:
//   health = on_poll_failure(std::move(health), now, "http_503", message, policy).health;
//   auto decision = next_poll_after_failure(now, interval, {health.consecutive_failures, 503,
//                                           parse_retry_after(header, now)}, policy, random);
//   health.next_due = decision.next_due;
#include <optional>

#include "core/clock.h"
#include "schedule/policy.h"
#include "schedule/random.h"
#include "schedule/server_hints.h"

namespace feedsentry::schedule {

// No decision ever schedules a poll sooner than this after the previous one.
inline constexpr core::Duration kMinimumDelay = std::chrono::seconds(1);

enum class DelayReason {
  kInterval,     // the feed's own interval
  kServerHint,   // a server/feed hint lengthened the interval
  kBackoff,      // exponential backoff after a failure
  kRateLimited,  // 429 without a usable Retry-After: backoff, but not sooner than the interval
  kRetryAfter,   // the server's Retry-After was later than our own choice
  kGone,         // 410: straight to the longest failure delay
};

const char* reason_name(DelayReason reason);

struct PollDecision {
  core::SystemTime next_due;
  DelayReason reason = DelayReason::kInterval;
  bool log_loudly = false;  // 410 Gone: the feed's URL needs a human
};

// After a success (including 304): base = the feed interval, lengthened (never shortened)
// by longest_hint() capped at policy.max_interval. A feed interval above max_interval is the
// user's explicit choice and is kept. The base is then scaled by a uniform factor in
// [1 - jitter, 1 + jitter] so feeds drift apart instead of firing in lock-step.
PollDecision next_poll_after_success(core::SystemTime now, core::Duration feed_interval,
                                     const ServerHints& hints, const Policy& policy,
                                     Random& random);

struct Failure {
  int consecutive_failures = 1;    // including this failure; values below 1 count as 1
  std::optional<int> http_status;  // nullopt for transport errors (DNS, connect, timeout)
  std::optional<core::SystemTime> retry_after;  // parsed Retry-After, on any status
};

// After a failure, with cap = max(backoff_cap, feed interval) (a feed polled every 12 h when
// healthy is not retried more often than that once it is long dead):
//   ceiling = min(cap, backoff_base * 2^(failures - 1))
//   delay   = uniform in [backoff_base, ceiling]   ("full jitter" above a floor)
// Why a floor and not uniform(0, ceiling): an immediate retry hammers a struggling server
// and rarely succeeds; one backoff_base (1 min) later often does. Why not "at least the
// normal interval": a transient blip would then cost a whole interval of news latency; with
// the defaults the backoff passes the 5 min interval by the 4th failure anyway. Feeds that
// failed together (an outage) still spread over the whole window instead of retrying
// together.
// 429: same, but never sooner than the feed interval (we were asked to slow down).
// Retry-After (honoured on any status, for this feed only): next = max(computed,
//   retry_after), with retry_after capped at now + cap: a server cannot park a feed for
//   months, which would amount to disabling it.
// 410 Gone: delay = cap straight away, log_loudly = true. Still polled, in case the URL
//   comes back or was a misconfigured server.
PollDecision next_poll_after_failure(core::SystemTime now, core::Duration feed_interval,
                                     const Failure& failure, const Policy& policy, Random& random);

// The exponential ceiling above, exposed for tests and metrics.
core::Duration backoff_ceiling(int consecutive_failures, core::Duration feed_interval,
                               const Policy& policy);

// The longest delay any decision above can produce for this feed; start-up treats a
// persisted due time further away than this as corrupt (clock moved back, config changed).
core::Duration longest_delay(core::Duration feed_interval, const Policy& policy);

}  // namespace feedsentry::schedule
