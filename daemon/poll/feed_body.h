#pragma once
// CPU work on a fetched body, done off the network thread: parse the feed, then classify
// every item. Pure (no I/O); safe to run on any thread with its own Workspace.
#include <optional>
#include <string>
#include <vector>

#include "classify/classifier.h"
#include "poll/feed_ingest.h"

namespace feedsentry::poll {

struct ProcessedBody {
  std::vector<ClassifiedItem> items;
  std::string feed_title;
  std::optional<int> ttl_minutes;
  std::optional<int> update_period_minutes;
  bool not_a_feed = false;  // nothing recoverable: an error page, HTML, garbage
  std::string problem;      // bozo reason ("" when well-formed)
};

ProcessedBody process_body(const std::string& body, const std::string& base_url,
                           const std::string& content_type, const classify::Classifier& classifier,
                           classify::Workspace& workspace);

// The charset parameter of a Content-Type value ("" when absent).
std::string charset_of(std::string_view content_type);

}  // namespace feedsentry::poll
