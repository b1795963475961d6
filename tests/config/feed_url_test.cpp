// Which feed URLs are accepted, and the names and keys derived from them.
#include "config/feed_url.h"

#include <gtest/gtest.h>

namespace feedsentry::config {
namespace {

std::string check(std::string_view url) {
  const core::Result<std::string> result = check_feed_url(url);
  return result ? *result : "error: " + result.error().message;
}

TEST(CheckFeedUrl, AcceptsHttpHttpsAndAbsoluteFileUrls) {
  EXPECT_EQ(check("https://news.example.com/rss.xml"), "https://news.example.com/rss.xml");
  EXPECT_EQ(check("HTTP://news.example.com"), "HTTP://news.example.com");
  EXPECT_EQ(check("  http://[::1]:8080/feed  "), "http://[::1]:8080/feed");
  EXPECT_EQ(check("file:///srv/feeds/a.xml"), "file:///srv/feeds/a.xml");
  EXPECT_EQ(check("file://localhost/srv/feeds/a.xml"), "file://localhost/srv/feeds/a.xml");
}

TEST(CheckFeedUrl, RejectsOtherSchemes) {
  EXPECT_EQ(check("ftp://example.com/feed"), "error: must be an http://, https:// or file:// URL");
  EXPECT_EQ(check("news.example.com/rss"), "error: must be an http://, https:// or file:// URL");
}

TEST(CheckFeedUrl, RejectsMissingHost) {
  EXPECT_EQ(check("https:///rss"), "error: has no host");
  EXPECT_EQ(check("https:rss"), "error: has no host");
  EXPECT_EQ(check("https://user@:80/rss"), "error: has no host");
}

TEST(CheckFeedUrl, RejectsRelativeOrRemoteFileUrls) {
  for (const char* url : {"file:samples/a.xml", "file://server/share/a.xml", "file:a.xml"}) {
    const std::string result = check(url);
    EXPECT_EQ(result.rfind("error: a file URL needs an absolute path", 0), 0u) << url;
    EXPECT_NE(result.find("path:"), std::string::npos) << url;
  }
}

TEST(CheckFeedUrl, RejectsEmptyAndWhitespace) {
  EXPECT_EQ(check("  "), "error: is empty");
  EXPECT_EQ(check("https://example.com/my feed.xml"),
            "error: contains whitespace (percent-encode spaces as %20)");
}

TEST(FileUrl, EncodesWhatAPathCannotHold) {
  EXPECT_EQ(file_url("/srv/feeds/world-news.rss.xml"), "file:///srv/feeds/world-news.rss.xml");
  EXPECT_EQ(file_url("/srv/my feeds/a#1?.xml"), "file:///srv/my%20feeds/a%231%3F.xml");
  EXPECT_EQ(file_url("/srv/100%.xml"), "file:///srv/100%25.xml");
}

TEST(FileUrlPath, DecodesBack) {
  EXPECT_EQ(file_url_path(file_url("/srv/my feeds/a#1?.xml")), "/srv/my feeds/a#1?.xml");
  EXPECT_EQ(file_url_path("file://localhost/srv/a.xml"), "/srv/a.xml");
}

TEST(DefaultFeedName, HostForHttpFileNameForFiles) {
  EXPECT_EQ(default_feed_name("https://News.Example.com:8443/rss.xml"), "news.example.com");
  EXPECT_EQ(default_feed_name("https://user:pw@example.org/rss"), "example.org");
  EXPECT_EQ(default_feed_name("http://[::1]:8080/feed"), "[::1]");
  EXPECT_EQ(default_feed_name("file:///srv/feeds/world%20news.xml"), "world news.xml");
}

TEST(FeedUrlKey, SpellingsOfOneFeedAreEqual) {
  EXPECT_EQ(feed_url_key("HTTPS://News.Example.com:443/rss.xml#top"),
            feed_url_key("https://news.example.com/rss.xml"));
  EXPECT_EQ(feed_url_key("http://example.com"), feed_url_key("http://example.com:80/"));
  EXPECT_EQ(feed_url_key("file://localhost/a.xml"), feed_url_key("file:///a.xml"));
}

TEST(FeedUrlKey, DifferentFeedsDiffer) {
  EXPECT_NE(feed_url_key("https://example.com/rss"), feed_url_key("https://example.com/RSS"));
  EXPECT_NE(feed_url_key("https://example.com/rss?a=1"), feed_url_key("https://example.com/rss"));
  EXPECT_NE(feed_url_key("http://example.com/rss"), feed_url_key("https://example.com/rss"));
  EXPECT_NE(feed_url_key("https://example.com:8443/rss"), feed_url_key("https://example.com/rss"));
}

}  // namespace
}  // namespace feedsentry::config
