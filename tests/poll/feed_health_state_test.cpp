// The FeedState <-> FeedHealth mapping the poller uses on load and after every poll.
#include "poll/feed_health_state.h"

#include <gtest/gtest.h>

namespace feedsentry::poll {
namespace {

core::SystemTime at(std::int64_t seconds) {
  return core::from_unix_seconds(seconds);
}

TEST(FeedHealthState, HealthRoundTripsThroughTheStoredState) {
  schedule::FeedHealth health;
  health.last_success = at(1'000);
  health.consecutive_failures = 4;
  health.last_error_class = "http_503";
  health.last_error_message = "HTTP 503";
  health.degraded_logged = true;
  health.next_due = at(2'000);
  store::FeedState state;
  state.last_attempt = at(1'500);
  record_health(health, state);

  const schedule::FeedHealth loaded = health_from_state(state);
  EXPECT_EQ(loaded.last_success, health.last_success);
  EXPECT_EQ(loaded.consecutive_failures, 4);
  EXPECT_EQ(loaded.last_error_class, "http_503");
  EXPECT_EQ(loaded.last_error_message, "HTTP 503");
  EXPECT_TRUE(loaded.degraded_logged);
  EXPECT_EQ(loaded.next_due, health.next_due);
  // The streak start is not stored: the last attempt stands in for it.
  EXPECT_EQ(loaded.failing_since, at(1'500));
  EXPECT_EQ(loaded.last_error_at, at(1'500));
}

TEST(FeedHealthState, AHealthyFeedHasNoFailureStreak) {
  store::FeedState state;
  state.last_attempt = at(1'500);
  state.last_success = at(1'500);
  const schedule::FeedHealth health = health_from_state(state);
  EXPECT_EQ(health.consecutive_failures, 0);
  EXPECT_FALSE(health.failing_since.has_value());
  EXPECT_FALSE(health.last_error_at.has_value());
}

TEST(FeedHealthState, RecordingLeavesTheOtherStateFieldsAlone) {
  store::FeedState state;
  state.feed_id = "https://example.com/feed";
  state.etag = "\"v1\"";
  state.body_hash = "abc";
  state.first_fetch_done = true;
  const store::FeedState before = state;
  record_health(schedule::FeedHealth{}, state);
  EXPECT_EQ(state.feed_id, before.feed_id);
  EXPECT_EQ(state.etag, before.etag);
  EXPECT_EQ(state.body_hash, before.body_hash);
  EXPECT_TRUE(state.first_fetch_done);
}

}  // namespace
}  // namespace feedsentry::poll
