// The scheduling-delay histogram: constant memory, quantiles within its stated error.
#include "poll/poll_stats.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

namespace feedsentry::poll {
namespace {

double exact_quantile(std::vector<double> values, double fraction) {
  std::sort(values.begin(), values.end());
  const auto rank = static_cast<std::size_t>(
      std::clamp(std::ceil(fraction * static_cast<double>(values.size())) - 1.0, 0.0,
                 static_cast<double>(values.size() - 1)));
  return values[rank];
}

TEST(DurationHistogram, NoSamplesGiveZero) {
  const PollStats stats;
  EXPECT_EQ(stats.delay_percentile(0.5), 0.0);
  EXPECT_EQ(stats.delay_percentile(0.99), 0.0);
}

TEST(DurationHistogram, QuantilesAreWithinOnePercentOfTheExactOnes) {
  std::mt19937_64 engine(7);
  std::lognormal_distribution<double> delays(0.0, 2.5);  // ms: from µs to seconds
  std::vector<double> values;
  PollStats stats;
  for (int i = 0; i < 100'000; ++i) {
    const double value = delays(engine);
    values.push_back(value);
    stats.start_delays.record_ms(value);
  }
  for (const double fraction : {0.01, 0.5, 0.9, 0.99, 0.999, 1.0}) {
    const double exact = exact_quantile(values, fraction);
    // 1 µs buckets below 0.128 ms (values are truncated to the µs); 1/128 relative above.
    EXPECT_NEAR(stats.delay_percentile(fraction), exact, std::max(0.001, exact / 128))
        << "fraction " << fraction;
  }
  EXPECT_EQ(stats.start_delays.count(), 100'000u);
}

TEST(DurationHistogram, ExtremesAreClampedToWhatWasObserved) {
  DurationHistogram histogram;
  histogram.record_ms(250.0);
  EXPECT_DOUBLE_EQ(histogram.quantile_ms(0.0), 250.0);
  EXPECT_DOUBLE_EQ(histogram.quantile_ms(1.0), 250.0);
  histogram.record_ms(-3.0);  // a clock step backwards counts as no delay
  EXPECT_DOUBLE_EQ(histogram.quantile_ms(0.5), 0.0);
  histogram.record_ms(1e12);  // beyond the range: counted as the largest
  EXPECT_EQ(histogram.count(), 3u);
  EXPECT_GT(histogram.quantile_ms(1.0), 1e9);
}

TEST(DurationHistogram, AMillionSamplesKeepTheirQuantiles) {
  PollStats stats;
  for (int i = 0; i < 1'000'000; ++i) stats.start_delays.record_ms(i % 5000);
  EXPECT_EQ(stats.start_delays.count(), 1'000'000u);
  EXPECT_NEAR(stats.delay_percentile(0.5), 2499, 2500.0 / 128);
  EXPECT_NEAR(stats.delay_percentile(0.99), 4949, 5000.0 / 128);
  EXPECT_DOUBLE_EQ(stats.start_delays.max_ms(), 4999);
}

}  // namespace
}  // namespace feedsentry::poll
