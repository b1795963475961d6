#pragma once
// Whether a NEW item (one the seen store does not know) should alert, given the feed's
// history. Keeps the first fetch of a feed from flooding the channel with its archive. Every
// new item is recorded as seen whatever this says. Pure function, no I/O.
#include <optional>

#include "core/clock.h"

namespace feedsentry::store {

enum class FetchHistory {
  kFirstSuccessfulFetch,  // nothing of this feed was recorded before
  kFetchedBefore,
};

// First successful fetch: only items published within `backfill_window` before `now` (or
// later, for clock skew) alert; items without a published time do not, since nothing says
// they are recent. Later fetches: every new item alerts, whatever its date, because a feed
// may publish late or backdate a story the team has not seen.
bool should_alert_new_item(FetchHistory history, std::optional<core::SystemTime> published,
                           core::SystemTime now, core::Duration backfill_window);

}  // namespace feedsentry::store
