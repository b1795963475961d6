#include "fetch/detail/curl_multi_loop.h"

#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <utility>

#include <spdlog/spdlog.h>
#include <boost/asio/error.hpp>
#include <boost/asio/post.hpp>

namespace feedsentry::fetch::detail {
namespace {

// Events taken from the set per epoll_wait; more are picked up by the next call.
constexpr int kEventBatch = 64;

std::uint32_t epoll_interest(int wanted) {
  std::uint32_t events = 0;
  if (wanted & CURL_POLL_IN) events |= EPOLLIN;
  if (wanted & CURL_POLL_OUT) events |= EPOLLOUT;
  return events;
}

// What to tell curl about a socket that epoll reports with `events`, given what curl asked
// for. A hang-up is readable and writable (the read or write then reports it); an error
// is always passed on.
int curl_readiness(std::uint32_t events, int wanted) {
  int bits = 0;
  if ((wanted & CURL_POLL_IN) && (events & (EPOLLIN | EPOLLPRI | EPOLLRDHUP | EPOLLHUP))) {
    bits |= CURL_CSELECT_IN;
  }
  if ((wanted & CURL_POLL_OUT) && (events & (EPOLLOUT | EPOLLHUP))) bits |= CURL_CSELECT_OUT;
  if (events & EPOLLERR) bits |= CURL_CSELECT_ERR;
  return bits;
}

}  // namespace

CurlMultiLoop::CurlMultiLoop(boost::asio::io_context& io, const FetcherOptions& options,
                             DoneHandler on_done)
    : io_(io),
      on_done_(std::move(on_done)),
      coalesce_window_(std::max(options.coalesce_window, std::chrono::microseconds::zero())),
      timer_(io),
      poll_timer_(io),
      epoll_watch_(io),
      multi_(curl_multi_init()) {
  if (!multi_) throw std::runtime_error("curl_multi_init failed");
  epoll_fd_ = ::epoll_create1(EPOLL_CLOEXEC);
  if (epoll_fd_ < 0) {
    throw std::runtime_error(std::string("epoll_create1 failed: ") + std::strerror(errno));
  }
  CURLM* multi = multi_.get();
  curl_multi_setopt(multi, CURLMOPT_SOCKETFUNCTION, &CurlMultiLoop::on_socket_update);
  curl_multi_setopt(multi, CURLMOPT_SOCKETDATA, this);
  curl_multi_setopt(multi, CURLMOPT_TIMERFUNCTION, &CurlMultiLoop::on_timer_update);
  curl_multi_setopt(multi, CURLMOPT_TIMERDATA, this);
  curl_multi_setopt(multi, CURLMOPT_MAX_HOST_CONNECTIONS, options.max_host_connections);
  curl_multi_setopt(multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, options.max_total_connections);
  curl_multi_setopt(multi, CURLMOPT_MAXCONNECTS, options.max_idle_connections);
}

CurlMultiLoop::~CurlMultiLoop() {
  // Cleanup closes pooled connections and reports their sockets (remove/close callbacks),
  // so it runs while every member is still alive; nothing new is armed meanwhile.
  closing_ = true;
  multi_.reset();
  sockets_.clear();
  stop_waiting_for_events();
  ::close(epoll_fd_);
  timer_.cancel();
  poll_timer_.cancel();
}

CURLMcode CurlMultiLoop::add(CURL* easy) {
  // Set per handle, but libcurl stores them with each connection it opens, so the pool's
  // sockets are reported to this loop even after the handle that opened them is gone.
  curl_easy_setopt(easy, CURLOPT_OPENSOCKETFUNCTION, &CurlMultiLoop::on_open_socket);
  curl_easy_setopt(easy, CURLOPT_OPENSOCKETDATA, this);
  curl_easy_setopt(easy, CURLOPT_CLOSESOCKETFUNCTION, &CurlMultiLoop::on_close_socket);
  curl_easy_setopt(easy, CURLOPT_CLOSESOCKETDATA, this);
  return curl_multi_add_handle(multi_.get(), easy);
}

void CurlMultiLoop::remove(CURL* easy) {
  curl_multi_remove_handle(multi_.get(), easy);
}

int CurlMultiLoop::on_socket_update(CURL*, curl_socket_t socket, int what, void* loop,
                                    void* socket_data) {
  auto& self = *static_cast<CurlMultiLoop*>(loop);
  if (what == CURL_POLL_REMOVE) {
    self.unwatch_socket(socket);
    return 0;
  }
  // curl hands back the pointer we assigned with curl_multi_assign; none means curl sees a
  // new socket (or a pooled connection taken up again).
  return self.watch_socket(socket, what, socket_data == nullptr);
}

int CurlMultiLoop::on_timer_update(CURLM*, long timeout_ms, void* loop) {
  static_cast<CurlMultiLoop*>(loop)->set_timer(timeout_ms);
  return 0;
}

curl_socket_t CurlMultiLoop::on_open_socket(void* loop, curlsocktype,
                                            struct curl_sockaddr* address) {
  auto& self = *static_cast<CurlMultiLoop*>(loop);
  const curl_socket_t socket = ::socket(address->family, address->socktype, address->protocol);
  if (socket == CURL_SOCKET_BAD) return CURL_SOCKET_BAD;
  // An entry under this number belongs to a descriptor closed behind our back.
  self.forget_socket(socket);
  SocketState state;
  state.connection = true;
  self.sockets_.emplace(socket, state);
  return socket;
}

int CurlMultiLoop::on_close_socket(void* loop, curl_socket_t socket) {
  // Out of the set (and our table) before the number can be reused.
  static_cast<CurlMultiLoop*>(loop)->forget_socket(socket);
  return ::close(socket);
}

int CurlMultiLoop::watch_socket(curl_socket_t socket, int what, bool new_to_curl) {
  if (closing_) return 0;
  auto found = sockets_.find(socket);
  // A connection socket is known to be open until on_close_socket; any other socket that
  // curl reports as new under a number we still track replaced one closed without notice.
  if (found != sockets_.end() && new_to_curl && !found->second.connection) {
    forget_socket(socket);
    found = sockets_.end();
  }
  if (found == sockets_.end()) found = sockets_.emplace(socket, SocketState{}).first;
  SocketState& state = found->second;
  if (new_to_curl) curl_multi_assign(multi_.get(), socket, &state);
  state.wanted = what;
  return set_interest(socket, state, epoll_interest(what)) ? 0 : -1;
}

void CurlMultiLoop::unwatch_socket(curl_socket_t socket) {
  const auto found = sockets_.find(socket);
  if (found == sockets_.end()) return;
  if (!found->second.connection) {
    forget_socket(socket);
    return;
  }
  // A pooled connection: it stays in the set with its last interest (no syscall now, none
  // when it is taken up again). Should it signal while idle, poll_sockets drops it.
  found->second.wanted = 0;
}

void CurlMultiLoop::forget_socket(curl_socket_t socket) {
  const auto found = sockets_.find(socket);
  if (found == sockets_.end()) return;
  unregister(socket, found->second);
  sockets_.erase(found);
}

bool CurlMultiLoop::set_interest(curl_socket_t socket, SocketState& state, std::uint32_t events) {
  if (state.registered && state.events == events) return true;
  epoll_event event{};
  event.events = events;
  event.data.fd = socket;
  int result =
      ::epoll_ctl(epoll_fd_, state.registered ? EPOLL_CTL_MOD : EPOLL_CTL_ADD, socket, &event);
  if (result != 0 && !state.registered && errno == EEXIST) {
    result = ::epoll_ctl(epoll_fd_, EPOLL_CTL_MOD, socket, &event);
  }
  if (result != 0) {
    spdlog::error("fetch: cannot watch socket {}: {}", socket, std::strerror(errno));
    state.registered = false;
    return false;
  }
  state.registered = true;
  state.events = events;
  return true;
}

void CurlMultiLoop::unregister(curl_socket_t socket, SocketState& state) {
  if (!state.registered) return;
  ::epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, socket, nullptr);  // fails only if already gone
  state.registered = false;
}

