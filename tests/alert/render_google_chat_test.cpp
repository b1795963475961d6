// Golden payloads for the google_chat renderer, compared structurally as JSON (key order and
// whitespace do not matter). Regenerate only after reviewing a rendering change by eye.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "alert/render.h"
#include "sample_alert.h"

namespace feedsentry::alert {
namespace {

using nlohmann::json;
using namespace fixtures;

TEST(RenderGoogleChat, GoldenTextWithThreadKey) {
  const auto call = render_request(google_chat_spec(), sample_alert(), context());
  ASSERT_TRUE(call.has_value()) << call.error().message;
  EXPECT_EQ(call->method, "POST");
  EXPECT_EQ(call->url,
            "https://chat.googleapis.com/v1/spaces/AAAA/"
            "messages?key=KEYSECRET&token=TOKSECRET&messageReplyOption=REPLY_MESSAGE_FALLBACK_TO_"
            "NEW_THREAD");
  EXPECT_EQ(json::parse(call->body), json::parse(R"json({
  "text": "*Sanctions on DPRK or Russia* · KP, RU\n<https://home.treasury.gov/news/press-releases/jy1707|US imposes sanctions on North Korean and Russian accused of supporting North Korea's ballistic missile program>\nTreasury · 2023-09-01 14:00 UTC\n*Topics:* Sanctions on DPRK or Russia (0.92), Missile or satellite launch (0.81)\n*Names SDN-listed:* Intellekt LLC (RUSSIA-EO14024); JON, Jin Yong (DPRK3, NPWMD)\n*Matched:* “imposes sanctions”, “designates”, “ballistic missile”, “satellite launch”\n_Treasury designates Jon Jin Yong, Sergei Kozlov and Intellekt LLC. North Korea's second spy-satellite launch failed._",
  "thread": {
    "threadKey": "feedsentry-3341cd6a95c91aa6"
  }
})json"));
}

TEST(RenderGoogleChat, FollowupUsesSameThreadKey) {
  const auto call = render_request(google_chat_spec(), sample_followup(), context());
  ASSERT_TRUE(call.has_value()) << call.error().message;
  EXPECT_EQ(call->method, "POST");
  EXPECT_EQ(call->url,
            "https://chat.googleapis.com/v1/spaces/AAAA/"
            "messages?key=KEYSECRET&token=TOKSECRET&messageReplyOption=REPLY_MESSAGE_FALLBACK_TO_"
            "NEW_THREAD");
  EXPECT_EQ(json::parse(call->body), json::parse(R"json({
  "text": "*Also reported by Yonhap:* <https://en.yna.co.kr/view/AEN20230901000251315|US sanctions NK, Russian individuals over missile program>",
  "thread": {
    "threadKey": "feedsentry-3341cd6a95c91aa6"
  }
})json"));
}

}  // namespace
}  // namespace feedsentry::alert
