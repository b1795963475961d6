// Stalled peers: a slow drip trips the low-speed limit and a silent host the total timeout,
// while every other transfer on the same loop keeps completing promptly.
#include <chrono>
#include <mutex>
#include <vector>

#include <gtest/gtest.h>

#include "fetcher_fixture.h"

namespace feedsentry::fetch {
namespace {

TEST_F(FetcherTest, SlowDripBodyHitsLowSpeedTimeout) {
  ScriptedResponse drip = ScriptedResponse::with_body(std::string(1000, 'x'), "text/xml");
  drip.drip_bytes = 1;
  drip.drip_interval = 100ms;  // 10 bytes/s: 100 s for the whole body
  server_.on("/feed", drip);
  Request request = get("/feed");
  request.low_speed_limit = 1 << 20;
  request.low_speed_time = 1s;
  request.total_timeout = 30s;
  const Response response = fetch(request);
  EXPECT_EQ(response.error, ErrorClass::kTimeout) << response.error_message;
  EXPECT_GE(response.elapsed, 900ms);
  // The low-speed limit, not the total timeout, ended it; the margin absorbs a loaded machine
  // (libcurl checks the speed once a second).
  EXPECT_LT(response.elapsed, 10s);
  EXPECT_TRUE(response.body.empty());
}

TEST_F(FetcherTest, DelayedHeadersWithinTimeoutSucceed) {
  ScriptedResponse late = ScriptedResponse::with_body("<rss/>", "application/rss+xml");
  late.delay_before_headers = 150ms;
  server_.on("/feed", late);
  const Response response = fetch(get("/feed"));
  ASSERT_TRUE(response.ok()) << response.error_message;
  EXPECT_GE(response.elapsed, 150ms);
}

TEST_F(FetcherTest, SilentHostTimesOutWhileOtherRequestsCompletePromptly) {
  ScriptedResponse silent;
  silent.never_answer = true;
  server_.on("/silent", silent);
  server_.on("/fast", ScriptedResponse::with_body("<rss/>", "application/rss+xml"));
  HttpServer other;
  other.on("/fast", ScriptedResponse::with_body("<rss/>", "application/rss+xml"));

  Request hanging = get("/silent");
  // Long enough that the quick transfers finish before it even on a loaded, sanitized run.
  hanging.total_timeout = 4000ms;
  const auto started = std::chrono::steady_clock::now();
  std::future<Response> hung = start(hanging);

  std::vector<std::future<Response>> quick;
  for (int index = 0; index < 10; ++index) {
    Request request = index % 2 == 0 ? get("/fast") : Request{};
    if (index % 2 != 0) request.url = other.url("/fast");
    quick.push_back(start(request));
  }
  for (std::future<Response>& future : quick) {
    const Response response = await(future);
    EXPECT_TRUE(response.ok()) << response.error_message;
  }
  const auto quick_done = std::chrono::steady_clock::now() - started;
  // Had they waited for the silent host, they would have finished after its timeout.
  EXPECT_LT(quick_done, hanging.total_timeout)
      << "other transfers must not wait for the silent host";
  EXPECT_EQ(hung.wait_for(0ms), std::future_status::timeout)
      << "the silent host's request ended before the others finished";

  const Response timed_out = await(hung);
  EXPECT_EQ(timed_out.error, ErrorClass::kTimeout) << timed_out.error_message;
  EXPECT_GE(timed_out.elapsed, hanging.total_timeout - 100ms);
  EXPECT_LT(timed_out.elapsed, hanging.total_timeout + 5s);  // well before the default 30 s
}

}  // namespace
}  // namespace feedsentry::fetch
