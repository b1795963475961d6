// Slack incoming webhook: Block Kit (header + one mrkdwn section) with a `text` fallback for
// notifications. Incoming webhooks return no message id, so follow-ups cannot thread or
// edit: they are a short new message whatever `followups` says.
#include <nlohmann/json.hpp>

#include "alert/render_platforms.h"
#include "alert/render_text.h"

namespace feedsentry::alert::detail {
namespace {

using nlohmann::json;

constexpr std::size_t kHeaderMax = 150;
constexpr std::size_t kSectionMax = 3000;
constexpr std::size_t kFallbackMax = 3000;  // documented "keep under 4,000"

// Slack's only control characters; escaping them also defuses <!channel> in feed text.
std::string escape_mrkdwn(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    if (c == '&') {
      out += "&amp;";
    } else if (c == '<') {
      out += "&lt;";
    } else if (c == '>') {
      out += "&gt;";
    } else {
      out += c;
    }
  }
  return out;
}

std::string link(std::string_view url, std::string_view label_plain, std::size_t label_max) {
  const std::string label = fit_escaped(label_plain, label_max, escape_mrkdwn);
  if (url.empty()) return label;
  return "<" + angle_link_url(url) + "|" + label + ">";
}

constexpr LabelStyle kSlackLabels{"*", "*", escape_mrkdwn};

HttpCall post(const OutputSpec& spec, const json& body) {
  return HttpCall{
      "POST", spec.url, {{"Content-Type", std::string(kJsonContentType)}}, to_body(body)};
}

}  // namespace

core::Result<HttpCall> render_slack(const OutputSpec& spec, const Alert& alert,
                                    const DeliveryContext&) {
  if (is_followup(alert)) {
    const FollowupText followup = describe_followup(alert);
    const std::string text = join_fitting(
        {{"*" + std::string(kLabelAlso) + " " + fit_escaped(followup.source, 200, escape_mrkdwn) +
              ":* " + link(followup.link, followup.headline, 1000),
          0}},
        kFallbackMax, "\n");
    return post(spec, {{"text", text}, {"unfurl_links", false}, {"unfurl_media", false}});
  }
  const AlertText text = describe(alert);
  std::string first = "*" + link(text.link, text.headline, 1000) + "*";
  std::vector<Line> lines = {
      {first, 0},
      {escape_mrkdwn(text.source_line), 0},
      {labelled(kSlackLabels, kLabelTopics, text.topics), 2},
      {labelled(kSlackLabels, kLabelCountries, text.countries), 2},
      {labelled(kSlackLabels, kLabelWatchlist, text.watchlist), 1},
      {labelled(kSlackLabels, kLabelMatched, text.matched), 3},
      {text.summary.empty() ? "" : ">" + escape_mrkdwn(text.summary), 4},
      {labelled(kSlackLabels, kLabelAlso, text.also_reported), 3},
  };
  const std::string section = join_fitting(lines, kSectionMax, "\n");
  const std::string fallback = join_fitting(
      {{fit_escaped(text.label, 100, escape_mrkdwn) + ": " + link(text.link, text.headline, 1000),
        0}},
      kFallbackMax, "\n");
  json body = {
      {"text", fallback},
      {"blocks", json::array({
                     // plain_text is shown verbatim (no mrkdwn, no mentions), so it is not escaped.
                     {{"type", "header"},
                      {"text",
                       {{"type", "plain_text"},
                        {"text", truncate_text(text.label, kHeaderMax)},
                        {"emoji", true}}}},
                     {{"type", "section"}, {"text", {{"type", "mrkdwn"}, {"text", section}}}},
                 })},
      {"unfurl_links", false},
      {"unfurl_media", false},
  };
  return post(spec, body);
}

}  // namespace feedsentry::alert::detail
