// Golden payloads for the discord renderer, compared structurally as JSON (key order and
// whitespace do not matter). Regenerate only after reviewing a rendering change by eye.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "alert/render.h"
#include "sample_alert.h"

namespace feedsentry::alert {
namespace {

using nlohmann::json;
using namespace fixtures;

TEST(RenderDiscord, GoldenAlertWithEmbedAndWait) {
  const auto call = render_request(discord_spec(), sample_alert(), context());
  ASSERT_TRUE(call.has_value()) << call.error().message;
  EXPECT_EQ(call->method, "POST");
  EXPECT_EQ(call->url, "https://discord.com/api/webhooks/123/TOKENSECRET?wait=true");
  EXPECT_EQ(json::parse(call->body), json::parse(R"json({
  "allowed_mentions": {
    "parse": []
  },
  "content": "**Sanctions on DPRK or Russia** · KP, RU",
  "embeds": [
    {
      "color": 15105570,
      "description": "Treasury · 2023-09-01 14:00 UTC\n**Topics:** Sanctions on DPRK or Russia (0.92), Missile or satellite launch (0.81)\n**Countries:** KP, RU\n**Names SDN-listed:** Intellekt LLC (RUSSIA-EO14024); JON, Jin Yong (DPRK3, NPWMD)\n**Matched:** “imposes sanctions”, “designates”, “ballistic missile”, “satellite launch”\n> Treasury designates Jon Jin Yong, Sergei Kozlov and Intellekt LLC. North Korea's second spy-satellite launch failed.",
      "footer": {
        "text": "Treasury · 2023-09-01 14:00 UTC"
      },
      "timestamp": "2023-09-01T14:00:00Z",
      "title": "US imposes sanctions on North Korean and Russian accused of supporting North Korea's ballistic missile program",
      "url": "https://home.treasury.gov/news/press-releases/jy1707"
    }
  ]
})json"));
}

TEST(RenderDiscord, EditFollowupPatchesFirstMessage) {
  const auto call = render_request(discord_spec(), sample_followup(), context("1122334455"));
  ASSERT_TRUE(call.has_value()) << call.error().message;
  EXPECT_EQ(call->method, "PATCH");
  EXPECT_EQ(call->url, "https://discord.com/api/webhooks/123/TOKENSECRET/messages/1122334455");
  EXPECT_EQ(json::parse(call->body), json::parse(R"json({
  "allowed_mentions": {
    "parse": []
  },
  "content": "**Sanctions on DPRK or Russia** · KP, RU",
  "embeds": [
    {
      "color": 15105570,
      "description": "Treasury · 2023-09-01 14:00 UTC\n**Topics:** Sanctions on DPRK or Russia (0.92), Missile or satellite launch (0.81)\n**Countries:** KP, RU\n**Names SDN-listed:** Intellekt LLC (RUSSIA-EO14024); JON, Jin Yong (DPRK3, NPWMD)\n**Matched:** “imposes sanctions”, “designates”, “ballistic missile”, “satellite launch”\n> Treasury designates Jon Jin Yong, Sergei Kozlov and Intellekt LLC. North Korea's second spy-satellite launch failed.\n**Also reported by:** Yonhap",
      "footer": {
        "text": "Treasury · 2023-09-01 14:00 UTC"
      },
      "timestamp": "2023-09-01T14:00:00Z",
      "title": "US imposes sanctions on North Korean and Russian accused of supporting North Korea's ballistic missile program",
      "url": "https://home.treasury.gov/news/press-releases/jy1707"
    }
  ]
})json"));
}

TEST(RenderDiscord, ThreadFollowupFallsBackToShortMessage) {
  const auto call =
      render_request(discord_spec("thread"), sample_followup(), context("1122334455"));
  ASSERT_TRUE(call.has_value()) << call.error().message;
  EXPECT_EQ(call->method, "POST");
  EXPECT_EQ(call->url, "https://discord.com/api/webhooks/123/TOKENSECRET?wait=true");
  EXPECT_EQ(json::parse(call->body), json::parse(R"json({
  "allowed_mentions": {
    "parse": []
  },
  "content": "**Also reported by Yonhap:** [US sanctions NK, Russian individuals over missile program](https://en.yna.co.kr/view/AEN20230901000251315)"
})json"));
}

}  // namespace
}  // namespace feedsentry::alert
