// Golden payloads for the telegram renderer, compared structurally as JSON (key order and
// whitespace do not matter). Regenerate only after reviewing a rendering change by eye.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "alert/render.h"
#include "sample_alert.h"

namespace feedsentry::alert {
namespace {

using nlohmann::json;
using namespace fixtures;

TEST(RenderTelegram, GoldenSendMessage) {
  const auto call = render_request(telegram_spec(), sample_alert(), context());
  ASSERT_TRUE(call.has_value()) << call.error().message;
  EXPECT_EQ(call->method, "POST");
  EXPECT_EQ(call->url, "https://api.telegram.org/bot123456:TOKENSECRET/sendMessage");
  EXPECT_EQ(json::parse(call->body), json::parse(R"json({
  "chat_id": -1001234567890,
  "link_preview_options": {
    "is_disabled": true
  },
  "parse_mode": "HTML",
  "text": "<b>Sanctions on DPRK or Russia</b> · KP, RU\n<a href=\"https://home.treasury.gov/news/press-releases/jy1707\">US imposes sanctions on North Korean and Russian accused of supporting North Korea's ballistic missile program</a>\nTreasury · 2023-09-01 14:00 UTC\n<b>Topics:</b> Sanctions on DPRK or Russia (0.92), Missile or satellite launch (0.81)\n<b>Names SDN-listed:</b> Intellekt LLC (RUSSIA-EO14024); JON, Jin Yong (DPRK3, NPWMD)\n<b>Matched:</b> “imposes sanctions”, “designates”, “ballistic missile”, “satellite launch”\n<i>Treasury designates Jon Jin Yong, Sergei Kozlov and Intellekt LLC. North Korea's second spy-satellite launch failed.</i>"
})json"));
}

TEST(RenderTelegram, ThreadFollowupRepliesToFirstMessage) {
  const auto call = render_request(telegram_spec(), sample_followup(), context("777"));
  ASSERT_TRUE(call.has_value()) << call.error().message;
  EXPECT_EQ(call->method, "POST");
  EXPECT_EQ(call->url, "https://api.telegram.org/bot123456:TOKENSECRET/sendMessage");
  EXPECT_EQ(json::parse(call->body), json::parse(R"json({
  "chat_id": -1001234567890,
  "link_preview_options": {
    "is_disabled": true
  },
  "parse_mode": "HTML",
  "reply_parameters": {
    "allow_sending_without_reply": true,
    "message_id": 777
  },
  "text": "<b>Also reported by Yonhap:</b> <a href=\"https://en.yna.co.kr/view/AEN20230901000251315\">US sanctions NK, Russian individuals over missile program</a>"
})json"));
}

TEST(RenderTelegram, EditFollowupUsesEditMessageText) {
  const auto call = render_request(telegram_spec("edit"), sample_followup(), context("777"));
  ASSERT_TRUE(call.has_value()) << call.error().message;
  EXPECT_EQ(call->method, "POST");
  EXPECT_EQ(call->url, "https://api.telegram.org/bot123456:TOKENSECRET/editMessageText");
  EXPECT_EQ(json::parse(call->body), json::parse(R"json({
  "chat_id": -1001234567890,
  "link_preview_options": {
    "is_disabled": true
  },
  "message_id": 777,
  "parse_mode": "HTML",
  "text": "<b>Sanctions on DPRK or Russia</b> · KP, RU\n<a href=\"https://home.treasury.gov/news/press-releases/jy1707\">US imposes sanctions on North Korean and Russian accused of supporting North Korea's ballistic missile program</a>\nTreasury · 2023-09-01 14:00 UTC\n<b>Topics:</b> Sanctions on DPRK or Russia (0.92), Missile or satellite launch (0.81)\n<b>Names SDN-listed:</b> Intellekt LLC (RUSSIA-EO14024); JON, Jin Yong (DPRK3, NPWMD)\n<b>Matched:</b> “imposes sanctions”, “designates”, “ballistic missile”, “satellite launch”\n<i>Treasury designates Jon Jin Yong, Sergei Kozlov and Intellekt LLC. North Korea's second spy-satellite launch failed.</i>\n<b>Also reported by:</b> Yonhap"
})json"));
}

}  // namespace
}  // namespace feedsentry::alert
