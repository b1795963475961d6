#pragma once
// Reading a Retry-After header (RFC 9110 10.2.3): delay-seconds or an HTTP-date (IMF-fixdate,
// plus the obsolete RFC 850 and asctime forms). Pure; `now` turns a date into a delay.
#include <optional>
#include <string_view>

#include "core/clock.h"

namespace feedsentry::alert {

// The delay to wait from `now`; a date in the past is zero. nullopt when empty or malformed.
std::optional<core::Duration> parse_retry_after(std::string_view value, core::SystemTime now);

// Parses the three HTTP-date forms; nullopt when malformed.
std::optional<core::SystemTime> parse_http_date(std::string_view value);

}  // namespace feedsentry::alert