std::size_t CurlMultiLoop::poll_sockets() {
  std::size_t handled = 0;
  std::array<epoll_event, kEventBatch> events;
  while (!closing_) {
    const int ready = ::epoll_wait(epoll_fd_, events.data(), kEventBatch, 0);
    if (ready < 0) {
      if (errno == EINTR) continue;
      spdlog::error("fetch: epoll_wait: {}", std::strerror(errno));
      break;
    }
    for (int index = 0; index < ready; ++index) {
      const curl_socket_t socket = events[index].data.fd;
      const auto found = sockets_.find(socket);
      if (found == sockets_.end()) {
        ::epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, socket, nullptr);
        continue;
      }
      SocketState& state = found->second;
      if (state.wanted == 0) {
        unregister(socket, state);  // an idle pooled connection closed by its peer
        continue;
      }
      const int readiness = curl_readiness(events[index].events, state.wanted);
      if (readiness == 0) continue;
      ++handled;
      // May close, open or re-register sockets, including ones later in `events`: a stale
      // event then reaches curl for a socket that is not ready, which it tolerates.
      const CURLMcode result = curl_multi_socket_action(multi_.get(), socket, readiness, &running_);
      if (result != CURLM_OK) {
        spdlog::error("fetch: curl_multi_socket_action: {}", curl_multi_strerror(result));
      }
    }
    if (ready < kEventBatch) break;
  }
  drain_finished();
  return handled;
}

// Chooses how to learn about the next ready sockets once a round of work is done.
// `expect_more`: requests were just sent or answers just found, so more answers are likely
// within the coalescing window.
void CurlMultiLoop::after_round(bool expect_more) {
  if (closing_) return;
  if (running_ == 0) {
    // Nothing in flight: no socket needs watching. An event wait already armed stays (a
    // pooled connection that closes is then dropped from the set at once).
    if (wake_ == Wake::kPoll) wake_ = Wake::kNone;
    return;
  }
  if (expect_more && coalesce_window_.count() > 0) {
    poll_soon();
  } else {
    wait_for_events();
  }
}

