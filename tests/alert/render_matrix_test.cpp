// Golden payloads for the matrix renderer, compared structurally as JSON (key order and
// whitespace do not matter). Regenerate only after reviewing a rendering change by eye.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "alert/render.h"
#include "sample_alert.h"

namespace feedsentry::alert {
namespace {

using nlohmann::json;
using namespace fixtures;

TEST(RenderMatrix, GoldenNotice) {
  const auto call = render_request(matrix_spec(), sample_alert(), context());
  ASSERT_TRUE(call.has_value()) << call.error().message;
  EXPECT_EQ(call->method, "PUT");
  EXPECT_EQ(call->url,
            "https://matrix.example.org/_matrix/client/v3/rooms/%21abc%3Aexample.org/send/"
            "m.room.message/fs_1001_3341cd6a");
  EXPECT_EQ(json::parse(call->body), json::parse(R"json({
  "body": "Sanctions on DPRK or Russia · KP, RU\nUS imposes sanctions on North Korean and Russian accused of supporting North Korea's ballistic missile program https://home.treasury.gov/news/press-releases/jy1707\nTreasury · 2023-09-01 14:00 UTC\nTopics: Sanctions on DPRK or Russia (0.92), Missile or satellite launch (0.81)\nNames SDN-listed: Intellekt LLC (RUSSIA-EO14024); JON, Jin Yong (DPRK3, NPWMD)\nMatched: “imposes sanctions”, “designates”, “ballistic missile”, “satellite launch”\n> Treasury designates Jon Jin Yong, Sergei Kozlov and Intellekt LLC. North Korea's second spy-satellite launch failed.",
  "format": "org.matrix.custom.html",
  "formatted_body": "<b>Sanctions on DPRK or Russia · KP, RU</b><br>\n<a href=\"https://home.treasury.gov/news/press-releases/jy1707\">US imposes sanctions on North Korean and Russian accused of supporting North Korea's ballistic missile program</a><br>\nTreasury · 2023-09-01 14:00 UTC<br>\n<b>Topics:</b> Sanctions on DPRK or Russia (0.92), Missile or satellite launch (0.81)<br>\n<b>Names SDN-listed:</b> Intellekt LLC (RUSSIA-EO14024); JON, Jin Yong (DPRK3, NPWMD)<br>\n<b>Matched:</b> “imposes sanctions”, “designates”, “ballistic missile”, “satellite launch”<br>\n<blockquote>Treasury designates Jon Jin Yong, Sergei Kozlov and Intellekt LLC. North Korea's second spy-satellite launch failed.</blockquote>",
  "msgtype": "m.notice"
})json"));
}

TEST(RenderMatrix, ThreadFollowupUsesThreadRelation) {
  const auto call = render_request(matrix_spec(), sample_followup(), context("$root:example.org"));
  ASSERT_TRUE(call.has_value()) << call.error().message;
  EXPECT_EQ(call->method, "PUT");
  EXPECT_EQ(call->url,
            "https://matrix.example.org/_matrix/client/v3/rooms/%21abc%3Aexample.org/send/"
            "m.room.message/fs_1001_3341cd6a");
  EXPECT_EQ(json::parse(call->body), json::parse(R"json({
  "body": "Also reported by Yonhap: US sanctions NK, Russian individuals over missile program https://en.yna.co.kr/view/AEN20230901000251315",
  "format": "org.matrix.custom.html",
  "formatted_body": "<b>Also reported by Yonhap:</b> <a href=\"https://en.yna.co.kr/view/AEN20230901000251315\">US sanctions NK, Russian individuals over missile program</a>",
  "m.relates_to": {
    "event_id": "$root:example.org",
    "is_falling_back": true,
    "m.in_reply_to": {
      "event_id": "$root:example.org"
    },
    "rel_type": "m.thread"
  },
  "msgtype": "m.notice"
})json"));
}

TEST(RenderMatrix, EditFollowupUsesReplaceRelation) {
  const auto call =
      render_request(matrix_spec("edit"), sample_followup(), context("$root:example.org"));
  ASSERT_TRUE(call.has_value()) << call.error().message;
  EXPECT_EQ(call->method, "PUT");
  EXPECT_EQ(call->url,
            "https://matrix.example.org/_matrix/client/v3/rooms/%21abc%3Aexample.org/send/"
            "m.room.message/fs_1001_3341cd6a");
  EXPECT_EQ(json::parse(call->body), json::parse(R"json({
  "body": "* Sanctions on DPRK or Russia · KP, RU\nUS imposes sanctions on North Korean and Russian accused of supporting North Korea's ballistic missile program https://home.treasury.gov/news/press-releases/jy1707\nTreasury · 2023-09-01 14:00 UTC\nTopics: Sanctions on DPRK or Russia (0.92), Missile or satellite launch (0.81)\nNames SDN-listed: Intellekt LLC (RUSSIA-EO14024); JON, Jin Yong (DPRK3, NPWMD)\nMatched: “imposes sanctions”, “designates”, “ballistic missile”, “satellite launch”\n> Treasury designates Jon Jin Yong, Sergei Kozlov and Intellekt LLC. North Korea's second spy-satellite launch failed.\nAlso reported by: Yonhap",
  "format": "org.matrix.custom.html",
  "formatted_body": "* <b>Sanctions on DPRK or Russia · KP, RU</b><br>\n<a href=\"https://home.treasury.gov/news/press-releases/jy1707\">US imposes sanctions on North Korean and Russian accused of supporting North Korea's ballistic missile program</a><br>\nTreasury · 2023-09-01 14:00 UTC<br>\n<b>Topics:</b> Sanctions on DPRK or Russia (0.92), Missile or satellite launch (0.81)<br>\n<b>Names SDN-listed:</b> Intellekt LLC (RUSSIA-EO14024); JON, Jin Yong (DPRK3, NPWMD)<br>\n<b>Matched:</b> “imposes sanctions”, “designates”, “ballistic missile”, “satellite launch”<br>\n<blockquote>Treasury designates Jon Jin Yong, Sergei Kozlov and Intellekt LLC. North Korea's second spy-satellite launch failed.</blockquote><br>\n<b>Also reported by:</b> Yonhap",
  "m.new_content": {
    "body": "Sanctions on DPRK or Russia · KP, RU\nUS imposes sanctions on North Korean and Russian accused of supporting North Korea's ballistic missile program https://home.treasury.gov/news/press-releases/jy1707\nTreasury · 2023-09-01 14:00 UTC\nTopics: Sanctions on DPRK or Russia (0.92), Missile or satellite launch (0.81)\nNames SDN-listed: Intellekt LLC (RUSSIA-EO14024); JON, Jin Yong (DPRK3, NPWMD)\nMatched: “imposes sanctions”, “designates”, “ballistic missile”, “satellite launch”\n> Treasury designates Jon Jin Yong, Sergei Kozlov and Intellekt LLC. North Korea's second spy-satellite launch failed.\nAlso reported by: Yonhap",
    "format": "org.matrix.custom.html",
    "formatted_body": "<b>Sanctions on DPRK or Russia · KP, RU</b><br>\n<a href=\"https://home.treasury.gov/news/press-releases/jy1707\">US imposes sanctions on North Korean and Russian accused of supporting North Korea's ballistic missile program</a><br>\nTreasury · 2023-09-01 14:00 UTC<br>\n<b>Topics:</b> Sanctions on DPRK or Russia (0.92), Missile or satellite launch (0.81)<br>\n<b>Names SDN-listed:</b> Intellekt LLC (RUSSIA-EO14024); JON, Jin Yong (DPRK3, NPWMD)<br>\n<b>Matched:</b> “imposes sanctions”, “designates”, “ballistic missile”, “satellite launch”<br>\n<blockquote>Treasury designates Jon Jin Yong, Sergei Kozlov and Intellekt LLC. North Korea's second spy-satellite launch failed.</blockquote><br>\n<b>Also reported by:</b> Yonhap",
    "msgtype": "m.notice"
  },
  "m.relates_to": {
    "event_id": "$root:example.org",
    "rel_type": "m.replace"
  },
  "msgtype": "m.notice"
})json"));
}

}  // namespace
}  // namespace feedsentry::alert
