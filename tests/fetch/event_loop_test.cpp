// The multi/asio loop itself: connections are reused, many transfers run at once on one
// thread, callbacks may start new fetches, and cancellation completes every callback.
#include <atomic>
#include <vector>

#include <gtest/gtest.h>

#include "fetcher_fixture.h"

namespace feedsentry::fetch {
namespace {

TEST_F(FetcherTest, SequentialRequestsReuseOneConnection) {
  server_.on("/feed", ScriptedResponse::with_body("<rss/>", "application/rss+xml"));
  constexpr int kRequests = 20;
  // Each request is started from the previous one's callback, as a poller would.
  auto finished = std::make_shared<std::promise<int>>();
  std::future<int> all_done = finished->get_future();
  auto ok_count = std::make_shared<int>(0);
  auto next = std::make_shared<std::function<void(int)>>();
  *next = [this, finished, ok_count, next](int remaining) {
    if (remaining == 0) {
      finished->set_value(*ok_count);
      *next = nullptr;  // break the self-reference
      return;
    }
    fetcher_->fetch(get("/feed"), [ok_count, next, remaining](Response response) {
      if (response.ok()) ++*ok_count;
      (*next)(remaining - 1);
    });
  };
  io_.post([next] { (*next)(kRequests); });
  ASSERT_EQ(all_done.wait_for(10s), std::future_status::ready);
  EXPECT_EQ(all_done.get(), kRequests);
  EXPECT_EQ(server_.requests().size(), static_cast<std::size_t>(kRequests));
  EXPECT_EQ(server_.connections_accepted(), 1u);
}

TEST_F(FetcherTest, ServerClosingTheConnectionMakesTheNextRequestReconnect) {
  ScriptedResponse closing = ScriptedResponse::with_body("<rss/>", "application/rss+xml");
  closing.close_after = true;
  server_.on("/feed", closing);
  ASSERT_TRUE(fetch(get("/feed")).ok());
  ASSERT_TRUE(fetch(get("/feed")).ok());
  EXPECT_EQ(server_.connections_accepted(), 2u);
}

TEST_F(FetcherTest, ManyConcurrentTransfersCompleteOnOneThread) {
  ScriptedResponse slowish = ScriptedResponse::with_body("<rss/>", "application/rss+xml");
  slowish.delay_before_headers = 50ms;
  server_.on("/feed", slowish);
  constexpr int kRequests = 40;
  std::vector<std::future<Response>> futures;
  for (int index = 0; index < kRequests; ++index) {
    futures.push_back(start(get("/feed?n=" + std::to_string(index))));
  }
  for (std::future<Response>& future : futures) {
    const Response response = await(future);
    EXPECT_TRUE(response.ok()) << response.error_message;
  }
  EXPECT_EQ(in_flight(), 0u);
  // The per-host cap (FetcherOptions::max_host_connections) bounds the connections opened.
  EXPECT_LE(server_.connections_accepted(),
            static_cast<std::size_t>(FetcherOptions{}.max_host_connections));
}

TEST_F(FetcherTest, CancelAllCompletesEveryPendingCallback) {
  ScriptedResponse silent;
  silent.never_answer = true;
  server_.on("/silent", silent);
  std::vector<std::future<Response>> futures;
  for (int index = 0; index < 3; ++index) futures.push_back(start(get("/silent")));
  ASSERT_TRUE(server_.wait_for_requests(3, 5s));
  EXPECT_EQ(in_flight(), 3u);

  io_.post([this] { fetcher_->cancel_all(); });
  for (std::future<Response>& future : futures) {
    const Response response = await(future);  // cancelled at once; 10 s is the hang guard
    EXPECT_EQ(response.error, ErrorClass::kCancelled);
  }
  EXPECT_EQ(in_flight(), 0u);
  // The connections are really closed, not left to time out.
  EXPECT_TRUE(server_.wait_until(
      [](const std::vector<RecordedRequest>& requests) {
        for (const RecordedRequest& request : requests) {
          if (request.outcome != ResponseOutcome::kClientGone) return false;
        }
        return true;
      },
      10s));  // well before the 30 s total timeout that would close them otherwise
}

TEST_F(FetcherTest, DestroyingFetcherCancelsPendingTransfers) {
  ScriptedResponse silent;
  silent.never_answer = true;
  server_.on("/silent", silent);
  std::future<Response> future = start(get("/silent"));
  ASSERT_TRUE(server_.wait_for_requests(1, 5s));
  ASSERT_TRUE(io_.run([this] { fetcher_.reset(); }));
  EXPECT_EQ(await(future).error, ErrorClass::kCancelled);
  ASSERT_TRUE(io_.run([this] { fetcher_ = std::make_unique<Fetcher>(io_.context()); }));
}

TEST_F(FetcherTest, PostSendsBodyHeadersAndUserAgent) {
  server_.on("/hook", ScriptedResponse::with_body("ok", "text/plain"));
  Request request = get("/hook");
  request.method = "POST";
  request.body = std::string(4096, 'j');  // large enough that curl would ask for 100-continue
  request.headers = {{"Content-Type", "application/json"}, {"webhook-id", "msg_1"}};
  request.user_agent = "feedsentry-test/1";
  const Response response = fetch(request);
  ASSERT_TRUE(response.ok()) << response.error_message;
  EXPECT_EQ(response.body, "ok");
  const auto requests = server_.requests_to("/hook");
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].method, "POST");
  EXPECT_EQ(requests[0].body, request.body);
  EXPECT_EQ(requests[0].header("Content-Type"), "application/json");
  EXPECT_EQ(requests[0].header("webhook-id"), "msg_1");
  EXPECT_EQ(requests[0].header("User-Agent"), "feedsentry-test/1");
  EXPECT_FALSE(requests[0].header("Expect"));
}

TEST_F(FetcherTest, PutUsesCustomMethod) {
  server_.on("/txn/1", ScriptedResponse::with_body("{}", "application/json"));
  Request request = get("/txn/1");
  request.method = "PUT";
  request.body = "{\"msgtype\":\"m.text\"}";
  ASSERT_TRUE(fetch(request).ok());
  const auto requests = server_.requests_to("/txn/1");
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].method, "PUT");
  EXPECT_EQ(requests[0].body, request.body);
}

TEST_F(FetcherTest, DefaultUserAgentNamesFeedsentry) {
  server_.on("/feed", ScriptedResponse::with_body("<rss/>", "application/rss+xml"));
  ASSERT_TRUE(fetch(get("/feed")).ok());
  const auto requests = server_.requests_to("/feed");
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].header("User-Agent").value_or("").rfind("feedsentry/", 0), 0u);
}

}  // namespace
}  // namespace feedsentry::fetch
