// Golden payloads for the teams renderer, compared structurally as JSON (key order and
// whitespace do not matter). Regenerate only after reviewing a rendering change by eye.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "alert/render.h"
#include "sample_alert.h"

namespace feedsentry::alert {
namespace {

using nlohmann::json;
using namespace fixtures;

TEST(RenderTeams, GoldenAdaptiveCard) {
  const auto call = render_request(teams_spec(), sample_alert(), context());
  ASSERT_TRUE(call.has_value()) << call.error().message;
  EXPECT_EQ(call->method, "POST");
  EXPECT_EQ(call->url,
            "https://prod-12.westeurope.logic.azure.com/workflows/abc/triggers/manual/paths/"
            "invoke?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=SIGSECRET");
  EXPECT_EQ(json::parse(call->body), json::parse(R"json({
  "attachments": [
    {
      "content": {
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        "actions": [
          {
            "title": "Open article",
            "type": "Action.OpenUrl",
            "url": "https://home.treasury.gov/news/press-releases/jy1707"
          }
        ],
        "body": [
          {
            "isSubtle": true,
            "text": "Sanctions on DPRK or Russia",
            "type": "TextBlock",
            "wrap": true
          },
          {
            "size": "Medium",
            "text": "US imposes sanctions on North Korean and Russian accused of supporting North Korea's ballistic missile program",
            "type": "TextBlock",
            "weight": "Bolder",
            "wrap": true
          },
          {
            "isSubtle": true,
            "text": "Treasury · 2023-09-01 14:00 UTC",
            "type": "TextBlock",
            "wrap": true
          },
          {
            "facts": [
              {
                "title": "Topics",
                "value": "Sanctions on DPRK or Russia (0.92), Missile or satellite launch (0.81)"
              },
              {
                "title": "Countries",
                "value": "KP, RU"
              },
              {
                "title": "Names SDN-listed",
                "value": "Intellekt LLC (RUSSIA-EO14024); JON, Jin Yong (DPRK3, NPWMD)"
              },
              {
                "title": "Matched",
                "value": "“imposes sanctions”, “designates”, “ballistic missile”, “satellite launch”"
              }
            ],
            "type": "FactSet"
          },
          {
            "text": "Treasury designates Jon Jin Yong, Sergei Kozlov and Intellekt LLC. North Korea's second spy-satellite launch failed.",
            "type": "TextBlock",
            "wrap": true
          }
        ],
        "type": "AdaptiveCard",
        "version": "1.4"
      },
      "contentType": "application/vnd.microsoft.card.adaptive",
      "contentUrl": null
    }
  ],
  "type": "message"
})json"));
}

TEST(RenderTeams, FollowupIsShortNewCard) {
  const auto call = render_request(teams_spec(), sample_followup(), context());
  ASSERT_TRUE(call.has_value()) << call.error().message;
  EXPECT_EQ(call->method, "POST");
  EXPECT_EQ(call->url,
            "https://prod-12.westeurope.logic.azure.com/workflows/abc/triggers/manual/paths/"
            "invoke?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=SIGSECRET");
  EXPECT_EQ(json::parse(call->body), json::parse(R"json({
  "attachments": [
    {
      "content": {
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        "actions": [
          {
            "title": "Open article",
            "type": "Action.OpenUrl",
            "url": "https://en.yna.co.kr/view/AEN20230901000251315"
          }
        ],
        "body": [
          {
            "isSubtle": true,
            "text": "Also reported by Yonhap",
            "type": "TextBlock",
            "wrap": true
          },
          {
            "size": "Medium",
            "text": "US sanctions NK, Russian individuals over missile program",
            "type": "TextBlock",
            "weight": "Bolder",
            "wrap": true
          }
        ],
        "type": "AdaptiveCard",
        "version": "1.4"
      },
      "contentType": "application/vnd.microsoft.card.adaptive",
      "contentUrl": null
    }
  ],
  "type": "message"
})json"));
}

}  // namespace
}  // namespace feedsentry::alert
