#pragma once
// What the poller hands on: a new item of a feed that matched at least one topic, and the
// interface that receives it. A sink is called inside the store transaction that marks the
// item seen, so an implementation that writes to the same database (the dispatcher's
// outbox) commits atomically with the seen mark; returning an error rolls both back and the
// item is offered again on the next poll.
#include <string>
#include <vector>

#include "classify/classifier.h"
#include "core/clock.h"
#include "core/result.h"
#include "core/url.h"
#include "feed/item.h"

namespace feedsentry::poll {

struct Match {
  std::string feed_id;
  std::string feed_name;
  std::string feed_url;
  std::vector<std::string> feed_tags;
  feed::Item item;
  classify::Classification classification;
  core::SystemTime detected_at;
  // How feed_id and feed_url may be shown: print them only through core::redact_url.
  core::UrlSecrecy feed_url_secrecy = core::UrlSecrecy::kPlain;
};

class MatchSink {
 public:
  virtual ~MatchSink() = default;
  virtual core::Result<void> accept(const Match& match) = 0;
};

}  // namespace feedsentry::poll
