// Content-Encoding and size limits: compressed bodies are decoded, and neither a huge body
// nor a decompression bomb is ever buffered beyond the request's limits.
#include <string>

#include <gtest/gtest.h>

#include "fetcher_fixture.h"
#include "support/gzip.h"

namespace feedsentry::fetch {
namespace {

bool response_finished(const std::vector<RecordedRequest>& requests) {
  return !requests.empty() && requests.back().outcome != ResponseOutcome::kPending;
}

TEST_F(FetcherTest, GzipBodyIsDecoded) {
  std::string feed = "<rss version=\"2.0\"><channel>";
  for (int item = 0; item < 200; ++item) feed += "<item><title>Launch report</title></item>";
  feed += "</channel></rss>";
  server_.on("/feed", ScriptedResponse::with_body(test_support::gzip(feed), "application/rss+xml")
                          .header("Content-Encoding", "gzip"));
  const Response response = fetch(get("/feed"));
  ASSERT_TRUE(response.ok()) << response.error_message;
  EXPECT_EQ(response.body, feed);
  const auto requests = server_.requests_to("/feed");
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_NE(requests[0].header("Accept-Encoding").value_or("").find("gzip"), std::string::npos);
}

TEST_F(FetcherTest, BodyOfExactlyMaxBodyIsAccepted) {
  server_.on("/feed", ScriptedResponse::with_body(std::string(4096, 'x'), "text/plain"));
  Request request = get("/feed");
  request.max_body = 4096;
  const Response response = fetch(request);
  ASSERT_TRUE(response.ok()) << response.error_message;
  EXPECT_EQ(response.body.size(), 4096u);
}

TEST_F(FetcherTest, OversizeBodyWithoutLengthIsAbortedMidStream) {
  ScriptedResponse huge = ScriptedResponse::with_body(std::string(64 * 1024, 'x'), "text/xml");
  huge.body_repeat = 512;  // 32 MiB, more than loopback socket buffers can absorb
  huge.chunked = true;     // no Content-Length: only the running count can catch it
  server_.on("/feed", huge);
  Request request = get("/feed");
  request.max_body = 256 * 1024;
  const Response response = fetch(request);
  EXPECT_EQ(response.error, ErrorClass::kTooLarge);
  EXPECT_NE(response.error_message.find("max_body"), std::string::npos) << response.error_message;
  EXPECT_TRUE(response.body.empty()) << "a partial body is never handed on";

  ASSERT_TRUE(server_.wait_until(response_finished, 5s));
  const RecordedRequest served = server_.requests_to("/feed").at(0);
  EXPECT_EQ(served.outcome, ResponseOutcome::kClientGone);
  EXPECT_LT(served.body_bytes_sent, huge.body.size() * huge.body_repeat);
}

TEST_F(FetcherTest, DeclaredOversizeBodyIsRejectedFromContentLength) {
  ScriptedResponse huge = ScriptedResponse::with_body(std::string(64 * 1024, 'x'), "text/xml");
  huge.body_repeat = 512;
  server_.on("/feed", huge);
  Request request = get("/feed");
  request.max_body = 256 * 1024;
  const Response response = fetch(request);
  EXPECT_EQ(response.error, ErrorClass::kTooLarge);
  EXPECT_NE(response.error_message.find("Content-Length"), std::string::npos)
      << response.error_message;
  EXPECT_TRUE(response.body.empty());
}

TEST_F(FetcherTest, GzipBombBeyondMaxDecompressedIsTooLarge) {
  const std::string bomb = test_support::gzip(std::string(8u << 20, '\0'));  // ~8 KiB on wire
  server_.on(
      "/feed",
      ScriptedResponse::with_body(bomb, "application/rss+xml").header("Content-Encoding", "gzip"));
  Request request = get("/feed");
  request.max_decompressed = 1u << 20;
  const Response response = fetch(request);
  EXPECT_EQ(response.error, ErrorClass::kTooLarge);
  EXPECT_NE(response.error_message.find("decompressed"), std::string::npos)
      << response.error_message;
  EXPECT_TRUE(response.body.empty());
}

TEST_F(FetcherTest, CompressedBodyBeyondMaxBodyIsTooLargeEvenIfItWouldDecodeSmall) {
  // Incompressible content, so the wire size is what trips the limit.
  std::string noise;
  std::uint32_t state = 12345;
  for (int byte = 0; byte < (1 << 20); ++byte) {
    state = state * 1664525u + 1013904223u;
    noise.push_back(static_cast<char>(state >> 24));
  }
  ScriptedResponse response_script =
      ScriptedResponse::with_body(test_support::gzip(noise), "application/rss+xml");
  response_script.header("Content-Encoding", "gzip");
  response_script.chunked = true;
  server_.on("/feed", response_script);
  Request request = get("/feed");
  request.max_body = 128 * 1024;
  const Response response = fetch(request);
  EXPECT_EQ(response.error, ErrorClass::kTooLarge);
  EXPECT_NE(response.error_message.find("compressed body exceeds max_body"), std::string::npos)
      << response.error_message;
}

}  // namespace
}  // namespace feedsentry::fetch
