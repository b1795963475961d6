// Golden payloads for the mattermost renderer, compared structurally as JSON (key order and
// whitespace do not matter). Regenerate only after reviewing a rendering change by eye.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "alert/render.h"
#include "sample_alert.h"

namespace feedsentry::alert {
namespace {

using nlohmann::json;
using namespace fixtures;

TEST(RenderMattermost, GoldenAlert) {
  const auto call = render_request(mattermost_spec(), sample_alert(), context());
  ASSERT_TRUE(call.has_value()) << call.error().message;
  EXPECT_EQ(call->method, "POST");
  EXPECT_EQ(call->url, "https://chat.example.org/hooks/KEYSECRET");
  EXPECT_EQ(json::parse(call->body), json::parse(R"json({
  "text": "#### [US imposes sanctions on North Korean and Russian accused of supporting North Korea's ballistic missile program](https://home.treasury.gov/news/press-releases/jy1707)\n**Sanctions on DPRK or Russia** · Treasury · 2023-09-01 14:00 UTC\n**Topics:** Sanctions on DPRK or Russia (0.92), Missile or satellite launch (0.81)\n**Countries:** KP, RU\n**Names SDN-listed:** Intellekt LLC (RUSSIA-EO14024); JON, Jin Yong (DPRK3, NPWMD)\n**Matched:** “imposes sanctions”, “designates”, “ballistic missile”, “satellite launch”\n> Treasury designates Jon Jin Yong, Sergei Kozlov and Intellekt LLC. North Korea's second spy-satellite launch failed."
})json"));
}

TEST(RenderMattermost, FollowupIsShortNewMessage) {
  const auto call = render_request(mattermost_spec(), sample_followup(), context());
  ASSERT_TRUE(call.has_value()) << call.error().message;
  EXPECT_EQ(call->method, "POST");
  EXPECT_EQ(call->url, "https://chat.example.org/hooks/KEYSECRET");
  EXPECT_EQ(json::parse(call->body), json::parse(R"json({
  "text": "**Also reported by Yonhap:** [US sanctions NK, Russian individuals over missile program](https://en.yna.co.kr/view/AEN20230901000251315)"
})json"));
}

}  // namespace
}  // namespace feedsentry::alert
