#pragma once
// Settings of one Fetcher that apply across requests: connection pool sizes and defaults.
// app/ fills this from the config; per-request limits live in Request.
#include <chrono>
#include <string>

namespace feedsentry::fetch {

struct FetcherOptions {
  long max_host_connections = 4;     // parallel connections per host (politeness)
  long max_total_connections = 256;  // parallel connections overall; 0 = unlimited
  long max_idle_connections = 64;    // idle connections kept for reuse
  std::chrono::seconds dns_cache_ttl{300};
  std::string user_agent;  // empty: "feedsentry/<version>"
};

}  // namespace feedsentry::fetch
