#include "poll/request_templates.h"

#include <gtest/gtest.h>

namespace feedsentry::poll {
namespace {

fetch::Request request_for(const std::string& url) {
  fetch::Request request;
  request.url = url;
  request.user_agent = "feedsentry/test (+https://example.org/contact)";
  request.etag = "\"v1\"";
  request.last_modified = "Mon, 30 Nov 2026 10:00:00 GMT";
  return request;
}

TEST(RequestTemplates, FeedsWithEqualLimitsShareOneTemplateWithoutPerFeedFields) {
  RequestTemplates templates;
  const auto first = templates.intern(request_for("https://a.example/feed"));
  const auto second = templates.intern(request_for("https://b.example/rss"));
  EXPECT_EQ(first, second);
  EXPECT_EQ(templates.size(), 1u);
  EXPECT_TRUE(first->url.empty());
  EXPECT_TRUE(first->etag.empty());
  EXPECT_TRUE(first->last_modified.empty());
  EXPECT_EQ(first->user_agent, "feedsentry/test (+https://example.org/contact)");
}

TEST(RequestTemplates, EveryLimitTellsTemplatesApart) {
  RequestTemplates templates;
  const auto base = templates.intern(request_for("https://a.example/feed"));
  std::vector<fetch::Request> variants(12, request_for("https://a.example/feed"));
  variants[0].user_agent = "other";
  variants[1].max_body = 1;
  variants[2].max_decompressed = 1;
  variants[3].verify_tls = false;
  variants[4].total_timeout = std::chrono::milliseconds(1);
  variants[5].connect_timeout = std::chrono::milliseconds(1);
  variants[6].low_speed_limit = 1;
  variants[7].low_speed_time = std::chrono::seconds(1);
  variants[8].max_redirects = 0;
  variants[9].headers = {{"Authorization", "Bearer x"}};
  variants[10].expect_feed = !variants[10].expect_feed;
  variants[11].method = "HEAD";
  for (const fetch::Request& variant : variants) {
    EXPECT_NE(templates.intern(variant), base) << variant.user_agent;
  }
  EXPECT_EQ(templates.size(), 13u);
}

TEST(RequestTemplates, StringBoundariesCannotCollide) {
  RequestTemplates templates;
  fetch::Request one = request_for("u");
  one.headers = {{"ab", "c"}};
  fetch::Request other = request_for("u");
  other.headers = {{"a", "bc"}};
  EXPECT_NE(templates.intern(one), templates.intern(other));
}

TEST(RequestTemplates, DropUnusedKeepsTemplatesStillHeld) {
  RequestTemplates templates;
  auto held = templates.intern(request_for("u"));
  fetch::Request other = request_for("u");
  other.user_agent = "gone";
  templates.intern(other);
  EXPECT_EQ(templates.size(), 2u);
  templates.drop_unused();
  EXPECT_EQ(templates.size(), 1u);
  EXPECT_EQ(templates.intern(request_for("v")), held);
}

}  // namespace
}  // namespace feedsentry::poll
