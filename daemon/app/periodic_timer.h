#pragma once
// PeriodicTimer: runs a task on an io_context every `period` until cancelled or destroyed.
// The first run is one period after start(). The owner outlives the timer's waits: the
// destructor cancels, and a cancelled wait never calls the task.
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <functional>

namespace feedsentry::app {

class PeriodicTimer {
 public:
  PeriodicTimer(boost::asio::io_context& io, std::chrono::steady_clock::duration period,
                std::function<void()> task);
  ~PeriodicTimer();
  PeriodicTimer(const PeriodicTimer&) = delete;
  PeriodicTimer& operator=(const PeriodicTimer&) = delete;

  void start();
  void cancel();

 private:
  void arm();

  boost::asio::steady_timer timer_;
  std::chrono::steady_clock::duration period_;
  std::function<void()> task_;
  bool running_ = false;
};

}  // namespace feedsentry::app
