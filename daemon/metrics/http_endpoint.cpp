#include "metrics/http_endpoint.h"

#include <array>
#include <list>
#include <optional>
#include <string_view>
#include <utility>

#include <boost/asio/dispatch.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "metrics/registry.h"

namespace feedsentry::metrics {
namespace detail {

namespace beast = boost::beast;
namespace http = boost::beast::http;
using boost::asio::ip::tcp;
using boost::system::error_code;

// What the listener and its sessions share; immutable after start().
struct Shared {
  EndpointOptions options;
  EndpointHandlers handlers;
};

HttpReply plain(unsigned status, std::string body) {
  return HttpReply{status, "text/plain; charset=utf-8", std::move(body)};
}

// The reply for one parsed request; runs the app's handler.
HttpReply route(const Shared& shared, http::verb method, std::string_view target) {
  const std::size_t query = target.find('?');
  if (query != std::string_view::npos) target = target.substr(0, query);
  const HttpHandler* handler = nullptr;
  if (target == "/metrics") {
    handler = &shared.handlers.metrics;
  } else if (target == "/healthz") {
    handler = &shared.handlers.healthz;
  } else if (target == "/status") {
    handler = &shared.handlers.status;
  }
  if (handler == nullptr || !*handler) return plain(404, "not found\n");
  if (method != http::verb::get) return plain(405, "method not allowed\n");
  try {
    return (*handler)();
  } catch (const std::exception& error) {
    return plain(500, std::string("internal error: ") + error.what() + "\n");
  } catch (...) {
    return plain(500, "internal error\n");
  }
}

// One connection: read one request, write one reply, close. Kept alive by its pending
// operation (every handler holds shared_from_this()).
class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket&& socket, std::shared_ptr<const Shared> shared)
      : stream_(std::move(socket)),
        shared_(std::move(shared)),
        buffer_(shared_->options.max_request_bytes) {}

  void start() {
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(shared_->options.max_request_bytes));
    parser_->body_limit(shared_->options.max_request_bytes);
    stream_.expires_after(shared_->options.io_timeout);
    http::async_read(stream_, buffer_, *parser_,
                     beast::bind_front_handler(&Session::on_read, shared_from_this()));
  }

  // From the io_context's thread: aborts whatever is pending.
  void close() {
    error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream_.socket().close(ignored);
  }

 private:
  void on_read(error_code error, std::size_t /*bytes*/) {
    if (error == http::error::header_limit || error == http::error::buffer_overflow) {
      return respond(plain(431, "request header too large\n"));
    }
    if (error == http::error::body_limit) return respond(plain(413, "request body too large\n"));
    if (error) return close();  // timeout, reset, EOF, malformed request, operation_aborted
    const auto& request = parser_->get();
    const auto target = request.target();
    respond(route(*shared_, request.method(), std::string_view(target.data(), target.size())));
  }

  void respond(HttpReply reply) {
    response_.result(reply.status);
    response_.version(11);
    response_.set(http::field::server, "feedsentry");
    response_.set(http::field::content_type, reply.content_type);
    if (reply.status == 405) response_.set(http::field::allow, "GET");
    response_.keep_alive(false);
    response_.body() = std::move(reply.body);
    response_.prepare_payload();
    stream_.expires_after(shared_->options.io_timeout);
    http::async_write(stream_, response_,
                      beast::bind_front_handler(&Session::on_write, shared_from_this()));
  }

  // After the reply: send FIN, then read and discard until the client closes (bounded in time
  // and bytes). Closing with unread request bytes would make the kernel send RST, which can
  // destroy the reply before the client has read it (e.g. after a 413).
  void on_write(error_code error, std::size_t /*bytes*/) {
    if (error) return close();
    stream_.socket().shutdown(tcp::socket::shutdown_send, error);
    if (error) return close();
    stream_.expires_after(shared_->options.io_timeout);  // one deadline for the whole drain
    drain();
  }

  void drain() {
    stream_.async_read_some(boost::asio::buffer(drain_buffer_),
                            beast::bind_front_handler(&Session::on_drain, shared_from_this()));
  }

  void on_drain(error_code error, std::size_t bytes) {
    drained_ += bytes;
    if (error || drained_ > kMaxDrainBytes) return close();  // EOF, reset, timeout, stop
    drain();
  }

  static constexpr std::size_t kMaxDrainBytes = 64 * 1024;

  beast::tcp_stream stream_;
  std::shared_ptr<const Shared> shared_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  http::response<http::string_body> response_;
  std::array<char, 2048> drain_buffer_{};
  std::size_t drained_ = 0;
};

