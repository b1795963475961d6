#include "fetch/header_collector.h"

#include <gtest/gtest.h>

namespace feedsentry::fetch {
namespace {

void feed_lines(HeaderCollector& collector, std::initializer_list<std::string_view> lines) {
  for (const std::string_view line : lines) collector.add_line(line);
}

TEST(HeaderCollector, KeepsHeadersOfTheFinalResponseOnly) {
  HeaderCollector collector;
  feed_lines(collector, {"HTTP/1.1 301 Moved Permanently\r\n", "Location: /new\r\n",
                         "ETag: \"redirect\"\r\n", "\r\n", "HTTP/1.1 200 OK\r\n",
                         "ETag: \"final\"\r\n", "Content-Type: application/rss+xml\r\n", "\r\n"});
  EXPECT_EQ(collector.value("etag"), "\"final\"");
  EXPECT_EQ(collector.value("Location"), "");
  EXPECT_EQ(collector.value("CONTENT-TYPE"), "application/rss+xml");
  EXPECT_EQ(collector.hop_statuses(), (std::vector<long>{301, 200}));
}

TEST(HeaderCollector, InterimResponsesAreNotHops) {
  HeaderCollector collector;
  feed_lines(collector, {"HTTP/1.1 100 Continue\r\n", "\r\n", "HTTP/1.1 200 OK\r\n", "\r\n"});
  EXPECT_EQ(collector.hop_statuses(), (std::vector<long>{200}));
}

TEST(HeaderCollector, JoinsRepeatedHeadersAndTrimsValues) {
  HeaderCollector collector;
  feed_lines(collector,
             {"HTTP/2 200\r\n", "cache-control:  max-age=60 \r\n", "Cache-Control: public\r\n"});
  EXPECT_EQ(collector.value("Cache-Control"), "max-age=60, public");
}

TEST(HeaderCollector, UnfoldsContinuationLines) {
  HeaderCollector collector;
  feed_lines(collector, {"HTTP/1.1 200 OK\r\n", "X-Long: first\r\n", "\t second\r\n"});
  EXPECT_EQ(collector.value("x-long"), "first second");
}

TEST(HeaderCollector, AcceptsHeadersWithoutStatusLine) {
  // file:// transfers report a few headers with no status line.
  HeaderCollector collector;
  feed_lines(collector, {"Last-Modified: Fri, 01 Sep 2023 14:00:00 GMT\r\n"});
  EXPECT_EQ(collector.value("last-modified"), "Fri, 01 Sep 2023 14:00:00 GMT");
  EXPECT_TRUE(collector.hop_statuses().empty());
}

TEST(StatusLine, ParsesHttp1AndHttp2) {
  EXPECT_EQ(parse_status_line("HTTP/1.1 404 Not Found\r\n"), 404);
  EXPECT_EQ(parse_status_line("HTTP/2 200 \r\n"), 200);
  EXPECT_EQ(parse_status_line("HTTP/1.0 301\r\n"), 301);
  EXPECT_FALSE(parse_status_line("Location: HTTP/1.1 200"));
  EXPECT_FALSE(parse_status_line("HTTP/1.1 abc"));
}

TEST(PermanentRedirect, AllPermanentHopsReportTheFinalUrl) {
  EXPECT_EQ(permanent_redirect_target({301, 308, 200}, "https://new.example/feed"),
            "https://new.example/feed");
  EXPECT_EQ(permanent_redirect_target({301, 304}, "https://new.example/feed"),
            "https://new.example/feed");
}

TEST(PermanentRedirect, AnyTemporaryHopOrNoRedirectReportsNothing) {
  EXPECT_FALSE(permanent_redirect_target({301, 302, 200}, "x"));
  EXPECT_FALSE(permanent_redirect_target({307, 200}, "x"));
  EXPECT_FALSE(permanent_redirect_target({303, 200}, "x"));
  EXPECT_FALSE(permanent_redirect_target({200}, "x"));
  EXPECT_FALSE(permanent_redirect_target({}, "x"));
}

}  // namespace
}  // namespace feedsentry::fetch
