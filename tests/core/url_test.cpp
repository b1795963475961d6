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

TEST(Url, SecretRedactionKeepsOnlySchemeAndHostAndPort) {
  EXPECT_EQ(redact_url("https://news.example:8443/private/feed.rss?token=abc", UrlSecrecy::kSecret),
            "https://news.example:8443/…/[redacted]");
}

TEST(Url, PlainRedactionKeepsPathAndQueryKeysButNoValuesOrUserInfo) {
  EXPECT_EQ(redact_url("https://reader:hunter2@news.example/world/rss.xml?key=s3cret&lang=en#top",
                       UrlSecrecy::kPlain),
            "https://news.example/world/rss.xml?key=…&lang=…");
}

TEST(Url, PlainRedactionKeepsOrdinaryFeedPaths) {
  for (const std::string_view url :
       {"https://www.youtube.com/feeds/videos.xml", "https://feeds.example.org/rss/2.0/world.xml",
        "https://www.example.com/news/2023/09/01/"
        "us-imposes-sanctions-on-north-korean-and-russian-entities",
        "https://example.com/category/north-korea/feed/", "http://127.0.0.1:8080/feed.rss",
        "https://example.com/%E6%96%B0%E9%97%BB%E5%9B%BD%E9%99%85/rss"}) {
    EXPECT_EQ(redact_url(url, UrlSecrecy::kPlain), url);
  }
}

TEST(Url, PlainRedactionHidesTokenLikePathSegments) {
  EXPECT_EQ(
      redact_url("https://news.example/private/3f9a1c7e5b2d4a6f8e0c/feed.rss", UrlSecrecy::kPlain),
      "https://news.example/private/[redacted]/feed.rss");
  EXPECT_EQ(
      redact_url("https://news.google.com/rss/articles/"
                 "CBMiWmh0dHBzOi8vd3d3LnJldXRlcnMuY29tL3dvcmxkL2FzaWEtcGFjaWZpYy9ub3J0aC1rb3Jl"
                 "YS1sYXVuY2hlcy1zcHktc2F0ZWxsaXRlLTIwMjMtMDgtMjQv0gEA?oc=5",
                 UrlSecrecy::kPlain),
      "https://news.google.com/rss/articles/[redacted]?oc=…");
  EXPECT_EQ(redact_url("https://example.com/u/AbCdEfGhIjKlMnOpQrStUv/rss", UrlSecrecy::kPlain),
            "https://example.com/u/[redacted]/rss");
}

TEST(Url, FileUrlsShowTheirPathInBothModes) {
  EXPECT_EQ(redact_url("file:///var/lib/feeds/world.xml", UrlSecrecy::kPlain),
            "file:///var/lib/feeds/world.xml");
  EXPECT_EQ(redact_url("file:///var/lib/feeds/world.xml"), "file:///var/lib/feeds/world.xml");
}

TEST(Url, CredentialHeuristicSeparatesWordsFromTokens) {
  EXPECT_FALSE(looks_like_credential("videos.xml"));
  EXPECT_FALSE(looks_like_credential("2.0"));
  EXPECT_FALSE(looks_like_credential("north-korea-launches-spy-satellite-2023"));
  EXPECT_FALSE(looks_like_credential("internationalization"));
  EXPECT_FALSE(looks_like_credential("topstories"));
  EXPECT_TRUE(looks_like_credential("3f9a1c7e5b2d4a6f8e0c"));
  EXPECT_TRUE(looks_like_credential("a1b2c3d4e5f6a7b8"));
  EXPECT_TRUE(looks_like_credential("3f9a1c7e-5b2d-4a6f-8e0c-1d2e3f4a5b6c"));
  EXPECT_FALSE(looks_like_credential("2023-09-01"));
  EXPECT_FALSE(looks_like_credential("face-bead-cafe"));
  EXPECT_TRUE(looks_like_credential("ghp_xK9mQ2vL7nR4tY8wZ3pB6cD1fG5hJ0kS"));
}

TEST(Url, WithoutUrlRedactsEveryQuoteOfTheUrlInAMessage) {
  EXPECT_EQ(without_url("bad URL 'https://u:pw@x.example/t/SECRET' (twice: "
                        "https://u:pw@x.example/t/SECRET)",
                        "https://u:pw@x.example/t/SECRET"),
            "bad URL 'https://x.example/…/[redacted]' (twice: https://x.example/…/[redacted])");
  EXPECT_EQ(without_url("Could not resolve host: x.example", "https://x.example/t/SECRET"),
            "Could not resolve host: x.example");
}

}  // namespace feedsentry::core
