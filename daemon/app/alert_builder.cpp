#include "app/alert_builder.h"

#include <algorithm>

#include "core/text.h"
#include "core/url.h"
#include "core/utf8.h"
#include "feed/html_text.h"

namespace feedsentry::app {

namespace {

constexpr std::size_t kTermsPerTopic = 6;

bool is_continuation_byte(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

// The text an evidence span points at, as it appears in the item.
std::string matched_text(const classify::ItemText& text, const classify::Evidence& hit) {
  const std::string_view field = text.field(hit.field);
  if (hit.begin >= hit.end || hit.end > field.size()) return hit.term;
  return feed::collapse_whitespace(field.substr(hit.begin, hit.end - hit.begin));
}

}  // namespace

std::string excerpt(std::string_view text, std::size_t max_characters) {
  const std::string clean = feed::collapse_whitespace(core::sanitize_utf8(text));
  std::size_t characters = 0;
  std::size_t cut = 0;
  for (; cut < clean.size(); ++cut) {
    if (is_continuation_byte(clean[cut])) continue;
    if (characters == max_characters) break;
    ++characters;
  }
  if (cut >= clean.size()) return clean;
  // Leave room for the ellipsis, then prefer the last space in the final fifth.
  std::size_t end = cut;
  do {
    --end;
  } while (end > 0 && is_continuation_byte(clean[end]));
  const std::size_t space = clean.rfind(' ', end);
  if (space != std::string::npos && space > end * 4 / 5) end = space;
  std::string result = clean.substr(0, end);
  while (!result.empty() && (result.back() == ' ' || result.back() == ',')) result.pop_back();
  return result + "…";
}

alert::Alert build_alert(const poll::Match& match) {
  const feed::Item& item = match.item;
  alert::Alert alert;
  // A hostile feed's 1 MB title would make a 1 MB post that receivers refuse (413) and the
  // alert would be lost to the dead letters: headlines are cut like the summary.
  alert.headline = excerpt(item.title, kHeadlineCharacters);
  alert.link = item.link;
  // Receivers see the source, so a nameless feed is named by its redacted URL.
  alert.source = match.feed_name.empty() ? core::redact_url(match.feed_url, match.feed_url_secrecy)
                                         : match.feed_name;
  alert.feed_url = match.feed_id;
  alert.feed_tags = match.feed_tags;
  if (item.published) alert.published = core::SystemTime(*item.published);
  alert.detected_at = match.detected_at;
  const std::string& body = !item.summary.text.empty() ? item.summary.text : item.content.text;
  alert.summary = excerpt(body);

  const classify::ItemText text{item.title, item.summary.text, item.content.text};
  for (const classify::TopicMatch& topic : match.classification.topics) {
    alert::TopicHit hit{topic.id, topic.title, topic.score, {}};
    for (const classify::Evidence& evidence : topic.hits) {
      std::string term = matched_text(text, evidence);
      const bool seen = std::any_of(hit.terms.begin(), hit.terms.end(), [&](const auto& known) {
        return core::equals_ignore_case(known, term);
      });
      if (!seen && !term.empty() && hit.terms.size() < kTermsPerTopic) {
        hit.terms.push_back(std::move(term));
      }
    }
    alert.topics.push_back(std::move(hit));
    for (const classify::EntityHit& entity : topic.entities) {
      const bool listed = std::any_of(
          alert.watchlist.begin(), alert.watchlist.end(),
          [&](const alert::WatchlistHit& known) { return known.sdn_number == entity.sdn_number; });
      if (listed) continue;
      alert.watchlist.push_back(
          {entity.sdn_number, entity.name, entity.type, entity.programs, entity.alias});
    }
  }
  std::stable_sort(alert.topics.begin(), alert.topics.end(),
                   [](const auto& a, const auto& b) { return a.score > b.score; });
  alert.countries = match.classification.countries;
  return alert;
}

}  // namespace feedsentry::app
