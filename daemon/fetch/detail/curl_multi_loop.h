#pragma once
// The seam between libcurl's multi interface and boost::asio: curl tells us which sockets to
// watch (CURLMOPT_SOCKETFUNCTION) and when to wake it (CURLMOPT_TIMERFUNCTION); we watch the
// sockets with a private, level-triggered epoll instance and call curl_multi_socket_action
// on readiness. Finished transfers are removed from the multi handle and handed to
// `on_done`. Internal to the fetch module.
//
// Why a private epoll set instead of one asio descriptor per socket: curl reports a pooled
// connection as removed after every transfer and as new at the next one, which with asio
// descriptors cost an epoll add, a delete, an ioctl and a mod per request. Here a socket
// opened by curl for a connection (CURLOPT_OPENSOCKETFUNCTION) stays in the set while it
// is open; its interest changes only when curl's does, and a socket curl is not using is
// dropped from the set only if it signals (the peer closed it). asio sees one descriptor,
// the epoll fd, and only while the loop waits for events (see `Wake`).
//
// Waking: right after requests start, and after a round that found answers ready, the set
// is polled once `coalesce_window` later rather than waking for every socket, so a batch of
// fetches is answered in one or two wake-ups instead of one per response. A poll that finds
// nothing switches to waking on events (slow peers cost no polling).
//
// Lifetime: owned by a Fetcher through a shared_ptr; asio handlers hold only weak_ptrs, so a
// handler that runs after the loop is gone does nothing. curl owns every socket and closes
// it through our close callback; the epoll fd is ours. The multi handle (connection pool,
// DNS cache) lives as long as the loop, so connections are reused across requests.
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <unordered_map>

#include <curl/curl.h>
#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
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
  // One socket in the epoll set (or known to curl).
  struct SocketState {
    int wanted = 0;            // CURL_POLL_IN / _OUT / _INOUT; 0 while curl does not use it
    std::uint32_t events = 0;  // registered epoll interest, valid while `registered`
    bool registered = false;   // in the epoll set
    bool connection = false;   // opened through on_open_socket: closed only through on_close
  };
  // How the loop learns that sockets are ready.
  enum class Wake {
    kNone,    // nothing in flight: nobody watches the set
    kPoll,    // poll_timer_ polls the set at poll_at_
    kEvents,  // an asio wait on the epoll fd
  };

  static int on_socket_update(CURL* easy, curl_socket_t socket, int what, void* loop,
                              void* socket_data);
  static int on_timer_update(CURLM* multi, long timeout_ms, void* loop);
  static curl_socket_t on_open_socket(void* loop, curlsocktype purpose,
                                      struct curl_sockaddr* address);
  static int on_close_socket(void* loop, curl_socket_t socket);

  int watch_socket(curl_socket_t socket, int what, bool new_to_curl);
  void unwatch_socket(curl_socket_t socket);
  void forget_socket(curl_socket_t socket);
  bool set_interest(curl_socket_t socket, SocketState& state, std::uint32_t events);
  void unregister(curl_socket_t socket, SocketState& state);

  std::size_t poll_sockets();
  void after_round(bool expect_more);
  void poll_soon();
  void wait_for_events();
  void stop_waiting_for_events();

  void set_timer(long timeout_ms);
  void arm_timer(std::chrono::steady_clock::time_point at);
  void on_timer(const boost::system::error_code& error);
  void socket_action(curl_socket_t socket, int events);
  void drain_finished();

  boost::asio::io_context& io_;
  DoneHandler on_done_;
  std::chrono::microseconds coalesce_window_;
  // curl moves its deadline several times per transfer. Every re-arm of an asio timer that
  // becomes the earliest one costs a timerfd_settime syscall, which dominated the poller's
  // CPU, so the timer is only moved EARLIER; a later deadline waits in `deadline_` and an
  // early expiry re-arms for it without calling curl. A zero timeout is a post, no timer.
  boost::asio::steady_timer timer_;
  std::optional<std::chrono::steady_clock::time_point> deadline_;  // what curl asked for
  std::optional<std::chrono::steady_clock::time_point> armed_;     // what timer_ waits for
  bool immediate_posted_ = false;

  int epoll_fd_ = -1;
  std::unordered_map<curl_socket_t, SocketState> sockets_;
  int running_ = 0;  // transfers curl still runs, as of the last socket_action
  Wake wake_ = Wake::kNone;
  boost::asio::steady_timer poll_timer_;
  bool poll_armed_ = false;
  // The epoll fd as an asio descriptor; assigned only while wake_ == kEvents, so that in
  // the other modes a ready socket does not wake the io thread.
  boost::asio::posix::stream_descriptor epoll_watch_;
  bool event_wait_armed_ = false;

  bool closing_ = false;
  CurlMulti multi_;  // reset explicitly first in the destructor: cleanup calls back into us
};

}  // namespace feedsentry::fetch::detail
