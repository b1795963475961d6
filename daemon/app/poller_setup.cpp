#include "app/poller_setup.h"

namespace feedsentry::app {

std::vector<poll::PolledFeed> take_polled_feeds(config::Config& config) {
  std::vector<poll::PolledFeed> feeds;
  feeds.reserve(config.feeds.size());
  for (config::FeedConfig& feed : config.feeds) {
    if (!feed.enabled) continue;
    poll::PolledFeed polled;
    polled.id = feed.url;
    polled.name = std::move(feed.name);
    polled.tags = std::move(feed.tags);
    polled.interval = feed.interval;
    polled.backfill = feed.backfill;
    polled.url_secrecy =
        feed.url_from_environment ? core::UrlSecrecy::kSecret : core::UrlSecrecy::kPlain;
    fetch::Request& request = polled.request;
    request.url = std::move(feed.url);
    request.connect_timeout = config.http.connect_timeout;
    request.total_timeout = config.http.total_timeout;
    request.low_speed_limit = static_cast<long>(config.http.low_speed_limit);
    request.low_speed_time =
        std::chrono::duration_cast<std::chrono::seconds>(config.http.low_speed_time);
    request.max_body = feed.max_body;
    request.max_decompressed = config.http.max_decompressed;
    request.max_redirects = config.http.max_redirects;
    request.user_agent = std::move(feed.user_agent);
    request.verify_tls = feed.verify_tls;
    feeds.push_back(std::move(polled));
  }
  config.feeds.clear();
  config.feeds.shrink_to_fit();
  return feeds;
}

poll::PollerOptions poller_options(const config::Config& config) {
  poll::PollerOptions options;
  schedule::Policy& policy = options.policy;
  policy.interval = config.poll.interval;
  policy.jitter_fraction = config.poll.jitter;
  policy.max_interval = config.poll.max_interval;
  policy.backoff_base = config.poll.backoff_base;
  policy.backoff_cap = config.poll.backoff_cap;
  policy.degraded_after = config.poll.degraded_after;
  policy.startup_spread = config.poll.startup_spread;
  policy.global_concurrency = static_cast<std::size_t>(config.http.max_concurrency);
  policy.per_host_concurrency = static_cast<std::size_t>(config.http.per_host_concurrency);
  policy.per_host_min_gap = config.http.per_host_min_gap;
  options.parse_threads = config.poll.parse_threads;
  options.prune_after = config.poll.prune_after;
  return options;
}

fetch::FetcherOptions fetcher_options(const config::Config& config) {
  fetch::FetcherOptions options;
  options.max_host_connections = config.http.per_host_concurrency;
  options.max_total_connections = config.http.max_concurrency;
  options.user_agent = config.http.user_agent;
  return options;
}

story::GroupingOptions grouping_options(const config::Config& config) {
  const config::StoriesConfig& stories = config.stories;
  story::GroupingOptions options;
  options.enabled = stories.enabled;
  if (stories.window) options.window = *stories.window;
  if (stories.near_identical) options.near_identical = *stories.near_identical;
  if (stories.identical) options.identical = *stories.identical;
  if (stories.related) options.related_threshold = *stories.related;
  if (stories.event_gap) options.event_gap = *stories.event_gap;
  if (stories.event_gap_same_day) options.event_gap_same_day = *stories.event_gap_same_day;
  return options;
}

}  // namespace feedsentry::app
