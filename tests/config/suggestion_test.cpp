// "Did you mean" suggestions.
#include "config/suggestion.h"

#include <gtest/gtest.h>

namespace feedsentry::config {
namespace {

TEST(EditDistance, CountsInsertionsDeletionsAndSubstitutions) {
  EXPECT_EQ(edit_distance("", ""), 0u);
  EXPECT_EQ(edit_distance("interval", "interval"), 0u);
  EXPECT_EQ(edit_distance("intervall", "interval"), 1u);
  EXPECT_EQ(edit_distance("intreval", "interval"), 2u);
  EXPECT_EQ(edit_distance("", "abc"), 3u);
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
}

TEST(ClosestMatch, SuggestsWithinTwoEdits) {
  EXPECT_EQ(closest_match("intervall", {"interval", "jitter"}), "interval");
  EXPECT_EQ(closest_match("feed", {"feeds", "opml"}), "feeds");
  EXPECT_EQ(closest_match("verify_ssl", {"verify_tls"}), std::nullopt);
  EXPECT_EQ(closest_match("xyz", {"url", "name"}), std::nullopt);
}

TEST(ClosestMatch, PrefersTheNearestCandidate) {
  EXPECT_EQ(closest_match("backof_cap", {"backoff_base", "backoff_cap"}), "backoff_cap");
}

}  // namespace
}  // namespace feedsentry::config
