#include "core/url.h"

#include <gtest/gtest.h>

namespace feedsentry::core {

TEST(Url, ResolvesRelativePathAgainstBase) {
  EXPECT_EQ(resolve_url("https://a.example/news/feed.xml", "2023/story"),
            "https://a.example/news/2023/story");
}

TEST(Url, ResolvesRootRelativeAndDotSegments) {
  EXPECT_EQ(resolve_url("https://a.example/news/x/feed.xml", "/top"), "https://a.example/top");
  EXPECT_EQ(resolve_url("https://a.example/news/x/feed.xml", "../up"), "https://a.example/news/up");
}

TEST(Url, ResolvesProtocolRelativeAndQueryOnly) {
  EXPECT_EQ(resolve_url("https://a.example/feed", "//cdn.example/x"), "https://cdn.example/x");
  EXPECT_EQ(resolve_url("https://a.example/feed?a=1", "?b=2"), "https://a.example/feed?b=2");
}

TEST(Url, KeepsAbsoluteReference) {
  EXPECT_EQ(resolve_url("https://a.example/", " http://b.example/p "), "http://b.example/p");
}

TEST(Url, CanonicalFormDropsTrackingFragmentAndWww) {
  EXPECT_EQ(canonical_url("http://WWW.Example.com/a/b?utm_source=rss&id=7&fbclid=x#top"),
            "https://example.com/a/b?id=7");
}

TEST(Url, CanonicalFormAddsRootPath) {
  EXPECT_EQ(canonical_url("https://example.com"), "https://example.com/");
}

TEST(Url, RedactionHidesPathAndCredentials) {
  const std::string redacted = redact_url("https://user:pw@hooks.slack.com/services/T0/B0/SECRET");
  EXPECT_EQ(redacted, "https://hooks.slack.com/…/[redacted]");
  EXPECT_EQ(redacted.find("SECRET"), std::string::npos);
  EXPECT_EQ(redacted.find("pw"), std::string::npos);
}

TEST(Url, RecognisesHttpUrls) {
  EXPECT_TRUE(is_http_url("https://x.example/"));
  EXPECT_FALSE(is_http_url("tag:example.com,2006:/blog"));
  EXPECT_FALSE(is_http_url("abc"));
}

}  // namespace feedsentry::core
