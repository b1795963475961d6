#pragma once
// Counters of one Poller, read by `once`, the stats file and (later) metrics.
#include <cstdint>
#include <vector>

namespace feedsentry::poll {

struct PollStats {
  std::uint64_t fetches = 0;
  std::uint64_t status_200 = 0;
  std::uint64_t not_modified = 0;    // 304
  std::uint64_t unchanged_body = 0;  // 200 with the same body as last time: not parsed
  std::uint64_t failures = 0;
  std::uint64_t items = 0;
  std::uint64_t new_items = 0;
  std::uint64_t matches = 0;
  std::vector<double> start_delays_ms;  // due time -> fetch start, one per fetch

  double delay_percentile(double fraction) const;
};

}  // namespace feedsentry::poll
