#include "metrics/registry.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "metrics/process.h"

namespace feedsentry::metrics {
namespace {

TEST(MetricsRegistry, RendersEveryKindInTextFormat004) {
  Registry registry;
  const Counter fetches_ok =
      registry.counter("feedsentry_fetches_total", "Feed fetches by result.", {{"result", "ok"}});
  const Counter fetches_304 =
      registry.counter("feedsentry_fetches_total", "Feed fetches by result.", {{"result", "304"}});
  const Gauge degraded = registry.gauge("feedsentry_feeds_degraded", "Feeds failing for long.");
  const Histogram duration = registry.histogram(
      "feedsentry_fetch_duration_seconds", "Fetch duration.", {0.1, 1, 10}, {{"kind", "feed"}});
  registry.gauge_callback("feedsentry_outbox_pending", "Alerts waiting for delivery.",
                          [] { return 7.0; });
  fetches_ok.inc();
  fetches_ok.inc(2);
  fetches_304.inc();
  degraded.set(2);
  degraded.dec();
  duration.observe(0.05);
  duration.observe(1);
  duration.observe(2.5);
  duration.observe(100);

  EXPECT_EQ(registry.render(),
            "# HELP feedsentry_feeds_degraded Feeds failing for long.\n"
            "# TYPE feedsentry_feeds_degraded gauge\n"
            "feedsentry_feeds_degraded 1\n"
            "# HELP feedsentry_fetch_duration_seconds Fetch duration.\n"
            "# TYPE feedsentry_fetch_duration_seconds histogram\n"
            "feedsentry_fetch_duration_seconds_bucket{kind=\"feed\",le=\"0.1\"} 1\n"
            "feedsentry_fetch_duration_seconds_bucket{kind=\"feed\",le=\"1\"} 2\n"
            "feedsentry_fetch_duration_seconds_bucket{kind=\"feed\",le=\"10\"} 3\n"
            "feedsentry_fetch_duration_seconds_bucket{kind=\"feed\",le=\"+Inf\"} 4\n"
            "feedsentry_fetch_duration_seconds_sum{kind=\"feed\"} 103.55\n"
            "feedsentry_fetch_duration_seconds_count{kind=\"feed\"} 4\n"
            "# HELP feedsentry_fetches_total Feed fetches by result.\n"
            "# TYPE feedsentry_fetches_total counter\n"
            "feedsentry_fetches_total{result=\"304\"} 1\n"
            "feedsentry_fetches_total{result=\"ok\"} 3\n"
            "# HELP feedsentry_outbox_pending Alerts waiting for delivery.\n"
            "# TYPE feedsentry_outbox_pending gauge\n"
            "feedsentry_outbox_pending 7\n");
}

TEST(MetricsRegistry, SameNameAndLabelsGiveTheSameSeriesWhateverTheLabelOrder) {
  Registry registry;
  const Counter first = registry.counter("x_total", "X.", {{"b", "2"}, {"a", "1"}});
  const Counter second = registry.counter("x_total", "X.", {{"a", "1"}, {"b", "2"}});
  first.inc();
  second.inc();
  EXPECT_EQ(first.value(), 2u);
  EXPECT_EQ(registry.render(),
            "# HELP x_total X.\n# TYPE x_total counter\nx_total{a=\"1\",b=\"2\"} 2\n");
}

TEST(MetricsRegistry, EscapesLabelValuesAndHelpText) {
  Registry registry;
  registry
      .gauge("feedsentry_feed_up", "Line one\nback\\slash \"quoted\"",
             {{"feed", "Say \"hi\"\\now\nplease"}})
      .set(1);
  EXPECT_EQ(registry.render(),
            "# HELP feedsentry_feed_up Line one\\nback\\\\slash \"quoted\"\n"
            "# TYPE feedsentry_feed_up gauge\n"
            "feedsentry_feed_up{feed=\"Say \\\"hi\\\"\\\\now\\nplease\"} 1\n");
  EXPECT_EQ(escape_label_value("a\"b\\c\nd"), "a\\\"b\\\\c\\nd");
  EXPECT_EQ(escape_help("a\"b\\c\nd"), "a\"b\\\\c\\nd");
  EXPECT_EQ(escape_label_value("Nordkorea – 北朝鮮"), "Nordkorea – 北朝鮮");  // UTF-8 as is
}

TEST(MetricsRegistry, FormatsSpecialAndFractionalValues) {
  EXPECT_EQ(format_value(0), "0");
  EXPECT_EQ(format_value(0.005), "0.005");
  EXPECT_EQ(format_value(-2.5), "-2.5");
  EXPECT_EQ(format_value(86400), "86400");
  EXPECT_EQ(format_value(INFINITY), "+Inf");
  EXPECT_EQ(format_value(-INFINITY), "-Inf");
  EXPECT_EQ(format_value(NAN), "NaN");
  EXPECT_EQ(std::stod(format_value(0.1 + 0.2)), 0.1 + 0.2);  // round-trips
}

TEST(MetricsRegistry, HistogramBucketsAreInclusiveUpperBoundsAndCumulative) {
  Registry registry;
  const Histogram latency = registry.histogram("lat_seconds", "L.", {1, 5});
  for (const double value : {0.0, 1.0, 1.0000001, 5.0, 5.1, -3.0}) latency.observe(value);
  latency.observe(NAN);  // counted in +Inf only
  EXPECT_EQ(latency.count(), 7u);
  const std::string text = registry.render();
  EXPECT_NE(text.find("lat_seconds_bucket{le=\"1\"} 3\n"), std::string::npos) << text;
  EXPECT_NE(text.find("lat_seconds_bucket{le=\"5\"} 5\n"), std::string::npos) << text;
  EXPECT_NE(text.find("lat_seconds_bucket{le=\"+Inf\"} 7\n"), std::string::npos) << text;
  EXPECT_NE(text.find("lat_seconds_count 7\n"), std::string::npos) << text;
}

TEST(MetricsRegistry, UnobservedHistogramRendersZeroBuckets) {
  Registry registry;
  registry.histogram("feedsentry_delivery_latency_seconds", "D.", delivery_latency_buckets());
  const std::string text = registry.render();
  EXPECT_NE(text.find("feedsentry_delivery_latency_seconds_bucket{le=\"86400\"} 0\n"),
            std::string::npos);
  EXPECT_NE(text.find("feedsentry_delivery_latency_seconds_sum 0\n"), std::string::npos);
  EXPECT_NE(text.find("feedsentry_delivery_latency_seconds_count 0\n"), std::string::npos);
}

TEST(MetricsRegistry, BucketHelpersAreStrictlyIncreasing) {
  EXPECT_EQ(exponential_buckets(1, 2, 4), (std::vector<double>{1, 2, 4, 8}));
  for (const auto& buckets : {fetch_duration_buckets(), delivery_latency_buckets()}) {
    for (std::size_t i = 1; i < buckets.size(); ++i) EXPECT_LT(buckets[i - 1], buckets[i]);
  }
  EXPECT_THROW(exponential_buckets(0, 2, 3), std::invalid_argument);
}

TEST(MetricsRegistry, RejectsProgrammerErrors) {
  Registry registry;
  EXPECT_THROW(registry.counter("feedsentry_fetches", "no _total suffix"), std::invalid_argument);
  EXPECT_THROW(registry.gauge("1bad", "B."), std::invalid_argument);
  EXPECT_THROW(registry.gauge("bad-name", "B."), std::invalid_argument);
  EXPECT_THROW(registry.gauge("ok", "B.", {{"__reserved", "x"}}), std::invalid_argument);
  EXPECT_THROW(registry.gauge("ok", "B.", {{"bad-label", "x"}}), std::invalid_argument);
  EXPECT_THROW(registry.gauge("ok", "B.", {{"a", "1"}, {"a", "2"}}), std::invalid_argument);
  EXPECT_THROW(registry.histogram("h", "H.", {1}, {{"le", "1"}}), std::invalid_argument);
  EXPECT_THROW(registry.histogram("h", "H.", {2, 1}), std::invalid_argument);
  EXPECT_THROW(registry.histogram("h", "H.", {1, INFINITY}), std::invalid_argument);
  EXPECT_THROW(registry.histogram("h", "H.", {}), std::invalid_argument);
  registry.gauge("g", "G.");
  EXPECT_THROW(registry.counter("g", "G."), std::invalid_argument);  // not _total, nor a counter
  EXPECT_THROW(registry.gauge("g", "Other help."), std::invalid_argument);
  registry.histogram("h", "H.", {1, 2});
  EXPECT_THROW(registry.histogram("h", "H.", {1, 3}), std::invalid_argument);
  registry.counter("c_total", "C.");
  EXPECT_THROW(registry.gauge("c_total", "C."), std::invalid_argument);
}

TEST(MetricsRegistry, DefaultHandlesAreNoOps) {
  const Counter counter;
  const Gauge gauge;
  const Histogram histogram;
  counter.inc();
  gauge.set(3);
  histogram.observe(1);
  EXPECT_EQ(counter.value(), 0u);
  EXPECT_EQ(gauge.value(), 0.0);
  EXPECT_EQ(histogram.count(), 0u);
}

TEST(MetricsRegistry, CallbacksRunAtEachRenderAndAFailingOneRendersNaN) {
  Registry registry;
  int calls = 0;
  registry.gauge_callback("calls", "Render count.", [&calls] { return ++calls; });
  registry.gauge_callback("broken", "Throws.", []() -> double { throw std::runtime_error("x"); });
  EXPECT_NE(registry.render().find("calls 1\n"), std::string::npos);
  const std::string text = registry.render();
  EXPECT_NE(text.find("calls 2\n"), std::string::npos);
  EXPECT_NE(text.find("broken NaN\n"), std::string::npos);
}

TEST(MetricsRegistry, ConcurrentUpdatesAreAllCounted) {
  Registry registry;
  const Counter counter = registry.counter("hits_total", "H.");
  const Gauge gauge = registry.gauge("level", "L.");
  const Histogram histogram = registry.histogram("obs_seconds", "O.", {0.5, 1.5});
  constexpr int kThreads = 4;
  constexpr int kPerThread = 100'000;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kPerThread; ++i) {
        counter.inc();
        gauge.inc();
        histogram.observe(1.0);
      }
    });
  }
  // Registering and rendering concurrently with the updates is safe too.
  for (int i = 0; i < 50; ++i) {
    registry.counter("hits_total", "H.", {{"n", std::to_string(i)}}).inc();
    (void)registry.render();
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(counter.value(), std::uint64_t{kThreads} * kPerThread);
  EXPECT_EQ(gauge.value(), double{kThreads} * kPerThread);
  EXPECT_EQ(histogram.count(), std::uint64_t{kThreads} * kPerThread);
  EXPECT_EQ(histogram.sum(), double{kThreads} * kPerThread);
  EXPECT_NE(registry.render().find("obs_seconds_bucket{le=\"1.5\"} 400000\n"), std::string::npos);
}

