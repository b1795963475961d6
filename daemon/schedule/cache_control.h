#pragma once
// Cache-Control parsing (RFC 9111 §5.2) for the scheduler's freshness hints. Pure; garbage
// yields "no hint", never an error.
#include <cstdint>
#include <optional>
#include <string_view>

#include "core/clock.h"

namespace feedsentry::schedule {

// HTTP delta-seconds: ASCII digits only (no sign, no fraction), saturating at 2^31.
std::optional<std::int64_t> parse_delta_seconds(std::string_view text);

struct CacheControl {
  std::optional<core::Duration> max_age;
  std::optional<core::Duration> shared_max_age;  // s-maxage
  bool forbids_reuse = false;                    // no-store, or no-cache without field names
};

// Directive names are case-insensitive; quoted values are accepted (commas inside quotes do
// not split); the first occurrence of a directive wins; invalid values are ignored.
CacheControl parse_cache_control(std::string_view header);

// The freshness lifetime a Cache-Control value grants: the larger of max-age and s-maxage
// (s-maxage is how long a CDN in front of the origin serves the same copy, so polling sooner
// returns the same bytes). nullopt when neither is present or when no-store or an
// unqualified no-cache is present. Values above 2^31 seconds are clamped to it.
std::optional<core::Duration> parse_cache_control_max_age(std::string_view cache_control);

}  // namespace feedsentry::schedule
