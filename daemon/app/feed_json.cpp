#include "app/feed_json.h"

#include "core/time_format.h"

namespace feedsentry::app {
namespace {

nlohmann::json optional_time(const std::optional<feed::Timestamp>& time) {
  return time ? nlohmann::json(core::format_rfc3339(*time)) : nlohmann::json(nullptr);
}

}  // namespace

nlohmann::json item_to_json(const feed::Item& item) {
  return {
      {"id", item.id},
      {"key", item.key},
      {"title", item.title},
      {"link", item.link},
      {"summary", item.summary.text},
      {"summary_html", item.summary.html},
      {"content", item.content.text},
      {"content_html", item.content.html},
      {"published", optional_time(item.published)},
      {"updated", optional_time(item.updated)},
      {"author", item.author},
      {"categories", item.categories},
  };
}

nlohmann::json parsed_feed_to_json(const feed::ParsedFeed& parsed) {
  nlohmann::json entries = nlohmann::json::array();
  for (const feed::Item& item : parsed.feed.items) entries.push_back(item_to_json(item));
  nlohmann::json feed = {
      {"title", parsed.feed.title},
      {"link", parsed.feed.link},
      {"language", parsed.feed.language},
      {"format", feed::format_name(parsed.feed.format)},
  };
  nlohmann::json out = {
      {"feed", std::move(feed)},
      {"entries", std::move(entries)},
      {"bozo", parsed.bozo},
      {"encoding", parsed.encoding},
  };
  if (parsed.bozo) out["bozo_exception"] = parsed.bozo_reason;
  return out;
}

}  // namespace feedsentry::app
