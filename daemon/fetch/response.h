#pragma once
// The outcome of one fetch: status, body and the caching/politeness headers the poller
// stores, or the class of failure. Every fetch ends in exactly one Response; failures are
// values here, never exceptions. The body is only kept when a complete response arrived.
#include <chrono>
#include <optional>
#include <string>

#include "fetch/error_class.h"

namespace feedsentry::fetch {

struct Response {
  long status = 0;   // final HTTP status; 0 for file:// and when no response arrived
  std::string body;  // decoded (Content-Encoding undone); empty after a transport failure

  // Headers of the final response, verbatim (repeated headers joined with ", ").
  std::string etag;
  std::string last_modified;
  std::string content_type;
  std::string cache_control;
  std::string expires;
  std::string retry_after;  // seconds or an HTTP date, as sent; parse it where it is used

  // After redirects. Like the request URL it may carry credentials or tokens: log it only
  // through core::redact_url.
  std::string effective_url;
  // Set only when every redirect followed was permanent (301/308) and the final response
  // succeeded: the URL the caller should store instead of the one it asked for.
  std::optional<std::string> permanent_redirect_url;
  int redirects = 0;

  ErrorClass error = ErrorClass::kNone;
  std::string error_message;  // human-readable; never contains the request URL
  std::chrono::milliseconds elapsed{0};

  bool not_modified() const { return status == 304; }
  // A usable answer: 2xx, 304, or a file read. Everything else has error != kNone.
  bool ok() const { return error == ErrorClass::kNone; }
};

}  // namespace feedsentry::fetch
