// Discord webhook: one embed (title links to the article, description carries the details)
// plus short `content` for the notification. Sent with ?wait=true so a 2xx means the message
// was stored and its id comes back. `followups: edit` PATCHes that message with the updated
// alert; webhooks cannot reply in a thread, so `thread` (or an unknown id) posts a short new
// message. allowed_mentions is empty so feed text can never ping anyone.
#include <nlohmann/json.hpp>

#include "alert/render_platforms.h"
#include "alert/render_text.h"
#include "core/url.h"

namespace feedsentry::alert::detail {
namespace {

using nlohmann::json;

constexpr std::size_t kContentMax = 2000;
constexpr std::size_t kTitleMax = 256;
constexpr std::size_t kDescriptionMax = 4096;
constexpr std::size_t kFieldValueMax = 1024;
constexpr std::size_t kFooterMax = 2048;
constexpr std::size_t kEmbedTotalMax = 6000;

// Backslash-escape Markdown emphasis, spoilers, code, quotes, masked links ([..](..)) and
// <@id>/<#id> mentions anywhere, and heading/list markers where a piece starts (they only act
// at a line start). Discord shows "\x" as "x" for any punctuation, so the set can err wide.
std::string escape_discord(std::string_view text) {
  return backslash_escape(text, "\\*_~|>`[]<", "#-+");
}

std::string masked_link(std::string_view url, std::string_view label_plain, std::size_t label_max) {
  const std::string label = fit_escaped(label_plain, label_max, escape_discord);
  if (url.empty()) return label;
  return "[" + label + "](" + markdown_link_target(url) + ")";
}

constexpr LabelStyle kDiscordLabels{"**", "**", escape_discord};

// Color by topic family so sanctions and launches are told apart at a glance.
int embed_color(const Alert& alert) {
  if (alert.topics.empty()) return 0x95a5a6;
  const std::string& id = alert.topics.front().id;
  if (id.find("launch") != std::string::npos || id.find("missile") != std::string::npos) {
    return 0xe74c3c;
  }
  if (id.find("sanction") != std::string::npos) return 0xe67e22;
  return 0x3498db;
}

json full_body(const Alert& alert) {
  const AlertText text = describe(alert);
  const std::string title = fit_escaped(text.headline, kTitleMax, escape_discord);
  const std::string footer = fit_escaped(text.source_line, 200, [](std::string_view s) {
    return std::string(s);  // footers are not Markdown-rendered
  });
  std::vector<Line> lines = {
      {escape_discord(text.source_line), 0},
      {labelled(kDiscordLabels, kLabelTopics, text.topics), 2},
      {labelled(kDiscordLabels, kLabelCountries, text.countries), 2},
      {labelled(kDiscordLabels, kLabelWatchlist, text.watchlist), 1},
      {labelled(kDiscordLabels, kLabelMatched, text.matched), 3},
      {text.summary.empty() ? "" : "> " + escape_discord(text.summary), 4},
      {labelled(kDiscordLabels, kLabelAlso, text.also_reported), 3},
  };
  // Every embed text counts against the 6,000 total; title + footer are bounded above.
  const std::size_t description_max =
      std::min(kDescriptionMax, kEmbedTotalMax - utf16_length(title) - utf16_length(footer));
  json embed = {
      {"title", title},
      {"description", join_fitting(lines, description_max, "\n")},
      {"color", embed_color(alert)},
      {"footer", {{"text", truncate_text(footer, kFooterMax)}}},
      {"timestamp", format_iso(alert.published.value_or(alert.detected_at))},
  };
  if (!text.link.empty()) embed["url"] = text.link;
  std::string content = "**" + fit_escaped(text.label, 200, escape_discord) + "**";
  if (!text.countries.empty()) content += " · " + escape_discord(text.countries);
  return {{"content", truncate_text(content, kContentMax)},
          {"allowed_mentions", {{"parse", json::array()}}},
          {"embeds", json::array({embed})}};
}

json followup_body(const Alert& alert) {
  const FollowupText followup = describe_followup(alert);
  const std::string content = join_fitting(
      {{"**" + std::string(kLabelAlso) + " " + fit_escaped(followup.source, 200, escape_discord) +
            ":** " + masked_link(followup.link, followup.headline, 1000),
        0}},
      kContentMax, "\n");
  return {{"content", content}, {"allowed_mentions", {{"parse", json::array()}}}};
}

// The webhook's own URL without query or fragment: the base for /messages/{id}.
std::string webhook_base(std::string_view url) {
  return std::string(url.substr(0, url.find_first_of("?#")));
}

}  // namespace

core::Result<HttpCall> render_discord(const OutputSpec& spec, const Alert& alert,
                                      const DeliveryContext& context) {
  const std::vector<std::pair<std::string, std::string>> headers = {
      {"Content-Type", std::string(kJsonContentType)}};
  if (is_followup(alert) && spec.followups == Followups::kEdit && context.original_remote_id &&
      !context.original_remote_id->empty()) {
    const std::string url =
        webhook_base(spec.url) + "/messages/" + percent_encode(*context.original_remote_id);
    const core::UrlParts parts = core::split_url(spec.url);
    // A thread_id in the configured URL must be repeated for a message inside that thread.
    std::string query;
    for (std::string_view rest = parts.query; !rest.empty();) {
      const std::size_t amp = rest.find('&');
      const std::string_view item = rest.substr(0, amp);
      if (item.starts_with("thread_id=")) query = std::string(item);
      rest = amp == std::string_view::npos ? std::string_view{} : rest.substr(amp + 1);
    }
    return HttpCall{"PATCH", query.empty() ? url : with_query(url, query), headers,
                    to_body(full_body(alert))};
  }
  const json body = is_followup(alert) ? followup_body(alert) : full_body(alert);
  return HttpCall{"POST", with_query(spec.url, "wait=true"), headers, to_body(body)};
}

}  // namespace feedsentry::alert::detail
