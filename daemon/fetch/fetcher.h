#pragma once
// Fetcher: the asynchronous HTTP(S)/file client, libcurl's multi interface driven by one
// boost::asio::io_context. All network work happens on the thread running that context; no
// thread per request, no blocking perform. Connections and the DNS cache are kept across
// requests.
//
// Threading and lifetime: a Fetcher is owned by the component that owns the io_context run
// (the Daemon) and must be created, used and destroyed on that context's thread, or while the
// context is not running. Callbacks are posted to the io_context, never run inline, and do not
// reference the Fetcher, so a callback may start new fetches or destroy the Fetcher. On
// cancel_all() or destruction every pending callback is posted with ErrorClass::kCancelled;
// callbacks still queued when the io_context itself is destroyed are dropped, as any handler.
#include <cstddef>
#include <memory>
#include <unordered_map>

#include <boost/asio/io_context.hpp>

#include "fetch/fetcher_options.h"
#include "fetch/http_client.h"

namespace feedsentry::fetch {

namespace detail {
class CurlMultiLoop;
class EasyPool;
class Transfer;
}  // namespace detail

class Fetcher final : public HttpClient {
 public:
  explicit Fetcher(boost::asio::io_context& io, FetcherOptions options = {});
  ~Fetcher() override;
  Fetcher(const Fetcher&) = delete;
  Fetcher& operator=(const Fetcher&) = delete;

  void fetch(Request request, FetchCallback on_done) override;

  // Transfers started and not yet finished (their callbacks may still be queued).
  std::size_t in_flight() const { return transfers_.size(); }

  // Aborts every transfer; each callback then runs with kCancelled.
  void cancel_all();

 private:
  void on_transfer_done(void* easy, int curl_code);
  void complete(std::unique_ptr<detail::Transfer> transfer, Response response);

  boost::asio::io_context& io_;
  FetcherOptions options_;
  // Shared only so that asio handlers still queued after the loop is gone can tell (they hold
  // a weak_ptr); the Fetcher is its sole owner.
  std::shared_ptr<detail::CurlMultiLoop> loop_;
  std::unordered_map<void*, std::unique_ptr<detail::Transfer>> transfers_;  // by CURL*
  // Easy handles of finished transfers, reset, for the next ones.
  std::unique_ptr<detail::EasyPool> easy_pool_;
};

}  // namespace feedsentry::fetch
