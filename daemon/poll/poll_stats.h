#pragma once
// Counters of one Poller, read by `once`, the stats file and (later) metrics. Fixed size:
// a daemon polling for months records every fetch's scheduling delay in a histogram of
// constant memory instead of a list that grows with each fetch.
#include <cstdint>
#include <vector>

namespace feedsentry::poll {

// Log-linear histogram of durations (HDR-style): 1 µs buckets below 128 µs, then 128 buckets
// per power of two, so a quantile is within 1 µs or 0.8 % of the true sample. Values from 0 to ~12
// days; longer ones count as the largest. Memory is fixed (~35 KB) whatever the number of samples.
class DurationHistogram {
 public:
  DurationHistogram();

  void record_ms(double milliseconds);
  // The smallest recorded value v such that at least `fraction` of the samples are <= v,
  // rounded to its bucket's midpoint and clamped to the observed min/max; 0 without samples.
  double quantile_ms(double fraction) const;
  std::uint64_t count() const { return count_; }
  double max_ms() const { return max_ms_; }

 private:
  std::vector<std::uint64_t> buckets_;
  std::uint64_t count_ = 0;
  double min_ms_ = 0;
  double max_ms_ = 0;
};

struct PollStats {
  std::uint64_t fetches = 0;
  std::uint64_t status_200 = 0;
  std::uint64_t not_modified = 0;    // 304
  std::uint64_t unchanged_body = 0;  // 200 with the same body as last time: not parsed
  std::uint64_t failures = 0;
  std::uint64_t items = 0;
  std::uint64_t new_items = 0;
  std::uint64_t matches = 0;
  std::uint64_t items_recorded_recently = 0;  // skipped the seen store (RecentItems)
  DurationHistogram start_delays;             // due time -> fetch start, one sample per fetch
  std::uint64_t state_batches = 0;            // FeedState transactions written (each many feeds)
  std::uint64_t ingest_transactions = 0;      // store-step transactions (each one or more polls)
  std::size_t largest_ingest_batch = 0;       // most polls one of them carried

  double delay_percentile(double fraction) const { return start_delays.quantile_ms(fraction); }
};

}  // namespace feedsentry::poll
