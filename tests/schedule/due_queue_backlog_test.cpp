// DueQueue's backlog accessors: what a caller needs to decide whether a finished fetch
// should start waiting feeds at once or leave newly due ones to its next timed wake-up.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "schedule/due_queue.h"
#include "schedule/fixed_time.h"

namespace feedsentry::schedule {
namespace {

using namespace std::chrono_literals;

core::SystemTime at(int seconds) {
  return kFixedNow + std::chrono::seconds(seconds);
}

TEST(DueQueueBacklog, EarliestDueIsTheSoonestQueuedFeedAndEmptyWhenNothingIsQueued) {
  DueQueue queue;
  EXPECT_FALSE(queue.earliest_due().has_value());
  queue.schedule(0, at(30));
  queue.schedule(1, at(10));
  queue.schedule(2, at(20));
  ASSERT_TRUE(queue.earliest_due().has_value());
  EXPECT_EQ(*queue.earliest_due(), at(10));
  queue.schedule(1, at(40));  // rescheduled later: the stale entry no longer counts
  EXPECT_EQ(*queue.earliest_due(), at(20));
}

TEST(DueQueueBacklog, AFeedWaitingForItsHostIsParkedUntilASlotFrees) {
  Policy policy;
  policy.per_host_concurrency = 1;
  HostLimiter limiter(policy);
  const std::vector<std::string> hosts = {"a.example", "a.example"};
  const DueQueue::HostOf host_of = [&](FeedIndex feed) { return std::string_view(hosts[feed]); };
  DueQueue queue;
  queue.schedule(0, at(10));
  queue.schedule(1, at(10));
  EXPECT_FALSE(queue.has_parked());
  ASSERT_EQ(queue.pop_ready(at(10), limiter, host_of).size(), 1u);
  EXPECT_TRUE(queue.has_parked());
  EXPECT_FALSE(queue.earliest_due().has_value()) << "parked feeds are not in the due heap";
  limiter.finished("a.example", at(11));
  ASSERT_EQ(queue.pop_ready(at(11), limiter, host_of).size(), 1u);
  EXPECT_FALSE(queue.has_parked());
}

}  // namespace
}  // namespace feedsentry::schedule
