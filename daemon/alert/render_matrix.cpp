// Matrix client-server API: PUT an m.notice (the message type for automated senders) with an
// HTML formatted_body and a plain body. The txnId comes from the outbox row id, so a retry of
// the same row is deduplicated by the homeserver (exactly-once within its txn retention).
// Follow-ups with the first event's id: `thread` sends an m.thread reply to it, `edit` sends
// an m.replace of it; without the id, a short new message.
#include <nlohmann/json.hpp>

#include "alert/render_platforms.h"
#include "alert/render_text.h"

namespace feedsentry::alert::detail {
namespace {

using nlohmann::json;

// The whole event must stay ≤ 65,536 bytes; an edit carries the content twice, and JSON
// escaping can grow text, so each form gets well under a quarter.
constexpr std::size_t kPartBytesMax = 12'000;

struct Content {
  std::string body;
  std::string formatted;
};

Content full_content(const Alert& alert) {
  const AlertText text = describe(alert);
  auto plain_line = [](std::string_view label, const std::string& value) {
    return value.empty() ? std::string() : std::string(label) + ": " + value;
  };
  const std::string heading = text.label + (text.countries.empty() ? "" : " · " + text.countries);
  Content content;
  content.formatted = join_fitting(
      {
          {"<b>" + escape_html(heading) + "</b>", 0},
          {html_anchor(text.link, text.headline, byte_length), 0},
          {escape_html(text.source_line), 0},
          {labelled(kHtmlLabels, kLabelTopics, text.topics), 2},
          {labelled(kHtmlLabels, kLabelWatchlist, text.watchlist), 1},
          {labelled(kHtmlLabels, kLabelMatched, text.matched), 3},
          {text.summary.empty() ? "" : "<blockquote>" + escape_html(text.summary) + "</blockquote>",
           4},
          {labelled(kHtmlLabels, kLabelAlso, text.also_reported), 3},
      },
      kPartBytesMax, "<br>\n", byte_length);
  content.body = join_fitting(
      {
          {heading, 0},
          {text.headline + (text.link.empty() ? "" : " " + text.link), 0},
          {text.source_line, 0},
          {plain_line(kLabelTopics, text.topics), 2},
          {plain_line(kLabelWatchlist, text.watchlist), 1},
          {plain_line(kLabelMatched, text.matched), 3},
          {text.summary.empty() ? "" : "> " + text.summary, 4},
          {plain_line(kLabelAlso, text.also_reported), 3},
      },
      kPartBytesMax, "\n", byte_length);
  return content;
}

Content followup_content(const Alert& alert) {
  const FollowupText followup = describe_followup(alert);
  const std::string label = std::string(kLabelAlso) + " " + followup.source + ":";
  return {label + " " + followup.headline + (followup.link.empty() ? "" : " " + followup.link),
          "<b>" + escape_html(label) + "</b> " +
              html_anchor(followup.link, followup.headline, byte_length)};
}

json message(const Content& content) {
  return {{"msgtype", "m.notice"},
          {"body", content.body},
          {"format", "org.matrix.custom.html"},
          {"formatted_body", content.formatted}};
}

}  // namespace

core::Result<HttpCall> render_matrix(const OutputSpec& spec, const Alert& alert,
                                     const DeliveryContext& context) {
  const std::string url = spec.homeserver + "/_matrix/client/v3/rooms/" +
                          percent_encode(spec.room_id) + "/send/m.room.message/" +
                          percent_encode(delivery_key(alert, context));
  const bool known_root = context.original_remote_id && !context.original_remote_id->empty();
  json event;
  if (is_followup(alert) && known_root && spec.followups == Followups::kEdit) {
    const Content content = full_content(alert);
    // Clients without edit support show the fallback "* …" body.
    event = message({"* " + content.body, "* " + content.formatted});
    event["m.new_content"] = message(content);
    event["m.relates_to"] = {{"rel_type", "m.replace"}, {"event_id", *context.original_remote_id}};
  } else if (is_followup(alert)) {
    event = message(followup_content(alert));
    if (known_root && spec.followups == Followups::kThread) {
      // is_falling_back + m.in_reply_to: clients without threads show it as a reply.
      event["m.relates_to"] = {{"rel_type", "m.thread"},
                               {"event_id", *context.original_remote_id},
                               {"is_falling_back", true},
                               {"m.in_reply_to", {{"event_id", *context.original_remote_id}}}};
    }
  } else {
    event = message(full_content(alert));
  }
  return HttpCall{"PUT",
                  url,
                  {{"Content-Type", std::string(kJsonContentType)},
                   {"Authorization", "Bearer " + spec.access_token}},
                  to_body(event)};
}

}  // namespace feedsentry::alert::detail
