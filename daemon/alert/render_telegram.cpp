// Telegram Bot API, parse_mode HTML (the easiest mode to escape correctly: only & < > need
// entities). sendMessage for alerts; follow-ups with the first message's id either reply to
// it (`thread`, via reply_parameters) or replace its text (`edit`, via editMessageText).
// Without a known id a follow-up is a short new message. Link previews are off.
#include <charconv>

#include <nlohmann/json.hpp>

#include "alert/render_platforms.h"
#include "alert/render_text.h"

namespace feedsentry::alert::detail {
namespace {

using nlohmann::json;

// Counted after entity parsing; measuring the HTML source instead is stricter.
constexpr std::size_t kTelegramTextMax = 4096;

// chat_id is an integer for numeric ids (JSON number), else "@channelname".
json chat_id(const OutputSpec& spec) {
  std::int64_t numeric = 0;
  const char* end = spec.chat_id.data() + spec.chat_id.size();
  const auto [ptr, ec] = std::from_chars(spec.chat_id.data(), end, numeric);
  if (ec == std::errc() && ptr == end) return numeric;
  return spec.chat_id;
}

std::string full_text(const Alert& alert) {
  const AlertText text = describe(alert);
  return join_fitting(
      {
          {"<b>" + escape_html(text.label) + "</b>" +
               (text.countries.empty() ? "" : " · " + escape_html(text.countries)),
           0},
          {html_anchor(text.link, text.headline), 0},
          {escape_html(text.source_line), 0},
          {labelled(kHtmlLabels, kLabelTopics, text.topics), 2},
          {labelled(kHtmlLabels, kLabelWatchlist, text.watchlist), 1},
          {labelled(kHtmlLabels, kLabelMatched, text.matched), 3},
          {text.summary.empty() ? "" : "<i>" + escape_html(text.summary) + "</i>", 4},
          {labelled(kHtmlLabels, kLabelAlso, text.also_reported), 3},
      },
      kTelegramTextMax, "\n");
}

std::string followup_text(const Alert& alert) {
  const FollowupText followup = describe_followup(alert);
  return join_fitting(
      {{"<b>" + std::string(kLabelAlso) + " " + fit_escaped(followup.source, 200, escape_html) + ":</b> " +
            html_anchor(followup.link, followup.headline),
        0}},
      kTelegramTextMax, "\n");
}

std::optional<std::int64_t> message_id(const DeliveryContext& context) {
  if (!context.original_remote_id) return std::nullopt;
  const std::string& id = *context.original_remote_id;
  std::int64_t value = 0;
  const auto [ptr, ec] = std::from_chars(id.data(), id.data() + id.size(), value);
  if (ec != std::errc() || ptr != id.data() + id.size() || value <= 0) return std::nullopt;
  return value;
}

}  // namespace

core::Result<HttpCall> render_telegram(const OutputSpec& spec, const Alert& alert,
                                       const DeliveryContext& context) {
  const std::string base = spec.api_url + "/bot" + spec.bot_token + "/";
  json body = {{"chat_id", chat_id(spec)},
               {"parse_mode", "HTML"},
               {"link_preview_options", {{"is_disabled", true}}}};
  std::string method = "sendMessage";
  const auto original = message_id(context);
  if (is_followup(alert) && original && spec.followups == Followups::kEdit) {
    method = "editMessageText";
    body["message_id"] = *original;
    body["text"] = full_text(alert);
  } else if (is_followup(alert)) {
    body["text"] = followup_text(alert);
    if (original && spec.followups == Followups::kThread) {
      // If the first message was deleted, still post rather than fail the follow-up.
      body["reply_parameters"] = {{"message_id", *original}, {"allow_sending_without_reply", true}};
    }
  } else {
    body["text"] = full_text(alert);
  }
  if (spec.message_thread_id && method == "sendMessage") {
    body["message_thread_id"] = *spec.message_thread_id;
  }
  return HttpCall{
      "POST", base + method, {{"Content-Type", std::string(kJsonContentType)}}, to_body(body)};
}

}  // namespace feedsentry::alert::detail
