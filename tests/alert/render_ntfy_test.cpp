// Golden payloads for the ntfy renderer, compared structurally as JSON (key order and
// whitespace do not matter). Regenerate only after reviewing a rendering change by eye.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "alert/render.h"
#include "sample_alert.h"

namespace feedsentry::alert {
namespace {

using nlohmann::json;
using namespace fixtures;

TEST(RenderNtfy, GoldenJsonPublish) {
  const auto call = render_request(ntfy_spec(), sample_alert(), context());
  ASSERT_TRUE(call.has_value()) << call.error().message;
  EXPECT_EQ(call->method, "POST");
  EXPECT_EQ(call->url, "https://ntfy.sh/");
  EXPECT_EQ(json::parse(call->body), json::parse(R"json({
  "click": "https://home.treasury.gov/news/press-releases/jy1707",
  "markdown": false,
  "message": "US imposes sanctions on North Korean and Russian accused of supporting North Korea's ballistic missile program\nTreasury · 2023-09-01 14:00 UTC\nTopics: Sanctions on DPRK or Russia (0.92), Missile or satellite launch (0.81)\nNames SDN-listed: Intellekt LLC (RUSSIA-EO14024); JON, Jin Yong (DPRK3, NPWMD)\nMatched: “imposes sanctions”, “designates”, “ballistic missile”, “satellite launch”\nTreasury designates Jon Jin Yong, Sergei Kozlov and Intellekt LLC. North Korea's second spy-satellite launch failed.",
  "priority": 3,
  "tags": [
    "sanctions",
    "launch"
  ],
  "title": "Sanctions on DPRK or Russia · KP, RU",
  "topic": "sanctions-alerts"
})json"));
}

TEST(RenderNtfy, FollowupIsShortNotification) {
  const auto call = render_request(ntfy_spec(), sample_followup(), context());
  ASSERT_TRUE(call.has_value()) << call.error().message;
  EXPECT_EQ(call->method, "POST");
  EXPECT_EQ(call->url, "https://ntfy.sh/");
  EXPECT_EQ(json::parse(call->body), json::parse(R"json({
  "click": "https://en.yna.co.kr/view/AEN20230901000251315",
  "markdown": false,
  "message": "US sanctions NK, Russian individuals over missile program",
  "priority": 3,
  "tags": [
    "sanctions",
    "launch"
  ],
  "title": "Also reported by Yonhap",
  "topic": "sanctions-alerts"
})json"));
}

}  // namespace
}  // namespace feedsentry::alert
