// Google Chat incoming webhook: one `text` message in Chat markup (*bold*, <url|label>).
// With `followups: thread` every message of a story carries the same thread.threadKey
// (derived from the story id) and messageReplyOption=REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD,
// so follow-ups land in the first message's thread; otherwise a follow-up is a short new
// message. Editing is not possible through a webhook.
#include <nlohmann/json.hpp>

#include "alert/render_platforms.h"
#include "alert/render_text.h"
#include "core/text.h"

namespace feedsentry::alert::detail {
namespace {

using nlohmann::json;

constexpr std::size_t kChatMessageBytesMax = 32'000;
constexpr std::size_t kTextBytesMax = 8'000;  // readable, and far from the byte limit

// Chat markup has no documented escape. '<' and '>' (which open links and <users/all>
// mentions) become look-alike angle quotes; *, _ and ~ would only restyle text, so they stay.
std::string escape_chat(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    if (c == '<') {
      out += "\u2039";
    } else if (c == '>') {
      out += "\u203a";
    } else {
      out += c;
    }
  }
  return out;
}

std::string chat_link(std::string_view url, std::string_view label_plain) {
  const std::string label = fit_escaped(label_plain, 1000, escape_chat, byte_length);
  if (url.empty()) return label;
  return "<" + angle_link_url(url) + "|" + label + ">";
}

constexpr LabelStyle kChatLabels{"*", "*", escape_chat};

}  // namespace

core::Result<HttpCall> render_google_chat(const OutputSpec& spec, const Alert& alert,
                                          const DeliveryContext&) {
  std::string text;
  if (is_followup(alert)) {
    const FollowupText followup = describe_followup(alert);
    text = join_fitting({{"*" + std::string(kLabelAlso) + " " +
                              fit_escaped(followup.source, 200, escape_chat, byte_length) + ":* " +
                              chat_link(followup.link, followup.headline),
                          0}},
                        kTextBytesMax, "\n", byte_length);
  } else {
    const AlertText about = describe(alert);
    text = join_fitting(
        {
            {"*" + escape_chat(about.label) + "*" +
                 (about.countries.empty() ? "" : " · " + escape_chat(about.countries)),
             0},
            {chat_link(about.link, about.headline), 0},
            {escape_chat(about.source_line), 0},
            {labelled(kChatLabels, kLabelTopics, about.topics), 2},
            {labelled(kChatLabels, kLabelWatchlist, about.watchlist), 1},
            {labelled(kChatLabels, kLabelMatched, about.matched), 3},
            {about.summary.empty() ? "" : "_" + escape_chat(about.summary) + "_", 4},
            {labelled(kChatLabels, kLabelAlso, about.also_reported), 3},
        },
        kTextBytesMax, "\n", byte_length);
  }
  static_assert(kTextBytesMax < kChatMessageBytesMax);
  json body = {{"text", text}};
  std::string url = spec.url;
  if (spec.followups == Followups::kThread) {
    body["thread"] = {
        {"threadKey", "feedsentry-" + core::to_hex(core::stable_hash(alert.story_id))}};
    url = with_query(url, "messageReplyOption=REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD");
  }
  return HttpCall{
      "POST", url, {{"Content-Type", "application/json; charset=UTF-8"}}, to_body(body)};
}

}  // namespace feedsentry::alert::detail
