#pragma once
// One HTTP(S) or file:// request as the fetch module's callers describe it: what to ask for,
// the validators of a conditional GET, and every limit that bounds the transfer. A plain
// value: the Fetcher copies nothing out of it after fetch() returns, it owns it.
#include <chrono>
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace feedsentry::fetch {

struct Request {
  std::string url;
  std::string method = "GET";  // GET, HEAD, POST, PUT, PATCH, DELETE...
  std::string body;            // sent as-is for methods other than GET/HEAD
  std::vector<std::pair<std::string, std::string>> headers;  // extra request headers

  // Conditional GET: the validators stored from the previous 200. Sent as If-None-Match /
  // If-Modified-Since, verbatim; an unchanged resource then costs a bodyless 304.
  std::string etag;
  std::string last_modified;

  std::chrono::milliseconds connect_timeout{10000};
  std::chrono::milliseconds total_timeout{30000};
  // Abort when fewer than low_speed_limit bytes/s arrive for low_speed_time (stalled peers).
  long low_speed_limit = 1024;
  std::chrono::seconds low_speed_time{15};

  // Bytes accepted over the wire (also checked against Content-Length before the body).
  std::size_t max_body = 16u << 20;
  // Bytes accepted after Content-Encoding is undone: the gzip-bomb guard.
  std::size_t max_decompressed = 64u << 20;
  int max_redirects = 5;  // 0: redirects are not followed and a 3xx is reported as kRedirect

  std::string user_agent;  // empty: FetcherOptions::user_agent
  bool verify_tls = true;

  // The caller expects a feed (RSS/Atom/JSON): an HTML page in its place is reported as
  // kBotWall instead of success. Leave false for webhooks and other non-feed requests.
  bool expect_feed = false;
};

}  // namespace feedsentry::fetch
