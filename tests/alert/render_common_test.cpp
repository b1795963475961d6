// The file sink's JSON line, the console line, and the rules shared by every renderer:
// which outputs render HTTP requests and when follow-ups are refused.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "alert/render.h"
#include "sample_alert.h"

namespace feedsentry::alert {
namespace {

using nlohmann::json;
using namespace fixtures;

TEST(RenderJsonLine, GoldenDocumentSchemaFirstWithoutFeedUrl) {
  const std::string line = render_json_line(sample_alert());
  EXPECT_TRUE(line.starts_with(R"({"schema":"feedsentry.alert/v1",)")) << line;
  EXPECT_EQ(line.find('\n'), std::string::npos);
  EXPECT_EQ(line.find("feed-secret"), std::string::npos);
  EXPECT_EQ(json::parse(line), json::parse(R"json({
    "schema": "feedsentry.alert/v1", "event": "alert.created", "id": 42,
    "story_id": "story-8841", "followup_of": null,
    "headline": "US imposes sanctions on North Korean and Russian accused of supporting North Korea's ballistic missile program",
    "link": "https://home.treasury.gov/news/press-releases/jy1707", "source": "Treasury",
    "feed_tags": ["usgov", "english"], "published": "2023-09-01T14:00:00Z",
    "detected_at": "2023-09-01T14:05:00Z",
    "summary": "Treasury designates Jon Jin Yong, Sergei Kozlov and Intellekt LLC. North Korea's second spy-satellite launch failed.",
    "score": 0.92,
    "topics": [
      {"id": "sanctions", "title": "Sanctions on DPRK or Russia", "score": 0.92, "terms": ["imposes sanctions", "designates"]},
      {"id": "launch", "title": "Missile or satellite launch", "score": 0.81, "terms": ["ballistic missile", "satellite launch"]}],
    "countries": ["KP", "RU"],
    "watchlist": [
      {"sdn_number": "36541", "name": "Intellekt LLC", "type": "entity", "programs": ["RUSSIA-EO14024"], "matched_alias": "Intellekt LLC"},
      {"sdn_number": "36542", "name": "JON, Jin Yong", "type": "individual", "programs": ["DPRK3", "NPWMD"], "matched_alias": "Jon Jin Yong"}],
    "also_reported": []})json"));
}

TEST(RenderJsonLine, HostileTextStaysOneValidLine) {
  Alert alert = hostile_alert();
  alert.headline += "\nsecond line\r\n\u2028";
  const std::string line = render_json_line(alert);
  EXPECT_EQ(line.find('\n'), std::string::npos);
  EXPECT_EQ(json::parse(line)["headline"], alert.headline);
}

TEST(RenderConsoleLine, ReadsAsOneLine) {
  EXPECT_EQ(
      render_console_line(sample_alert()),
      "2023-09-01T14:00:00Z [sanctions 0.92, launch 0.81] KP, RU US imposes sanctions on "
      "North Korean and Russian accused of supporting North Korea's ballistic missile program "
      "— Treasury <https://home.treasury.gov/news/press-releases/jy1707> | Names SDN-listed: "
      "Intellekt LLC (RUSSIA-EO14024); JON, Jin Yong (DPRK3, NPWMD)");
  const std::string followup = render_console_line(sample_followup());
  EXPECT_NE(followup.find("[follow-up]"), std::string::npos);
  EXPECT_NE(followup.find("Also reported by: Yonhap"), std::string::npos);
  Alert hostile = sample_alert();
  hostile.headline = "a\nb\x1b[31mred";
  EXPECT_EQ(render_console_line(hostile).find('\x1b'), std::string::npos);
}

TEST(RenderRequest, FileAndConsoleAreNotHttpOutputs) {
  EXPECT_FALSE(render_request(spec_for("console", {}), sample_alert(), context()).has_value());
  EXPECT_FALSE(
      render_request(spec_for("file", {{"path", "/tmp/a.jsonl"}}), sample_alert(), context()));
}

TEST(RenderRequest, FollowupRefusedWhenOutputTakesNone) {
  const auto call = render_request(slack_spec("none"), sample_followup(), context());
  ASSERT_FALSE(call.has_value());
  EXPECT_EQ(call.error().message.find("XXXXSECRET"), std::string::npos);
}

TEST(RenderRequest, FollowupWithoutKnownFirstMessageIsAShortNewMessage) {
  const auto discord = render_request(discord_spec("edit"), sample_followup(), context());
  ASSERT_TRUE(discord.has_value());
  EXPECT_EQ(discord->method, "POST");
  EXPECT_TRUE(json::parse(discord->body)["content"].get<std::string>().starts_with(
      "**Also reported by Yonhap:**"));
  const auto telegram = render_request(telegram_spec("edit"), sample_followup(), context());
  ASSERT_TRUE(telegram.has_value());
  EXPECT_TRUE(telegram->url.ends_with("/sendMessage"));
  EXPECT_FALSE(json::parse(telegram->body).contains("reply_parameters"));
  const auto matrix = render_request(matrix_spec("thread"), sample_followup(), context());
  ASSERT_TRUE(matrix.has_value());
  EXPECT_FALSE(json::parse(matrix->body).contains("m.relates_to"));
}

TEST(RenderRequest, DiscordEditKeepsTheThreadOfTheConfiguredUrl) {
  const OutputSpec spec =
      spec_for("discord", {{"webhook_url", "https://discord.com/api/webhooks/1/T?thread_id=77"},
                           {"followups", "edit"}});
  const auto edit = render_request(spec, sample_followup(), context("555"));
  ASSERT_TRUE(edit.has_value());
  EXPECT_EQ(edit->url, "https://discord.com/api/webhooks/1/T/messages/555?thread_id=77");
  const auto send = render_request(spec, sample_alert(), context());
  EXPECT_EQ(send->url, "https://discord.com/api/webhooks/1/T?thread_id=77&wait=true");
}

TEST(RenderRequest, TelegramChannelNameAndForumTopic) {
  const OutputSpec spec = spec_for(
      "telegram",
      {{"bot_token", "1:A"}, {"chat_id", "@sanctions_watch"}, {"message_thread_id", "12"}});
  const auto call = render_request(spec, sample_alert(), context());
  ASSERT_TRUE(call.has_value());
  const json body = json::parse(call->body);
  EXPECT_EQ(body["chat_id"], "@sanctions_watch");
  EXPECT_EQ(body["message_thread_id"], 12);
}

TEST(RenderRequest, MatrixTxnIdIsStableForOneDeliveryAndAuthUsesTheHeader) {
  const auto a = render_request(matrix_spec(), sample_alert(), context());
  DeliveryContext later = context();
  later.now += std::chrono::hours(1);
  const auto b = render_request(matrix_spec(), sample_alert(), later);
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->url, b->url);
  EXPECT_TRUE(a->url.ends_with("/send/m.room.message/fs_1001_3341cd6a")) << a->url;
  EXPECT_EQ(a->url.find("access_token"), std::string::npos);
  bool has_auth = false;
  for (const auto& [name, value] : a->headers)
    has_auth |= name == "Authorization" && value == "Bearer syt_TOKENSECRET";
  EXPECT_TRUE(has_auth);
}

TEST(RenderRequest, GoogleChatWithoutThreadModeSendsNoThreadKey) {
  const auto call = render_request(google_chat_spec("edit"), sample_followup(), context());
  ASSERT_TRUE(call.has_value());
  EXPECT_FALSE(json::parse(call->body).contains("thread"));
  EXPECT_EQ(call->url.find("messageReplyOption"), std::string::npos);
}

TEST(RenderRequest, NtfyWithoutTokenSendsNoAuthorization) {
  const OutputSpec spec =
      spec_for("ntfy", {{"topic", "t1"}, {"server", "https://ntfy.example.org/"}});
  const auto call = render_request(spec, sample_alert(), context());
  ASSERT_TRUE(call.has_value());
  EXPECT_EQ(call->url, "https://ntfy.example.org/");
  for (const auto& [name, value] : call->headers) EXPECT_NE(name, "Authorization");
}

}  // namespace
}  // namespace feedsentry::alert
