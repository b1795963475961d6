#pragma once
// Runs a boost::asio::io_context on a background thread for tests that drive asynchronous
// components from the test thread. Work is handed over with post() or run(); run() waits,
// bounded, for the work to finish. Header-only ("support/io_thread.h").
#include <chrono>
#include <future>
#include <thread>
#include <utility>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>

namespace feedsentry::test_support {

class IoThread {
 public:
  IoThread() : guard_(boost::asio::make_work_guard(io_)), thread_([this] { io_.run(); }) {}
  ~IoThread() { stop(); }
  IoThread(const IoThread&) = delete;
  IoThread& operator=(const IoThread&) = delete;

  boost::asio::io_context& context() { return io_; }

  template <typename Work>
  void post(Work&& work) {
    boost::asio::post(io_, std::forward<Work>(work));
  }

  // Runs `work` on the io thread and waits for it. Returns false if it did not finish within
  // `timeout` (the work still runs later; keep what it captures alive).
  template <typename Work>
  bool run(Work&& work, std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
    auto done = std::make_shared<std::promise<void>>();
    std::future<void> finished = done->get_future();
    boost::asio::post(io_, [work = std::forward<Work>(work), done]() mutable {
      work();
      done->set_value();
    });
    return finished.wait_for(timeout) == std::future_status::ready;
  }

  // Lets the loop finish the work it has, then joins. Idempotent.
  void stop() {
    if (!thread_.joinable()) return;
    guard_.reset();
    thread_.join();
  }

 private:
  boost::asio::io_context io_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> guard_;
  std::thread thread_;
};

}  // namespace feedsentry::test_support
