// Golden payloads for the slack renderer, compared structurally as JSON (key order and
// whitespace do not matter). Regenerate only after reviewing a rendering change by eye.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "alert/render.h"
#include "sample_alert.h"

namespace feedsentry::alert {
namespace {

using nlohmann::json;
using namespace fixtures;

TEST(RenderSlack, GoldenAlert) {
  const auto call = render_request(slack_spec(), sample_alert(), context());
  ASSERT_TRUE(call.has_value()) << call.error().message;
  EXPECT_EQ(call->method, "POST");
  EXPECT_EQ(call->url, "https://hooks.slack.com/services/T000/B000/XXXXSECRET");
  EXPECT_EQ(json::parse(call->body), json::parse(R"json({
  "blocks": [
    {
      "text": {
        "emoji": true,
        "text": "Sanctions on DPRK or Russia",
        "type": "plain_text"
      },
      "type": "header"
    },
    {
      "text": {
        "text": "*<https://home.treasury.gov/news/press-releases/jy1707|US imposes sanctions on North Korean and Russian accused of supporting North Korea's ballistic missile program>*\nTreasury · 2023-09-01 14:00 UTC\n*Topics:* Sanctions on DPRK or Russia (0.92), Missile or satellite launch (0.81)\n*Countries:* KP, RU\n*Names SDN-listed:* Intellekt LLC (RUSSIA-EO14024); JON, Jin Yong (DPRK3, NPWMD)\n*Matched:* “imposes sanctions”, “designates”, “ballistic missile”, “satellite launch”\n>Treasury designates Jon Jin Yong, Sergei Kozlov and Intellekt LLC. North Korea's second spy-satellite launch failed.",
        "type": "mrkdwn"
      },
      "type": "section"
    }
  ],
  "text": "Sanctions on DPRK or Russia: <https://home.treasury.gov/news/press-releases/jy1707|US imposes sanctions on North Korean and Russian accused of supporting North Korea's ballistic missile program>",
  "unfurl_links": false,
  "unfurl_media": false
})json"));
}

TEST(RenderSlack, FollowupIsShortNewMessage) {
  const auto call = render_request(slack_spec(), sample_followup(), context());
  ASSERT_TRUE(call.has_value()) << call.error().message;
  EXPECT_EQ(call->method, "POST");
  EXPECT_EQ(call->url, "https://hooks.slack.com/services/T000/B000/XXXXSECRET");
  EXPECT_EQ(json::parse(call->body), json::parse(R"json({
  "text": "*Also reported by Yonhap:* <https://en.yna.co.kr/view/AEN20230901000251315|US sanctions NK, Russian individuals over missile program>",
  "unfurl_links": false,
  "unfurl_media": false
})json"));
}

}  // namespace
}  // namespace feedsentry::alert