TEST(ProcessFigures, ReportsResidentMemoryAndUptime) {
  const auto rss = resident_memory_bytes();
  ASSERT_TRUE(rss.has_value());
  EXPECT_GT(*rss, 1024u * 1024u);  // a gtest binary is more than 1 MiB resident
  const auto uptime = uptime_seconds();
  ASSERT_TRUE(uptime.has_value());
  EXPECT_GE(*uptime, 0.0);
  EXPECT_LT(*uptime, 3600.0);
  const auto started = start_time_seconds();
  ASSERT_TRUE(started.has_value());
  EXPECT_GT(*started, 1.6e9);
  EXPECT_GE(cpu_seconds(), 0.0);
}

TEST(ProcessFigures, RegistersConventionalProcessMetrics) {
  Registry registry;
  register_process_metrics(registry);
  const std::string text = registry.render();
  for (const char* name : {"process_resident_memory_bytes ", "process_cpu_seconds_total ",
                           "process_start_time_seconds ", "feedsentry_uptime_seconds "}) {
    EXPECT_NE(text.find(std::string("\n") + name), std::string::npos) << name << "\n" << text;
  }
  EXPECT_EQ(text.find("NaN"), std::string::npos) << text;
}

// The rendered output of a registry holding every kind passes Prometheus' own linter.
TEST(MetricsRegistry, PromtoolAcceptsTheRenderedOutput) {
  const char* promtool = "/usr/bin/promtool";
  // scripts/test installs Debian's `prometheus` package, so a missing tool is a failure.
  ASSERT_EQ(access(promtool, X_OK), 0)
      << "promtool not found at /usr/bin/promtool (Debian package 'prometheus'); "
         "cannot lint the exposition text";
  Registry registry;
  registry.counter("feedsentry_fetches_total", "Feed fetches by result.", {{"result", "ok"}})
      .inc(3);
  registry.counter("feedsentry_fetches_total", "Feed fetches by result.", {{"result", "error"}});
  registry.gauge("feedsentry_feeds", "Feeds configured.", {{"state", "degraded"}}).set(2);
  registry
      .gauge("feedsentry_feed_info", "A feed \"label\" with\\escapes\nand lines.",
             {{"feed", "Quote \" back\\slash\nnewline"}})
      .set(1);
  const Histogram fetch = registry.histogram("feedsentry_fetch_duration_seconds",
                                             "Feed fetch duration.", fetch_duration_buckets());
  fetch.observe(0.2);
  fetch.observe(45);
  registry
      .histogram("feedsentry_delivery_latency_seconds", "Publication to delivery latency.",
                 delivery_latency_buckets(), {{"output", "slack"}})
      .observe(12);
  registry.gauge_callback("feedsentry_outbox_pending", "Alerts waiting for delivery.",
                          [] { return 3.0; });
  register_process_metrics(registry);

  const std::filesystem::path path = std::filesystem::temp_directory_path() /
                                     ("feedsentry-metrics-" + std::to_string(getpid()) + ".txt");
  std::ofstream(path) << registry.render();
  const std::string command = std::string(promtool) + " check metrics < " + path.string() + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::string output;
  char buffer[512];
  while (std::fgets(buffer, sizeof buffer, pipe) != nullptr) output += buffer;
  const int status = pclose(pipe);
  std::filesystem::remove(path);
  EXPECT_EQ(status, 0) << output;
  EXPECT_EQ(output, "") << output;
}

}  // namespace
}  // namespace feedsentry::metrics
