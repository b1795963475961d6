#pragma once
// The parsed-feed model: plain aggregates produced by feed::parse_feed and consumed by
// the seen-filter, classifier and alert renderer. Every string is valid UTF-8; times are UTC.
#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace feedsentry::feed {

using Timestamp = std::chrono::sys_seconds;

enum class FeedFormat {
  kUnknown,
  kRss090,
  kRss091,
  kRss092,
  kRss093,
  kRss094,
  kRss20,
  kRss10,
  kAtom03,
  kAtom10,
  kJsonFeed
};

const char* format_name(FeedFormat format);

// A text field kept in two forms: `html` is the markup as published (escaped plain text
// when the source was plain), `text` is what the classifier reads.
struct TextField {
  std::string html;
  std::string text;
};

struct Item {
  std::string key;  // identity for the seen-filter: distinct for distinct items of one document
  std::string id;   // guid / atom:id exactly as written, or a derived fallback
  bool id_is_derived = false;  // true when `id` came from the link or a hash
  std::string guid;            // guid / atom:id as written ("" when absent)
  std::string title;           // plain text
  std::string link;            // absolute when a base was known
  TextField summary;
  TextField content;
  std::optional<Timestamp> published;
  std::optional<Timestamp> updated;
  std::string author;
  std::vector<std::string> categories;
};

struct Feed {
  FeedFormat format = FeedFormat::kUnknown;
  std::string title;
  std::string link;
  std::string language;
  std::optional<int> ttl_minutes;            // RSS <ttl>
  std::optional<int> update_period_minutes;  // sy:updatePeriod x sy:updateFrequency
  std::vector<Item> items;
};

struct ParsedFeed {
  Feed feed;
  bool bozo = false;        // the document was not well-formed; items are best effort
  std::string bozo_reason;  // first problem, with line:col where known
  std::string encoding;     // charset the bytes were decoded from
};

}  // namespace feedsentry::feed
