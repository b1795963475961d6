#pragma once
// Maps libcurl's result codes onto ErrorClass. Pure; internal to the fetch module.
#include <curl/curl.h>

#include "fetch/error_class.h"

namespace feedsentry::fetch::detail {

// `body_limit_hit` is true when our own write callback refused data because a size limit
// was exceeded: the CURLE_WRITE_ERROR that follows is then kTooLarge, not kOther.
ErrorClass classify_curl_code(CURLcode code, bool body_limit_hit);

}  // namespace feedsentry::fetch::detail
