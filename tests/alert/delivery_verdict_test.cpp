// The verdict table: which responses are delivered, retried (with which delay) or dead-lettered,
// per platform; and that no reason ever carries a secret from the spec.
#include <gtest/gtest.h>

#include "alert/delivery_verdict.h"
#include "alert/retry_after.h"
#include "sample_alert.h"

namespace feedsentry::alert {
namespace {

using namespace fixtures;
using Kind = Verdict::Kind;
using std::chrono::milliseconds;
using std::chrono::seconds;

const core::SystemTime kNow = at(1700000000);

struct Row {
  std::string name;
  OutputSpec spec;
  long status;
  std::string retry_after;
  std::string body;
  Kind kind;
  std::optional<core::Duration> delay;
  std::optional<std::string> remote_id;
  std::string reason_part;
};

TEST(DeliveryVerdict, Table) {
  const std::vector<Row> rows = {
      {"connection error", slack_spec(), 0, "", "", Kind::kRetry, std::nullopt, std::nullopt,
       "no HTTP response"},
      {"slack ok", slack_spec(), 200, "", "ok", Kind::kDelivered, std::nullopt, std::nullopt,
       "HTTP 200"},
      {"slack invalid_payload", slack_spec(), 400, "", "invalid_payload", Kind::kPermanent,
       std::nullopt, std::nullopt, "HTTP 400: invalid_payload"},
      {"slack no_service", slack_spec(), 404, "", "no_service", Kind::kPermanent, std::nullopt,
       std::nullopt, "revoked"},
      {"slack channel_not_found", slack_spec(), 404, "", "channel_not_found", Kind::kPermanent,
       std::nullopt, std::nullopt, "channel_not_found"},
      {"slack archived", slack_spec(), 410, "", "channel_is_archived", Kind::kPermanent,
       std::nullopt, std::nullopt, "channel_is_archived"},
      {"slack action_prohibited", slack_spec(), 403, "", "action_prohibited", Kind::kPermanent,
       std::nullopt, std::nullopt, "credentials"},
      {"slack 429", slack_spec(), 429, "30", "", Kind::kRetry, seconds(30), std::nullopt,
       "HTTP 429"},
      {"slack rollup_error", slack_spec(), 500, "", "rollup_error", Kind::kRetry, std::nullopt,
       std::nullopt, "rollup_error"},
      {"408", slack_spec(), 408, "", "", Kind::kRetry, std::nullopt, std::nullopt, "HTTP 408"},
      {"425", slack_spec(), 425, "", "", Kind::kRetry, std::nullopt, std::nullopt, "HTTP 425"},
      {"503 with date", slack_spec(), 503, "Tue, 14 Nov 2023 22:14:20 GMT", "", Kind::kRetry,
       seconds(60), std::nullopt, "HTTP 503"},
      {"redirect", slack_spec(), 301, "", "", Kind::kPermanent, std::nullopt, std::nullopt,
       "redirects are not followed"},
      {"discord stored", discord_spec(), 200, "",
       R"({"id":"1169283012345678901","channel_id":"9"})", Kind::kDelivered, std::nullopt,
       "1169283012345678901", "HTTP 200"},
      {"discord 204", discord_spec(), 204, "", "", Kind::kDelivered, std::nullopt, std::nullopt,
       "HTTP 204"},
      {"discord 429 float", discord_spec(), 429, "64",
       R"({"message":"You are being rate limited.","retry_after":64.57,"global":false})",
       Kind::kRetry, milliseconds(64570), std::nullopt, "rate limited"},
      {"discord unknown webhook", discord_spec(), 404, "",
       R"({"message":"Unknown Webhook","code":10015})", Kind::kPermanent, std::nullopt,
       std::nullopt, "Unknown Webhook (code 10015); the webhook no longer exists"},
      {"discord form body", discord_spec(), 400, "",
       R"({"message":"Invalid Form Body","code":50035})", Kind::kPermanent, std::nullopt,
       std::nullopt, "50035"},
      {"discord too large", discord_spec(), 413, "",
       R"({"message":"Request entity too large","code":40005})", Kind::kPermanent, std::nullopt,
       std::nullopt, "40005"},
      {"telegram ok", telegram_spec(), 200, "",
       R"({"ok":true,"result":{"message_id":4711,"chat":{"id":-100}}})", Kind::kDelivered,
       std::nullopt, "4711", "HTTP 200"},
      {"telegram ok false on 200", telegram_spec(), 200, "",
       R"({"ok":false,"error_code":400,"description":"Bad Request: chat not found"})",
       Kind::kPermanent, std::nullopt, std::nullopt, "chat not found"},
      {"telegram 429", telegram_spec(), 429, "",
       R"({"ok":false,"error_code":429,"description":"Too Many Requests: retry after 30","parameters":{"retry_after":30}})",
       Kind::kRetry, seconds(30), std::nullopt, "Too Many Requests"},
      {"telegram parse entities", telegram_spec(), 400, "",
       R"({"ok":false,"error_code":400,"description":"Bad Request: can't parse entities"})",
       Kind::kPermanent, std::nullopt, std::nullopt, "can't parse entities"},
      {"telegram migrated", telegram_spec(), 400, "",
       R"({"ok":false,"error_code":400,"description":"Bad Request: group chat was upgraded to a supergroup chat","parameters":{"migrate_to_chat_id":-1009876}})",
       Kind::kPermanent, std::nullopt, std::nullopt, "set chat_id to -1009876"},
      {"telegram kicked", telegram_spec(), 403, "",
       R"({"ok":false,"error_code":403,"description":"Forbidden: bot was kicked from the group chat"})",
       Kind::kPermanent, std::nullopt, std::nullopt, "bot was kicked"},
      {"telegram unauthorized", telegram_spec(), 401, "",
       R"({"ok":false,"error_code":401,"description":"Unauthorized"})", Kind::kPermanent,
       std::nullopt, std::nullopt, "Unauthorized"},
      {"telegram 502 html", telegram_spec(), 502, "", "<html>Bad Gateway</html>", Kind::kRetry,
       std::nullopt, std::nullopt, "502"},
      {"telegram edit unchanged", telegram_spec("edit"), 400, "",
       R"({"ok":false,"error_code":400,"description":"Bad Request: message is not modified: specified new message content and reply markup are exactly the same"})",
       Kind::kDelivered, std::nullopt, std::nullopt, "already up to date"},
      {"telegram edit result true", telegram_spec("edit"), 200, "", R"({"ok":true,"result":true})",
       Kind::kDelivered, std::nullopt, std::nullopt, "HTTP 200"},
      {"matrix sent", matrix_spec(), 200, "", R"({"event_id":"$YUwRidLecu:example.org"})",
       Kind::kDelivered, std::nullopt, "$YUwRidLecu:example.org", "HTTP 200"},
      {"matrix limited header", matrix_spec(), 429, "3",
       R"({"errcode":"M_LIMIT_EXCEEDED","retry_after_ms":9000})", Kind::kRetry, seconds(3),
       std::nullopt, "M_LIMIT_EXCEEDED"},
      {"matrix limited body only", matrix_spec(), 429, "",
       R"({"errcode":"M_LIMIT_EXCEEDED","retry_after_ms":2500})", Kind::kRetry, milliseconds(2500),
       std::nullopt, "M_LIMIT_EXCEEDED"},
      {"matrix unknown token", matrix_spec(), 401, "",
       R"({"errcode":"M_UNKNOWN_TOKEN","error":"Invalid access token passed."})", Kind::kPermanent,
       std::nullopt, std::nullopt, "M_UNKNOWN_TOKEN"},
      {"matrix forbidden", matrix_spec(), 403, "",
       R"({"errcode":"M_FORBIDDEN","error":"not in room"})", Kind::kPermanent, std::nullopt,
       std::nullopt, "M_FORBIDDEN"},
      {"matrix resource limit", matrix_spec(), 403, "",
       R"({"errcode":"M_RESOURCE_LIMIT_EXCEEDED","error":"MAU"})", Kind::kRetry, std::nullopt,
       std::nullopt, "M_RESOURCE_LIMIT_EXCEEDED"},
      {"teams queued", teams_spec(), 202, "", "", Kind::kDelivered, std::nullopt, std::nullopt,
       "queued"},
      {"teams too large", teams_spec(), 413, "", "Request Entity Too Large", Kind::kPermanent,
       std::nullopt, std::nullopt, "413"},
      {"google chat quota", google_chat_spec(), 429, "",
       R"({"error":{"code":429,"message":"Quota exceeded","status":"RESOURCE_EXHAUSTED"}})",
       Kind::kRetry, std::nullopt, std::nullopt, "RESOURCE_EXHAUSTED"},
      {"google chat bad key", google_chat_spec(), 403, "",
       R"({"error":{"code":403,"message":"The caller does not have permission","status":"PERMISSION_DENIED"}})",
       Kind::kPermanent, std::nullopt, std::nullopt, "PERMISSION_DENIED"},
      {"ntfy limit", ntfy_spec(), 429, "",
       R"({"code":42901,"http":429,"error":"limit reached: too many requests"})", Kind::kRetry,
       std::nullopt, std::nullopt, "limit reached"},
      {"ntfy bad topic", ntfy_spec(), 400, "",
       R"({"code":40009,"http":400,"error":"invalid topic"})", Kind::kPermanent, std::nullopt,
       std::nullopt, "invalid topic"},
      {"webhook gone", webhook_spec(), 410, "", "", Kind::kPermanent, std::nullopt, std::nullopt,
       "disable this endpoint"},
      {"webhook in flight", webhook_spec(), 409, "", "", Kind::kPermanent, std::nullopt,
       std::nullopt, "HTTP 409"},
      {"webhook 504", webhook_spec(), 504, "120", "", Kind::kRetry, seconds(120), std::nullopt,
       "HTTP 504"},
      {"mattermost ok", mattermost_spec(), 200, "", "ok", Kind::kDelivered, std::nullopt,
       std::nullopt, "HTTP 200"},
      {"mattermost bad", mattermost_spec(), 400, "",
       R"({"id":"web.incoming_webhook.parse.app_error","message":"Unable to parse incoming data"})",
       Kind::kPermanent, std::nullopt, std::nullopt, "Unable to parse incoming data"},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.name);
    const Verdict verdict = judge_response(row.spec, row.status, row.retry_after, row.body, kNow);
    EXPECT_EQ(verdict.kind, row.kind) << verdict.reason;
    EXPECT_EQ(verdict.retry_after, row.delay) << verdict.reason;
    EXPECT_EQ(verdict.remote_id, row.remote_id);
    EXPECT_NE(verdict.reason.find(row.reason_part), std::string::npos) << verdict.reason;
    for (const char* secret :
         {"XXXXSECRET", "TOKENSECRET", "KEYSECRET", "SIGSECRET", "tk_SECRET"}) {
      EXPECT_EQ(verdict.reason.find(secret), std::string::npos) << verdict.reason;
    }
  }
}

TEST(DeliveryVerdict, ReasonIsOneBoundedLine) {
  const std::string body = std::string(5000, 'x') + "\nsecond line";
  const Verdict verdict = judge_response(webhook_spec(), 400, "", body, kNow);
  EXPECT_EQ(verdict.reason.find('\n'), std::string::npos);
  EXPECT_LT(verdict.reason.size(), 400u);
}

TEST(DeliveryVerdict, HugeRetryHintsAreClamped) {
  const Verdict verdict = judge_response(discord_spec(), 429, "", R"({"retry_after":1e300})", kNow);
  ASSERT_TRUE(verdict.retry_after.has_value());
  EXPECT_LE(*verdict.retry_after, std::chrono::hours(24 * 7));
}

TEST(RetryAfter, SecondsAndAllHttpDateForms) {
  EXPECT_EQ(parse_retry_after("120", kNow), seconds(120));
  EXPECT_EQ(parse_retry_after(" 0 ", kNow), seconds(0));
  // kNow is 2023-11-14T22:13:20Z.
  EXPECT_EQ(parse_retry_after("Tue, 14 Nov 2023 22:14:20 GMT", kNow), seconds(60));
  EXPECT_EQ(parse_retry_after("Tuesday, 14-Nov-23 22:14:20 GMT", kNow), seconds(60));
  EXPECT_EQ(parse_retry_after("Tue Nov 14 22:14:20 2023", kNow), seconds(60));
  EXPECT_EQ(parse_retry_after("Tue, 14 Nov 2023 22:00:00 GMT", kNow), seconds(0));
  EXPECT_FALSE(parse_retry_after("", kNow).has_value());
  EXPECT_FALSE(parse_retry_after("soon", kNow).has_value());
  EXPECT_FALSE(parse_retry_after("-5", kNow).has_value());
  EXPECT_FALSE(parse_retry_after("Tue, 31 Feb 2023 22:14:20 GMT", kNow).has_value());
  EXPECT_EQ(parse_retry_after("99999999999999999999999", kNow), seconds(365LL * 24 * 3600));
}

}  // namespace
}  // namespace feedsentry::alert
