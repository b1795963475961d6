#pragma once
// Small URL views the poller needs: the politeness key of a feed's host, and a form safe to
// log (private feeds carry tokens in user-info or the query string). Pure.
#include <string>
#include <string_view>

namespace feedsentry::poll {

// "host:port" lower-cased without user-info ("file:<path>" for file:// URLs, so local files
// are not paced like one web server); the per-host limits apply to this key.
std::string host_key(std::string_view url);

// scheme://host/path, without user-info, query or fragment.
std::string loggable_url(std::string_view url);

}  // namespace feedsentry::poll
