// Easy handles are reused across requests (a pool in the Fetcher): nothing of one request
// may leak into the next one served by the same handle.
#include <gtest/gtest.h>

#include "fetcher_fixture.h"

namespace feedsentry::fetch {
namespace {

TEST_F(FetcherTest, ARecycledHandleCarriesNothingOverFromThePreviousRequest) {
  server_.on("/post", ScriptedResponse::with_status(204));
  server_.on("/feed", ScriptedResponse::with_body("<rss/>", "application/rss+xml"));

  Request post = get("/post");
  post.method = "POST";
  post.body = "payload";
  post.headers.emplace_back("X-Token", "secret");
  post.etag = "\"old\"";
  post.user_agent = "custom-agent/1";
  ASSERT_TRUE(fetch(std::move(post)).ok());

  // One request at a time, so the second one gets the first one's handle.
  const Response response = fetch(get("/feed"));
  ASSERT_TRUE(response.ok()) << response.error_message;
  EXPECT_EQ(response.body, "<rss/>");

  const auto requests = server_.requests_to("/feed");
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].method, "GET");
  EXPECT_TRUE(requests[0].body.empty());
  EXPECT_FALSE(requests[0].header("X-Token").has_value());
  EXPECT_FALSE(requests[0].header("If-None-Match").has_value());
  EXPECT_NE(requests[0].header("User-Agent").value_or(""), "custom-agent/1");
  EXPECT_EQ(server_.connections_accepted(), 1u);  // and the connection was still reused
}

TEST_F(FetcherTest, ARecycledHandleKeepsEnforcingItsOwnRequestsLimits) {
  server_.on("/big", ScriptedResponse::with_body(std::string(4096, 'x'), "text/plain"));
  Request generous = get("/big");
  generous.max_body = 1u << 20;
  ASSERT_TRUE(fetch(std::move(generous)).ok());

  Request strict = get("/big");
  strict.max_body = 1024;
  const Response refused = fetch(std::move(strict));
  EXPECT_EQ(refused.error, ErrorClass::kTooLarge);

  Request generous_again = get("/big");
  generous_again.max_body = 1u << 20;
  EXPECT_TRUE(fetch(std::move(generous_again)).ok());  // a refused transfer's handle is fine too
}

}  // namespace
}  // namespace feedsentry::fetch
