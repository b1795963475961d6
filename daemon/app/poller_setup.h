#pragma once
// Turns the config into what the poller and fetcher take: each module gets its own options.
#include <vector>

#include "config/config.h"
#include "fetch/fetcher_options.h"
#include "poll/poller.h"

namespace feedsentry::app {

std::vector<poll::PolledFeed> polled_feeds(const config::Config& config);
poll::PollerOptions poller_options(const config::Config& config);
fetch::FetcherOptions fetcher_options(const config::Config& config);

}  // namespace feedsentry::app
