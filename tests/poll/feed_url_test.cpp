#include "poll/feed_url.h"

#include <gtest/gtest.h>

namespace feedsentry::poll {
namespace {

using core::UrlSecrecy;

TEST(FeedLabel, NamesTheFeedAndShowsItsRedactedUrl) {
  EXPECT_EQ(feed_label("World", "https://reader:pw@news.example/rss/world.xml?key=abc",
                       UrlSecrecy::kPlain),
            "'World' (https://news.example/rss/world.xml?key=…)");
}

TEST(FeedLabel, ShowsOnlySchemeAndHostOfAUrlFromTheEnvironment) {
  EXPECT_EQ(feed_label("Private", "https://news.example/private/feed.rss", UrlSecrecy::kSecret),
            "'Private' (https://news.example/…/[redacted])");
}

TEST(FeedLabel, AFeedWithoutANameIsItsRedactedUrl) {
  EXPECT_EQ(feed_label("", "https://news.example/private/3f9a1c7e5b2d4a6f8e0c/feed.rss",
                       UrlSecrecy::kPlain),
            "https://news.example/private/[redacted]/feed.rss");
}

TEST(HostKey, IgnoresUserInfoAndCase) {
  EXPECT_EQ(host_key("https://user:pw@News.Example:8443/rss"), "news.example:8443");
}

}  // namespace
}  // namespace feedsentry::poll
