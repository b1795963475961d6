#pragma once
// The seam between libcurl's multi interface and boost::asio: curl tells us which sockets to
// watch (CURLMOPT_SOCKETFUNCTION) and when to wake it (CURLMOPT_TIMERFUNCTION); we watch them
// with posix::stream_descriptor waits and one steady_timer, and call
// curl_multi_socket_action on readiness. Finished transfers are removed from the multi
// handle and handed to `on_done`. Internal to the fetch module.
//
// Lifetime: owned by a Fetcher through a shared_ptr; asio handlers hold only weak_ptrs, so a
// handler that runs after the loop is gone does nothing. curl owns every socket: descriptors
// are released, never closed, by us. The multi handle (connection pool, DNS cache) lives as
// long as the loop, so connections are reused across requests.
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <unordered_map>

#include <curl/curl.h>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/system/error_code.hpp>

#include "fetch/detail/curl_handle.h"
#include "fetch/fetcher_options.h"

namespace feedsentry::fetch::detail {

class CurlMultiLoop : public std::enable_shared_from_this<CurlMultiLoop> {
 public:
  // Runs on the io_context thread for every transfer curl reports done; the easy handle has
  // already been removed from the multi handle and may be destroyed by the callee.
  using DoneHandler = std::function<void(CURL* easy, CURLcode result)>;

  CurlMultiLoop(boost::asio::io_context& io, const FetcherOptions& options, DoneHandler on_done);
  ~CurlMultiLoop();
  CurlMultiLoop(const CurlMultiLoop&) = delete;
  CurlMultiLoop& operator=(const CurlMultiLoop&) = delete;

  CURLMcode add(CURL* easy);
  // Aborts a transfer that has not finished; `on_done` is not called for it.
  void remove(CURL* easy);

 private:
  struct SocketWatch;

  static int on_socket_update(CURL* easy, curl_socket_t socket, int what, void* loop,
                              void* socket_data);
  static int on_timer_update(CURLM* multi, long timeout_ms, void* loop);
  static int on_close_socket(void* loop, curl_socket_t socket);

  int watch_socket(curl_socket_t socket, int what, bool new_to_curl);
  void forget_socket(curl_socket_t socket);
  void arm(const std::shared_ptr<SocketWatch>& watch);
  void on_socket_ready(const std::shared_ptr<SocketWatch>& watch, unsigned generation,
                       int direction, const boost::system::error_code& error);
  void set_timer(long timeout_ms);
  void arm_timer(std::chrono::steady_clock::time_point at);
  void on_timer(const boost::system::error_code& error);
  void socket_action(curl_socket_t socket, int events);
  void drain_finished();

  boost::asio::io_context& io_;
  DoneHandler on_done_;
  // curl moves its deadline several times per transfer. Every re-arm of an asio timer that
  // becomes the earliest one costs a timerfd_settime syscall, which dominated the poller's
  // CPU, so the timer is only moved EARLIER; a later deadline waits in `deadline_` and an
  // early expiry re-arms for it without calling curl. A zero timeout is a post, no timer.
  boost::asio::steady_timer timer_;
  std::optional<std::chrono::steady_clock::time_point> deadline_;  // what curl asked for
  std::optional<std::chrono::steady_clock::time_point> armed_;     // what timer_ waits for
  bool immediate_posted_ = false;
  std::unordered_map<curl_socket_t, std::shared_ptr<SocketWatch>> sockets_;
  bool closing_ = false;
  CurlMulti multi_;  // reset explicitly first in the destructor: cleanup calls back into us
};

}  // namespace feedsentry::fetch::detail
