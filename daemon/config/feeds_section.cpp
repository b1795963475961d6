#include <algorithm>

#include "config/feed_url.h"
#include "config/section_readers.h"

namespace feedsentry::config {

using namespace std::chrono_literals;

FeedConfig read_feed_entry(const YamlReader& yaml, const YAML::Node& node,
                           const FeedConfig& inherited, const std::filesystem::path& base_dir) {
  if (!node.IsMap()) yaml.fail(node, "feeds: each entry must be a mapping with url: or path:");
  const MapReader map(yaml, node, "feed",
                      {"url", "path", "name", "tags", "enabled", "interval", "backfill", "max_body",
                       "user_agent", "verify_tls"});
  FeedConfig feed = inherited;
  feed.origin = yaml.at(node);

  if (map.has("url") && map.has("path")) map.fail("path", "give url: or path:, not both");
  std::string text;
  if (map.read_string("url", text)) {
    core::Result<std::string> url = check_feed_url(text);
    if (!url) map.fail("url", url.error().message);
    feed.url = std::move(*url);
    feed.url_from_environment = map.value("url").Scalar().find("${") != std::string::npos;
  } else if (map.read_string("path", text)) {
    // A local feed file; relative to the config file's directory like every other path.
    feed.url = file_url((base_dir / text).lexically_normal());
  } else {
    yaml.fail(node, "feed: needs url: (http, https or file URL) or path: (a local file)");
  }

  if (!map.read_string("name", feed.name)) feed.name = default_feed_name(feed.url);
  std::vector<std::string> tags;
  map.read_string_list("tags", tags);
  for (std::string& tag : tags) {
    if (std::find(feed.tags.begin(), feed.tags.end(), tag) == feed.tags.end()) {
      feed.tags.push_back(std::move(tag));
    }
  }
  map.read_bool("enabled", feed.enabled);
  map.read_duration("interval", feed.interval, 1s);
  map.read_duration("backfill", feed.backfill);
  map.read_size("max_body", feed.max_body, 1);
  map.read_string("user_agent", feed.user_agent);
  map.read_bool("verify_tls", feed.verify_tls);
  return feed;
}

}  // namespace feedsentry::config
