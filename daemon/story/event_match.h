#pragma once
// Whether two reports are of one event, from their attributes (event_attributes.h): what
// conflicts (another authority, weapon class, platform, outcome, target, package number,
// event day, or a topic the other lacks) and what agrees positively (the same actor, the same
// class, the same named party or package). Pure; the grouping rules that use it are in
// story_index.h.
#include <string>
#include <vector>

#include "story/event_attributes.h"

namespace feedsentry::story {

struct EventComparison {
  std::vector<std::string> conflicts;  // e.g. "actor eu vs uk", "class cruise vs srbm"
  std::vector<std::string> agreed;     // e.g. "actor", "class", "party", "package"
  bool same_topic = false;             // a topic in common
  bool same_actor = false;
  bool same_class = false;
  bool same_party = false;  // a named party or package number in common
  bool same_count = false;  // a number in common ("500 targets", "74 minutes")
  bool same_day = false;    // both name the event's day, and it is the same
  bool has_conflict = false;
  bool conflict() const { return has_conflict; }
};

// Compares `item` with `other`, an earlier report. A topic of `item` that `other` lacks is a
// conflict (a launch after a sanctions story on the same country is its own news); the
// reverse is not.
EventComparison compare_events(const EventAttributes& item, const EventAttributes& other);

// The same flags without the written-out conflicts and agreement, allocating nothing: what
// the grouper checks against every item of a candidate story.
EventComparison match_events(const EventAttributes& item, const EventAttributes& other);

// "actor+class", "party", ...: the agreement that lets a reworded report fold.
std::string describe_agreement(const EventComparison& comparison);

}  // namespace feedsentry::story
