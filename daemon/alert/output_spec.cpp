#include "alert/output_spec.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <set>

#include "core/text.h"
#include "core/url.h"

namespace feedsentry::alert {
namespace {

using core::ErrorCode;
using Settings = std::map<std::string, std::string>;

struct TypeInfo {
  OutputType type;
  std::string_view name;
};

constexpr std::array<TypeInfo, 11> kTypes = {{
    {OutputType::kFile, "file"},
    {OutputType::kConsole, "console"},
    {OutputType::kSlack, "slack"},
    {OutputType::kDiscord, "discord"},
    {OutputType::kMattermost, "mattermost"},
    {OutputType::kTeams, "teams"},
    {OutputType::kTelegram, "telegram"},
    {OutputType::kMatrix, "matrix"},
    {OutputType::kGoogleChat, "google_chat"},
    {OutputType::kNtfy, "ntfy"},
    {OutputType::kWebhook, "webhook"},
}};

// Keys every type accepts. `min_score` belongs to routing; it is accepted here so that a
// config using it is not rejected as having an unknown key.
constexpr std::array<std::string_view, 3> kCommonKeys = {"followups", "rate_limit", "min_score"};

std::vector<std::string_view> keys_for(OutputType type) {
  switch (type) {
    case OutputType::kFile:
      return {"path"};
    case OutputType::kConsole:
      return {};
    case OutputType::kSlack:
    case OutputType::kDiscord:
    case OutputType::kTeams:
    case OutputType::kGoogleChat:
      return {"webhook_url"};
    case OutputType::kMattermost:
      return {"webhook_url", "channel", "username"};
    case OutputType::kTelegram:
      return {"bot_token", "chat_id", "message_thread_id", "api_url"};
    case OutputType::kMatrix:
      return {"homeserver", "room_id", "access_token"};
    case OutputType::kNtfy:
      return {"server", "topic", "token", "priority"};
    case OutputType::kWebhook:
      return {"url", "secret"};
  }
  return {};
}

core::Error setting_error(std::string_view output, std::string_view key, std::string_view what) {
  return core::Error{ErrorCode::kInvalidArgument,
                     "output '" + std::string(output) + "': setting '" + std::string(key) + "' " +
                         std::string(what),
                     {}};
}

// Reads settings for one output; every accessor reports errors by key only.
class SettingsReader {
 public:
  SettingsReader(const std::string& output, const Settings& settings)
      : output_(output), settings_(settings) {}

  std::optional<std::string> optional(std::string_view key) const {
    const auto it = settings_.find(std::string(key));
    if (it == settings_.end()) return std::nullopt;
    return std::string(core::trim_ascii(it->second));
  }

  core::Result<std::string> required(std::string_view key) const {
    auto value = optional(key);
    if (!value || value->empty()) return tl::unexpected(setting_error(output_, key, "is required"));
    return *value;
  }

  // http(s) with a host; plain http is allowed for self-hosted servers and local tests.
  core::Result<std::string> url(std::string_view key, bool required_key = true) const {
    auto value =
        required_key ? required(key) : core::Result<std::string>(optional(key).value_or(""));
    if (!value) return value;
    if (value->empty()) return value;
    const core::UrlParts parts = core::split_url(*value);
    const bool has_host = parts.has_authority && !parts.authority.empty() &&
                          parts.authority.find_first_of(" \t\r\n") == std::string_view::npos;
    if (!core::is_http_url(*value) || !has_host || parts.has_fragment ||
        value->find_first_of(" \t\r\n\"<>") != std::string::npos) {
      return tl::unexpected(setting_error(output_, key, "must be an absolute http(s) URL"));
    }
    return value;
  }

  core::Error error(std::string_view key, std::string_view what) const {
    return setting_error(output_, key, what);
  }

 private:
  const std::string& output_;
  const Settings& settings_;
};

std::string strip_trailing_slash(std::string text) {
  while (!text.empty() && text.back() == '/') text.pop_back();
  return text;
}

bool parse_int64(std::string_view text, std::int64_t& out) {
  if (text.empty()) return false;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && end == text.data() + text.size();
}

// RFC 9110 token characters: what a header field name may contain.
bool is_header_name(std::string_view name) {
  static constexpr std::string_view kExtra = "!#$%&'*+-.^_`|~";
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           kExtra.find(c) != std::string_view::npos;
  });
}

