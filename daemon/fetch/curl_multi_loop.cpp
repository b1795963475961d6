#include "fetch/detail/curl_multi_loop.h"

#include <unistd.h>

#include <stdexcept>
#include <utility>

#include <spdlog/spdlog.h>
#include <boost/asio/error.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/post.hpp>

namespace feedsentry::fetch::detail {

// One socket curl asked us to watch. `generation` changes whenever the wanted directions
// change or the socket is forgotten, so a wait that completes for an older interest is
// ignored instead of driving curl with a stale event.
struct CurlMultiLoop::SocketWatch {
  SocketWatch(boost::asio::io_context& io, curl_socket_t fd) : socket(fd), descriptor(io) {}
  ~SocketWatch() { release(); }
  // Deregisters from the reactor without closing: curl owns and closes the fd. Must happen
  // before curl closes it, or a reused fd number's new registration could be removed.
  void release() {
    if (descriptor.is_open()) descriptor.release();
  }
  SocketWatch(const SocketWatch&) = delete;
  SocketWatch& operator=(const SocketWatch&) = delete;

  curl_socket_t socket;
  boost::asio::posix::stream_descriptor descriptor;
  int wanted = 0;  // CURL_POLL_IN / CURL_POLL_OUT / CURL_POLL_INOUT
  unsigned generation = 0;
  bool read_armed = false;
  bool write_armed = false;
  bool forgotten = false;
};

CurlMultiLoop::CurlMultiLoop(boost::asio::io_context& io, const FetcherOptions& options,
                             DoneHandler on_done)
    : io_(io), on_done_(std::move(on_done)), timer_(io), multi_(curl_multi_init()) {
  if (!multi_) throw std::runtime_error("curl_multi_init failed");
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
  timer_.cancel();
}

CURLMcode CurlMultiLoop::add(CURL* easy) {
  // Set per handle, but libcurl stores it with each connection it opens, so the pool's
  // sockets are reported to this loop even after the handle that opened them is gone.
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
    self.forget_socket(socket);
    return 0;
  }
  // curl hands back the pointer we assigned with curl_multi_assign; none means curl sees a
  // new socket, even if one with the same number is still in our table.
  return self.watch_socket(socket, what, socket_data == nullptr);
}

int CurlMultiLoop::on_timer_update(CURLM*, long timeout_ms, void* loop) {
  static_cast<CurlMultiLoop*>(loop)->set_timer(timeout_ms);
  return 0;
}

int CurlMultiLoop::on_close_socket(void* loop, curl_socket_t socket) {
  // Normally the socket was already removed; this guarantees the reactor lets go of the
  // descriptor before its number can be reused.
  static_cast<CurlMultiLoop*>(loop)->forget_socket(socket);
  return ::close(socket);
}

int CurlMultiLoop::watch_socket(curl_socket_t socket, int what, bool new_to_curl) {
  if (closing_) return 0;
  auto found = sockets_.find(socket);
  if (found != sockets_.end() && new_to_curl) {
    forget_socket(socket);  // a stale entry: curl closed the old socket without telling us
    found = sockets_.end();
  }
  if (found == sockets_.end()) {
    auto watch = std::make_shared<SocketWatch>(io_, socket);
    boost::system::error_code error;
    watch->descriptor.assign(socket, error);
    if (error) {
      spdlog::error("fetch: cannot watch socket {}: {}", socket, error.message());
      return -1;
    }
    curl_multi_assign(multi_.get(), socket, watch.get());
    found = sockets_.emplace(socket, std::move(watch)).first;
  }
  const std::shared_ptr<SocketWatch>& watch = found->second;
  if (watch->wanted != what) {
    watch->wanted = what;
    ++watch->generation;
    boost::system::error_code ignored;
    watch->descriptor.cancel(ignored);
    watch->read_armed = false;
    watch->write_armed = false;
    arm(watch);
  }
  return 0;
}

void CurlMultiLoop::forget_socket(curl_socket_t socket) {
  const auto found = sockets_.find(socket);
  if (found == sockets_.end()) return;
  SocketWatch& watch = *found->second;
  watch.forgotten = true;
  ++watch.generation;
  watch.release();  // aborts its waits; a running handler may still hold the watch itself
  sockets_.erase(found);
}

void CurlMultiLoop::arm(const std::shared_ptr<SocketWatch>& watch) {
  using boost::asio::posix::descriptor_base;
  const auto wait = [&](descriptor_base::wait_type type, int direction) {
    watch->descriptor.async_wait(
        type, [loop = weak_from_this(), weak_watch = std::weak_ptr<SocketWatch>(watch),
               generation = watch->generation, direction](const boost::system::error_code& error) {
          if (error == boost::asio::error::operation_aborted) return;
          const std::shared_ptr<CurlMultiLoop> self = loop.lock();
          const std::shared_ptr<SocketWatch> current = weak_watch.lock();
          if (!self || !current || current->generation != generation) return;
          self->on_socket_ready(current, generation, direction, error);
        });
  };
  if ((watch->wanted & CURL_POLL_IN) && !watch->read_armed) {
    watch->read_armed = true;
    wait(descriptor_base::wait_read, CURL_CSELECT_IN);
  }
  if ((watch->wanted & CURL_POLL_OUT) && !watch->write_armed) {
    watch->write_armed = true;
    wait(descriptor_base::wait_write, CURL_CSELECT_OUT);
  }
}

void CurlMultiLoop::on_socket_ready(const std::shared_ptr<SocketWatch>& watch, unsigned generation,
                                    int direction, const boost::system::error_code& error) {
  (direction == CURL_CSELECT_IN ? watch->read_armed : watch->write_armed) = false;
  socket_action(watch->socket, error ? CURL_CSELECT_ERR : direction);
  // curl may have changed its interest (already re-armed) or dropped the socket meanwhile.
  if (!watch->forgotten && watch->generation == generation) arm(watch);
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

void CurlMultiLoop::socket_action(curl_socket_t socket, int events) {
  int running = 0;
  const CURLMcode result = curl_multi_socket_action(multi_.get(), socket, events, &running);
  if (result != CURLM_OK) {
    spdlog::error("fetch: curl_multi_socket_action: {}", curl_multi_strerror(result));
  }
  drain_finished();
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
