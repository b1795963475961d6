#include "alert/render.h"

#include <cstdio>

#include "alert/alert_json_detail.h"
#include "alert/render_platforms.h"
#include "alert/render_text.h"
#include "core/text.h"

namespace feedsentry::alert {

namespace detail {

std::string with_query(std::string_view url, std::string_view parameter) {
  const std::size_t fragment = url.find('#');
  std::string base(url.substr(0, fragment));
  base += base.find('?') == std::string::npos ? '?' : '&';
  base += parameter;
  return base;
}

}  // namespace detail

core::Result<HttpCall> render_request(const OutputSpec& spec, const Alert& alert,
                                      const DeliveryContext& context) {
  if (alert.followup_of && spec.followups == Followups::kNone) {
    return core::fail(core::ErrorCode::kInvalidArgument,
                      "output '" + spec.name + "' does not take follow-ups (followups: none)");
  }
  switch (spec.type) {
    case OutputType::kSlack:
      return detail::render_slack(spec, alert, context);
    case OutputType::kDiscord:
      return detail::render_discord(spec, alert, context);
    case OutputType::kMattermost:
      return detail::render_mattermost(spec, alert, context);
    case OutputType::kTeams:
      return detail::render_teams(spec, alert, context);
    case OutputType::kTelegram:
      return detail::render_telegram(spec, alert, context);
    case OutputType::kMatrix:
      return detail::render_matrix(spec, alert, context);
    case OutputType::kGoogleChat:
      return detail::render_google_chat(spec, alert, context);
    case OutputType::kNtfy:
      return detail::render_ntfy(spec, alert, context);
    case OutputType::kWebhook:
      return detail::render_webhook(spec, alert, context);
    case OutputType::kFile:
    case OutputType::kConsole:
      break;
  }
  return core::fail(core::ErrorCode::kUnsupported, "output '" + spec.name + "' of type " +
                                                       std::string(to_string(spec.type)) +
                                                       " is not an HTTP output");
}

std::string render_json_line(const Alert& alert) {
  return detail::to_body(detail::alert_document(alert, false));
}

std::string render_console_line(const Alert& alert) {
  const detail::AlertText text = detail::describe(alert);
  std::string line = detail::format_iso(alert.published.value_or(alert.detected_at));
  line += alert.followup_of ? " [follow-up] " : " ";
  std::string topics;
  for (const TopicHit& topic : alert.topics) {
    char score[16];
    std::snprintf(score, sizeof score, " %.2f", topic.score);
    topics += (topics.empty() ? "" : ", ") + detail::clean_line(topic.id) + score;
  }
  line += "[" + topics + "]";
  if (!text.countries.empty()) line += " " + text.countries;
  line += " " + text.headline;
  if (const std::string source = detail::clean_line(alert.source); !source.empty()) {
    line += " — " + source;
  }
  if (!text.link.empty()) line += " <" + text.link + ">";
  if (!text.watchlist.empty())
    line += " | " + std::string(detail::kLabelWatchlist) + ": " + text.watchlist;
  if (!text.also_reported.empty()) {
    line += " | " + std::string(detail::kLabelAlso) + ": " + text.also_reported;
  }
  return line;
}

std::string delivery_key(const Alert& alert, const DeliveryContext& context) {
  // The story hash keeps keys distinct if the outbox is ever recreated and row ids restart;
  // only [A-Za-z0-9_-] so it is valid as a Matrix txnId and a Standard Webhooks id.
  const std::string story = core::to_hex(core::stable_hash(alert.story_id)).substr(0, 8);
  return "fs_" + std::to_string(context.delivery_id) + "_" + story;
}

}  // namespace feedsentry::alert