// Headers the sink itself sets: a custom value would break the body's type or the
// signature, so they cannot be overridden.
bool is_reserved_header(std::string_view name) {
  static constexpr std::array<std::string_view, 8> kReserved = {
      "content-type",    "content-length",    "host",
      "webhook-id",      "webhook-timestamp", "webhook-signature",
      "idempotency-key", "transfer-encoding"};
  const std::string lower = core::to_lower_ascii(name);
  return std::find(kReserved.begin(), kReserved.end(), lower) != kReserved.end();
}

core::Result<Followups> parse_followups(const SettingsReader& reader) {
  const auto value = reader.optional("followups");
  if (!value || *value == "none") return Followups::kNone;
  if (*value == "thread") return Followups::kThread;
  if (*value == "edit") return Followups::kEdit;
  return tl::unexpected(reader.error("followups", "must be one of none, thread, edit"));
}

core::Result<void> read_platform_settings(const SettingsReader& reader, OutputSpec& spec) {
  auto assign = [](std::string& field, core::Result<std::string> value) -> core::Result<void> {
    if (!value) return tl::unexpected(value.error());
    field = std::move(*value);
    return {};
  };
  switch (spec.type) {
    case OutputType::kFile:
      return assign(spec.path, reader.required("path"));
    case OutputType::kConsole:
      return {};
    case OutputType::kSlack:
    case OutputType::kDiscord:
    case OutputType::kTeams:
    case OutputType::kGoogleChat:
      return assign(spec.url, reader.url("webhook_url"));
    case OutputType::kMattermost:
      spec.mattermost_channel = reader.optional("channel").value_or("");
      spec.mattermost_username = reader.optional("username").value_or("");
      return assign(spec.url, reader.url("webhook_url"));
    case OutputType::kTelegram: {
      if (auto r = assign(spec.bot_token, reader.required("bot_token")); !r) return r;
      if (spec.bot_token.find_first_of("/?#% \t") != std::string::npos) {
        return tl::unexpected(reader.error("bot_token", "is not a bot token (<id>:<secret>)"));
      }
      if (auto r = assign(spec.chat_id, reader.required("chat_id")); !r) return r;
      std::int64_t numeric = 0;
      const bool channel_name = spec.chat_id.size() > 1 && spec.chat_id.front() == '@' &&
                                is_header_name(spec.chat_id.substr(1));
      if (!channel_name && !parse_int64(spec.chat_id, numeric)) {
        return tl::unexpected(reader.error("chat_id", "must be an integer or @channelname"));
      }
      if (const auto thread = reader.optional("message_thread_id")) {
        std::int64_t id = 0;
        if (!parse_int64(*thread, id) || id <= 0) {
          return tl::unexpected(reader.error("message_thread_id", "must be a positive integer"));
        }
        spec.message_thread_id = id;
      }
      auto api = reader.url("api_url", false);
      if (!api) return tl::unexpected(api.error());
      spec.api_url = api->empty() ? "https://api.telegram.org" : strip_trailing_slash(*api);
      return {};
    }
    case OutputType::kMatrix: {
      auto homeserver = reader.url("homeserver");
      if (!homeserver) return tl::unexpected(homeserver.error());
      spec.homeserver = strip_trailing_slash(*homeserver);
      if (auto r = assign(spec.room_id, reader.required("room_id")); !r) return r;
      // The send API takes a room id; an alias (#room:server) would need a lookup first.
      if (spec.room_id.front() != '!' || spec.room_id.find(':') == std::string::npos) {
        return tl::unexpected(reader.error("room_id", "must be a room id like !abc:example.org"));
      }
      return assign(spec.access_token, reader.required("access_token"));
    }
    case OutputType::kNtfy: {
      auto server = reader.url("server", false);
      if (!server) return tl::unexpected(server.error());
      spec.ntfy_server = server->empty() ? "https://ntfy.sh" : strip_trailing_slash(*server);
      if (auto r = assign(spec.ntfy_topic, reader.required("topic")); !r) return r;
      const bool topic_ok = spec.ntfy_topic.size() <= 64 &&
                            std::all_of(spec.ntfy_topic.begin(), spec.ntfy_topic.end(), [](char c) {
                              return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                                     (c >= '0' && c <= '9') || c == '-' || c == '_';
                            });
      if (!topic_ok) return tl::unexpected(reader.error("topic", "must match [-_A-Za-z0-9]{1,64}"));
      spec.ntfy_token = reader.optional("token").value_or("");
      if (const auto priority = reader.optional("priority")) {
        std::int64_t value = 0;
        if (!parse_int64(*priority, value) || value < 1 || value > 5) {
          return tl::unexpected(reader.error("priority", "must be 1 to 5"));
        }
        spec.ntfy_priority = static_cast<int>(value);
      }
      return {};
    }
    case OutputType::kWebhook:
      spec.webhook_secret = reader.optional("secret").value_or("");
      return assign(spec.url, reader.url("url"));
  }
  return {};
}

