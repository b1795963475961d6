#include "metrics/http_endpoint.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <atomic>
#include <stdexcept>
#include <string>

#include "metrics/registry.h"
#include "support/io_thread.h"

namespace feedsentry::metrics {
namespace {

// A blocking test client with a receive deadline, so no test can hang.
class Client {
 public:
  explicit Client(std::uint16_t port, const char* address = "127.0.0.1") {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    timeval timeout{5, 0};
    setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    sockaddr_in target{};
    target.sin_family = AF_INET;
    target.sin_port = htons(port);
    inet_pton(AF_INET, address, &target.sin_addr);
    connected_ = connect(fd_, reinterpret_cast<sockaddr*>(&target), sizeof target) == 0;
  }
  ~Client() { close(fd_); }
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  bool connected() const { return connected_; }
  void send(const std::string& data) {
    ASSERT_EQ(::send(fd_, data.data(), data.size(), MSG_NOSIGNAL),
              static_cast<ssize_t>(data.size()));
  }
  // Everything until the server closes the connection; "TIMEOUT" if it does not within 5 s.
  std::string read_all() {
    std::string out;
    char buffer[4096];
    while (true) {
      const ssize_t got = recv(fd_, buffer, sizeof buffer, 0);
      if (got == 0) return out;
      if (got < 0) return errno == EAGAIN || errno == EWOULDBLOCK ? out + "TIMEOUT" : out;
      out.append(buffer, static_cast<std::size_t>(got));
    }
  }

 private:
  int fd_ = -1;
  bool connected_ = false;
};

std::string get(std::uint16_t port, const std::string& request) {
  Client client(port);
  EXPECT_TRUE(client.connected());
  client.send(request);
  return client.read_all();
}

std::string status_line(const std::string& response) {
  return response.substr(0, response.find("\r\n"));
}

std::string body_of(const std::string& response) {
  const std::size_t end = response.find("\r\n\r\n");
  return end == std::string::npos ? "" : response.substr(end + 4);
}

class HttpEndpointTest : public ::testing::Test {
 protected:
  void SetUp() override {
    registry_.counter("feedsentry_fetches_total", "Fetches.", {{"result", "ok"}}).inc(5);
    handlers_.metrics = [this] { return metrics_reply(registry_); };
    handlers_.healthz = [] { return HttpReply{200, "text/plain; charset=utf-8", "ok\n"}; };
    handlers_.status = [] { return HttpReply{200, "application/json", R"({"feeds":3})"}; };
  }

  // Starts on the io thread, as the daemon does.
  core::Result<std::unique_ptr<HttpEndpoint>> try_start(const EndpointOptions& options) {
    core::Result<std::unique_ptr<HttpEndpoint>> started =
        core::fail(core::ErrorCode::kIo, "did not run");
    EXPECT_TRUE(io_.run([&] { started = HttpEndpoint::start(io_.context(), options, handlers_); }));
    return started;
  }

  std::unique_ptr<HttpEndpoint> start(EndpointOptions options = {}) {
    options.port = 0;
    auto started = try_start(options);
    if (!started) throw std::runtime_error(started.error().describe());
    return std::move(*started);
  }

