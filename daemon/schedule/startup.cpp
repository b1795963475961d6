#include "schedule/startup.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "core/text.h"
#include "schedule/next_poll.h"

namespace feedsentry::schedule {

namespace {

// FNV-1a mixes the low bits of short, similar ids ("feed-1", "feed-2") well but not the
// high bits we take below; the splitmix64 finaliser spreads every input bit over the word.
std::uint64_t mix(std::uint64_t value) {
  value ^= value >> 30;
  value *= 0xbf58476d1ce4e5b9ULL;
  value ^= value >> 27;
  value *= 0x94d049bb133111ebULL;
  value ^= value >> 31;
  return value;
}

core::SystemTime spread_over(core::SystemTime start, core::Duration window,
                             std::string_view feed_id) {
  if (window <= core::Duration::zero()) return start;
  const auto offset = static_cast<core::Duration::rep>(
      std::floor(static_cast<double>(window.count()) * spread_fraction(feed_id)));
  return start + core::Duration(std::min(offset, window.count() - 1));
}

}  // namespace

double spread_fraction(std::string_view feed_id) {
  return static_cast<double>(mix(core::stable_hash(feed_id)) >> 11) * 0x1.0p-53;
}

core::SystemTime initial_due(std::string_view feed_id,
                             std::optional<core::SystemTime> persisted_next_due,
                             core::SystemTime now, core::Duration feed_interval,
                             const Policy& policy) {
  if (persisted_next_due && *persisted_next_due <= now + longest_delay(feed_interval, policy)) {
    if (*persisted_next_due > now) return *persisted_next_due;
    return spread_over(now, policy.effective_overdue_spread(), feed_id);
  }
  return spread_over(now, policy.effective_startup_spread(), feed_id);
}

}  // namespace feedsentry::schedule
