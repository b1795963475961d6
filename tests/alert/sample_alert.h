#pragma once
// Shared test data: the design doc's example story (2023-09-01 Treasury designations plus
// a failed DPRK satellite launch) as an Alert, and specs for every output type.
#include <chrono>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include "alert/alert.h"
#include "alert/output_spec.h"
#include "alert/render.h"
#include "core/utf8.h"

namespace feedsentry::alert::fixtures {

inline core::SystemTime at(std::int64_t unix_seconds) {
  return core::from_unix_seconds(unix_seconds);
}

// 2023-09-01T14:00:00Z and 14:05:00Z
inline constexpr std::int64_t kPublished = 1693576800;
inline constexpr std::int64_t kDetected = 1693577100;

inline Alert sample_alert() {
  Alert alert;
  alert.id = 42;
  alert.story_id = "story-8841";
  alert.headline =
      "US imposes sanctions on North Korean and Russian accused of supporting North Korea's "
      "ballistic missile program";
  alert.link = "https://home.treasury.gov/news/press-releases/jy1707";
  alert.source = "Treasury";
  alert.feed_url = "https://home.treasury.gov/rss?token=feed-secret-123";
  alert.feed_tags = {"usgov", "english"};
  alert.published = at(kPublished);
  alert.detected_at = at(kDetected);
  alert.summary =
      "Treasury designates Jon Jin Yong, Sergei Kozlov and Intellekt LLC. North Korea's second "
      "spy-satellite launch failed.";
  alert.topics = {
      TopicHit{
          "sanctions", "Sanctions on DPRK or Russia", 0.92, {"imposes sanctions", "designates"}},
      TopicHit{
          "launch", "Missile or satellite launch", 0.81, {"ballistic missile", "satellite launch"}},
  };
  alert.countries = {"KP", "RU"};
  alert.watchlist = {
      WatchlistHit{"36541", "Intellekt LLC", "entity", {"RUSSIA-EO14024"}, "Intellekt LLC"},
      WatchlistHit{"36542", "JON, Jin Yong", "individual", {"DPRK3", "NPWMD"}, "Jon Jin Yong"},
  };
  return alert;
}

// The same story seen later in another feed: a follow-up of alert 42.
inline Alert sample_followup() {
  Alert alert = sample_alert();
  alert.id = 57;
  alert.followup_of = 42;
  alert.also_reported = {
      AlsoReported{"Yonhap", "US sanctions NK, Russian individuals over missile program",
                   "https://en.yna.co.kr/view/AEN20230901000251315", at(kPublished + 3600)}};
  return alert;
}

inline OutputSpec spec_for(std::string_view type, std::map<std::string, std::string> settings) {
  auto spec = make_output_spec(std::string(type) + "-out", type, settings);
  EXPECT_TRUE(spec.has_value()) << (spec ? "" : spec.error().describe());
  return spec ? *spec : OutputSpec{};
}

inline OutputSpec slack_spec(std::string followups = "thread") {
  return spec_for("slack",
                  {{"webhook_url", "https://hooks.slack.com/services/T000/B000/XXXXSECRET"},
                   {"followups", followups}});
}
inline OutputSpec discord_spec(std::string followups = "edit") {
  return spec_for("discord", {{"webhook_url", "https://discord.com/api/webhooks/123/TOKENSECRET"},
                              {"followups", followups}});
}
inline OutputSpec mattermost_spec() {
  return spec_for("mattermost", {{"webhook_url", "https://chat.example.org/hooks/KEYSECRET"},
                                 {"followups", "thread"}});
}
inline OutputSpec teams_spec() {
  return spec_for(
      "teams",
      {{"webhook_url",
        "https://prod-12.westeurope.logic.azure.com/workflows/abc/triggers/manual/paths/"
        "invoke?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=SIGSECRET"},
       {"followups", "thread"}});
}
inline OutputSpec telegram_spec(std::string followups = "thread",
                                std::string chat = "-1001234567890") {
  return spec_for(
      "telegram",
      {{"bot_token", "123456:TOKENSECRET"}, {"chat_id", chat}, {"followups", followups}});
}
inline OutputSpec matrix_spec(std::string followups = "thread") {
  return spec_for("matrix", {{"homeserver", "https://matrix.example.org/"},
                             {"room_id", "!abc:example.org"},
                             {"access_token", "syt_TOKENSECRET"},
                             {"followups", followups}});
}
inline OutputSpec google_chat_spec(std::string followups = "thread") {
  return spec_for(
      "google_chat",
      {{"webhook_url",
        "https://chat.googleapis.com/v1/spaces/AAAA/messages?key=KEYSECRET&token=TOKSECRET"},
       {"followups", followups}});
}
inline OutputSpec ntfy_spec() {
  return spec_for("ntfy",
                  {{"topic", "sanctions-alerts"}, {"token", "tk_SECRET"}, {"followups", "thread"}});
}
inline OutputSpec webhook_spec() {
  return spec_for("webhook", {{"url", "https://hooks.example.org/feedsentry"},
                              {"secret", "whsec_c2VjcmV0LWtleS1mb3ItZmVlZHNlbnRyeQ=="},
                              {"headers.X-Team", "newsroom"},
                              {"followups", "thread"}});
}

inline DeliveryContext context(std::optional<std::string> original = std::nullopt) {
  return DeliveryContext{1001, at(1700000000), std::move(original)};
}

// Feed text written to break renderers: markup of every platform, mention syntax, entities.
inline constexpr const char* kHostileTitle =
    "<script>alert(1)</script> & <!channel> @everyone @channel <users/all> *bold* _it_ ~s~ "
    "|spoiler| > quote \\ `code` [link](https://evil.example) # head - list &amp; \"q\"";

inline Alert hostile_alert() {
  Alert alert = sample_alert();
  alert.headline = kHostileTitle;
  alert.summary = std::string("Summary ") + kHostileTitle;
  alert.source = "<b>Evil</b> & *Co*";
  alert.topics.front().terms = {"<i>term</i>", "*star*"};
  alert.watchlist.front().name = "Intellekt <LLC> & [Co](x)";
  return alert;
}

// Every list and text far beyond every platform limit, in multi-byte scripts: Hangul,
// Arabic (RTL), astral emoji (two UTF-16 units each), combining accents.
inline Alert huge_alert() {
  Alert alert = sample_alert();
  std::string mixed;
  for (int i = 0; i < 400; ++i) mixed += "북한 미사일 발사 🚀 عقوبات روسيا é&<*_ ";
  alert.headline = mixed;
  alert.summary = mixed + mixed;
  alert.source = mixed.substr(0, 900);
  alert.topics.clear();
  for (int i = 0; i < 60; ++i) {
    alert.topics.push_back(TopicHit{"topic" + std::to_string(i),
                                    mixed.substr(0, 300),
                                    0.5,
                                    {mixed.substr(0, 200), "term" + std::to_string(i), "🚀🚀🚀"}});
  }
  for (int i = 0; i < 60; ++i) alert.countries.push_back("K" + std::to_string(i));
  for (int i = 0; i < 300; ++i) {
    alert.watchlist.push_back(WatchlistHit{std::to_string(i),
                                           mixed.substr(0, 400),
                                           "entity",
                                           {"DPRK3", "RUSSIA-EO14024", "NPWMD", "DPRK4", "X", "Y"},
                                           "alias"});
  }
  for (int i = 0; i < 300; ++i) {
    alert.also_reported.push_back(AlsoReported{
        "Source " + std::to_string(i) + " " + mixed.substr(0, 100), mixed.substr(0, 500),
        "https://example.org/" + std::to_string(i), std::nullopt});
  }
  return alert;
}

// Every string anywhere in `value` is valid UTF-8.
inline bool all_strings_valid(const nlohmann::json& value) {
  if (value.is_string()) return core::is_valid_utf8(value.get<std::string>());
  if (value.is_object() || value.is_array()) {
    for (const auto& item : value) {
      if (!all_strings_valid(item)) return false;
    }
  }
  return true;
}

// Length as the platforms count it (UTF-16 code units).
inline std::size_t utf16_units(std::string_view text) {
  std::size_t units = 0;
  std::size_t pos = 0;
  while (pos < text.size()) units += core::next_code_point(text, pos) > 0xFFFF ? 2 : 1;
  return units;
}

}  // namespace feedsentry::alert::fixtures
