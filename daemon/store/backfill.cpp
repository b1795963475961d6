#include "store/backfill.h"

namespace feedsentry::store {

bool should_alert_new_item(FetchHistory history, std::optional<core::SystemTime> published,
                           core::SystemTime now, core::Duration backfill_window) {
  if (history == FetchHistory::kFetchedBefore) return true;
  if (!published) return false;
  return *published >= now - backfill_window;
}

}  // namespace feedsentry::store
