#include "poll/poll_stats.h"

#include <algorithm>
#include <bit>
#include <cmath>

namespace feedsentry::poll {
namespace {

constexpr int kSubBucketBits = 7;
constexpr std::uint64_t kSubBuckets = std::uint64_t{1} << kSubBucketBits;
constexpr int kMaxValueBits = 40;  // 2^40 µs ~ 12.7 days
constexpr std::uint64_t kMaxValue = (std::uint64_t{1} << kMaxValueBits) - 1;
constexpr std::size_t kBucketCount = (kMaxValueBits - kSubBucketBits + 1) * kSubBuckets;

std::size_t bucket_of(std::uint64_t micros) {
  if (micros < kSubBuckets) return static_cast<std::size_t>(micros);
  const int shift = std::bit_width(micros) - 1 - kSubBucketBits;
  const std::uint64_t sub = micros >> shift;  // in [kSubBuckets, 2 * kSubBuckets)
  return static_cast<std::size_t>((static_cast<std::uint64_t>(shift) + 1) * kSubBuckets + sub -
                                  kSubBuckets);
}

// Midpoint of the bucket's value range, in µs.
double bucket_middle(std::size_t bucket) {
  if (bucket < kSubBuckets) return static_cast<double>(bucket);
  const std::uint64_t shift = bucket / kSubBuckets - 1;
  const std::uint64_t sub = bucket % kSubBuckets + kSubBuckets;
  const double low = static_cast<double>(sub << shift);
  const double width = static_cast<double>(std::uint64_t{1} << shift);
  return low + (width - 1) / 2;
}

}  // namespace

DurationHistogram::DurationHistogram() : buckets_(kBucketCount, 0) {}

void DurationHistogram::record_ms(double milliseconds) {
  if (!(milliseconds > 0)) milliseconds = 0;  // also NaN
  const double micros = std::min(milliseconds * 1000.0, static_cast<double>(kMaxValue));
  ++buckets_[bucket_of(static_cast<std::uint64_t>(micros))];
  min_ms_ = count_ == 0 ? milliseconds : std::min(min_ms_, milliseconds);
  max_ms_ = count_ == 0 ? milliseconds : std::max(max_ms_, milliseconds);
  ++count_;
}

double DurationHistogram::quantile_ms(double fraction) const {
  if (count_ == 0) return 0;
  const double wanted = std::ceil(std::clamp(fraction, 0.0, 1.0) * static_cast<double>(count_));
  const std::uint64_t rank =
      std::clamp<std::uint64_t>(static_cast<std::uint64_t>(wanted), 1, count_);
  std::uint64_t seen = 0;
  for (std::size_t bucket = 0; bucket < buckets_.size(); ++bucket) {
    seen += buckets_[bucket];
    if (seen >= rank) return std::clamp(bucket_middle(bucket) / 1000.0, min_ms_, max_ms_);
  }
  return max_ms_;
}

}  // namespace feedsentry::poll
