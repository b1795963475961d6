#pragma once
// Which outputs an alert goes to: a pure function of the alert and each output's routing
// rules (enabled, topics, min_score, feed tags, follow-up mode). Used by the outbox writer
// in the same transaction that marks the item seen.
#include <string>
#include <vector>

#include "alert/alert.h"

namespace feedsentry::alert {

struct Route {
  std::string output;  // output name
  bool enabled = true;
  std::vector<std::string> topics;  // empty: every topic
  double min_score = 0;             // the best routed topic must score at least this
  std::vector<std::string> tags;    // empty: every feed; else the feed needs one of them
  // Whether later copies of a story are sent here (followups thread/edit). File outputs
  // always record copies.
  bool takes_followups = false;
};

// The names of the outputs `alert` goes to, in route order. For a follow-up (alert.followup_of
// set) only outputs that take follow-ups qualify.
std::vector<std::string> route_alert(const Alert& alert, const std::vector<Route>& routes);

}  // namespace feedsentry::alert
