#pragma once
// HttpEndpoint: a small HTTP/1.1 server (Boost.Beast) on the caller's io_context that serves
// GET /metrics, /healthz and /status through callbacks the app provides; 404 for any other
// path, 405 for another method. One request per connection (Connection: close), bounded
// request size, a deadline on every read and write, a cap on concurrent connections: a slow or
// hostile client costs one socket and never blocks the loop.
//
// Threading and lifetime: the handlers run on the io_context's thread, one at a time; they must
// be quick (render a registry, read a few counters). The listener and each connection are
// kept alive by their pending operations (shared_from_this); the HttpEndpoint object is a
// handle owned by the daemon. stop() (also run by the destructor) closes the listening socket
// and every open connection; it is safe from any thread and takes effect on the io_context
// (inline when called from it). Handlers are copied into the listener, so whatever they
// capture must stay valid until stop() has taken effect or the io_context is destroyed.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "core/result.h"

namespace feedsentry::metrics {

class Registry;

struct HttpReply {
  unsigned status = 200;
  std::string content_type = "text/plain; charset=utf-8";
  std::string body;
};

using HttpHandler = std::function<HttpReply()>;

// An empty handler makes its path answer 404. An exception from a handler answers 500.
struct EndpointHandlers {
  HttpHandler metrics;  // GET /metrics
  HttpHandler healthz;  // GET /healthz
  HttpHandler status;   // GET /status
};

struct EndpointOptions {
  std::string host = "127.0.0.1";  // an IPv4/IPv6 literal (no brackets) or a resolvable name
  std::uint16_t port = 9464;       // 0: any free port, see HttpEndpoint::port()
  std::size_t max_request_bytes = 8 * 1024;                         // request line + headers + body
  std::chrono::milliseconds io_timeout = std::chrono::seconds(10);  // per read and per write
  std::size_t max_connections = 32;  // further connections are closed at once
};

namespace detail {
class Listener;
}

class HttpEndpoint {
 public:
  // Binds and starts accepting. Fails with core::ErrorCode::kInUse when another socket
  // holds the address ("127.0.0.1:9464: Address already in use"), else kIo when it cannot be
  // resolved or bound.
  static core::Result<std::unique_ptr<HttpEndpoint>> start(boost::asio::io_context& io,
                                                           EndpointOptions options,
                                                           EndpointHandlers handlers);
  ~HttpEndpoint();
  HttpEndpoint(const HttpEndpoint&) = delete;
  HttpEndpoint& operator=(const HttpEndpoint&) = delete;

  // The bound address; with port 0 in the options this is the port the kernel chose.
  boost::asio::ip::tcp::endpoint local_endpoint() const { return local_endpoint_; }
  std::uint16_t port() const { return local_endpoint_.port(); }

  // Stops accepting and closes open connections. Idempotent.
  void stop();

 private:
  HttpEndpoint(std::shared_ptr<detail::Listener> listener,
               boost::asio::ip::tcp::endpoint local_endpoint);
  std::shared_ptr<detail::Listener> listener_;
  boost::asio::ip::tcp::endpoint local_endpoint_;
};

// The /metrics reply for `registry`: its render() with the 0.0.4 content type.
HttpReply metrics_reply(const Registry& registry);

}  // namespace feedsentry::metrics
