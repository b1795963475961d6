#include "poll/poll_stats.h"

#include <algorithm>
#include <cmath>

namespace feedsentry::poll {

double PollStats::delay_percentile(double fraction) const {
  if (start_delays_ms.empty()) return 0;
  std::vector<double> sorted = start_delays_ms;
  const auto rank = static_cast<std::size_t>(
      std::clamp(std::ceil(fraction * static_cast<double>(sorted.size())) - 1.0, 0.0,
                 static_cast<double>(sorted.size() - 1)));
  std::nth_element(sorted.begin(), sorted.begin() + static_cast<std::ptrdiff_t>(rank),
                   sorted.end());
  return sorted[rank];
}

}  // namespace feedsentry::poll