void CurlMultiLoop::poll_soon() {
  stop_waiting_for_events();
  wake_ = Wake::kPoll;
  if (poll_armed_) return;  // the pending poll comes no later than a new one would
  poll_armed_ = true;
  poll_timer_.expires_after(coalesce_window_);
  poll_timer_.async_wait([loop = weak_from_this()](const boost::system::error_code& error) {
    if (error == boost::asio::error::operation_aborted) return;
    const std::shared_ptr<CurlMultiLoop> self = loop.lock();
    if (!self) return;
    self->poll_armed_ = false;
    if (self->closing_ || self->wake_ != Wake::kPoll) return;
    const std::size_t handled = self->poll_sockets();
    self->after_round(handled > 0);
  });
}

void CurlMultiLoop::wait_for_events() {
  wake_ = Wake::kEvents;
  if (event_wait_armed_) return;
  if (!epoll_watch_.is_open()) {
    boost::system::error_code error;
    epoll_watch_.assign(epoll_fd_, error);
    if (error) {
      // Without an event wait the set is still polled, just never idle.
      spdlog::error("fetch: cannot watch the epoll set: {}", error.message());
      wake_ = Wake::kPoll;
      poll_soon();
      return;
    }
  }
  event_wait_armed_ = true;
  epoll_watch_.async_wait(boost::asio::posix::descriptor_base::wait_read,
                          [loop = weak_from_this()](const boost::system::error_code& error) {
                            if (error == boost::asio::error::operation_aborted)
                              return;  // released meanwhile
                            const std::shared_ptr<CurlMultiLoop> self = loop.lock();
                            if (!self) return;
                            self->event_wait_armed_ = false;
                            if (self->closing_ || self->wake_ != Wake::kEvents) return;
                            self->poll_sockets();
                            self->after_round(false);
                          });
}

void CurlMultiLoop::stop_waiting_for_events() {
  // Releasing (not closing) takes the epoll fd out of asio's set and aborts the wait, so
  // sockets that become ready meanwhile do not wake the thread.
  if (epoll_watch_.is_open()) epoll_watch_.release();
  event_wait_armed_ = false;
}

void CurlMultiLoop::set_timer(long timeout_ms) {
  if (closing_) return;
  if (timeout_ms < 0) {
    // Left armed: a stale expiry finds no deadline and does nothing, which is cheaper than
    // a cancel followed by a re-arm for the next transfer.
    deadline_.reset();
    return;
  }
  if (timeout_ms == 0) {
    // curl forbids calling socket_action from inside this callback; a post defers it.
    deadline_.reset();
    if (immediate_posted_) return;
    immediate_posted_ = true;
    boost::asio::post(io_, [loop = weak_from_this()] {
      const std::shared_ptr<CurlMultiLoop> self = loop.lock();
      if (!self) return;
      self->immediate_posted_ = false;
      if (!self->closing_) self->socket_action(CURL_SOCKET_TIMEOUT, 0);
    });
    return;
  }
  const auto at = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  deadline_ = at;
  if (!armed_ || at < *armed_) arm_timer(at);
}

void CurlMultiLoop::arm_timer(std::chrono::steady_clock::time_point at) {
  armed_ = at;
  timer_.expires_at(at);
  timer_.async_wait([loop = weak_from_this()](const boost::system::error_code& error) {
    if (const std::shared_ptr<CurlMultiLoop> self = loop.lock()) self->on_timer(error);
  });
}

void CurlMultiLoop::on_timer(const boost::system::error_code& error) {
  if (error || closing_) return;  // aborted: a re-arm replaced this wait
  armed_.reset();
  if (!deadline_) return;
  if (*deadline_ > std::chrono::steady_clock::now()) {
    arm_timer(*deadline_);  // curl moved its deadline later meanwhile
    return;
  }
  deadline_.reset();
  socket_action(CURL_SOCKET_TIMEOUT, 0);
}

// A timeout action: the one after curl_multi_add_handle is what sends new requests.
void CurlMultiLoop::socket_action(curl_socket_t socket, int events) {
  const CURLMcode result = curl_multi_socket_action(multi_.get(), socket, events, &running_);
  if (result != CURLM_OK) {
    spdlog::error("fetch: curl_multi_socket_action: {}", curl_multi_strerror(result));
  }
  drain_finished();
  after_round(true);
}

void CurlMultiLoop::drain_finished() {
  int queued = 0;
  while (CURLMsg* message = curl_multi_info_read(multi_.get(), &queued)) {
    if (message->msg != CURLMSG_DONE) continue;
    // The message is invalid once its handle is removed: copy what we need first.
    CURL* const easy = message->easy_handle;
    const CURLcode result = message->data.result;
    curl_multi_remove_handle(multi_.get(), easy);
    on_done_(easy, result);
  }
}

}  // namespace feedsentry::fetch::detail
