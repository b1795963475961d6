#pragma once
// A scripted HTTP/1.1 server for tests. It binds 127.0.0.1 on an ephemeral port, runs on its
// own thread, and answers each path with what the test scripted, including misbehaviour:
// a delay before the headers, a slow-drip body, a connection dropped (FIN or RST) mid-answer,
// or no answer at all. It records every request and how far each answer got, and counts TCP
// connections, so tests can assert on what a client really sent.
//
// Header-only so that any test binary can include it ("support/http_server.h").
// Handlers run on the server thread; whatever they capture must be safe to touch from there.
// stop() (also run by the destructor) closes every connection at once and returns promptly.
#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/status.hpp>
#include <boost/beast/http/string_body.hpp>

namespace feedsentry::test_support {

inline bool equals_ignore_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

// How far the scripted answer to a request got.
enum class ResponseOutcome {
  kPending,          // not finished yet (delaying, dripping, or never answering)
  kSent,             // written completely
  kDroppedByScript,  // the script cut the connection (ScriptedResponse::disconnect)
  kClientGone,       // the client closed or reset the connection first
};

struct RecordedRequest {
  std::size_t connection = 0;  // 1-based number of the TCP connection it arrived on
  std::string method;
  std::string target;  // path and query, as sent
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  ResponseOutcome outcome = ResponseOutcome::kPending;
  std::size_t body_bytes_sent = 0;

  std::string path() const { return target.substr(0, target.find('?')); }
  // First header with that name, compared case-insensitively.
  std::optional<std::string> header(std::string_view name) const {
    for (const auto& [header_name, value] : headers) {
      if (equals_ignore_case(header_name, name)) return value;
    }
    return std::nullopt;
  }
};

struct ScriptedResponse {
  // Cuts the connection instead of finishing the answer.
  struct Disconnect {
    std::size_t after_body_bytes = 0;
    bool before_headers = false;  // send nothing at all
    bool reset = false;           // RST (SO_LINGER 0) instead of an orderly FIN
  };

  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::size_t body_repeat = 1;  // `body` is sent this many times: large bodies, little memory
  bool chunked = false;         // Transfer-Encoding: chunked instead of Content-Length
  bool close_after = false;     // Connection: close, then close even if keep-alive was asked

  std::chrono::milliseconds delay_before_headers{0};
  // Slow drip: the body leaves `drip_bytes` at a time, `drip_interval` apart.
  std::size_t drip_bytes = 0;
  std::chrono::milliseconds drip_interval{0};
  std::optional<Disconnect> disconnect;
  // Read the request, then hold the connection open without a byte of answer until the
  // client gives up or the server stops.
  bool never_answer = false;

  static ScriptedResponse with_body(std::string body, std::string content_type) {
    ScriptedResponse response;
    response.body = std::move(body);
    response.headers.emplace_back("Content-Type", std::move(content_type));
    return response;
  }
  static ScriptedResponse with_status(int status) {
    ScriptedResponse response;
    response.status = status;
    return response;
  }
  static ScriptedResponse redirect(int status, std::string location) {
    ScriptedResponse response;
    response.status = status;
    response.headers.emplace_back("Location", std::move(location));
    return response;
  }
  ScriptedResponse& header(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
    return *this;
  }
};

// "Sun, 06 Nov 1994 08:49:37 GMT" (RFC 9110 IMF-fixdate), for Last-Modified or Retry-After.
inline std::string http_date(std::chrono::system_clock::time_point time) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(time);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char text[40];
  std::snprintf(text, sizeof text, "%s, %02d %s %04d %02d:%02d:%02d GMT", kDays[utc.tm_wday],
                utc.tm_mday, kMonths[utc.tm_mon], utc.tm_year + 1900, utc.tm_hour, utc.tm_min,
                utc.tm_sec);
  return text;
}

class HttpServer {
 public:
  using Handler = std::function<ScriptedResponse(const RecordedRequest&)>;

  HttpServer() : acceptor_(io_, {boost::asio::ip::make_address("127.0.0.1"), 0}) {
    port_ = acceptor_.local_endpoint().port();
    accept_next();
    thread_ = std::thread([this] { io_.run(); });
  }
  ~HttpServer() { stop(); }
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Answers requests whose path (query ignored) is `path`. Replaces an earlier handler.
  void on(std::string path, Handler handler) {
    std::lock_guard lock(mutex_);
    handlers_[std::move(path)] = std::move(handler);
  }
  void on(std::string path, ScriptedResponse response) {
    on(std::move(path),
       [response = std::move(response)](const RecordedRequest&) { return response; });
  }

  std::uint16_t port() const { return port_; }
  std::string url(std::string_view path_and_query = "/") const {
    return "http://127.0.0.1:" + std::to_string(port_) + std::string(path_and_query);
  }

  std::vector<RecordedRequest> requests() const {
    std::lock_guard lock(mutex_);
    return records_;
  }
  std::vector<RecordedRequest> requests_to(std::string_view path) const {
    std::vector<RecordedRequest> matching;
    for (RecordedRequest& request : requests()) {
      if (request.path() == path) matching.push_back(std::move(request));
    }
    return matching;
  }
  std::size_t connections_accepted() const { return connections_.load(); }

