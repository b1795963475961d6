#pragma once
// What the poller remembers about one feed between polls and across restarts: HTTP cache
// validators, schedule, failure tracking. Plain data; persisted by FeedStateStore. Times
// are stored with one-second precision. Empty strings mean "none".
#include <chrono>
#include <optional>
#include <string>

#include "core/clock.h"

namespace feedsentry::store {

struct FeedState {
  std::string feed_id;      // the configured URL, or a stable id given by the caller
  std::string current_url;  // after permanent redirects; "" = fetch feed_id
  std::string etag;
  std::string last_modified;
  std::string body_hash;  // of the last 200 body: an unchanged body need not be parsed
  std::optional<core::SystemTime> next_due;  // none: due now
  std::optional<std::chrono::seconds> interval_hint;
  int consecutive_failures = 0;
  std::optional<core::SystemTime> last_success;
  std::optional<core::SystemTime> last_attempt;
  std::string last_error_class;
  std::string last_error_message;
  std::optional<int> last_status;  // last HTTP status
  bool degraded_logged = false;    // "feed degraded" was logged for the current failure run
  bool first_fetch_done = false;   // a fetch succeeded once: later new items all alert
  std::string title;

  friend bool operator==(const FeedState&, const FeedState&) = default;
};

}  // namespace feedsentry::store
