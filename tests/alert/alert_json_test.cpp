// The outbox storage form: a round trip restores every field, tolerant of unknown fields,
// strict about schema and types.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "alert/alert_json.h"
#include "sample_alert.h"

namespace feedsentry::alert {
namespace {

using nlohmann::json;
using namespace fixtures;

void expect_same(const Alert& a, const Alert& b) {
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.story_id, b.story_id);
  EXPECT_EQ(a.headline, b.headline);
  EXPECT_EQ(a.link, b.link);
  EXPECT_EQ(a.source, b.source);
  EXPECT_EQ(a.feed_url, b.feed_url);
  EXPECT_EQ(a.feed_tags, b.feed_tags);
  EXPECT_EQ(a.published, b.published);
  EXPECT_EQ(a.detected_at, b.detected_at);
  EXPECT_EQ(a.summary, b.summary);
  ASSERT_EQ(a.topics.size(), b.topics.size());
  for (std::size_t i = 0; i < a.topics.size(); ++i) {
    EXPECT_EQ(a.topics[i].id, b.topics[i].id);
    EXPECT_EQ(a.topics[i].title, b.topics[i].title);
    EXPECT_DOUBLE_EQ(a.topics[i].score, b.topics[i].score);
    EXPECT_EQ(a.topics[i].terms, b.topics[i].terms);
  }
  EXPECT_EQ(a.countries, b.countries);
  ASSERT_EQ(a.watchlist.size(), b.watchlist.size());
  for (std::size_t i = 0; i < a.watchlist.size(); ++i) {
    EXPECT_EQ(a.watchlist[i].sdn_number, b.watchlist[i].sdn_number);
    EXPECT_EQ(a.watchlist[i].name, b.watchlist[i].name);
    EXPECT_EQ(a.watchlist[i].type, b.watchlist[i].type);
    EXPECT_EQ(a.watchlist[i].programs, b.watchlist[i].programs);
    EXPECT_EQ(a.watchlist[i].matched_alias, b.watchlist[i].matched_alias);
  }
  EXPECT_EQ(a.followup_of, b.followup_of);
  ASSERT_EQ(a.also_reported.size(), b.also_reported.size());
  for (std::size_t i = 0; i < a.also_reported.size(); ++i) {
    EXPECT_EQ(a.also_reported[i].source, b.also_reported[i].source);
    EXPECT_EQ(a.also_reported[i].title, b.also_reported[i].title);
    EXPECT_EQ(a.also_reported[i].link, b.also_reported[i].link);
    EXPECT_EQ(a.also_reported[i].published, b.also_reported[i].published);
  }
}

TEST(AlertJson, RoundTripsEveryField) {
  for (Alert alert : {sample_alert(), sample_followup(), hostile_alert()}) {
    alert.detected_at += std::chrono::milliseconds(123);  // sub-second precision survives
    const auto restored = alert_from_json(alert_to_json(alert));
    ASSERT_TRUE(restored.has_value()) << restored.error().message;
    expect_same(alert, *restored);
  }
}

TEST(AlertJson, StorageKeepsFeedUrlThePublicLineDoesNot) {
  EXPECT_EQ(json::parse(alert_to_json(sample_alert()))["feed_url"],
            "https://home.treasury.gov/rss?token=feed-secret-123");
  EXPECT_FALSE(json::parse(render_json_line(sample_alert())).contains("feed_url"));
}

TEST(AlertJson, ReadsTheJsonLineToo) {
  const auto restored = alert_from_json(render_json_line(sample_followup()));
  ASSERT_TRUE(restored.has_value());
  EXPECT_EQ(restored->headline, sample_followup().headline);
  EXPECT_EQ(restored->followup_of, 42);
  EXPECT_EQ(restored->feed_url, "");
}

TEST(AlertJson, IgnoresUnknownFieldsAndDefaultsMissingOnes) {
  const auto restored = alert_from_json(
      R"({"schema":"feedsentry.alert/v1","id":7,"headline":"h","future_field":{"x":1}})");
  ASSERT_TRUE(restored.has_value());
  EXPECT_EQ(restored->id, 7);
  EXPECT_EQ(restored->headline, "h");
  EXPECT_FALSE(restored->published.has_value());
  EXPECT_TRUE(restored->topics.empty());
}

TEST(AlertJson, RejectsMalformedInput) {
  EXPECT_FALSE(alert_from_json("").has_value());
  EXPECT_FALSE(alert_from_json("[1,2]").has_value());
  EXPECT_FALSE(alert_from_json(R"({"id":1})").has_value());
  EXPECT_FALSE(alert_from_json(R"({"schema":"feedsentry.alert/v2"})").has_value());
  EXPECT_FALSE(alert_from_json(R"({"schema":5})").has_value());
  EXPECT_FALSE(alert_from_json(R"({"schema":"feedsentry.alert/v1","id":"7"})").has_value());
  EXPECT_FALSE(
      alert_from_json("{\"schema\":\"feedsentry.alert/v1\",\"headline\":\"\xff\"}").has_value());
  EXPECT_FALSE(alert_from_json(R"({"schema":"feedsentry.alert/v1","headline":5})").has_value());
  EXPECT_FALSE(
      alert_from_json(R"({"schema":"feedsentry.alert/v1","published":"yesterday"})").has_value());
  EXPECT_FALSE(alert_from_json(R"({"schema":"feedsentry.alert/v1","topics":[1]})").has_value());
  EXPECT_FALSE(alert_from_json(R"({"schema":"feedsentry.alert/v1","topics":{"a":1}})").has_value());
}

TEST(AlertJson, InvalidUtf8IsRepairedNotFatal) {
  Alert alert = sample_alert();
  alert.headline = "bad \xff byte";
  const std::string stored = alert_to_json(alert);
  const auto restored = alert_from_json(stored);
  ASSERT_TRUE(restored.has_value());
  EXPECT_EQ(restored->headline, "bad \xEF\xBF\xBD byte");
}

}  // namespace
}  // namespace feedsentry::alert
