#pragma once
// The alert model: what every output is told about one story. Built once per story (and
// once per later copy, as a follow-up) from a matched item; rendered per platform by the
// pure renderers in render.h; stored as JSON in the outbox so a restart resumes it exactly.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"

namespace feedsentry::alert {

// One matched rule topic with the terms that fired for it.
struct TopicHit {
  std::string id;                  // rule topic id, e.g. "sanctions"
  std::string title;               // human title from the rules, e.g. "Sanctions on DPRK or Russia"
  double score = 0;                // in [0, 1]
  std::vector<std::string> terms;  // distinct matched terms, in text order, at most a few
};

// An SDN-listed party named by the story (watch list, issue #7).
struct WatchlistHit {
  std::string sdn_number;  // OFAC entity number, e.g. "36541"
  std::string name;        // primary SDN name
  std::string type;        // individual | entity | vessel
  std::vector<std::string> programs;
  std::string matched_alias;  // the name form found in the text
};

// A later copy of the story seen in another (or the same) feed.
struct AlsoReported {
  std::string source;  // feed name
  std::string title;
  std::string link;
  std::optional<core::SystemTime> published;
};

struct Alert {
  std::int64_t id = 0;   // alert row id: stable, unique, increasing in creation order
  std::string story_id;  // the story this alert is about
  std::string headline;
  std::string link;
  std::string source;    // feed name
  std::string feed_url;  // the feed's configured URL (may carry a token: never log it raw)
  std::vector<std::string> feed_tags;
  std::optional<core::SystemTime> published;
  core::SystemTime detected_at{};
  std::string summary;                 // plain text excerpt, at most 300 characters
  std::vector<TopicHit> topics;        // highest score first
  std::vector<std::string> countries;  // ISO codes from the rules, e.g. "KP", "RU"
  std::vector<WatchlistHit> watchlist;
  // Set on a follow-up: this alert reports a later copy of story `story_id`, whose
  // first alert is `followup_of`. `also_reported` then lists the copies seen so far.
  std::optional<std::int64_t> followup_of;
  std::vector<AlsoReported> also_reported;

  double top_score() const { return topics.empty() ? 0.0 : topics.front().score; }
};

}  // namespace feedsentry::alert
