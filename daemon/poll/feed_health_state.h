#pragma once
// The one mapping between a feed's persisted state (store::FeedState) and the scheduler's
// health bookkeeping (schedule::FeedHealth), which the poller keeps side by side: read once
// when state is loaded, written back after every poll. Pure.
#include "schedule/feed_health.h"
#include "store/feed_state.h"

namespace feedsentry::poll {

// The health a feed resumes with after a restart. The start of a failure streak is not
// stored; the last (failed) attempt stands in for it, so "degraded" is reported at the
// earliest one degraded_after later.
schedule::FeedHealth health_from_state(const store::FeedState& state);

// Copies every health field that FeedState stores into `state`; the rest is left alone.
void record_health(const schedule::FeedHealth& health, store::FeedState& state);

}  // namespace feedsentry::poll