bool is_base64(std::string_view text) {
  if (text.empty() || text.size() % 4 != 0) return false;
  std::size_t padding = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const bool alphabet = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                          (c >= '0' && c <= '9') || c == '+' || c == '/';
    if (c == '=') {
      ++padding;
    } else if (!alphabet || padding > 0) {
      return false;
    }
  }
  return padding <= 2;
}

core::Result<void> read_headers(const SettingsReader& reader, const Settings& settings,
                                OutputSpec& spec) {
  for (const auto& [key, value] : settings) {
    if (!key.starts_with("headers.")) continue;
    const std::string name = key.substr(8);
    if (!is_header_name(name))
      return tl::unexpected(reader.error(key, "is not a valid header name"));
    if (is_reserved_header(name)) {
      return tl::unexpected(reader.error(key, "is set by feedsentry and cannot be overridden"));
    }
    if (value.find_first_of("\r\n") != std::string::npos || value.find('\0') != std::string::npos) {
      return tl::unexpected(reader.error(key, "must be a single line"));
    }
    spec.headers.emplace_back(name, std::string(core::trim_ascii(value)));
  }
  return {};
}

core::Result<core::Duration> parse_window(std::string_view text) {
  std::size_t digits = 0;
  while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
  std::int64_t count = 1;
  if (digits > 0 && !parse_int64(text.substr(0, digits), count)) count = -1;
  const std::string_view unit = text.substr(digits);
  std::int64_t unit_ms = 0;
  if (unit == "ms") unit_ms = 1;
  if (unit == "s") unit_ms = 1000;
  if (unit == "m" || unit == "min") unit_ms = 60'000;
  if (unit == "h") unit_ms = 3'600'000;
  if (unit_ms == 0 || count <= 0 || count > 24 * 3600 * 1000 / unit_ms * 7) {
    return core::fail(ErrorCode::kInvalidArgument, "bad window");
  }
  return core::Duration(count * unit_ms);
}

}  // namespace

std::string_view to_string(OutputType type) {
  for (const auto& info : kTypes) {
    if (info.type == type) return info.name;
  }
  return "unknown";
}

std::string_view to_string(Followups followups) {
  switch (followups) {
    case Followups::kNone:
      return "none";
    case Followups::kThread:
      return "thread";
    case Followups::kEdit:
      return "edit";
  }
  return "none";
}

core::Result<RateLimit> parse_rate_limit(std::string_view text) {
  RateLimit limit;
  text = core::trim_ascii(text);
  if (text == "off") return limit;
  const auto malformed = core::fail(ErrorCode::kInvalidArgument,
                                    "must be 'off' or a list like '1/1s, 20/1m' (count/window)");
  bool more = !text.empty();
  while (more) {
    const std::size_t comma = text.find(',');
    const std::string_view item = core::trim_ascii(text.substr(0, comma));
    more = comma != std::string_view::npos;
    text = more ? text.substr(comma + 1) : std::string_view{};
    const std::size_t slash = item.find('/');
    if (slash == std::string_view::npos) return malformed;
    std::int64_t count = 0;
    if (!parse_int64(core::trim_ascii(item.substr(0, slash)), count) || count < 1 ||
        count > 100'000) {
      return malformed;
    }
    const auto window = parse_window(core::trim_ascii(item.substr(slash + 1)));
    if (!window) return malformed;
    limit.windows.push_back(RateWindow{static_cast<int>(count), *window});
  }
  if (limit.windows.empty()) return malformed;
  return limit;
}

