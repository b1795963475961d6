#include "fetch/detail/curl_handle.h"

#include <mutex>

namespace feedsentry::fetch::detail {

void ensure_curl_initialized() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

}  // namespace feedsentry::fetch::detail
