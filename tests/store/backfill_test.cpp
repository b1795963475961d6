#include "store/backfill.h"

#include <gtest/gtest.h>

namespace feedsentry::store {
namespace {

using std::chrono::hours;

const core::SystemTime kNow = core::from_unix_seconds(1'693'580'000);
const core::Duration kWindow = hours(24);

TEST(Backfill, FirstFetchAlertsOnItemsPublishedWithinTheWindow) {
  EXPECT_TRUE(
      should_alert_new_item(FetchHistory::kFirstSuccessfulFetch, kNow - hours(2), kNow, kWindow));
}

TEST(Backfill, FirstFetchIncludesTheWindowBoundary) {
  EXPECT_TRUE(
      should_alert_new_item(FetchHistory::kFirstSuccessfulFetch, kNow - kWindow, kNow, kWindow));
}

TEST(Backfill, FirstFetchSkipsItemsOlderThanTheWindow) {
  EXPECT_FALSE(should_alert_new_item(FetchHistory::kFirstSuccessfulFetch,
                                     kNow - kWindow - std::chrono::seconds(1), kNow, kWindow));
}

TEST(Backfill, FirstFetchSkipsItemsWithoutADate) {
  EXPECT_FALSE(
      should_alert_new_item(FetchHistory::kFirstSuccessfulFetch, std::nullopt, kNow, kWindow));
}

TEST(Backfill, FirstFetchAlertsOnFutureDatedItems) {
  EXPECT_TRUE(
      should_alert_new_item(FetchHistory::kFirstSuccessfulFetch, kNow + hours(1), kNow, kWindow));
}

TEST(Backfill, ZeroWindowSkipsTheWholeFirstFetch) {
  EXPECT_FALSE(should_alert_new_item(FetchHistory::kFirstSuccessfulFetch,
                                     kNow - std::chrono::seconds(1), kNow, core::Duration(0)));
}

TEST(Backfill, LaterFetchesAlertOnEveryNewItem) {
  EXPECT_TRUE(
      should_alert_new_item(FetchHistory::kFetchedBefore, kNow - hours(24 * 365), kNow, kWindow));
  EXPECT_TRUE(should_alert_new_item(FetchHistory::kFetchedBefore, std::nullopt, kNow, kWindow));
}

}  // namespace
}  // namespace feedsentry::store
