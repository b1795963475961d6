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
  // How long after starting requests (or after a round that found responses ready) the
  // loop looks for the next ready sockets, instead of waking for each one as it becomes
  // readable. Answers that arrive within the window are handled in one wake-up, which
  // matters when a batch of fetches starts at once; slower ones are still handled as they
  // arrive. Adds at most this much to a step of a fast transfer. 0: wake for every event.
  std::chrono::microseconds coalesce_window{2000};
  std::string user_agent;  // empty: "feedsentry/<version>"
};

}  // namespace feedsentry::fetch
