#pragma once
// CPU work on a fetched body, done off the network thread: parse the feed, give each item
// its seen-store key, and classify the items that RecentItems does not already know.
// Pure (no I/O); safe to run on any thread with its own Workspace.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "classify/classifier.h"
#include "poll/feed_ingest.h"
#include "poll/recent_items.h"

namespace feedsentry::poll {

struct ProcessedBody {
  std::vector<ClassifiedItem> items;
  // The set the items were checked against (null: none was valid); the store step extends it.
  std::shared_ptr<const RecentItems> recent;
  std::string feed_title;
  std::optional<int> ttl_minutes;
  std::optional<int> update_period_minutes;
  bool not_a_feed = false;  // nothing recoverable: an error page, HTML, garbage
  std::string problem;      // bozo reason ("" when well-formed)
};

// `recent`: the feed's RecentItems if still valid, else null.
ProcessedBody process_body(const std::string& body, const std::string& base_url,
                           const std::string& content_type,
                           std::shared_ptr<const RecentItems> recent,
                           const classify::Classifier& classifier, classify::Workspace& workspace);

// The charset parameter of a Content-Type value ("" when absent).
std::string charset_of(std::string_view content_type);

}  // namespace feedsentry::poll