  // Waits until `condition(requests)` holds, re-checking on every request or progress
  // update. Returns false if `timeout` passes first. Never sleeps blindly.
  bool wait_until(const std::function<bool(const std::vector<RecordedRequest>&)>& condition,
                  std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, timeout, [&] { return condition(records_); });
  }
  bool wait_for_requests(std::size_t count, std::chrono::milliseconds timeout) {
    return wait_until([count](const auto& records) { return records.size() >= count; }, timeout);
  }

  // Closes the listener and every connection, and joins the server thread.
  void stop() {
    if (stopped_.exchange(true)) return;
    boost::asio::post(io_, [this] {
      boost::system::error_code ignored;
      acceptor_.close(ignored);
      for (const std::weak_ptr<Session>& weak : sessions_) {
        if (const std::shared_ptr<Session> session = weak.lock()) session->abort();
      }
      io_.stop();  // handlers still queued are destroyed with io_, their sockets already closed
    });
    thread_.join();
  }

 private:
  using Tcp = boost::asio::ip::tcp;

  class Session : public std::enable_shared_from_this<Session> {
   public:
    Session(HttpServer& server, Tcp::socket socket, std::size_t connection)
        : server_(server),
          socket_(std::move(socket)),
          timer_(server.io_),
          connection_(connection) {}

    void start() { read_request(); }
    void abort() {
      boost::system::error_code ignored;
      timer_.cancel();
      socket_.close(ignored);
    }

   private:
    void read_request() {
      parser_.emplace();
      parser_->body_limit(64u << 20);
      boost::beast::http::async_read(
          socket_, buffer_, *parser_,
          [self = shared_from_this()](boost::system::error_code error, std::size_t) {
            if (error) return;  // client closed between requests, or a malformed request
            self->on_request();
          });
    }

    void on_request() {
      auto message = parser_->release();
      RecordedRequest request;
      request.connection = connection_;
      request.method = std::string(message.method_string());
      request.target = std::string(message.target());
      for (const auto& field : message) {
        request.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
      }
      request.body = message.body();
      keep_alive_ = message.keep_alive();
      head_only_ = message.method() == boost::beast::http::verb::head;
      record_ = server_.record(request);
      script_ = server_.answer(request);
      if (script_.close_after) keep_alive_ = false;
      if (script_.never_answer) return wait_for_client_to_leave();
      if (script_.delay_before_headers.count() > 0) {
        timer_.expires_after(script_.delay_before_headers);
        timer_.async_wait([self = shared_from_this()](boost::system::error_code error) {
          if (!error) self->send_head();
        });
        return;
      }
      send_head();
    }

    void wait_for_client_to_leave() {
      socket_.async_read_some(
          boost::asio::buffer(scratch_),
          [self = shared_from_this()](boost::system::error_code error, std::size_t) {
            if (error) return self->finish(ResponseOutcome::kClientGone);
            self->wait_for_client_to_leave();
          });
    }

    bool has_body() const {
      return !head_only_ && script_.status != 204 && script_.status != 304 && script_.status >= 200;
    }
    std::size_t total_body_bytes() const { return script_.body.size() * script_.body_repeat; }

    void send_head() {
      if (script_.disconnect && script_.disconnect->before_headers) return drop();
      const auto status = static_cast<boost::beast::http::status>(script_.status);
      head_ = "HTTP/1.1 " + std::to_string(script_.status) + " " +
              std::string(boost::beast::http::obsolete_reason(status)) + "\r\n";
      bool has_length = false;
      for (const auto& [name, value] : script_.headers) {
        head_ += name + ": " + value + "\r\n";
        has_length = has_length || equals_ignore_case(name, "Content-Length");
      }
      if (script_.chunked) {
        head_ += "Transfer-Encoding: chunked\r\n";
      } else if (!has_length && (has_body() || head_only_)) {
        head_ += "Content-Length: " + std::to_string(total_body_bytes()) + "\r\n";
      }
      if (!keep_alive_) head_ += "Connection: close\r\n";
      head_ += "\r\n";
      boost::asio::async_write(
          socket_, boost::asio::buffer(head_),
          [self = shared_from_this()](boost::system::error_code error, std::size_t) {
            if (error) return self->finish(ResponseOutcome::kClientGone);
            self->send_body_piece();
          });
    }

    void send_body_piece() {
      const std::size_t total = has_body() ? total_body_bytes() : 0;
      if (script_.disconnect && sent_ >= script_.disconnect->after_body_bytes) return drop();
      if (sent_ >= total) return send_end();
      std::size_t piece = script_.drip_bytes > 0 ? script_.drip_bytes : std::size_t{64} << 10;
      piece = std::min(piece, total - sent_);
      if (script_.disconnect) piece = std::min(piece, script_.disconnect->after_body_bytes - sent_);
      std::string data;
      data.reserve(piece);
      for (std::size_t at = sent_; data.size() < piece;) {
        const std::size_t offset = at % script_.body.size();
        const std::size_t take = std::min(piece - data.size(), script_.body.size() - offset);
        data.append(script_.body, offset, take);
        at += take;
      }
      out_ = script_.chunked ? to_hex(piece) + "\r\n" + data + "\r\n" : std::move(data);
      boost::asio::async_write(
          socket_, boost::asio::buffer(out_),
          [self = shared_from_this(), piece](boost::system::error_code error, std::size_t) {
            if (error) return self->finish(ResponseOutcome::kClientGone);
            self->sent_ += piece;
            self->server_.update(self->record_, self->sent_, ResponseOutcome::kPending);
            if (self->script_.drip_interval.count() > 0) {
              self->timer_.expires_after(self->script_.drip_interval);
              self->timer_.async_wait([self](boost::system::error_code wait_error) {
                if (!wait_error) self->send_body_piece();
              });
              return;
            }
            self->send_body_piece();
          });
    }

    void send_end() {
      if (!script_.chunked || !has_body()) return finish(ResponseOutcome::kSent);
      out_ = "0\r\n\r\n";
      boost::asio::async_write(
          socket_, boost::asio::buffer(out_),
          [self = shared_from_this()](boost::system::error_code error, std::size_t) {
            self->finish(error ? ResponseOutcome::kClientGone : ResponseOutcome::kSent);
          });
    }

    void drop() {
      boost::system::error_code ignored;
      if (script_.disconnect->reset) {
        socket_.set_option(boost::asio::socket_base::linger(true, 0), ignored);
      } else {
        socket_.shutdown(Tcp::socket::shutdown_both, ignored);
      }
      socket_.close(ignored);
      server_.update(record_, sent_, ResponseOutcome::kDroppedByScript);
    }

    void finish(ResponseOutcome outcome) {
      server_.update(record_, sent_, outcome);
      if (outcome == ResponseOutcome::kSent && keep_alive_) {
        sent_ = 0;
        return read_request();
      }
      boost::system::error_code ignored;
      socket_.shutdown(Tcp::socket::shutdown_both, ignored);
      socket_.close(ignored);
    }

    static std::string to_hex(std::size_t value) {
      static constexpr char kDigits[] = "0123456789abcdef";
      std::string hex;
      do {
        hex.insert(hex.begin(), kDigits[value % 16]);
        value /= 16;
      } while (value != 0);
      return hex;
    }

    HttpServer& server_;
    Tcp::socket socket_;
    boost::asio::steady_timer timer_;
    std::size_t connection_;
    boost::beast::flat_buffer buffer_;
    std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> parser_;
    ScriptedResponse script_;
    std::size_t record_ = 0;
    bool keep_alive_ = true;
    bool head_only_ = false;
    std::size_t sent_ = 0;
    std::string head_;
    std::string out_;
    char scratch_[512];
  };

  void accept_next() {
    acceptor_.async_accept([this](boost::system::error_code error, Tcp::socket socket) {
      if (error) return;  // closed by stop()
      const std::size_t connection = ++connections_;
      // Head and body go out in separate writes; without this, Nagle plus delayed ACKs would
      // add ~40 ms to every response.
      boost::system::error_code ignored;
      socket.set_option(Tcp::no_delay(true), ignored);
      auto session = std::make_shared<Session>(*this, std::move(socket), connection);
      std::erase_if(sessions_, [](const std::weak_ptr<Session>& weak) { return weak.expired(); });
      sessions_.push_back(session);
      session->start();
      accept_next();
    });
  }

  std::size_t record(RecordedRequest request) {
    std::lock_guard lock(mutex_);
    records_.push_back(std::move(request));
    changed_.notify_all();
    return records_.size() - 1;
  }

  void update(std::size_t index, std::size_t body_bytes_sent, ResponseOutcome outcome) {
    std::lock_guard lock(mutex_);
    records_[index].body_bytes_sent = body_bytes_sent;
    records_[index].outcome = outcome;
    changed_.notify_all();
  }

  ScriptedResponse answer(const RecordedRequest& request) {
    Handler handler;
    {
      std::lock_guard lock(mutex_);
      const auto found = handlers_.find(request.path());
      if (found != handlers_.end()) handler = found->second;
    }
    if (handler) return handler(request);
    ScriptedResponse missing =
        ScriptedResponse::with_body("no handler for this path\n", "text/plain");
    missing.status = 404;
    return missing;
  }

  // io_ first: it is destroyed last, after everything that registered with it.
  boost::asio::io_context io_;
  Tcp::acceptor acceptor_;
  std::uint16_t port_ = 0;
  std::thread thread_;
  std::atomic<bool> stopped_{false};
  std::atomic<std::size_t> connections_{0};
  std::vector<std::weak_ptr<Session>> sessions_;  // server thread only

  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::map<std::string, Handler, std::less<>> handlers_;
  std::vector<RecordedRequest> records_;
};

}  // namespace feedsentry::test_support
