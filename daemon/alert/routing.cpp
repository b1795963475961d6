#include "alert/routing.h"

#include <algorithm>

namespace feedsentry::alert {

namespace {

bool contains(const std::vector<std::string>& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

// The best score among the alert's topics that this route accepts; -1 when none.
double best_routed_score(const Alert& alert, const Route& route) {
  double best = -1;
  for (const TopicHit& topic : alert.topics) {
    if (route.topics.empty() || contains(route.topics, topic.id)) {
      best = std::max(best, topic.score);
    }
  }
  return best;
}

bool tags_match(const Alert& alert, const Route& route) {
  if (route.tags.empty()) return true;
  return std::any_of(alert.feed_tags.begin(), alert.feed_tags.end(),
                     [&](const std::string& tag) { return contains(route.tags, tag); });
}

}  // namespace

std::vector<std::string> route_alert(const Alert& alert, const std::vector<Route>& routes) {
  std::vector<std::string> outputs;
  for (const Route& route : routes) {
    if (!route.enabled) continue;
    if (alert.followup_of && !route.takes_followups) continue;
    const double score = best_routed_score(alert, route);
    if (score < 0 || score < route.min_score) continue;
    if (!tags_match(alert, route)) continue;
    outputs.push_back(route.output);
  }
  return outputs;
}

}  // namespace feedsentry::alert
