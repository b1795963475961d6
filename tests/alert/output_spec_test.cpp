// Validation of output settings: every type's required keys, unknown keys and types,
// malformed URLs, rate-limit syntax, custom headers; errors name the key and never a secret.
#include <gtest/gtest.h>

#include "alert/output_spec.h"

namespace feedsentry::alert {
namespace {

using Settings = std::map<std::string, std::string>;
using std::chrono::minutes;
using std::chrono::seconds;

constexpr const char* kSecret = "S3CR3T";

std::string error_of(std::string_view type, const Settings& settings) {
  const auto spec = make_output_spec("team", type, settings);
  EXPECT_FALSE(spec.has_value()) << type;
  if (spec) return {};
  EXPECT_EQ(spec.error().message.find(kSecret), std::string::npos) << spec.error().message;
  return spec.error().message;
}

TEST(OutputSpec, ReadsEveryTypeWithItsRequiredSettings) {
  const std::vector<std::pair<std::string, Settings>> cases = {
      {"file", {{"path", "/var/log/feedsentry/alerts.jsonl"}}},
      {"console", {}},
      {"slack", {{"webhook_url", "https://hooks.slack.com/services/T/B/x"}}},
      {"discord", {{"webhook_url", "https://discord.com/api/webhooks/1/x"}}},
      {"mattermost",
       {{"webhook_url", "https://mm.example.org/hooks/x"}, {"channel", "town-square"}}},
      {"teams",
       {{"webhook_url",
         "https://x.environment.api.powerplatform.com:443/powerautomate/automations/direct/"
         "workflows/1/triggers/manual/paths/invoke?api-version=1&sig=x"}}},
      {"telegram", {{"bot_token", "1:x"}, {"chat_id", "-100123"}}},
      {"matrix", {{"homeserver", "https://m.org"}, {"room_id", "!r:m.org"}, {"access_token", "x"}}},
      {"google_chat", {{"webhook_url", "https://chat.googleapis.com/v1/spaces/A/messages?key=k"}}},
      {"ntfy", {{"topic", "alerts"}}},
      {"webhook", {{"url", "http://127.0.0.1:8080/hook"}}},
  };
  for (const auto& [type, settings] : cases) {
    const auto spec = make_output_spec("out", type, settings);
    ASSERT_TRUE(spec.has_value()) << type << ": " << spec.error().message;
    EXPECT_EQ(to_string(spec->type), type);
    EXPECT_EQ(spec->followups, Followups::kNone);
  }
}

TEST(OutputSpec, UnknownTypeListsTheKnownOnes) {
  const std::string message = error_of("carrier_pigeon", {});
  EXPECT_NE(message.find("unknown type 'carrier_pigeon'"), std::string::npos) << message;
  EXPECT_NE(message.find("google_chat"), std::string::npos);
}

TEST(OutputSpec, UnknownKeyIsNamed) {
  const std::string message =
      error_of("slack", {{"webhook_url", "https://hooks.slack.com/x"}, {"chanel", kSecret}});
  EXPECT_NE(message.find("'chanel'"), std::string::npos) << message;
  EXPECT_NE(message.find("'team'"), std::string::npos) << message;
}

TEST(OutputSpec, MissingRequiredKeyIsNamed) {
  EXPECT_NE(error_of("slack", {}).find("'webhook_url' is required"), std::string::npos);
  EXPECT_NE(error_of("telegram", {{"bot_token", kSecret}}).find("'chat_id'"), std::string::npos);
  EXPECT_NE(error_of("matrix", {{"homeserver", "https://m.org"}, {"room_id", "!a:m.org"}})
                .find("'access_token'"),
            std::string::npos);
  EXPECT_NE(error_of("file", {}).find("'path'"), std::string::npos);
  EXPECT_NE(error_of("ntfy", {}).find("'topic'"), std::string::npos);
}

TEST(OutputSpec, MalformedUrlNamesTheKeyButNotTheSecretUrl) {
  for (const std::string& url : {std::string("hooks.slack.com/services/") + kSecret,
                                 std::string("ftp://hooks.slack.com/") + kSecret,
                                 std::string("https://hooks.slack.com/a b/") + kSecret,
                                 std::string("https:///") + kSecret}) {
    const std::string message = error_of("slack", {{"webhook_url", url}});
    EXPECT_NE(message.find("'webhook_url' must be an absolute http(s) URL"), std::string::npos)
        << message;
  }
  EXPECT_NE(
      error_of("matrix", {{"homeserver", kSecret}, {"room_id", "!a:b"}, {"access_token", "t"}})
          .find("'homeserver'"),
      std::string::npos);
}

TEST(OutputSpec, BadValuesNeverEchoed) {
  error_of("telegram", {{"bot_token", std::string("bad/") + kSecret}, {"chat_id", "1"}});
  error_of("telegram", {{"bot_token", "1:x"}, {"chat_id", kSecret}});
  error_of("webhook",
           {{"url", "https://h.example/x"}, {"secret", std::string("whsec_!") + kSecret}});
  error_of("webhook", {{"url", "https://h.example/x"},
                       {"headers.X-Key", std::string(kSecret) + "\r\nEvil: 1"}});
  error_of("slack", {{"webhook_url", "https://h.example/x"}, {"rate_limit", kSecret}});
  error_of("slack", {{"webhook_url", "https://h.example/x"}, {"followups", kSecret}});
  error_of("matrix",
           {{"homeserver", "https://m.org"}, {"room_id", kSecret}, {"access_token", "t"}});
}

TEST(OutputSpec, FollowupModes) {
  for (const auto& [text, mode] :
       std::vector<std::pair<std::string, Followups>>{{"none", Followups::kNone},
                                                      {"thread", Followups::kThread},
                                                      {"edit", Followups::kEdit}}) {
    const auto spec = make_output_spec(
        "o", "discord",
        {{"webhook_url", "https://discord.com/api/webhooks/1/x"}, {"followups", text}});
    ASSERT_TRUE(spec.has_value());
    EXPECT_EQ(spec->followups, mode);
  }
  EXPECT_NE(error_of("slack", {{"webhook_url", "https://h.example/x"}, {"followups", "reply"}})
                .find("'followups' must be one of none, thread, edit"),
            std::string::npos);
}

TEST(OutputSpec, MinScoreIsAcceptedForRouting) {
  EXPECT_TRUE(make_output_spec("o", "console", {{"min_score", "0.5"}}).has_value());
}

TEST(OutputSpec, DefaultRateLimits) {
  auto limit_of = [](std::string_view type, Settings settings) {
    return make_output_spec("o", type, settings)->rate_limit;
  };
  EXPECT_EQ(limit_of("slack", {{"webhook_url", "https://h.example/x"}}),
            (RateLimit{{{1, seconds(1)}}}));
  EXPECT_EQ(limit_of("discord", {{"webhook_url", "https://h.example/x"}}),
            (RateLimit{{{5, seconds(2)}}}));
  EXPECT_EQ(limit_of("telegram", {{"bot_token", "1:x"}, {"chat_id", "-100123"}}),
            (RateLimit{{{1, seconds(1)}, {20, minutes(1)}}}));
  EXPECT_EQ(limit_of("telegram", {{"bot_token", "1:x"}, {"chat_id", "@news"}}),
            (RateLimit{{{1, seconds(1)}, {20, minutes(1)}}}));
  EXPECT_EQ(limit_of("telegram", {{"bot_token", "1:x"}, {"chat_id", "12345"}}),
            (RateLimit{{{1, seconds(1)}}}));
  EXPECT_TRUE(limit_of("file", {{"path", "a"}}).windows.empty());
}

TEST(OutputSpec, RateLimitSettingOverridesOrDisables) {
  const auto spec = make_output_spec(
      "o", "slack", {{"webhook_url", "https://h.example/x"}, {"rate_limit", "2/1s, 30/1m,100/h"}});
  ASSERT_TRUE(spec.has_value());
  EXPECT_EQ(spec->rate_limit,
            (RateLimit{{{2, seconds(1)}, {30, minutes(1)}, {100, std::chrono::hours(1)}}}));
  const auto off = make_output_spec(
      "o", "slack", {{"webhook_url", "https://h.example/x"}, {"rate_limit", "off"}});
  ASSERT_TRUE(off.has_value());
  EXPECT_TRUE(off->rate_limit.windows.empty());
  for (const char* bad : {"", "1", "0/1s", "1/0s", "1/1d", "x/1s", "1/1s,", "-1/1s"}) {
    EXPECT_FALSE(parse_rate_limit(bad).has_value()) << bad;
  }
  EXPECT_EQ(*parse_rate_limit("500/250ms"), (RateLimit{{{500, std::chrono::milliseconds(250)}}}));
}

TEST(OutputSpec, CustomHeadersForTheGenericWebhook) {
  const auto spec = make_output_spec("o", "webhook",
                                     {{"url", "https://h.example/x"},
                                      {"headers.X-Api-Key", " abc "},
                                      {"headers.Authorization", "Bearer t"}});
  ASSERT_TRUE(spec.has_value());
  EXPECT_EQ(spec->headers, (std::vector<std::pair<std::string, std::string>>{
                               {"Authorization", "Bearer t"}, {"X-Api-Key", "abc"}}));
  EXPECT_NE(
      error_of("webhook", {{"url", "https://h.example/x"}, {"headers.webhook-signature", "x"}})
          .find("cannot be overridden"),
      std::string::npos);
  EXPECT_NE(error_of("webhook", {{"url", "https://h.example/x"}, {"headers.Bad Name", "x"}})
                .find("not a valid header name"),
            std::string::npos);
  // Headers are a webhook feature only.
  EXPECT_NE(error_of("slack", {{"webhook_url", "https://h.example/x"}, {"headers.X", "y"}})
                .find("'headers.X' is not known"),
            std::string::npos);
}

TEST(OutputSpec, WebhookSecretMustBeBase64) {
  EXPECT_TRUE(make_output_spec("o", "webhook",
                               {{"url", "https://h.example/x"},
                                {"secret", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"}})
                  .has_value());
  EXPECT_TRUE(make_output_spec(
                  "o", "webhook",
                  {{"url", "https://h.example/x"}, {"secret", "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"}})
                  .has_value());
  EXPECT_NE(
      error_of("webhook", {{"url", "https://h.example/x"}, {"secret", kSecret}}).find("'secret'"),
      std::string::npos);
}

TEST(OutputSpec, RedactedDestinationHasNoSecrets) {
  const std::vector<std::pair<std::string, Settings>> cases = {
      {"slack", {{"webhook_url", std::string("https://hooks.slack.com/services/T/B/") + kSecret}}},
      {"discord", {{"webhook_url", std::string("https://discord.com/api/webhooks/1/") + kSecret}}},
      {"teams",
       {{"webhook_url", std::string("https://prod-1.x.logic.azure.com/w?sig=") + kSecret}}},
      {"google_chat",
       {{"webhook_url",
         std::string("https://chat.googleapis.com/v1/spaces/A/messages?key=") + kSecret}}},
      {"mattermost", {{"webhook_url", std::string("https://mm.example.org/hooks/") + kSecret}}},
      {"telegram", {{"bot_token", std::string("1:") + kSecret}, {"chat_id", "-100123"}}},
      {"matrix",
       {{"homeserver", "https://m.org"}, {"room_id", "!r:m.org"}, {"access_token", kSecret}}},
      {"ntfy", {{"topic", kSecret}, {"token", kSecret}}},
      {"webhook",
       {{"url", std::string("https://user:") + kSecret + "@h.example/x"},
        {"headers.X-Key", kSecret}}},
  };
  for (const auto& [type, settings] : cases) {
    const auto spec = make_output_spec("o", type, settings);
    ASSERT_TRUE(spec.has_value()) << type;
    const std::string shown = redacted_destination(*spec);
    EXPECT_EQ(shown.find(kSecret), std::string::npos) << type << ": " << shown;
    EXPECT_FALSE(shown.empty());
  }
  const auto slack = make_output_spec("o", "slack", cases[0].second);
  EXPECT_EQ(redacted_destination(*slack), "https://hooks.slack.com/…/[redacted]");
  const auto telegram = make_output_spec("o", "telegram", cases[5].second);
  EXPECT_EQ(redacted_destination(*telegram),
            "telegram chat -100123 via https://api.telegram.org/…/[redacted]");
}

}  // namespace
}  // namespace feedsentry::alert
