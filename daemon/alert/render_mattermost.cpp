// Mattermost incoming webhook: one Markdown `text`. Kept under 4,000 characters, the limit
// of older database schemas, because the server splits a longer webhook text into several
// posts. Incoming webhooks return no post id, so follow-ups are a short new message.
#include <nlohmann/json.hpp>

#include "alert/render_platforms.h"
#include "alert/render_text.h"

namespace feedsentry::alert::detail {
namespace {

using nlohmann::json;

constexpr std::size_t kMattermostTextMax = 4000;

// CommonMark backslash escapes for emphasis, code, links and '<' (Mattermost translates
// Slack-style <!channel>), plus heading/list/quote markers where a piece starts. '@' gets a
// word joiner after it: @channel/@all/@here in feed text would otherwise notify everyone,
// and Markdown escaping does not stop mentions.
std::string escape_mattermost(std::string_view text) {
  std::string out;
  for (const char c : backslash_escape(text, "\\*_~`[]<>", "#-+")) {
    out += c;
    if (c == '@') out += "\u2060";
  }
  return out;
}

std::string markdown_link(std::string_view url, std::string_view label_plain) {
  const std::string label = fit_escaped(label_plain, 1000, escape_mattermost);
  return url.empty() ? label : "[" + label + "](" + markdown_link_target(url) + ")";
}

constexpr LabelStyle kMattermostLabels{"**", "**", escape_mattermost};

}  // namespace

core::Result<HttpCall> render_mattermost(const OutputSpec& spec, const Alert& alert,
                                         const DeliveryContext&) {
  std::string text;
  if (is_followup(alert)) {
    const FollowupText followup = describe_followup(alert);
    text = join_fitting({{"**" + std::string(kLabelAlso) + " " +
                              fit_escaped(followup.source, 200, escape_mattermost) + ":** " +
                              markdown_link(followup.link, followup.headline),
                          0}},
                        kMattermostTextMax, "\n");
  } else {
    const AlertText about = describe(alert);
    text = join_fitting(
        {
            {"#### " + markdown_link(about.link, about.headline), 0},
            {"**" + escape_mattermost(about.label) + "** · " + escape_mattermost(about.source_line),
             0},
            {labelled(kMattermostLabels, kLabelTopics, about.topics), 2},
            {labelled(kMattermostLabels, kLabelCountries, about.countries), 2},
            {labelled(kMattermostLabels, kLabelWatchlist, about.watchlist), 1},
            {labelled(kMattermostLabels, kLabelMatched, about.matched), 3},
            {about.summary.empty() ? "" : "> " + escape_mattermost(about.summary), 4},
            {labelled(kMattermostLabels, kLabelAlso, about.also_reported), 3},
        },
        kMattermostTextMax, "\n");
  }
  json body = {{"text", text}};
  if (!spec.mattermost_channel.empty()) body["channel"] = spec.mattermost_channel;
  if (!spec.mattermost_username.empty()) body["username"] = spec.mattermost_username;
  return HttpCall{
      "POST", spec.url, {{"Content-Type", std::string(kJsonContentType)}}, to_body(body)};
}

}  // namespace feedsentry::alert::detail
