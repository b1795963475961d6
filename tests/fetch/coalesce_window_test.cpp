// The loop's two ways of learning about ready sockets: polling the set a coalescing window
// after requests start (the default), and waking on every event (coalesce_window 0). Both
// must complete every transfer and keep reusing pooled connections.
#include <chrono>
#include <future>
#include <vector>

#include <gtest/gtest.h>

#include "fetcher_fixture.h"

namespace feedsentry::fetch {
namespace {

class CoalesceWindowTest : public FetcherTest,
                           public ::testing::WithParamInterface<std::chrono::microseconds> {
 protected:
  CoalesceWindowTest() {
    FetcherOptions options;
    options.coalesce_window = GetParam();
    EXPECT_TRUE(io_.run([&] { fetcher_ = std::make_unique<Fetcher>(io_.context(), options); }));
  }
};

TEST_P(CoalesceWindowTest, BatchesOfRequestsCompleteOnPooledConnections) {
  server_.on("/feed", ScriptedResponse::with_body("<rss/>", "application/rss+xml"));
  for (int round = 0; round < 3; ++round) {
    std::vector<std::future<Response>> batch;
    for (int index = 0; index < 8; ++index) batch.push_back(start(get("/feed")));
    for (std::future<Response>& future : batch) {
      const Response response = await(future);
      ASSERT_TRUE(response.ok()) << response.error_message;
      EXPECT_EQ(response.body, "<rss/>");
    }
  }
  EXPECT_EQ(in_flight(), 0u);
  EXPECT_LE(server_.connections_accepted(),
            static_cast<std::size_t>(FetcherOptions{}.max_host_connections));
}

TEST_P(CoalesceWindowTest, APooledConnectionClosedByTheServerIsReplaced) {
  ScriptedResponse closing = ScriptedResponse::with_body("<rss/>", "application/rss+xml");
  closing.close_after = true;
  server_.on("/feed", closing);
  ASSERT_TRUE(fetch(get("/feed")).ok());
  ASSERT_TRUE(fetch(get("/feed")).ok());
  ASSERT_TRUE(fetch(get("/feed")).ok());
  EXPECT_EQ(server_.connections_accepted(), 3u);
}

INSTANTIATE_TEST_SUITE_P(Windows, CoalesceWindowTest,
                         ::testing::Values(std::chrono::microseconds(0),
                                           std::chrono::microseconds(2000)));

}  // namespace
}  // namespace feedsentry::fetch
