#include "story/event_match.h"

#include <algorithm>
#include <cstdlib>
#include <string_view>

namespace feedsentry::story {
namespace {

template <typename T>
bool intersects(const std::vector<T>& a, const std::vector<T>& b) {
  for (const T& value : a) {
    if (std::find(b.begin(), b.end(), value) != b.end()) return true;
  }
  return false;
}

template <typename T>
std::string joined(const std::vector<T>& values) {
  std::string out;
  for (const T& value : values) {
    if (!out.empty()) out += ',';
    if constexpr (std::is_same_v<T, std::string>) {
      out += value;
    } else {
      out += std::to_string(value);
    }
  }
  return out;
}

bool contains(const std::vector<std::string>& values, std::string_view value) {
  return std::find(values.begin(), values.end(), value) != values.end();
}

// The government an actor belongs to: US agencies are the US.
std::string government_of(std::string_view actor) {
  if (actor.starts_with("us-")) return "us";
  return std::string(actor);
}

std::vector<std::string> governments(const std::vector<std::string>& actors) {
  std::vector<std::string> out;
  for (const std::string& actor : actors) {
    std::string government = government_of(actor);
    if (!contains(out, government)) out.push_back(std::move(government));
  }
  return out;
}

std::vector<std::string> agencies(const std::vector<std::string>& actors) {
  std::vector<std::string> out;
  for (const std::string& actor : actors) {
    if (actor.starts_with("us-")) out.push_back(actor);
  }
  return out;
}

// Classes fall in families; within a family, some pairs are one kind of thing seen from
// two sides (a "ballistic missile" report and an "ICBM" report), others are different
// weapons (a cruise missile and a short-range ballistic missile).
enum class Family { kMissile, kSpace, kOther };

Family family_of(std::string_view value) {
  static constexpr std::string_view kMissiles[] = {"icbm",      "irbm",   "srbm",      "slbm",
                                                   "ballistic", "cruise", "hypersonic"};
  static constexpr std::string_view kSpace[] = {"satellite", "crewed", "cargo", "probe"};
  for (const std::string_view missile : kMissiles) {
    if (value == missile) return Family::kMissile;
  }
  for (const std::string_view space : kSpace) {
    if (value == space) return Family::kSpace;
  }
  return Family::kOther;
}

bool is_ballistic(std::string_view value) {
  return value == "icbm" || value == "irbm" || value == "srbm" || value == "slbm" ||
         value == "ballistic";
}

// Whether two class values can describe one launch.
bool classes_compatible(std::string_view a, std::string_view b) {
  if (a == b) return true;
  const Family family_a = family_of(a);
  const Family family_b = family_of(b);
  if (family_a != family_b) return false;
  if (family_a == Family::kSpace) return false;             // a crew launch is not a cargo launch
  if (a == "hypersonic" || b == "hypersonic") return true;  // glide vehicles ride both
  if (a == "cruise" || b == "cruise") return false;
  if (a == "ballistic" || b == "ballistic") return true;
  if (a == "slbm" || b == "slbm") return true;  // range and platform are different axes
  return false;  // icbm, irbm, srbm: different ranges, different missiles
}

// The classes conflict when no value of one can describe the same launch as some value of
// the other.
bool classes_conflict(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  if (a.empty() || b.empty()) return false;
  for (const std::string& x : a) {
    for (const std::string& y : b) {
      if (classes_compatible(x, y)) return false;
    }
  }
  return true;
}

bool classes_agree(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  if (intersects(a, b)) return true;
  // "ballistic missile" and "ICBM": the same launch, named more or less precisely.
  const bool a_ballistic = contains(a, "ballistic");
  const bool b_ballistic = contains(b, "ballistic");
  return (a_ballistic &&
          std::any_of(b.begin(), b.end(), [](const auto& v) { return is_ballistic(v); })) ||
         (b_ballistic &&
          std::any_of(a.begin(), a.end(), [](const auto& v) { return is_ballistic(v); }));
}

// A notice that a launch is planned is not the launch itself.
bool announced_only(const std::vector<std::string>& outcomes) {
  return contains(outcomes, "planned") && !contains(outcomes, "occurred") &&
         !contains(outcomes, "failure") && !contains(outcomes, "success");
}

bool happened(const std::vector<std::string>& outcomes) {
  return contains(outcomes, "occurred") || contains(outcomes, "failure") ||
         contains(outcomes, "success");
}

bool outcomes_conflict(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  if ((announced_only(a) && happened(b)) || (announced_only(b) && happened(a))) return true;
  const bool a_failed = contains(a, "failure") && !contains(a, "success");
  const bool b_failed = contains(b, "failure") && !contains(b, "success");
  const bool a_succeeded = contains(a, "success") && !contains(a, "failure");
  const bool b_succeeded = contains(b, "success") && !contains(b, "failure");
  return (a_failed && b_succeeded) || (a_succeeded && b_failed);
}

void conflict_if_disjoint(EventComparison& result, std::string_view what,
                          const std::vector<std::string>& a, const std::vector<std::string>& b) {
  if (!a.empty() && !b.empty() && !intersects(a, b)) {
    result.conflicts.push_back(std::string(what) + " " + joined(a) + " vs " + joined(b));
  }
}

}  // namespace

EventComparison compare_events(const EventAttributes& item, const EventAttributes& other) {
  EventComparison result;
  result.same_topic = intersects(item.topics, other.topics);
  std::vector<std::string> added_topics;
  for (const std::string& topic : item.topics) {
    if (!contains(other.topics, topic)) added_topics.push_back(topic);
  }
  if (!added_topics.empty()) result.conflicts.push_back("topic +" + joined(added_topics));

  const std::vector<std::string> item_governments = governments(item.actors);
  const std::vector<std::string> other_governments = governments(other.actors);
  conflict_if_disjoint(result, "actor", item_governments, other_governments);
  conflict_if_disjoint(result, "agency", agencies(item.actors), agencies(other.actors));
  result.same_actor = intersects(item_governments, other_governments);

  conflict_if_disjoint(result, "target", item.targets, other.targets);
  if (classes_conflict(item.classes, other.classes)) {
    result.conflicts.push_back("class " + joined(item.classes) + " vs " + joined(other.classes));
  }
  result.same_class = classes_agree(item.classes, other.classes);
  conflict_if_disjoint(result, "platform", item.platforms, other.platforms);
  if (outcomes_conflict(item.outcomes, other.outcomes)) {
    result.conflicts.push_back("outcome " + joined(item.outcomes) + " vs " +
                               joined(other.outcomes));
  }
  conflict_if_disjoint(result, "party", item.parties, other.parties);
  if (!item.ordinals.empty() && !other.ordinals.empty() &&
      !intersects(item.ordinals, other.ordinals)) {
    result.conflicts.push_back("package " + joined(item.ordinals) + " vs " +
                               joined(other.ordinals));
  }
  result.same_party =
      intersects(item.parties, other.parties) || intersects(item.ordinals, other.ordinals);
  result.same_count = intersects(item.counts, other.counts);
  if (item.event_day && other.event_day) {
    int apart = std::abs(*item.event_day - *other.event_day);
    // "On Wednesday" read late on a Tuesday (UTC) and early on a Wednesday resolves to days
    // a week apart; reports this close in time name one day.
    if (item.event_day_from_weekday || other.event_day_from_weekday) {
      apart = std::min(apart % 7, 7 - apart % 7);
    }
    if (apart > 1) {
      result.conflicts.push_back("day " + std::to_string(apart) + " days apart");
    }
    result.same_day = apart == 0;
  }
  if (result.same_actor) result.agreed.push_back("actor");
  if (result.same_class) result.agreed.push_back("class");
  if (result.same_party) result.agreed.push_back("party");
  if (result.same_count) result.agreed.push_back("count");
  if (result.same_day) result.agreed.push_back("day");
  return result;
}

std::string describe_agreement(const EventComparison& comparison) {
  std::string out;
  for (const std::string& value : comparison.agreed) {
    if (!out.empty()) out += '+';
    out += value;
  }
  return out.empty() ? "none" : out;
}

}  // namespace feedsentry::story
