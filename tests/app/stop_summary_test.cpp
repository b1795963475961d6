#include "app/stop_summary.h"

#include <gtest/gtest.h>

namespace feedsentry::app {
namespace {

TEST(StopSummary, CountsEveryOutputAndNamesThoseWithPendingDeliveries) {
  std::vector<store::OutboxCounts> outbox(3);
  outbox[0].output = "slack";
  outbox[0].pending = 2;
  outbox[0].delivered = 40;
  outbox[1].output = "file";
  outbox[1].delivered = 42;
  outbox[2].output = "webhook";
  outbox[2].pending = 1;
  outbox[2].dead = 3;
  EXPECT_EQ(stop_summary_line(5, outbox),
            "stopped: 5 delivered this run, 3 pending, 3 dead letters; pending: slack 2, "
            "webhook 1");
}

TEST(StopSummary, AnEmptyOutbox) {
  EXPECT_EQ(stop_summary_line(0, {}), "stopped: 0 delivered this run, 0 pending, 0 dead letters");
}

TEST(StopSummary, TallyCountsOnlyDeliveries) {
  DeliveryTally tally;
  alert::DeliveryEvent event;
  tally.on_delivery(event);
  event.kind = alert::DeliveryEvent::Kind::kRetry;
  tally.on_delivery(event);
  event.kind = alert::DeliveryEvent::Kind::kDead;
  tally.on_delivery(event);
  EXPECT_EQ(tally.delivered(), 1u);
}

}  // namespace
}  // namespace feedsentry::app
