// Transport failures are classified, not thrown: refused and broken connections (kConnect),
// unresolvable names (kDns), files (kFile), schemes we do not speak (kProtocol).
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "fetcher_fixture.h"

namespace feedsentry::fetch {
namespace {

// A port nothing listens on: a server that was started and stopped again.
std::string refused_url(std::string_view path) {
  HttpServer closed;
  closed.stop();
  return closed.url(path);
}

TEST_F(FetcherTest, RefusedConnectionIsConnectError) {
  Request request;
  request.url = refused_url("/feed");
  const Response response = fetch(request);
  EXPECT_EQ(response.error, ErrorClass::kConnect) << response.error_message;
  EXPECT_EQ(response.status, 0);
}

TEST_F(FetcherTest, ErrorMessageNeverContainsUrlCredentials) {
  std::string url = refused_url("/hook/T0/B0/SECRET-PATH?token=SECRET-QUERY");
  url.replace(url.find("127.0.0.1"), 0, "user:SECRET-PASSWORD@");
  Request request;
  request.url = url;
  const Response response = fetch(request);
  EXPECT_FALSE(response.ok());
  EXPECT_EQ(response.error_message.find("SECRET"), std::string::npos) << response.error_message;
}

// Broken connections are kConnect: to the caller they are the same transient "the peer went
// away" as a refused connection, and are retried the same way.
TEST_F(FetcherTest, ConnectionResetMidBodyIsConnectError) {
  ScriptedResponse broken = ScriptedResponse::with_body(std::string(10000, 'x'), "text/xml");
  broken.disconnect = ScriptedResponse::Disconnect{.after_body_bytes = 100, .reset = true};
  server_.on("/feed", broken);
  const Response response = fetch(get("/feed"));
  EXPECT_EQ(response.error, ErrorClass::kConnect) << response.error_message;
  EXPECT_TRUE(response.body.empty());
}

TEST_F(FetcherTest, ConnectionClosedMidBodyIsConnectError) {
  ScriptedResponse broken = ScriptedResponse::with_body(std::string(10000, 'x'), "text/xml");
  broken.disconnect = ScriptedResponse::Disconnect{.after_body_bytes = 100};
  server_.on("/feed", broken);
  const Response response = fetch(get("/feed"));
  EXPECT_EQ(response.error, ErrorClass::kConnect) << response.error_message;
}

TEST_F(FetcherTest, ConnectionDroppedBeforeAnyAnswerIsConnectError) {
  ScriptedResponse nothing;
  nothing.disconnect = ScriptedResponse::Disconnect{.before_headers = true};
  server_.on("/feed", nothing);
  const Response response = fetch(get("/feed"));
  EXPECT_EQ(response.error, ErrorClass::kConnect) << response.error_message;
}

// A 64-octet label cannot be encoded in a DNS query (RFC 1035 caps labels at 63), so glibc's
// resolver fails locally without sending a packet (checked with strace), and .invalid could
// never resolve anyway (RFC 6761). No network is touched.
TEST_F(FetcherTest, UnresolvableHostIsDnsError) {
  Request request;
  request.url = "http://" + std::string(64, 'x') + ".invalid/feed";
  request.connect_timeout = 3s;
  const Response response = fetch(request);
  EXPECT_EQ(response.error, ErrorClass::kDns) << response.error_message;
}

class TemporaryFile {
 public:
  explicit TemporaryFile(std::string_view content) {
    char name[] = "/tmp/feedsentry-fetch-XXXXXX";
    const int fd = mkstemp(name);
    if (fd >= 0) ::close(fd);
    path_ = name;
    std::ofstream(path_, std::ios::binary) << content;
  }
  ~TemporaryFile() { std::remove(path_.c_str()); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

TEST_F(FetcherTest, FileUrlIsRead) {
  const TemporaryFile file("<rss version=\"2.0\"/>");
  Request request;
  request.url = "file://" + file.path();
  const Response response = fetch(request);
  ASSERT_TRUE(response.ok()) << response.error_message;
  EXPECT_EQ(response.status, 0);
  EXPECT_EQ(response.body, "<rss version=\"2.0\"/>");
}

TEST_F(FetcherTest, MissingFileIsFileError) {
  Request request;
  request.url = "file:///nonexistent/feedsentry/feed.xml";
  const Response response = fetch(request);
  EXPECT_EQ(response.error, ErrorClass::kFile) << response.error_message;
}

TEST_F(FetcherTest, SchemeOutsideHttpAndFileIsProtocolError) {
  Request request;
  request.url = "ftp://127.0.0.1/feed.xml";
  const Response response = fetch(request);
  EXPECT_EQ(response.error, ErrorClass::kProtocol) << response.error_message;
}

}  // namespace
}  // namespace feedsentry::fetch
