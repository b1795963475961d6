#include "story/event_match.h"

#include <algorithm>
#include <cstdlib>
#include <optional>
#include <string_view>
#include <type_traits>

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

}  // namespace

namespace {

std::string_view government_view(std::string_view actor) {
  return actor.starts_with("us-") ? std::string_view("us") : actor;
}

// Whether the actors name a government in common (US agencies are the US); also whether
// each side names one at all.
bool governments_meet(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  for (const std::string& x : a) {
    for (const std::string& y : b) {
      if (government_view(x) == government_view(y)) return true;
    }
  }
  return false;
}

bool agencies_disjoint(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  bool a_has = false;
  bool b_has = false;
  for (const std::string& x : a) a_has = a_has || x.starts_with("us-");
  for (const std::string& y : b) b_has = b_has || y.starts_with("us-");
  if (!a_has || !b_has) return false;
  for (const std::string& x : a) {
    if (x.starts_with("us-") && contains(b, x)) return false;
  }
  return true;
}

template <typename T>
bool disjoint(const std::vector<T>& a, const std::vector<T>& b) {
  return !a.empty() && !b.empty() && !intersects(a, b);
}

bool adds_a_topic(const EventAttributes& item, const EventAttributes& other) {
  for (const std::string& topic : item.topics) {
    if (!contains(other.topics, topic)) return true;
  }
  return false;
}

// Both days stated and how far apart they are (weekday-aware); nullopt otherwise.
std::optional<int> days_apart(const EventAttributes& item, const EventAttributes& other) {
  if (!item.event_day || !other.event_day) return std::nullopt;
  int apart = std::abs(*item.event_day - *other.event_day);
  // "On Wednesday" read late on a Tuesday (UTC) and early on a Wednesday resolves to days a
  // week apart; reports this close in time name one day.
  if (item.event_day_from_weekday || other.event_day_from_weekday) {
    apart = std::min(apart % 7, 7 - apart % 7);
  }
  return apart;
}

// The flags of compare_events(), and with `detail` the conflicts written out. Without it,
// nothing is allocated and the first conflict ends the check.
void evaluate(const EventAttributes& item, const EventAttributes& other, EventComparison& result,
              bool detail) {
  result.same_topic = intersects(item.topics, other.topics);
  result.same_actor = governments_meet(item.actors, other.actors);
  result.same_class = classes_agree(item.classes, other.classes);
  result.same_party =
      intersects(item.parties, other.parties) || intersects(item.ordinals, other.ordinals);
  result.same_count = intersects(item.counts, other.counts);
  const std::optional<int> apart = days_apart(item, other);
  result.same_day = apart && *apart == 0;
  const auto conflict = [&](auto describe) {
    result.has_conflict = true;
    if (detail) result.conflicts.push_back(describe());
    return !detail;  // stop at the first conflict unless writing them all out
  };
  if (adds_a_topic(item, other) && conflict([&] {
        std::vector<std::string> added;
        for (const std::string& topic : item.topics) {
          if (!contains(other.topics, topic)) added.push_back(topic);
        }
        return "topic +" + joined(added);
      })) {
    return;
  }
  if (!item.actors.empty() && !other.actors.empty() && !result.same_actor && conflict([&] {
        return "actor " + joined(governments(item.actors)) + " vs " +
               joined(governments(other.actors));
      })) {
    return;
  }
  if (agencies_disjoint(item.actors, other.actors) && conflict([&] {
        return "agency " + joined(agencies(item.actors)) + " vs " + joined(agencies(other.actors));
      })) {
    return;
  }
  if (disjoint(item.targets, other.targets) &&
      conflict([&] { return "target " + joined(item.targets) + " vs " + joined(other.targets); })) {
    return;
  }
  if (classes_conflict(item.classes, other.classes) &&
      conflict([&] { return "class " + joined(item.classes) + " vs " + joined(other.classes); })) {
    return;
  }
  if (disjoint(item.platforms, other.platforms) && conflict([&] {
        return "platform " + joined(item.platforms) + " vs " + joined(other.platforms);
      })) {
    return;
  }
  if (outcomes_conflict(item.outcomes, other.outcomes) && conflict([&] {
        return "outcome " + joined(item.outcomes) + " vs " + joined(other.outcomes);
      })) {
    return;
  }
  if (disjoint(item.parties, other.parties) &&
      conflict([&] { return "party " + joined(item.parties) + " vs " + joined(other.parties); })) {
    return;
  }
  if (disjoint(item.ordinals, other.ordinals) && conflict([&] {
        return "package " + joined(item.ordinals) + " vs " + joined(other.ordinals);
      })) {
    return;
  }
  if (apart && *apart > 1) {
    conflict([&] { return "day " + std::to_string(*apart) + " days apart"; });
  }
}

}  // namespace

EventComparison compare_events(const EventAttributes& item, const EventAttributes& other) {
  EventComparison result;
  evaluate(item, other, result, true);
  if (result.same_actor) result.agreed.push_back("actor");
  if (result.same_class) result.agreed.push_back("class");
  if (result.same_party) result.agreed.push_back("party");
  if (result.same_count) result.agreed.push_back("count");
  if (result.same_day) result.agreed.push_back("day");
  return result;
}

EventComparison match_events(const EventAttributes& item, const EventAttributes& other) {
  EventComparison result;
  evaluate(item, other, result, false);
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
