// Every platform limit holds for an alert far beyond all of them, and every cut lands on a
// UTF-8 character boundary (checked with core's validator on every string of the payload).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "alert/render.h"
#include "sample_alert.h"

namespace feedsentry::alert {
namespace {

using nlohmann::json;
using namespace fixtures;

json rendered(const OutputSpec& spec, const Alert& alert, DeliveryContext ctx = context()) {
  const auto call = render_request(spec, alert, ctx);
  EXPECT_TRUE(call.has_value()) << (call ? "" : call.error().message);
  if (!call) return {};
  EXPECT_TRUE(core::is_valid_utf8(call->body));
  json body = json::parse(call->body);
  EXPECT_TRUE(all_strings_valid(body)) << to_string(spec.type);
  return body;
}

std::size_t units(const json& value) {
  return utf16_units(value.get<std::string>());
}

TEST(RenderLimits, SlackHeaderSectionAndFallback) {
  const json body = rendered(slack_spec(), huge_alert());
  EXPECT_LE(units(body["blocks"][0]["text"]["text"]), 150u);
  EXPECT_LE(units(body["blocks"][1]["text"]["text"]), 3000u);
  EXPECT_LE(units(body["text"]), 4000u);
  EXPECT_LE(body["blocks"].size(), 50u);
}

TEST(RenderLimits, DiscordEveryEmbedLimitAndTheTotal) {
  for (const Alert& alert : {huge_alert(), [] {
                               Alert a = huge_alert();
                               a.followup_of = 1;
                               return a;
                             }()}) {
    const json body = rendered(discord_spec(), alert, context("99"));
    EXPECT_LE(units(body["content"]), 2000u);
    const json& embed = body["embeds"][0];
    EXPECT_LE(units(embed["title"]), 256u);
    EXPECT_LE(units(embed["description"]), 4096u);
    EXPECT_LE(units(embed["footer"]["text"]), 2048u);
    EXPECT_LE(units(embed["title"]) + units(embed["description"]) + units(embed["footer"]["text"]),
              6000u);
  }
  const json followup = rendered(discord_spec("thread"), [] {
    Alert a = huge_alert();
    a.followup_of = 1;
    return a;
  }());
  EXPECT_LE(units(followup["content"]), 2000u);
}

TEST(RenderLimits, TelegramTextForSendEditAndReply) {
  Alert followup = huge_alert();
  followup.followup_of = 1;
  EXPECT_LE(units(rendered(telegram_spec(), huge_alert())["text"]), 4096u);
  EXPECT_LE(units(rendered(telegram_spec("edit"), followup, context("5"))["text"]), 4096u);
  EXPECT_LE(units(rendered(telegram_spec("thread"), followup, context("5"))["text"]), 4096u);
}

TEST(RenderLimits, MatrixWholeEventUnder64KiB) {
  Alert followup = huge_alert();
  followup.followup_of = 1;
  const auto send = render_request(matrix_spec(), huge_alert(), context());
  const auto edit = render_request(matrix_spec("edit"), followup, context("$e"));
  ASSERT_TRUE(send && edit);
  EXPECT_LE(send->body.size(), 65536u);
  EXPECT_LE(edit->body.size(), 65536u);
  EXPECT_TRUE(all_strings_valid(json::parse(edit->body)));
}

TEST(RenderLimits, MattermostStaysUnderTheUnsplitPostSize) {
  EXPECT_LE(units(rendered(mattermost_spec(), huge_alert())["text"]), 4000u);
}

TEST(RenderLimits, TeamsCardUnder20KB) {
  const auto call = render_request(teams_spec(), huge_alert(), context());
  ASSERT_TRUE(call.has_value());
  EXPECT_LE(call->body.size(), 20000u);
  EXPECT_TRUE(all_strings_valid(json::parse(call->body)));
}

TEST(RenderLimits, GoogleChatMessageUnder32000Bytes) {
  const auto call = render_request(google_chat_spec(), huge_alert(), context());
  ASSERT_TRUE(call.has_value());
  EXPECT_LE(call->body.size(), 32000u);
  EXPECT_TRUE(all_strings_valid(json::parse(call->body)));
}

TEST(RenderLimits, NtfyMessageUnder4096Bytes) {
  const json body = rendered(ntfy_spec(), huge_alert());
  EXPECT_LE(body["message"].get<std::string>().size(), 4096u);
  EXPECT_LE(body["title"].get<std::string>().size(), 250u);
}

TEST(RenderLimits, TruncatedHeadlineEndsWithEllipsisOnACharacterBoundary) {
  Alert alert = sample_alert();
  // 3-byte Hangul and 4-byte emoji at every possible cut offset.
  for (int shift = 0; shift < 4; ++shift) {
    alert.headline = std::string(static_cast<std::size_t>(shift), 'x');
    for (int i = 0; i < 200; ++i) alert.headline += "한🚀";
    const json discord = rendered(discord_spec(), alert);
    const std::string title = discord["embeds"][0]["title"];
    EXPECT_LE(utf16_units(title), 256u);
    EXPECT_TRUE(title.ends_with("…")) << title;
    const json slack = rendered(slack_spec(), alert);
    EXPECT_TRUE(core::is_valid_utf8(slack["blocks"][1]["text"]["text"].get<std::string>()));
  }
}

TEST(RenderLimits, LongListsSayHowManyMoreThereAre) {
  Alert alert = sample_followup();
  alert.also_reported.clear();
  for (int i = 0; i < 14; ++i) {
    alert.also_reported.push_back(AlsoReported{"Feed " + std::to_string(i), "t", "", std::nullopt});
  }
  const std::string text = rendered(telegram_spec("edit"), alert, context("5"))["text"];
  EXPECT_NE(text.find("Feed 9 and 4 more"), std::string::npos) << text;
}

}  // namespace
}  // namespace feedsentry::alert
