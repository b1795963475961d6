#pragma once
// Move-only RAII owners of libcurl handles. Internal to the fetch module: only fetch/*.cpp
// include curl. Destroying a CurlEasy that is still added to a multi handle is a bug; the
// owners remove it first (see CurlMultiLoop::remove).
#include <memory>

#include <curl/curl.h>

namespace feedsentry::fetch::detail {

struct CurlEasyDeleter {
  void operator()(CURL* easy) const { curl_easy_cleanup(easy); }
};
struct CurlMultiDeleter {
  void operator()(CURLM* multi) const { curl_multi_cleanup(multi); }
};
struct CurlHeaderListDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

using CurlEasy = std::unique_ptr<CURL, CurlEasyDeleter>;
using CurlMulti = std::unique_ptr<CURLM, CurlMultiDeleter>;
using CurlHeaderList = std::unique_ptr<curl_slist, CurlHeaderListDeleter>;

// curl_global_init once per process, before the first handle; thread-safe.
void ensure_curl_initialized();

}  // namespace feedsentry::fetch::detail
