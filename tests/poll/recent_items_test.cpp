#include "poll/recent_items.h"

#include <gtest/gtest.h>

namespace feedsentry::poll {
namespace {

using namespace std::chrono_literals;

store::SeenStore::Candidate candidate(std::string key, std::string secondary = {},
                                      std::optional<std::int64_t> published = std::nullopt) {
  store::SeenStore::Candidate made;
  made.item_key = std::move(key);
  made.secondary_key = std::move(secondary);
  made.published = published;
  return made;
}

std::uint64_t fingerprint(const store::SeenStore::Candidate& of) {
  return RecentItems::fingerprint(of);
}

const core::SystemTime kRecordedAt = core::from_unix_seconds(1'700'000'000);

TEST(RecentItemsTest, AnyChangeToWhatWouldBeStoredIsANewFingerprint) {
  const auto base = fingerprint(candidate("guid", "link|title", 100));
  EXPECT_EQ(fingerprint(candidate("guid", "link|title", 100)), base);
  EXPECT_NE(fingerprint(candidate("guid2", "link|title", 100)), base);
  EXPECT_NE(fingerprint(candidate("guid", "link|title2", 100)), base);
  EXPECT_NE(fingerprint(candidate("guid", "link|title", 101)), base);
  EXPECT_NE(fingerprint(candidate("guid", "link|title")), base) << "published dropped";
  // The separators keep parts from sliding into each other.
  EXPECT_NE(fingerprint(candidate("ab", "c")), fingerprint(candidate("a", "bc")));
}

TEST(RecentItemsTest, ContainsExactlyItsMembers) {
  const RecentItems recent(kRecordedAt, {fingerprint(candidate("a")), fingerprint(candidate("b")),
                                         fingerprint(candidate("a"))});
  EXPECT_EQ(recent.size(), 2u);
  EXPECT_TRUE(recent.contains(fingerprint(candidate("a"))));
  EXPECT_TRUE(recent.contains(fingerprint(candidate("b"))));
  EXPECT_FALSE(recent.contains(fingerprint(candidate("c"))));
}

TEST(RecentItemsTest, ValidFromRecordingForLessThanTheValidity) {
  const RecentItems recent(kRecordedAt, {});
  EXPECT_TRUE(recent.valid_at(kRecordedAt, 1h));
  EXPECT_TRUE(recent.valid_at(kRecordedAt + 59min, 1h));
  EXPECT_FALSE(recent.valid_at(kRecordedAt + 1h, 1h));
  EXPECT_FALSE(recent.valid_at(kRecordedAt - 1s, 1h)) << "a clock stepped back";
}

TEST(RecentItemsTest, WithAddsMembersAndKeepsTheRecordingTime) {
  const RecentItems recent(kRecordedAt, {fingerprint(candidate("a"))});
  const RecentItems extended = recent.with({fingerprint(candidate("b"))});
  EXPECT_EQ(extended.recorded_at(), kRecordedAt);
  EXPECT_TRUE(extended.contains(fingerprint(candidate("a"))));
  EXPECT_TRUE(extended.contains(fingerprint(candidate("b"))));
  EXPECT_FALSE(recent.contains(fingerprint(candidate("b")))) << "the original is unchanged";
}

}  // namespace
}  // namespace feedsentry::poll