// Accepts connections until stop(); kept alive by its pending accept.
class Listener : public std::enable_shared_from_this<Listener> {
 public:
  Listener(boost::asio::io_context& io, std::shared_ptr<const Shared> shared)
      : acceptor_(io), shared_(std::move(shared)) {}

  core::Result<tcp::endpoint> listen(const tcp::endpoint& endpoint) {
    error_code error;
    const std::string where = shared_->options.host + ":" + std::to_string(endpoint.port());
    acceptor_.open(endpoint.protocol(), error);
    if (!error) acceptor_.set_option(tcp::acceptor::reuse_address(true), error);
    if (!error) acceptor_.bind(endpoint, error);
    if (!error) acceptor_.listen(boost::asio::socket_base::max_listen_connections, error);
    tcp::endpoint bound;
    if (!error) bound = acceptor_.local_endpoint(error);
    if (error == boost::asio::error::address_in_use) {
      return core::fail(core::ErrorCode::kInUse, error.message(), where);
    }
    if (error) return core::fail(core::ErrorCode::kIo, error.message(), where);
    return bound;
  }

  boost::asio::any_io_executor get_executor() { return acceptor_.get_executor(); }

  void accept() {
    acceptor_.async_accept(beast::bind_front_handler(&Listener::on_accept, shared_from_this()));
  }

  void stop() {
    stopped_ = true;
    error_code ignored;
    acceptor_.close(ignored);
    for (const auto& weak : sessions_) {
      if (auto session = weak.lock()) session->close();
    }
    sessions_.clear();
  }

 private:
  void on_accept(error_code error, tcp::socket socket) {
    if (stopped_ || error == boost::asio::error::operation_aborted) return;
    if (!error) {
      sessions_.remove_if([](const std::weak_ptr<Session>& weak) { return weak.expired(); });
      if (sessions_.size() >= shared_->options.max_connections) {
        error_code ignored;
        socket.close(ignored);  // over the cap: shed load rather than queue
      } else {
        auto session = std::make_shared<Session>(std::move(socket), shared_);
        sessions_.push_back(session);
        session->start();
      }
    }
    // Other accept errors (EMFILE, ECONNABORTED) affect one connection: keep listening.
    accept();
  }

  tcp::acceptor acceptor_;
  std::shared_ptr<const Shared> shared_;
  std::list<std::weak_ptr<Session>> sessions_;
  bool stopped_ = false;
};

}  // namespace detail

core::Result<std::unique_ptr<HttpEndpoint>> HttpEndpoint::start(boost::asio::io_context& io,
                                                                EndpointOptions options,
                                                                EndpointHandlers handlers) {
  using boost::asio::ip::tcp;
  boost::system::error_code error;
  tcp::endpoint endpoint;
  const auto address = boost::asio::ip::make_address(options.host, error);
  if (!error) {
    endpoint = tcp::endpoint(address, options.port);
  } else {
    // A host name such as "localhost": resolved once, at start-up.
    tcp::resolver resolver(io);
    const auto results = resolver.resolve(options.host, std::to_string(options.port), error);
    if (error || results.empty()) {
      return core::fail(core::ErrorCode::kIo,
                        "cannot resolve: " + (error ? error.message() : std::string("no address")),
                        options.host);
    }
    endpoint = results.begin()->endpoint();
  }
  auto shared = std::make_shared<const detail::Shared>(
      detail::Shared{std::move(options), std::move(handlers)});
  auto listener = std::make_shared<detail::Listener>(io, shared);
  auto bound = listener->listen(endpoint);
  if (!bound) return tl::unexpected(bound.error());
  listener->accept();
  return std::unique_ptr<HttpEndpoint>(new HttpEndpoint(std::move(listener), *bound));
}

HttpEndpoint::HttpEndpoint(std::shared_ptr<detail::Listener> listener,
                           boost::asio::ip::tcp::endpoint local_endpoint)
    : listener_(std::move(listener)), local_endpoint_(local_endpoint) {}

HttpEndpoint::~HttpEndpoint() {
  stop();
}

void HttpEndpoint::stop() {
  if (!listener_) return;
  auto listener = std::move(listener_);
  // Sockets belong to the io_context's thread: run there (inline if we are on it).
  auto executor = listener->get_executor();
  boost::asio::dispatch(executor, [listener] { listener->stop(); });
}

HttpReply metrics_reply(const Registry& registry) {
  return HttpReply{200, std::string(kContentType), registry.render()};
}

}  // namespace feedsentry::metrics
