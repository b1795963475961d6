#pragma once
// Decides the error class of a transfer that completed at the transport level, from the
// final status and what the body looks like. Pure.
//
// - 2xx/304 succeed, except that an HTML page where a feed was expected is a kBotWall.
// - 403/503 carrying a challenge page are a kBotWall when a feed was expected; a plain HTML
//   error page keeps kHttpStatus, so a real 503 outage stays retryable.
// - any other status >= 400 is kHttpStatus; a final 3xx (redirect not followed) is kRedirect.
#include "fetch/body_classifier.h"
#include "fetch/error_class.h"

namespace feedsentry::fetch {

// `status` is 0 for non-HTTP transfers (file://), which always succeed here.
ErrorClass classify_status(long status, BodyClass body, bool expect_feed);

}  // namespace feedsentry::fetch