RateLimit default_rate_limit(const OutputSpec& spec) {
  using std::chrono::milliseconds;
  using std::chrono::minutes;
  using std::chrono::seconds;
  switch (spec.type) {
    case OutputType::kFile:
    case OutputType::kConsole:
      return {};
    case OutputType::kSlack:       // "about 1 message/s, short bursts allowed"
    case OutputType::kGoogleChat:  // 60 writes/min per space, shared with other apps
      return {{{1, seconds(1)}}};
    case OutputType::kDiscord:  // the commonly observed per-webhook bucket
      return {{{5, seconds(2)}}};
    case OutputType::kMattermost:  // server limits are off by default; stay polite
      return {{{5, seconds(1)}}};
    case OutputType::kTeams:  // connectors were throttled above 4 requests/s
      return {{{4, seconds(1)}}};
    case OutputType::kTelegram: {
      RateLimit limit{{{1, seconds(1)}}};
      // Groups, supergroups and channels (negative ids or @names): 20 messages/min too.
      if (!spec.chat_id.empty() && (spec.chat_id.front() == '-' || spec.chat_id.front() == '@')) {
        limit.windows.push_back({20, minutes(1)});
      }
      return limit;
    }
    case OutputType::kMatrix:  // Synapse's default rc_message (0.2/s, burst 10), roughly
      return {{{1, seconds(1)}, {12, minutes(1)}}};
    case OutputType::kNtfy:  // visitor bucket of 60 refilled at 1 per 5 s
      return {{{1, seconds(1)}, {60, minutes(5)}}};
    case OutputType::kWebhook:
      return {{{10, seconds(1)}}};
  }
  return {};
}

std::vector<std::string_view> output_type_names() {
  std::vector<std::string_view> names;
  for (const TypeInfo& info : kTypes) names.push_back(info.name);
  return names;
}

bool is_secret_setting(std::string_view key) {
  constexpr std::array<std::string_view, 6> kSecretKeys = {"webhook_url", "url",          "secret",
                                                           "bot_token",   "access_token", "token"};
  return std::find(kSecretKeys.begin(), kSecretKeys.end(), key) != kSecretKeys.end();
}

core::Result<OutputSpec> make_output_spec(std::string name, std::string_view type,
                                          const std::map<std::string, std::string>& settings) {
  const auto info = std::find_if(kTypes.begin(), kTypes.end(),
                                 [&](const TypeInfo& candidate) { return candidate.name == type; });
  if (info == kTypes.end()) {
    std::string known;
    for (const auto& candidate : kTypes) (known += known.empty() ? "" : ", ") += candidate.name;
    return core::fail(
        ErrorCode::kInvalidArgument,
        "output '" + name + "': unknown type '" + std::string(type) + "' (known: " + known + ")");
  }
  OutputSpec spec;
  spec.name = std::move(name);
  spec.type = info->type;
  const SettingsReader reader(spec.name, settings);

  const auto allowed = keys_for(spec.type);
  for (const auto& [key, value] : settings) {
    const bool known =
        std::find(allowed.begin(), allowed.end(), key) != allowed.end() ||
        std::find(kCommonKeys.begin(), kCommonKeys.end(), key) != kCommonKeys.end() ||
        (spec.type == OutputType::kWebhook && key.starts_with("headers."));
    if (!known)
      return tl::unexpected(reader.error(key, "is not known for type " + std::string(type)));
  }

  if (auto followups = parse_followups(reader)) {
    spec.followups = *followups;
  } else {
    return tl::unexpected(followups.error());
  }
  if (auto r = read_platform_settings(reader, spec); !r) return tl::unexpected(r.error());
  if (spec.type == OutputType::kWebhook) {
    if (auto r = read_headers(reader, settings, spec); !r) return tl::unexpected(r.error());
    const std::string_view secret = std::string_view(spec.webhook_secret).starts_with("whsec_")
                                        ? std::string_view(spec.webhook_secret).substr(6)
                                        : std::string_view(spec.webhook_secret);
    if (!spec.webhook_secret.empty() && !is_base64(secret)) {
      return tl::unexpected(
          reader.error("secret", "must be base64, optionally prefixed with whsec_"));
    }
  }
  if (const auto rate = reader.optional("rate_limit")) {
    auto limit = parse_rate_limit(*rate);
    if (!limit) return tl::unexpected(reader.error("rate_limit", limit.error().message));
    spec.rate_limit = std::move(*limit);
  } else {
    spec.rate_limit = default_rate_limit(spec);
  }
  return spec;
}

std::string redacted_destination(const OutputSpec& spec) {
  switch (spec.type) {
    case OutputType::kFile:
      return "file " + spec.path;
    case OutputType::kConsole:
      return "console";
    case OutputType::kTelegram:
      // The chat id is not a credential; the token (in the URL path) is.
      return "telegram chat " + spec.chat_id + " via " + core::redact_url(spec.api_url);
    case OutputType::kMatrix:
      return "matrix room " + spec.room_id + " on " + core::redact_url(spec.homeserver);
    case OutputType::kNtfy:
      // On a public server the topic name is what lets anyone subscribe: keep it out.
      return core::redact_url(spec.ntfy_server + "/topic");
    default:
      return core::redact_url(spec.url);
  }
}

}  // namespace feedsentry::alert
