#pragma once
// The JSON shape of `feedsentry parse` (see shared/conformance/README.md), shared by the CLI
// and by tests.
#include <nlohmann/json.hpp>

#include "feed/item.h"

namespace feedsentry::app {

nlohmann::json item_to_json(const feed::Item& item);
nlohmann::json parsed_feed_to_json(const feed::ParsedFeed& parsed);

}  // namespace feedsentry::app
