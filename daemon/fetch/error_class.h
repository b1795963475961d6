#pragma once
// Why a fetch failed, in the coarse classes the scheduler and the alert sinks act on (retry,
// back off, dead-letter, tell the operator). Pure; the mapping from libcurl's codes lives in
// detail/curl_error_class.h so that curl stays out of public headers.
#include <string_view>

namespace feedsentry::fetch {

enum class ErrorClass {
  kNone,        // a complete response: 2xx, 304, or a file read
  kDns,         // the host name did not resolve
  kConnect,     // no connection, or the connection broke (reset, closed) mid-transfer
  kTls,         // handshake or certificate verification failed
  kTimeout,     // connect/total timeout, or the peer stayed below the low-speed limit
  kHttpStatus,  // the server answered >= 400 (Response::status, Response::retry_after)
  kTooLarge,    // the body (wire or decompressed) exceeded the request's limit
  kRedirect,    // too many redirects, a loop, or a 3xx that could not be followed
  kBotWall,     // an HTML page (challenge, captcha, login wall) where a feed was expected
  kProtocol,    // bad URL, scheme not allowed, or the peer broke the protocol
  kFile,        // a file:// URL could not be read
  kCancelled,   // Fetcher::cancel_all() or the Fetcher was destroyed
  kOther,
};

// Stable lower-case name for logs and metrics labels, e.g. "too_large".
std::string_view error_class_name(ErrorClass error);

}  // namespace feedsentry::fetch
