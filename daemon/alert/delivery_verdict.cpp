#include "alert/delivery_verdict.h"

#include <algorithm>
#include <cmath>

#include <nlohmann/json.hpp>

#include "alert/render_text.h"
#include "alert/retry_after.h"

namespace feedsentry::alert {
namespace {

using nlohmann::json;
using Kind = Verdict::Kind;

constexpr std::size_t kDetailMax = 200;
constexpr double kMaxHintSeconds = 7 * 24 * 3600.0;

json parse_object(std::string_view body) {
  json parsed = json::parse(body, nullptr, /*allow_exceptions=*/false);
  return parsed.is_object() ? parsed : json::object();
}

// A response body excerpt fit for a log line: one line, bounded.
std::string excerpt(std::string_view text) {
  return detail::truncate_text(detail::clean_line(text), kDetailMax);
}

std::string string_field(const json& object, const char* key) {
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::optional<core::Duration> seconds_hint(const json& value, double scale = 1.0) {
  if (!value.is_number()) return std::nullopt;
  const double seconds = std::clamp(value.get<double>() * scale, 0.0, kMaxHintSeconds);
  return core::Duration(static_cast<std::int64_t>(std::ceil(seconds * 1000.0)));
}

std::optional<core::Duration> later(std::optional<core::Duration> a,
                                    std::optional<core::Duration> b) {
  if (!a) return b;
  if (!b) return a;
  return std::max(*a, *b);
}

// The platform's error text from a response body, for the reason line.
std::string platform_detail(OutputType type, std::string_view body, const json& object) {
  switch (type) {
    case OutputType::kSlack:
    case OutputType::kMattermost:
      if (!object.empty())
        return excerpt(string_field(object, "message") + " " + string_field(object, "id"));
      return excerpt(body);  // Slack answers with a bare error code such as "no_service"
    case OutputType::kDiscord: {
      std::string text = string_field(object, "message");
      if (const auto code = object.find("code");
          code != object.end() && code->is_number_integer()) {
        text += " (code " + std::to_string(code->get<long>()) + ")";
      }
      return excerpt(text);
    }
    case OutputType::kTelegram:
      return excerpt(string_field(object, "description"));
    case OutputType::kMatrix:
      return excerpt(string_field(object, "errcode") + " " + string_field(object, "error"));
    case OutputType::kGoogleChat:
      if (const auto error = object.find("error"); error != object.end() && error->is_object()) {
        return excerpt(string_field(*error, "status") + " " + string_field(*error, "message"));
      }
      return excerpt(body);
    case OutputType::kNtfy:
      return excerpt(string_field(object, "error"));
    default:
      return excerpt(body);
  }
}

// What an operator should do about a permanent failure, where the platform tells us.
std::string advice(OutputType type, long status, std::string_view detail) {
  if (type == OutputType::kSlack && (detail.find("no_service") != std::string_view::npos ||
                                     detail.find("no_team") != std::string_view::npos ||
                                     detail.find("team_disabled") != std::string_view::npos)) {
    return "; the webhook was revoked or the app removed: create a new webhook URL";
  }
  if (type == OutputType::kDiscord && status == 404) {
    return "; the webhook no longer exists: stop using it and create a new one";
  }
  if (type == OutputType::kWebhook && status == 410) {
    return "; the receiver asked to disable this endpoint";
  }
  if (status == 401 || status == 403) return "; check the credentials and permissions";
  if (status >= 300 && status < 400) return "; redirects are not followed: configure the final URL";
  return {};
}

Verdict retry(std::string reason, std::optional<core::Duration> after) {
  return Verdict{Kind::kRetry, after, std::move(reason), std::nullopt};
}

Verdict permanent(std::string reason) {
  return Verdict{Kind::kPermanent, std::nullopt, std::move(reason), std::nullopt};
}

Verdict delivered(std::string reason, std::optional<std::string> remote_id = std::nullopt) {
  return Verdict{Kind::kDelivered, std::nullopt, std::move(reason), std::move(remote_id)};
}

std::string with_detail(std::string head, const std::string& detail) {
  return detail.empty() ? head : head + ": " + detail;
}

// Telegram reports errors in the body, sometimes with HTTP 200; this judges by error_code.
Verdict judge_telegram(long status, const json& object, std::optional<core::Duration> header_hint) {
  const auto ok = object.find("ok");
  if (status >= 200 && status < 300 && ok != object.end() && ok->is_boolean() && ok->get<bool>()) {
    std::optional<std::string> id;
    if (const auto result = object.find("result"); result != object.end() && result->is_object()) {
      if (const auto message = result->find("message_id");
          message != result->end() && message->is_number_integer()) {
        id = std::to_string(message->get<std::int64_t>());
      }
    }
    return delivered("HTTP " + std::to_string(status), std::move(id));
  }
  long code = status;
  if (const auto error = object.find("error_code");
      error != object.end() && error->is_number_integer()) {
    code = error->get<long>();
  }
  const std::string description = excerpt(string_field(object, "description"));
  // An edit with identical text is reported as an error, but the message already says it.
  if (description.find("message is not modified") != std::string::npos) {
    return delivered("message already up to date");
  }
  std::optional<core::Duration> hint = header_hint;
  std::string extra;
  if (const auto parameters = object.find("parameters");
      parameters != object.end() && parameters->is_object()) {
    if (const auto after = parameters->find("retry_after"); after != parameters->end()) {
      hint = later(hint, seconds_hint(*after));
    }
    if (const auto migrated = parameters->find("migrate_to_chat_id");
        migrated != parameters->end() && migrated->is_number_integer()) {
      extra = "; the group became a supergroup: set chat_id to " +
              std::to_string(migrated->get<std::int64_t>());
    }
  }
  const std::string head = "Telegram error " + std::to_string(code);
  if (code == 408 || code == 425 || code == 429 || code >= 500 || code == 0) {
    return retry(with_detail(head, description), hint);
  }
  if (ok == object.end() && status >= 200 && status < 300) {
    return retry("HTTP " + std::to_string(status) + " without a Telegram result", hint);
  }
  return permanent(with_detail(head, description) + extra +
                   advice(OutputType::kTelegram, code, description));
}

std::optional<std::string> success_id(OutputType type, const json& object) {
  const char* key = type == OutputType::kDiscord  ? "id"
                    : type == OutputType::kMatrix ? "event_id"
                                                  : nullptr;
  if (key == nullptr) return std::nullopt;
  const std::string id = string_field(object, key);
  if (id.empty()) return std::nullopt;
  return id;
}

}  // namespace

Verdict judge_response(const OutputSpec& spec, long status, std::string_view retry_after_header,
                       std::string_view body, core::SystemTime now) {
  const std::optional<core::Duration> header_hint = parse_retry_after(retry_after_header, now);
  if (status <= 0) return retry("no HTTP response (connection error or timeout)", header_hint);
  const json object = parse_object(body);
  if (spec.type == OutputType::kTelegram) return judge_telegram(status, object, header_hint);

  if (status >= 200 && status < 300) {
    if (spec.type == OutputType::kTeams && status == 202) {
      return delivered("HTTP 202: Teams workflow run queued");
    }
    return delivered("HTTP " + std::to_string(status), success_id(spec.type, object));
  }

  const std::string detail = platform_detail(spec.type, body, object);
  const std::string head = "HTTP " + std::to_string(status);
  std::optional<core::Duration> hint = header_hint;
  if (spec.type == OutputType::kDiscord) {
    if (const auto after = object.find("retry_after"); after != object.end()) {
      hint = later(hint, seconds_hint(*after));
    }
  }
  if (spec.type == OutputType::kMatrix) {
    if (const auto after = object.find("retry_after_ms"); after != object.end() && !header_hint) {
      hint = seconds_hint(*after, 0.001);  // deprecated: only without a Retry-After header
    }
    if (string_field(object, "errcode") == "M_RESOURCE_LIMIT_EXCEEDED") {
      return retry(with_detail(head, detail), hint);
    }
  }
  if (status == 408 || status == 425 || status == 429 || status >= 500) {
    return retry(with_detail(head, detail), hint);
  }
  return permanent(with_detail(head, detail) + advice(spec.type, status, detail));
}

}  // namespace feedsentry::alert
