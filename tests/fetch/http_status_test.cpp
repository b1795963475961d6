// HTTP-level outcomes: error statuses keep what the scheduler needs (status, Retry-After),
// and an HTML page where a feed was expected is a bot wall, not an empty feed.
#include <gtest/gtest.h>

#include "fetcher_fixture.h"

namespace feedsentry::fetch {
namespace {

constexpr std::string_view kChallengePage =
    "<!DOCTYPE html><html><head><title>Just a moment...</title></head>"
    "<body><form id=\"challenge-form\" action=\"/?__cf_chl_f_tk=abc\"></form></body></html>";

TEST_F(FetcherTest, TooManyRequestsKeepsRetryAfterInSeconds) {
  server_.on("/feed", ScriptedResponse::with_status(429).header("Retry-After", "120"));
  const Response response = fetch(get("/feed"));
  EXPECT_EQ(response.error, ErrorClass::kHttpStatus);
  EXPECT_EQ(response.status, 429);
  EXPECT_EQ(response.retry_after, "120");
  EXPECT_EQ(response.error_message, "HTTP 429");
}

TEST_F(FetcherTest, TooManyRequestsKeepsRetryAfterAsHttpDate) {
  const std::string when =
      test_support::http_date(std::chrono::system_clock::now() + std::chrono::seconds(90));
  server_.on("/feed", ScriptedResponse::with_status(429).header("Retry-After", when));
  const Response response = fetch(get("/feed"));
  EXPECT_EQ(response.error, ErrorClass::kHttpStatus);
  EXPECT_EQ(response.retry_after, when);
}

TEST_F(FetcherTest, ServerErrorIsHttpStatusWithBodyKept) {
  server_.on("/feed", [](const RecordedRequest&) {
    ScriptedResponse response = ScriptedResponse::with_body("oops", "text/plain");
    response.status = 500;
    return response;
  });
  const Response response = fetch(get("/feed"));
  EXPECT_FALSE(response.ok());
  EXPECT_EQ(response.error, ErrorClass::kHttpStatus);
  EXPECT_EQ(response.status, 500);
  EXPECT_EQ(response.body, "oops");
}

TEST_F(FetcherTest, HtmlPageInsteadOfExpectedFeedIsBotWall) {
  server_.on("/feed", ScriptedResponse::with_body(
                          "<!DOCTYPE html><html><body>Welcome to our site</body></html>",
                          "text/html; charset=utf-8"));
  Request request = get("/feed");
  request.expect_feed = true;
  const Response response = fetch(request);
  EXPECT_EQ(response.error, ErrorClass::kBotWall);
  EXPECT_EQ(response.status, 200);
}

TEST_F(FetcherTest, HtmlPageIsFineWhenNoFeedWasExpected) {
  server_.on("/page", ScriptedResponse::with_body("<html><body>hi</body></html>", "text/html"));
  const Response response = fetch(get("/page"));
  EXPECT_TRUE(response.ok()) << response.error_message;
}

TEST_F(FetcherTest, FeedMislabelledAsHtmlIsNotBotWall) {
  server_.on("/feed", ScriptedResponse::with_body("<?xml version=\"1.0\"?><rss version=\"2.0\"/>",
                                                  "text/html"));
  Request request = get("/feed");
  request.expect_feed = true;
  EXPECT_TRUE(fetch(request).ok());
}

TEST_F(FetcherTest, ChallengePageWith503IsBotWall) {
  server_.on("/feed", [](const RecordedRequest&) {
    ScriptedResponse response =
        ScriptedResponse::with_body(std::string(kChallengePage), "text/html");
    response.status = 503;
    return response;
  });
  Request request = get("/feed");
  request.expect_feed = true;
  const Response response = fetch(request);
  EXPECT_EQ(response.error, ErrorClass::kBotWall);
  EXPECT_EQ(response.status, 503);
}

TEST_F(FetcherTest, PlainHtmlErrorPageWith503StaysRetryableHttpStatus) {
  server_.on("/feed", [](const RecordedRequest&) {
    ScriptedResponse response = ScriptedResponse::with_body(
        "<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>", "text/html");
    response.status = 503;
    return response;
  });
  Request request = get("/feed");
  request.expect_feed = true;
  EXPECT_EQ(fetch(request).error, ErrorClass::kHttpStatus);
}

}  // namespace
}  // namespace feedsentry::fetch
