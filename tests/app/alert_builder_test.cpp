// build_alert on hostile input: a 1 MB title becomes a headline of bounded size (a chat or
// webhook post stays small enough for receivers to accept), cut with an ellipsis.
#include "app/alert_builder.h"

#include <gtest/gtest.h>

#include <string>

namespace feedsentry::app {
namespace {

TEST(AlertBuilder, AHugeTitleIsCutToABoundedHeadline) {
  poll::Match match;
  match.feed_name = "Hostile";
  std::string title = "Sanctions on North Korea ";
  while (title.size() < (1u << 20)) title += "and more words ";
  match.item.title = title;
  const alert::Alert alert = build_alert(match);
  EXPECT_LE(alert.headline.size(), kHeadlineCharacters + 3);  // the ellipsis is 3 bytes
  EXPECT_TRUE(alert.headline.starts_with("Sanctions on North Korea and more"));
  EXPECT_TRUE(alert.headline.ends_with("…"));
}

TEST(AlertBuilder, ANormalTitleIsKeptWhole) {
  poll::Match match;
  match.item.title = "  US Treasury sanctions\nNorth Korean bank  ";
  EXPECT_EQ(build_alert(match).headline, "US Treasury sanctions North Korean bank");
}

TEST(AlertBuilder, ANamelessFeedIsTheSourceByItsRedactedUrlOnly) {
  poll::Match match;
  match.item.title = "Launch";
  match.feed_id = match.feed_url = "https://reader:pw@news.example/private/feed.rss?key=abc";
  match.feed_url_secrecy = core::UrlSecrecy::kSecret;
  EXPECT_EQ(build_alert(match).source, "https://news.example/…/[redacted]");
  match.feed_url_secrecy = core::UrlSecrecy::kPlain;
  EXPECT_EQ(build_alert(match).source, "https://news.example/private/feed.rss?key=…");
}

}  // namespace
}  // namespace feedsentry::app
