#include "app/periodic_timer.h"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

namespace feedsentry::app {
namespace {

using std::chrono::milliseconds;

// Runs a 1 ms timer that cancels itself at its `stop_at`th run; returns the runs seen.
int runs_of_self_cancelling_timer(int stop_at) {
  boost::asio::io_context io;
  int runs = 0;
  PeriodicTimer timer(io, milliseconds(1), [&] {
    if (++runs == stop_at) timer.cancel();
  });
  timer.start();
  io.run();  // returns once the cancelled timer leaves no work
  return runs;
}

TEST(PeriodicTimer, RunsEveryPeriodUntilCancelled) {
  EXPECT_EQ(runs_of_self_cancelling_timer(3), 3);
}

TEST(PeriodicTimer, NeverRunsBeforeStartOrAfterDestruction) {
  boost::asio::io_context io;
  int runs = 0;
  {
    PeriodicTimer never_started(io, milliseconds(1), [&] { ++runs; });
  }
  {
    PeriodicTimer destroyed(io, milliseconds(1), [&] { ++runs; });
    destroyed.start();
  }
  io.run();
  EXPECT_EQ(runs, 0);
}

}  // namespace
}  // namespace feedsentry::app
