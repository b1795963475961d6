#pragma once
// What one configured output is: its platform, destination, credentials, follow-up mode and
// rate limits, validated once from the free-form `settings:` strings of the config. Pure
// values; secrets (webhook URLs, tokens) live here and must only ever be logged through
// redacted_destination().
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/clock.h"
#include "core/result.h"

namespace feedsentry::alert {

enum class OutputType {
  kFile,
  kConsole,
  kSlack,
  kDiscord,
  kMattermost,
  kTeams,
  kTelegram,
  kMatrix,
  kGoogleChat,
  kNtfy,
  kWebhook,
};

// How a later copy of a story is told to this output (the alert's `followup_of` is set).
// kNone: not at all. kThread: as a reply to the first message where the platform has
// replies. kEdit: by editing the first message. Platforms without the chosen mechanism
// post a short new "Also reported by …" message instead (see render.h).
enum class Followups { kNone, kThread, kEdit };

// "At most `max_sends` in any `window`". A limit is a set of these, all enforced together.
struct RateWindow {
  int max_sends = 1;
  core::Duration window{1000};
  friend bool operator==(const RateWindow&, const RateWindow&) = default;
};

struct RateLimit {
  std::vector<RateWindow> windows;  // empty: unlimited
  friend bool operator==(const RateLimit&, const RateLimit&) = default;
};

struct OutputSpec {
  std::string name;
  OutputType type = OutputType::kConsole;
  Followups followups = Followups::kNone;
  RateLimit rate_limit;

  // slack, discord, mattermost, teams, google_chat, webhook: `webhook_url` (`url` for
  // webhook). The URL is the credential for all but the generic webhook.
  std::string url;
  // file: `path`, JSON Lines appended.
  std::string path;

  // telegram: `bot_token`, `chat_id` (integer, negative for groups, or "@channel"),
  // optional `message_thread_id` (forum topic) and `api_url` (default api.telegram.org).
  std::string bot_token;
  std::string chat_id;
  std::optional<std::int64_t> message_thread_id;
  std::string api_url;

  // matrix: `homeserver` (base URL), `room_id` ("!opaque:server"), `access_token`.
  std::string homeserver;
  std::string room_id;
  std::string access_token;

  // ntfy: `server` (default https://ntfy.sh), `topic`, optional `token`, `priority` 1-5.
  std::string ntfy_server;
  std::string ntfy_topic;
  std::string ntfy_token;
  int ntfy_priority = 3;

  // mattermost: optional `channel` and `username` overrides (if the server allows them).
  std::string mattermost_channel;
  std::string mattermost_username;

  // webhook: optional Standard Webhooks `secret` ("whsec_<base64>" or "<base64>") and
  // custom headers from `headers.<Name>` keys, sent in name order.
  std::string webhook_secret;
  std::vector<std::pair<std::string, std::string>> headers;

  friend bool operator==(const OutputSpec&, const OutputSpec&) = default;
};

std::string_view to_string(OutputType type);
std::string_view to_string(Followups followups);

// Every `type:` make_output_spec() accepts, in documentation order.
std::vector<std::string_view> output_type_names();

// True for the settings that carry a secret: a chat webhook URL (its path is the credential),
// the generic webhook's url and signing secret, bot and access tokens.
bool is_secret_setting(std::string_view key);

// Validates `settings` for `type`. Errors name the output and the setting key, never a
// value (values may be secrets). Accepts and ignores `min_score` (routing reads it).
core::Result<OutputSpec> make_output_spec(std::string name, std::string_view type,
                                          const std::map<std::string, std::string>& settings);

// The platform's default limits for this destination (used when `rate_limit` is absent).
RateLimit default_rate_limit(const OutputSpec& spec);

// Parses "off" or a comma list of "<count>/<duration>", duration = [<n>]ms|s|m|h,
// e.g. "1/1s, 20/1m". Errors never include the value.
core::Result<RateLimit> parse_rate_limit(std::string_view text);

// The destination for logs, with every secret removed: "https://hooks.slack.com/…/[redacted]",
// "telegram chat -100123", "matrix !room:example.org on https://matrix.example.org".
std::string redacted_destination(const OutputSpec& spec);

}  // namespace feedsentry::alert
