#include "app/match_sinks.h"

#include <nlohmann/json.hpp>

#include "app/classification_json.h"
#include "core/time_format.h"
#include "core/url.h"

namespace feedsentry::app {
core::Result<void> JsonLinesMatchSink::accept(const poll::Match& match) {
  const classify::ItemText text{match.item.title, match.item.summary.text, match.item.content.text};
  nlohmann::json line = classification_to_json(match.item.id, text, match.classification);
  line["feed"] = match.feed_name;
  line["feed_url"] = core::redact_url(match.feed_id, match.feed_url_secrecy);
  line["title"] = match.item.title;
  line["link"] = match.item.link;
  line["published"] = match.item.published
                          ? nlohmann::json(core::format_rfc3339(*match.item.published))
                          : nlohmann::json(nullptr);
  std::lock_guard lock(mutex_);
  out_ << line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  out_.flush();
  return {};
}

}  // namespace feedsentry::app
