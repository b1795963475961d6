// Redirects: followed up to the limit, permanent moves reported so the stored URL can be
// updated, loops and file:// targets refused.
#include <gtest/gtest.h>

#include "fetcher_fixture.h"

namespace feedsentry::fetch {
namespace {

constexpr std::string_view kFeed = "<rss version=\"2.0\"/>";

TEST_F(FetcherTest, PermanentRedirectChainReportsTheFinalUrl) {
  server_.on("/old", ScriptedResponse::redirect(301, "/older"));
  server_.on("/older", ScriptedResponse::redirect(308, server_.url("/new")));
  server_.on("/new", ScriptedResponse::with_body(std::string(kFeed), "application/rss+xml"));
  const Response response = fetch(get("/old"));
  ASSERT_TRUE(response.ok()) << response.error_message;
  EXPECT_EQ(response.body, kFeed);
  EXPECT_EQ(response.redirects, 2);
  EXPECT_EQ(response.effective_url, server_.url("/new"));
  ASSERT_TRUE(response.permanent_redirect_url);
  EXPECT_EQ(*response.permanent_redirect_url, server_.url("/new"));
}

TEST_F(FetcherTest, TemporaryHopInChainMeansNoPermanentUrl) {
  server_.on("/old", ScriptedResponse::redirect(301, "/moving"));
  server_.on("/moving", ScriptedResponse::redirect(302, "/new"));
  server_.on("/new", ScriptedResponse::with_body(std::string(kFeed), "application/rss+xml"));
  const Response response = fetch(get("/old"));
  ASSERT_TRUE(response.ok()) << response.error_message;
  EXPECT_EQ(response.redirects, 2);
  EXPECT_EQ(response.effective_url, server_.url("/new"));
  EXPECT_FALSE(response.permanent_redirect_url);
}

TEST_F(FetcherTest, PermanentRedirectToFailingTargetIsNotReported) {
  server_.on("/old", ScriptedResponse::redirect(301, "/gone"));
  server_.on("/gone", ScriptedResponse::with_status(410));
  const Response response = fetch(get("/old"));
  EXPECT_EQ(response.error, ErrorClass::kHttpStatus);
  EXPECT_EQ(response.status, 410);
  EXPECT_FALSE(response.permanent_redirect_url);
}

TEST_F(FetcherTest, RedirectLoopIsRedirectError) {
  server_.on("/a", ScriptedResponse::redirect(302, "/b"));
  server_.on("/b", ScriptedResponse::redirect(302, "/a"));
  Request request = get("/a");
  request.max_redirects = 5;
  const Response response = fetch(request);
  EXPECT_EQ(response.error, ErrorClass::kRedirect);
  EXPECT_EQ(response.error_message, "redirect loop");
  EXPECT_LE(server_.requests().size(), 6u) << "the limit bounds the requests sent";
}

TEST_F(FetcherTest, TooManyDistinctRedirectsIsRedirectError) {
  for (int hop = 0; hop < 4; ++hop) {
    server_.on("/" + std::to_string(hop),
               ScriptedResponse::redirect(301, "/" + std::to_string(hop + 1)));
  }
  Request request = get("/0");
  request.max_redirects = 2;
  const Response response = fetch(request);
  EXPECT_EQ(response.error, ErrorClass::kRedirect);
  EXPECT_EQ(response.error_message, "more than 2 redirects");
}

TEST_F(FetcherTest, RedirectIsReportedNotFollowedWhenLimitIsZero) {
  server_.on("/hook", ScriptedResponse::redirect(301, "/elsewhere"));
  Request request = get("/hook");
  request.max_redirects = 0;
  const Response response = fetch(request);
  EXPECT_EQ(response.error, ErrorClass::kRedirect);
  EXPECT_EQ(response.status, 301);
  EXPECT_TRUE(server_.requests_to("/elsewhere").empty());
}

TEST_F(FetcherTest, RedirectToFileUrlIsRefused) {
  server_.on("/feed", ScriptedResponse::redirect(302, "file:///etc/passwd"));
  const Response response = fetch(get("/feed"));
  EXPECT_FALSE(response.ok());
  EXPECT_EQ(response.error, ErrorClass::kProtocol);
  EXPECT_TRUE(response.body.empty());
}

}  // namespace
}  // namespace feedsentry::fetch
