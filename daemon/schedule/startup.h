#pragma once
// First due times after the daemon starts. Pure and deterministic: a feed's offset inside
// the spread window comes from a hash of its id, so a restart reproduces the same pattern
// and feeds added together do not fire together.
#include <optional>
#include <string_view>

#include "core/clock.h"
#include "schedule/policy.h"

namespace feedsentry::schedule {

// A fraction in [0, 1) derived from the feed id; stable across runs, builds and platforms.
double spread_fraction(std::string_view feed_id);

// - No persisted due time (new feed): now + fraction * startup spread (default: interval).
// - Persisted due time in the future: kept, so a restart does not reset backoff or hints.
// - Persisted due time already passed (downtime): now + fraction * overdue spread
//   (min(overdue_spread, startup spread), default 1 min). The feed is late already; a short
//   spread avoids one burst of every feed at once while catching up quickly, and the host
//   and global limits pace whatever is left.
// - Persisted due time further ahead than longest_delay(): no decision of ours could have
//   produced it (the clock moved back, or the feed's interval was shortened in config), so
//   the feed is treated as new.
core::SystemTime initial_due(std::string_view feed_id,
                             std::optional<core::SystemTime> persisted_next_due,
                             core::SystemTime now, core::Duration feed_interval,
                             const Policy& policy);

}  // namespace feedsentry::schedule
