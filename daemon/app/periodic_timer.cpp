#include "app/periodic_timer.h"

#include <utility>

namespace feedsentry::app {

PeriodicTimer::PeriodicTimer(boost::asio::io_context& io,
                             std::chrono::steady_clock::duration period, std::function<void()> task)
    : timer_(io), period_(period), task_(std::move(task)) {}

PeriodicTimer::~PeriodicTimer() {
  cancel();
}

void PeriodicTimer::start() {
  if (running_) return;
  running_ = true;
  arm();
}

void PeriodicTimer::cancel() {
  running_ = false;
  timer_.cancel();
}

void PeriodicTimer::arm() {
  timer_.expires_after(period_);
  timer_.async_wait([this](const boost::system::error_code& error) {
    if (error || !running_) return;
    task_();
    if (running_) arm();  // the task may have cancelled its own timer
  });
}

}  // namespace feedsentry::app