  Registry registry_;
  EndpointHandlers handlers_;
  test_support::IoThread io_;
};

TEST_F(HttpEndpointTest, ServesMetricsInTextFormat004) {
  auto endpoint = start();
  ASSERT_NE(endpoint->port(), 0);
  const std::string response = get(endpoint->port(), "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(status_line(response), "HTTP/1.1 200 OK");
  EXPECT_NE(response.find("Content-Type: text/plain; version=0.0.4; charset=utf-8\r\n"),
            std::string::npos)
      << response;
  EXPECT_NE(response.find("Connection: close\r\n"), std::string::npos) << response;
  EXPECT_EQ(body_of(response), registry_.render());
  EXPECT_NE(body_of(response).find("feedsentry_fetches_total{result=\"ok\"} 5\n"),
            std::string::npos);
}

TEST_F(HttpEndpointTest, ServesHealthzAndStatusThroughTheirHandlers) {
  auto endpoint = start();
  const std::string health = get(endpoint->port(), "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(status_line(health), "HTTP/1.1 200 OK");
  EXPECT_EQ(body_of(health), "ok\n");
  const std::string status =
      get(endpoint->port(), "GET /status?verbose=1 HTTP/1.0\r\nHost: x\r\n\r\n");
  EXPECT_EQ(status_line(status), "HTTP/1.1 200 OK");
  EXPECT_NE(status.find("Content-Type: application/json\r\n"), std::string::npos) << status;
  EXPECT_EQ(body_of(status), R"({"feeds":3})");
}

TEST_F(HttpEndpointTest, HandlerStatusIsPassedThrough) {
  handlers_.healthz = [] { return HttpReply{503, "text/plain", "degraded: 2 feeds failing\n"}; };
  auto endpoint = start();
  const std::string health = get(endpoint->port(), "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(status_line(health), "HTTP/1.1 503 Service Unavailable");
  EXPECT_EQ(body_of(health), "degraded: 2 feeds failing\n");
}

TEST_F(HttpEndpointTest, UnknownPathIs404AndMissingHandlerToo) {
  handlers_.status = nullptr;
  auto endpoint = start();
  EXPECT_EQ(status_line(get(endpoint->port(), "GET /nope HTTP/1.1\r\nHost: x\r\n\r\n")),
            "HTTP/1.1 404 Not Found");
  EXPECT_EQ(status_line(get(endpoint->port(), "GET / HTTP/1.1\r\nHost: x\r\n\r\n")),
            "HTTP/1.1 404 Not Found");
  EXPECT_EQ(status_line(get(endpoint->port(), "GET /status HTTP/1.1\r\nHost: x\r\n\r\n")),
            "HTTP/1.1 404 Not Found");
}

TEST_F(HttpEndpointTest, OtherMethodsAre405WithAllowGet) {
  auto endpoint = start();
  for (const char* method : {"POST", "HEAD", "PUT", "DELETE"}) {
    const std::string response =
        get(endpoint->port(),
            std::string(method) + " /metrics HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");
    EXPECT_EQ(status_line(response), "HTTP/1.1 405 Method Not Allowed") << method;
    EXPECT_NE(response.find("Allow: GET\r\n"), std::string::npos) << response;
  }
}

TEST_F(HttpEndpointTest, ThrowingHandlerAnswers500) {
  handlers_.status = []() -> HttpReply { throw std::runtime_error("database locked"); };
  auto endpoint = start();
  const std::string response = get(endpoint->port(), "GET /status HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(status_line(response), "HTTP/1.1 500 Internal Server Error");
  EXPECT_NE(body_of(response).find("database locked"), std::string::npos);
  // The endpoint keeps serving.
  EXPECT_EQ(status_line(get(endpoint->port(), "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")),
            "HTTP/1.1 200 OK");
}

TEST_F(HttpEndpointTest, OversizedRequestsAreRefused) {
  EndpointOptions options;
  options.max_request_bytes = 1024;
  auto endpoint = start(options);
  const std::string big_header =
      "GET /metrics HTTP/1.1\r\nHost: x\r\nX-Filler: " + std::string(4000, 'a') + "\r\n\r\n";
  EXPECT_EQ(status_line(get(endpoint->port(), big_header)),
            "HTTP/1.1 431 Request Header Fields Too Large");
  const std::string big_body =
      "GET /metrics HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n" + std::string(5000, 'b');
  EXPECT_EQ(status_line(get(endpoint->port(), big_body)), "HTTP/1.1 413 Payload Too Large");
}

TEST_F(HttpEndpointTest, MalformedRequestIsClosedWithoutAnswer) {
  auto endpoint = start();
  EXPECT_EQ(get(endpoint->port(), "NOT HTTP AT ALL\r\n\r\n"), "");
}

TEST_F(HttpEndpointTest, SlowClientDoesNotBlockOthersAndTimesOut) {
  EndpointOptions options;
  options.io_timeout = std::chrono::milliseconds(300);
  auto endpoint = start(options);
  Client stalled(endpoint->port());
  ASSERT_TRUE(stalled.connected());
  stalled.send("GET /metrics HTTP/1.1\r\n");  // never finishes its headers
  // Served while the stalled connection is open.
  EXPECT_EQ(status_line(get(endpoint->port(), "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")),
            "HTTP/1.1 200 OK");
  // The deadline closes the stalled one (well before the client's own 5 s limit).
  EXPECT_EQ(stalled.read_all(), "");
}

TEST_F(HttpEndpointTest, ConnectionsOverTheCapAreClosed) {
  EndpointOptions options;
  options.max_connections = 1;
  auto endpoint = start(options);
  Client first(endpoint->port());
  ASSERT_TRUE(first.connected());
  Client second(endpoint->port());
  ASSERT_TRUE(second.connected());
  second.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(second.read_all(), "");  // closed without an answer
  first.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(status_line(first.read_all()), "HTTP/1.1 200 OK");
}

TEST_F(HttpEndpointTest, StopClosesTheListenerAndOpenConnections) {
  auto endpoint = start();
  const std::uint16_t port = endpoint->port();
  Client idle(port);
  ASSERT_TRUE(idle.connected());
  // Make sure the connection has been accepted before stopping.
  EXPECT_EQ(status_line(get(port, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")), "HTTP/1.1 200 OK");
  endpoint->stop();             // from the test thread: takes effect on the io thread
  ASSERT_TRUE(io_.run([] {}));  // the stop has run
  EXPECT_EQ(idle.read_all(), "");
  Client late(port);
  EXPECT_FALSE(late.connected());
  endpoint->stop();  // idempotent
  endpoint.reset();
}

TEST_F(HttpEndpointTest, StopFromTheLoopIsImmediate) {
  auto endpoint = start();
  const std::uint16_t port = endpoint->port();
  ASSERT_TRUE(io_.run([&] { endpoint.reset(); }));  // the destructor stops
  Client late(port);
  EXPECT_FALSE(late.connected());
}

TEST_F(HttpEndpointTest, BusyPortIsAnError) {
  auto endpoint = start();
  EndpointOptions options;
  options.port = endpoint->port();
  auto second = try_start(options);
  ASSERT_FALSE(second.has_value());
  EXPECT_EQ(second.error().location, "127.0.0.1:" + std::to_string(endpoint->port()));
  EXPECT_NE(second.error().message.find("in use"), std::string::npos) << second.error().message;
}

TEST_F(HttpEndpointTest, ListensOnIpv6Loopback) {
  EndpointOptions options;
  options.host = "::1";
  options.port = 0;
  auto started = try_start(options);
  // The config accepts [::1]:port, so a loopback-only IPv6 listener must work.
  ASSERT_TRUE(started.has_value()) << "cannot listen on ::1: " << started.error().describe();
  auto endpoint = std::move(*started);
  EXPECT_TRUE(endpoint->local_endpoint().address().is_v6());
  const int fd = socket(AF_INET6, SOCK_STREAM, 0);
  timeval timeout{5, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  sockaddr_in6 target{};
  target.sin6_family = AF_INET6;
  target.sin6_port = htons(endpoint->port());
  target.sin6_addr = in6addr_loopback;
  ASSERT_EQ(connect(fd, reinterpret_cast<sockaddr*>(&target), sizeof target), 0);
  const std::string request = "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";
  ASSERT_EQ(::send(fd, request.data(), request.size(), MSG_NOSIGNAL),
            static_cast<ssize_t>(request.size()));
  std::string response;
  char buffer[1024];
  ssize_t got = 0;
  while ((got = recv(fd, buffer, sizeof buffer, 0)) > 0) response.append(buffer, got);
  close(fd);
  EXPECT_EQ(status_line(response), "HTTP/1.1 200 OK");
  endpoint->stop();
  ASSERT_TRUE(io_.run([] {}));
}

}  // namespace
}  // namespace feedsentry::metrics
