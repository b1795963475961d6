// Microsoft Teams via a Workflows (Power Automate) webhook: a message wrapping one Adaptive
// Card 1.4 (TextBlocks, a FactSet, an Open action). The retired O365 connector format is not
// produced. Workflows answer 202 with no message id, so follow-ups are a short new card.
#include <nlohmann/json.hpp>

#include "alert/render_platforms.h"
#include "alert/render_text.h"

namespace feedsentry::alert::detail {
namespace {

using nlohmann::json;

// Teams rejects messages above about 28 KB and one library measured 21 KB in practice.
constexpr std::size_t kCardBytesMax = 20'000;
constexpr std::size_t kTextBlockMax = 2000;

// TextBlocks render a small Markdown subset (bold, italic, links, lists; never HTML). Its
// inline markers are backslash-escaped so a headline's *, _ or [..](..) shows literally; list
// markers act only at a line start, so a leading '-' or '+' is escaped too.
std::string escape_card(std::string_view text) {
  static constexpr std::string_view kSpecial = "\\*_[]";
  std::string out;
  out.reserve(text.size() + 8);
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (kSpecial.find(c) != std::string_view::npos || (i == 0 && (c == '-' || c == '+'))) {
      out += '\\';
    }
    out += c;
  }
  return out;
}

std::string fit(std::string_view plain, std::size_t max) {
  return fit_escaped(plain, max, escape_card, byte_length);
}

json text_block(std::string text, bool bold = false, bool subtle = false) {
  json block = {{"type", "TextBlock"}, {"text", std::move(text)}, {"wrap", true}};
  if (bold) {
    block["weight"] = "Bolder";
    block["size"] = "Medium";
  }
  if (subtle) block["isSubtle"] = true;
  return block;
}

json card_message(json body, const std::string& link) {
  json card = {{"$schema", "http://adaptivecards.io/schemas/adaptive-card.json"},
               {"type", "AdaptiveCard"},
               {"version", "1.4"},
               {"body", std::move(body)}};
  if (!link.empty()) {
    card["actions"] =
        json::array({{{"type", "Action.OpenUrl"}, {"title", "Open article"}, {"url", link}}});
  }
  return {{"type", "message"},
          {"attachments", json::array({{{"contentType", "application/vnd.microsoft.card.adaptive"},
                                        {"contentUrl", nullptr},
                                        {"content", std::move(card)}}})}};
}

json full_message(const Alert& alert, std::size_t list_max) {
  const AlertText text = describe(alert);
  json facts = json::array();
  auto fact = [&](std::string_view title, const std::string& value) {
    if (!value.empty())
      facts.push_back({{"title", std::string(title)}, {"value", fit(value, list_max)}});
  };
  fact(kLabelTopics, text.topics);
  fact(kLabelCountries, text.countries);
  fact(kLabelWatchlist, text.watchlist);
  fact(kLabelMatched, text.matched);
  fact(kLabelAlso, text.also_reported);
  json body = json::array({text_block(fit(text.label, 200), false, true),
                           text_block(fit(text.headline, kTextBlockMax), true),
                           text_block(fit(text.source_line, 400), false, true)});
  if (!facts.empty()) body.push_back({{"type", "FactSet"}, {"facts", std::move(facts)}});
  if (!text.summary.empty()) body.push_back(text_block(fit(text.summary, list_max)));
  return card_message(std::move(body), text.link);
}

}  // namespace

core::Result<HttpCall> render_teams(const OutputSpec& spec, const Alert& alert,
                                    const DeliveryContext&) {
  json message;
  if (is_followup(alert)) {
    const FollowupText followup = describe_followup(alert);
    message = card_message(
        json::array(
            {text_block(fit(std::string(kLabelAlso) + " " + followup.source, 400), false, true),
             text_block(fit(followup.headline, kTextBlockMax), true)}),
        followup.link);
  } else {
    // Lists are bounded by describe(); shrink them further only if the card is still too big.
    std::size_t list_max = kTextBlockMax;
    message = full_message(alert, list_max);
    while (to_body(message).size() > kCardBytesMax && list_max > 100) {
      list_max /= 2;
      message = full_message(alert, list_max);
    }
  }
  return HttpCall{
      "POST", spec.url, {{"Content-Type", std::string(kJsonContentType)}}, to_body(message)};
}

}  // namespace feedsentry::alert::detail
