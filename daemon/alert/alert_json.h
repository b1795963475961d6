#pragma once
// The alert as JSON, schema "feedsentry.alert/v1": what the file sink writes, what the
// generic webhook posts, and (with feed_url added) what the outbox stores so that a restart
// renders exactly the same alert. Times are RFC 3339 UTC, with milliseconds when non-zero.
#include <string>
#include <string_view>

#include "alert/alert.h"
#include "core/result.h"

namespace feedsentry::alert {

inline constexpr std::string_view kAlertSchema = "feedsentry.alert/v1";

// For storage: the full alert, feed_url included.
std::string alert_to_json(const Alert& alert);

// Reads what alert_to_json (or render_json_line) wrote. Unknown fields are ignored so that a
// newer writer's additions do not break an older reader; a different schema is an error.
core::Result<Alert> alert_from_json(std::string_view json);

}  // namespace feedsentry::alert
