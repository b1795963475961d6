#pragma once
// Internal: the "feedsentry.alert/v1" document as an nlohmann::json object, shared by the
// outbox storage form, the file sink's JSON lines and the generic webhook body.
#include <nlohmann/json.hpp>

#include "alert/alert.h"

namespace feedsentry::alert::detail {

// Keys keep the documented order (schema first). `for_storage` adds feed_url, which public outputs
// omit because it may carry a token.
nlohmann::ordered_json alert_document(const Alert& alert, bool for_storage);

}  // namespace feedsentry::alert::detail
