#pragma once
// What a matched item says about its event, for story grouping: the topics it matched, who
// acted (a sanctioning authority or the launching state), target countries, weapon or
// launch class, platform, outcome, named parties (kinds of target from the rules' `target`
// attribute, watch-list entries), package numbers ("13th package") and the day the text
// says the event happened ("on Thursday", "Jan. 24", "24일"). The vocabulary is the rule
// file's `attributes:` section (classify/); this module only reads dates and numbers from
// the text itself. Pure; values own their data.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "classify/classifier.h"
#include "core/clock.h"

namespace feedsentry::story {

struct EventAttributes {
  std::vector<std::string> topics;        // topic ids, sorted
  std::vector<std::string> actors;        // "us-treasury", "eu", "kp", ... sorted
  std::vector<std::string> targets;       // country codes ("KP", "RU"), sorted
  std::vector<std::string> classes;       // "icbm", "cruise", "satellite", ... sorted
  std::vector<std::string> platforms;     // "submarine", "ship", "rail", "aircraft"
  std::vector<std::string> outcomes;      // "failure", "success", "planned", "occurred"
  std::vector<std::string> parties;       // "banks", "it-workers", "sdn:12345", ... sorted
  std::vector<std::uint32_t> ordinals;    // package or round numbers, sorted
  std::vector<std::uint32_t> counts;      // other numbers the text gives (\"500 targets\"), sorted
  std::optional<std::int32_t> event_day;  // days since 1970-01-01, when the text names one
  // The day was named as a weekday ("on Thursday"): reports of one event published on either
  // side of a week boundary may resolve it a week apart.
  bool event_day_from_weekday = false;
  bool empty() const;
  friend bool operator==(const EventAttributes&, const EventAttributes&) = default;
};

// The attributes of an item the classifier matched (`classification`), with `title` and
// `summary` as plain text and `item_time` its publication (or detection) time, which
// anchors relative days ("on Thursday", "yesterday").
EventAttributes event_attributes(const classify::Classification& classification,
                                 std::string_view title, std::string_view summary,
                                 core::SystemTime item_time);

// The day the text says the event happened, resolved against `item_time` (the latest such
// day not after it, with a day of tolerance for time zones); nullopt when it names none.
// Reads English, Russian, Ukrainian, Polish and Korean forms.
std::optional<std::int32_t> stated_event_day(std::string_view text, core::SystemTime item_time);

struct StatedDay {
  std::int32_t day = 0;  // days since 1970-01-01
  bool from_weekday = false;
};
// stated_event_day(), saying whether a weekday named the day.
std::optional<StatedDay> stated_day(std::string_view text, core::SystemTime item_time);

// Package or round numbers: "13th package", "13-й пакет", "제13차 제재", "13. pakiet".
std::vector<std::uint32_t> package_numbers(std::string_view text);

// Numbers of 2 or more written in digits ("500 targets", "74 minutes", "10,000"), not years,
// days of the month next to a month name, or package numbers.
std::vector<std::uint32_t> counts_in(std::string_view text);

}  // namespace feedsentry::story
