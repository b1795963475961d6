// Hostile feed text (markup of every platform, mention syntax, entities) must reach each
// platform as literal text: no injected markup, no pings, no broken payloads.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "alert/render.h"
#include "sample_alert.h"

namespace feedsentry::alert {
namespace {

using nlohmann::json;
using namespace fixtures;

json body_of(const OutputSpec& spec, const Alert& alert, DeliveryContext ctx = context()) {
  const auto call = render_request(spec, alert, ctx);
  EXPECT_TRUE(call.has_value()) << (call ? "" : call.error().message);
  if (!call) return {};
  return json::parse(call->body);
}

TEST(RenderEscaping, SlackEscapesOnlyAmpersandAndAngleBracketsInMrkdwn) {
  const json body = body_of(slack_spec(), hostile_alert());
  const std::string section = body["blocks"][1]["text"]["text"];
  EXPECT_NE(section.find("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;!channel&gt;"),
            std::string::npos)
      << section;
  EXPECT_EQ(section.find("<!channel>"), std::string::npos);
  EXPECT_EQ(section.find("<script>"), std::string::npos);
  // Already-escaped text is escaped again, so it shows as typed.
  EXPECT_NE(section.find("&amp;amp;"), std::string::npos);
  // Nothing else is touched: Slack has no other escapes.
  EXPECT_NE(section.find("*bold* _it_ ~s~"), std::string::npos);
  const std::string fallback = body["text"];
  EXPECT_EQ(fallback.find("<!channel>"), std::string::npos);
}

TEST(RenderEscaping, SlackLinkUrlCannotEndTheLinkEarly) {
  Alert alert = sample_alert();
  alert.link = "https://example.org/a|b>c";
  const std::string section = body_of(slack_spec(), alert)["blocks"][1]["text"]["text"];
  EXPECT_NE(section.find("<https://example.org/a%7Cb%3Ec|"), std::string::npos) << section;
}

TEST(RenderEscaping, DiscordEscapesMarkdownAndNeverPings) {
  const json body = body_of(discord_spec(), hostile_alert());
  EXPECT_EQ(body["allowed_mentions"], json({{"parse", json::array()}}));
  const std::string title = body["embeds"][0]["title"];
  EXPECT_NE(title.find("\\*bold\\* \\_it\\_ \\~s\\~ \\|spoiler\\| \\> quote \\\\ \\`code\\`"),
            std::string::npos)
      << title;
  EXPECT_NE(title.find("\\[link\\](https://evil.example)"), std::string::npos) << title;
  const std::string description = body["embeds"][0]["description"];
  EXPECT_NE(description.find("Intellekt \\<LLC\\> & \\[Co\\](x)"), std::string::npos)
      << description;
}

TEST(RenderEscaping, DiscordMaskedLinkUrlCannotCloseTheLink) {
  Alert alert = sample_followup();
  alert.also_reported.back().link = "https://example.org/a_(b)";
  const std::string content = body_of(discord_spec("thread"), alert)["content"];
  EXPECT_NE(content.find("](https://example.org/a_%28b%29)"), std::string::npos) << content;
}

TEST(RenderEscaping, TelegramUsesHtmlEntitiesOnly) {
  const std::string text = body_of(telegram_spec(), hostile_alert())["text"];
  EXPECT_NE(text.find("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;!channel&gt;"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("&amp;amp; &quot;q&quot;"), std::string::npos) << text;
  // MarkdownV2 specials need no escaping in HTML mode and must appear untouched.
  EXPECT_NE(text.find("*bold* _it_ ~s~ |spoiler|"), std::string::npos) << text;
  EXPECT_EQ(text.find("<script>"), std::string::npos);
  EXPECT_NE(text.find("&lt;b&gt;Evil&lt;/b&gt; &amp; *Co*"), std::string::npos) << text;
}

TEST(RenderEscaping, TelegramHrefIsAttributeEscaped) {
  Alert alert = sample_alert();
  alert.link = "https://example.org/?a=1&b=\"2\"";
  const std::string text = body_of(telegram_spec(), alert)["text"];
  EXPECT_NE(text.find("<a href=\"https://example.org/?a=1&amp;b=&quot;2&quot;\">"),
            std::string::npos)
      << text;
}

TEST(RenderEscaping, MatrixEscapesHtmlButKeepsPlainBodyLiteral) {
  const json body = body_of(matrix_spec(), hostile_alert());
  const std::string html = body["formatted_body"];
  const std::string plain = body["body"];
  EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt; &amp;"), std::string::npos) << html;
  EXPECT_EQ(html.find("<script>"), std::string::npos);
  EXPECT_NE(plain.find(kHostileTitle), std::string::npos) << plain;
}

TEST(RenderEscaping, MattermostNeutralisesMentionsAndMarkdown) {
  const std::string text = body_of(mattermost_spec(), hostile_alert())["text"];
  EXPECT_EQ(text.find("@channel"), std::string::npos) << text;
  EXPECT_EQ(text.find("@everyone"), std::string::npos) << text;
  EXPECT_NE(text.find("@\u2060channel"), std::string::npos) << text;
  EXPECT_NE(text.find("\\<!channel\\>"), std::string::npos) << text;
  EXPECT_NE(text.find("\\*bold\\* \\_it\\_"), std::string::npos) << text;
  EXPECT_NE(text.find("\\[link\\](https://evil.example)"), std::string::npos) << text;
}

TEST(RenderEscaping, TeamsEscapesCardMarkdown) {
  const json body = body_of(teams_spec(), hostile_alert());
  const std::string headline = body["attachments"][0]["content"]["body"][1]["text"];
  EXPECT_NE(headline.find("\\*bold\\* \\_it\\_"), std::string::npos) << headline;
  EXPECT_NE(headline.find("\\[link\\](https://evil.example)"), std::string::npos) << headline;
  // HTML is never interpreted by TextBlocks, so it stays as typed.
  EXPECT_NE(headline.find("<script>alert(1)</script>"), std::string::npos) << headline;
}

TEST(RenderEscaping, GoogleChatCannotMentionAllOrInjectLinks) {
  const std::string text = body_of(google_chat_spec(), hostile_alert())["text"];
  EXPECT_EQ(text.find("<users/all>"), std::string::npos) << text;
  EXPECT_NE(text.find("\u2039users/all\u203a"), std::string::npos) << text;
}

TEST(RenderEscaping, RtlEmojiAndHangulPassThroughIntact) {
  Alert alert = sample_alert();
  alert.headline = "북한, 정찰위성 발사 실패 🚀 — روسيا تفرض عقوبات";
  for (const OutputSpec& spec :
       {slack_spec(), discord_spec(), telegram_spec(), matrix_spec(), teams_spec(),
        mattermost_spec(), google_chat_spec(), ntfy_spec()}) {
    const auto call = render_request(spec, alert, context());
    ASSERT_TRUE(call.has_value());
    EXPECT_NE(call->body.find(alert.headline), std::string::npos) << to_string(spec.type);
  }
}

TEST(RenderEscaping, BidiOverridesAndControlCharactersAreRemoved) {
  Alert alert = sample_alert();
  alert.headline = "Launch\u202e\nreported\x07 today\u2066";
  const std::string text = body_of(telegram_spec(), alert)["text"];
  EXPECT_NE(text.find(">Launch reported today</a>"), std::string::npos) << text;
}

TEST(RenderEscaping, InvalidUtf8InFeedTextBecomesReplacementCharacters) {
  Alert alert = sample_alert();
  alert.headline = "bad \xff\xfe bytes \xe2\x82";
  for (const OutputSpec& spec :
       {slack_spec(), discord_spec(), telegram_spec(), matrix_spec(), teams_spec(),
        mattermost_spec(), google_chat_spec(), ntfy_spec(), webhook_spec()}) {
    const auto call = render_request(spec, alert, context());
    ASSERT_TRUE(call.has_value());
    EXPECT_TRUE(core::is_valid_utf8(call->body)) << to_string(spec.type);
  }
}

}  // namespace
}  // namespace feedsentry::alert
