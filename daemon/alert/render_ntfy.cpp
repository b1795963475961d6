// ntfy: JSON publishing to the server root (the form that carries UTF-8 titles), plain text
// (markdown off), the article as the click target, topic ids as tags. ntfy has no replies or
// edits, so a follow-up is a short new notification.
#include <nlohmann/json.hpp>

#include "alert/render_platforms.h"
#include "alert/render_text.h"

namespace feedsentry::alert::detail {
namespace {

using nlohmann::json;

constexpr std::size_t kNtfyMessageBytesMax = 4096;  // above this ntfy turns it into an attachment
constexpr std::size_t kTitleBytesMax = 250;

std::string verbatim(std::string_view text) {
  return std::string(text);
}

}  // namespace

core::Result<HttpCall> render_ntfy(const OutputSpec& spec, const Alert& alert,
                                   const DeliveryContext&) {
  std::string title;
  std::string message;
  std::string click;
  if (is_followup(alert)) {
    const FollowupText followup = describe_followup(alert);
    title = truncate_bytes(std::string(kLabelAlso) + " " + followup.source, kTitleBytesMax);
    message = truncate_bytes(followup.headline, kNtfyMessageBytesMax);
    click = followup.link;
  } else {
    const AlertText text = describe(alert);
    title = truncate_bytes(text.label + (text.countries.empty() ? "" : " · " + text.countries),
                           kTitleBytesMax);
    auto line = [](std::string_view label, const std::string& value) {
      return value.empty() ? std::string() : std::string(label) + ": " + value;
    };
    message = join_fitting(
        {
            {fit_escaped(text.headline, 1000, verbatim, byte_length), 0},
            {text.source_line, 0},
            {line(kLabelTopics, text.topics), 2},
            {line(kLabelWatchlist, text.watchlist), 1},
            {line(kLabelMatched, text.matched), 3},
            {text.summary, 4},
            {line(kLabelAlso, text.also_reported), 3},
        },
        kNtfyMessageBytesMax, "\n", byte_length);
    click = text.link;
  }
  json tags = json::array();
  for (const TopicHit& topic : alert.topics) tags.push_back(clean_line(topic.id));
  json body = {{"topic", spec.ntfy_topic},       {"title", title}, {"message", message},
               {"priority", spec.ntfy_priority}, {"tags", tags},   {"markdown", false}};
  if (!click.empty()) body["click"] = click;
  std::vector<std::pair<std::string, std::string>> headers = {
      {"Content-Type", std::string(kJsonContentType)}};
  if (!spec.ntfy_token.empty()) headers.emplace_back("Authorization", "Bearer " + spec.ntfy_token);
  return HttpCall{"POST", spec.ntfy_server + "/", std::move(headers), to_body(body)};
}

}  // namespace feedsentry::alert::detail
