#include "config/section_readers.h"

namespace feedsentry::config {

using namespace std::chrono_literals;

namespace {

void read_optional_duration(const MapReader& map, std::string_view key,
                            std::optional<core::Duration>& out, core::Duration min) {
  core::Duration value{};
  if (map.read_duration(key, value, min)) out = value;
}

void read_optional_share(const MapReader& map, std::string_view key, std::optional<double>& out) {
  double value = 0;
  if (map.read_number(key, value, 0.0, 1.0)) out = value;
}

}  // namespace

StoriesConfig read_stories_section(const YamlReader& yaml, const YAML::Node& node) {
  const MapReader map(yaml, node, "stories",
                      {"enabled", "window", "near_identical", "identical", "related", "event_gap",
                       "event_gap_same_day"});
  StoriesConfig stories;
  map.read_bool("enabled", stories.enabled);
  read_optional_duration(map, "window", stories.window, 1min);
  read_optional_share(map, "near_identical", stories.near_identical);
  read_optional_share(map, "identical", stories.identical);
  read_optional_share(map, "related", stories.related);
  read_optional_duration(map, "event_gap", stories.event_gap, 0s);
  read_optional_duration(map, "event_gap_same_day", stories.event_gap_same_day, 0s);
  if (stories.related && stories.near_identical && *stories.related > *stories.near_identical) {
    map.fail_between("related", "near_identical",
                     "related must not be above near_identical: a copy is also related");
  }
  return stories;
}

}  // namespace feedsentry::config
