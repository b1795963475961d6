#include "config/section_readers.h"
#include "config/units.h"

namespace feedsentry::config {

using namespace std::chrono_literals;
PollConfig read_poll_section(const YamlReader& yaml, const YAML::Node& node) {
  const MapReader map(
      yaml, node, "poll",
      {"interval", "jitter", "max_interval", "backoff_base", "backoff_cap", "degraded_after",
       "backfill", "prune_after", "startup_spread", "parse_threads"});
  PollConfig poll;
  map.read_duration("interval", poll.interval, 1s);
  map.read_number("jitter", poll.jitter, 0.0, 0.5);
  map.read_duration("max_interval", poll.max_interval, 1s);
  map.read_duration("backoff_base", poll.backoff_base, 1s);
  map.read_duration("backoff_cap", poll.backoff_cap, 1s);
  map.read_duration("degraded_after", poll.degraded_after, 1s);
  map.read_duration("backfill", poll.backfill);
  map.read_duration("prune_after", poll.prune_after, 1h);
  if (!map.read_duration("startup_spread", poll.startup_spread)) {
    poll.startup_spread = poll.interval;
  }
  map.read_int("parse_threads", poll.parse_threads, 1, 256);

  if (poll.max_interval < poll.interval) {
    map.fail_between("max_interval", "interval",
                     "max_interval (" + format_duration(poll.max_interval) +
                         ") must be at least interval (" + format_duration(poll.interval) + ")");
  }
  if (poll.backoff_cap < poll.backoff_base) {
    map.fail_between("backoff_cap", "backoff_base",
                     "backoff_cap (" + format_duration(poll.backoff_cap) +
                         ") must be at least backoff_base (" + format_duration(poll.backoff_base) +
                         ")");
  }
  return poll;
}

}  // namespace feedsentry::config
