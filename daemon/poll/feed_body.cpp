#include "poll/feed_body.h"

#include "core/text.h"
#include "feed/parse.h"
#include "poll/item_candidates.h"

namespace feedsentry::poll {

std::string charset_of(std::string_view content_type) {
  const std::string lower = core::to_lower_ascii(content_type);
  const std::size_t at = lower.find("charset=");
  if (at == std::string::npos) return {};
  std::string_view value = std::string_view(content_type).substr(at + 8);
  if (!value.empty() && value.front() == '"') value.remove_prefix(1);
  const std::size_t end = value.find_first_of("\"; \t");
  return std::string(value.substr(0, end));
}

ProcessedBody process_body(const std::string& body, const std::string& base_url,
                           const std::string& content_type,
                           std::shared_ptr<const RecentItems> recent,
                           const classify::Classifier& classifier, classify::Workspace& workspace) {
  feed::ParseOptions options;
  options.base_url = base_url;
  options.http_charset = charset_of(content_type);
  feed::ParsedFeed parsed = feed::parse_feed(body, options);
  ProcessedBody result;
  result.problem = parsed.bozo ? parsed.bozo_reason : std::string();
  result.not_a_feed = parsed.feed.items.empty() && parsed.feed.format == feed::FeedFormat::kUnknown;
  result.feed_title = parsed.feed.title;
  result.ttl_minutes = parsed.feed.ttl_minutes;
  result.update_period_minutes = parsed.feed.update_period_minutes;
  result.items.reserve(parsed.feed.items.size());
  for (feed::Item& item : parsed.feed.items) {
    ClassifiedItem ready;
    ready.seen = seen_candidate(item);
    ready.fingerprint = RecentItems::fingerprint(ready.seen);
    ready.seen.recorded_recently = recent && recent->contains(ready.fingerprint);
    if (!ready.seen.recorded_recently) {
      const classify::ItemText text{item.title, item.summary.text, item.content.text};
      ready.classification = classifier.classify(text, workspace);
    }
    ready.item = std::move(item);
    result.items.push_back(std::move(ready));
  }
  result.recent = std::move(recent);
  return result;
}

}  // namespace feedsentry::poll
