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
  const Response response = fetch(request);
  EXPECT_EQ(response.error, ErrorClass::kTimeout) << response.error_message;
  EXPECT_GE(response.elapsed, 900ms);
  EXPECT_LT(response.elapsed, 3s);
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
  hanging.total_timeout = 1500ms;
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
  EXPECT_LT(quick_done, 1000ms) << "other transfers must not wait for the silent host";

  const Response timed_out = await(hung);
  EXPECT_EQ(timed_out.error, ErrorClass::kTimeout) << timed_out.error_message;
  EXPECT_GE(timed_out.elapsed, 1400ms);
  EXPECT_LT(timed_out.elapsed, 3000ms);
}

}  // namespace
}  // namespace feedsentry::fetch
