#pragma once
// Turns the config into what the poller, fetcher and story grouper take: each module gets its
// own options.
#include <vector>

#include "config/config.h"
#include "fetch/fetcher_options.h"
#include "poll/poller.h"
#include "story/story_index.h"

namespace feedsentry::app {

// Moves the enabled feeds out of `config` and empties its feed list: the daemon keeps the
// config for its whole run, and at 100,000 feeds a second copy of the list costs ~40 MB.
std::vector<poll::PolledFeed> take_polled_feeds(config::Config& config);
poll::PollerOptions poller_options(const config::Config& config);
fetch::FetcherOptions fetcher_options(const config::Config& config);
story::GroupingOptions grouping_options(const config::Config& config);

}  // namespace feedsentry::app
