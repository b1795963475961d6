#pragma once
// Small URL views the poller needs: the politeness key of a feed's host, and how a feed is
// named in logs and reports (private feeds carry tokens in the URL: core::redact_url). Pure.
#include <string>
#include <string_view>

#include "core/url.h"

namespace feedsentry::poll {

// "host:port" lower-cased without user-info ("file:<path>" for file:// URLs, so local files
// are not paced like one web server); the per-host limits apply to this key.
std::string host_key(std::string_view url);

// A feed as every log line and report names it: "'NAME' (REDACTED-URL)", or the redacted URL
// alone when the feed has no name. Computed when logged, so the poller stores no label.
std::string feed_label(std::string_view name, std::string_view url, core::UrlSecrecy secrecy);

}  // namespace feedsentry::poll
