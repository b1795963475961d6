#pragma once
// HTTP-date parsing (RFC 9110 §5.6.7, formerly RFC 7231 §7.1.1.1) for Expires, Date and
// Retry-After. Pure; returns nullopt for anything that is not a valid date.
#include <optional>
#include <string_view>

#include "core/clock.h"

namespace feedsentry::schedule {

// Accepts the three forms a recipient must accept:
//   IMF-fixdate  "Sun, 06 Nov 1994 08:49:37 GMT"
//   RFC 850      "Sunday, 06-Nov-94 08:49:37 GMT"
//   asctime      "Sun Nov  6 08:49:37 1994"
// Leniencies (seen in the wild): any run of spaces or tabs between fields, case-insensitive
// names, a one-digit day, "UTC" for "GMT". The weekday must be a real day name but is not
// checked against the date. RFC 850 two-digit years: 70-99 are 19xx, 00-69 are 20xx (the
// RFC's "50 years in the future" rule would need the current time and differs only for
// dates after 2050 in a format obsolete since 1996). Second 60 (leap second) is accepted.
std::optional<core::SystemTime> parse_http_date(std::string_view text);

}  // namespace feedsentry::schedule
