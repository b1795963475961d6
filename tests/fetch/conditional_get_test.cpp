// Conditional GET: validators come back from a 200 and go out on the next request, and an
// unchanged feed costs a bodyless 304 on the same connection.
#include <gtest/gtest.h>

#include "fetcher_fixture.h"

namespace feedsentry::fetch {
namespace {

constexpr std::string_view kFeed = "<rss version=\"2.0\"><channel><title>t</title></channel></rss>";

TEST_F(FetcherTest, ReturnsBodyAndCachingHeadersOf200) {
  server_.on("/feed", ScriptedResponse::with_body(std::string(kFeed), "application/rss+xml")
                          .header("ETag", "\"v1\"")
                          .header("Last-Modified", "Fri, 01 Sep 2023 14:00:00 GMT")
                          .header("Cache-Control", "max-age=300")
                          .header("Expires", "Fri, 01 Sep 2023 14:05:00 GMT"));
  const Response response = fetch(get("/feed"));
  ASSERT_TRUE(response.ok()) << response.error_message;
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, kFeed);
  EXPECT_EQ(response.etag, "\"v1\"");
  EXPECT_EQ(response.last_modified, "Fri, 01 Sep 2023 14:00:00 GMT");
  EXPECT_EQ(response.cache_control, "max-age=300");
  EXPECT_EQ(response.expires, "Fri, 01 Sep 2023 14:05:00 GMT");
  EXPECT_EQ(response.content_type, "application/rss+xml");
  EXPECT_EQ(response.effective_url, server_.url("/feed"));
  EXPECT_EQ(response.redirects, 0);
  EXPECT_FALSE(response.permanent_redirect_url);
  EXPECT_FALSE(response.not_modified());
}

TEST_F(FetcherTest, SendsIfNoneMatchAndReports304AsNotModified) {
  server_.on("/feed", [](const RecordedRequest& request) {
    if (request.header("If-None-Match") == "\"v1\"") return ScriptedResponse::with_status(304);
    return ScriptedResponse::with_body(std::string(kFeed), "application/rss+xml")
        .header("ETag", "\"v1\"");
  });
  const Response first = fetch(get("/feed"));
  ASSERT_TRUE(first.ok()) << first.error_message;

  Request again = get("/feed");
  again.etag = first.etag;
  const Response second = fetch(again);
  ASSERT_TRUE(second.ok()) << second.error_message;
  EXPECT_TRUE(second.not_modified());
  EXPECT_TRUE(second.body.empty());

  // The client can read the 304 before the server thread records its write as finished.
  ASSERT_TRUE(server_.wait_until(
      [](const std::vector<RecordedRequest>& records) {
        return records.size() == 2 && records[1].outcome != ResponseOutcome::kPending;
      },
      std::chrono::seconds(5)));
  const auto requests = server_.requests_to("/feed");
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_FALSE(requests[0].header("If-None-Match"));
  EXPECT_EQ(requests[1].header("If-None-Match"), "\"v1\"");
  EXPECT_EQ(requests[1].outcome, ResponseOutcome::kSent);
  EXPECT_EQ(requests[1].body_bytes_sent, 0u);
  EXPECT_EQ(server_.connections_accepted(), 1u) << "the 304 should reuse the connection";
}

TEST_F(FetcherTest, SendsIfModifiedSinceFromStoredLastModified) {
  const std::string stamp = "Fri, 01 Sep 2023 14:00:00 GMT";
  server_.on("/feed", [stamp](const RecordedRequest& request) {
    if (request.header("If-Modified-Since") == stamp) return ScriptedResponse::with_status(304);
    return ScriptedResponse::with_body(std::string(kFeed), "application/rss+xml")
        .header("Last-Modified", stamp);
  });
  Request request = get("/feed");
  request.last_modified = stamp;
  const Response response = fetch(request);
  ASSERT_TRUE(response.ok()) << response.error_message;
  EXPECT_TRUE(response.not_modified());
  const auto requests = server_.requests_to("/feed");
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].header("If-Modified-Since"), stamp);
  EXPECT_FALSE(requests[0].header("If-None-Match"));
}

}  // namespace
}  // namespace feedsentry::fetch
