#pragma once
// What a server or feed says about how often it changes, and the parsers for the raw header
// and element values. Pure: `now` is always passed in. The scheduler uses hints only to
// LENGTHEN a feed's interval (see next_poll.h); every parser returns nullopt for garbage.
#include <optional>
#include <string_view>

#include "core/clock.h"
#include "schedule/cache_control.h"  // parse_cache_control_max_age

namespace feedsentry::schedule {

struct ServerHints {
  // Cache-Control max-age / s-maxage. When set, `expires` is ignored (RFC 9111 §5.3).
  std::optional<core::Duration> max_age;
  // Expires, measured from the response's Date when it had one, else from "now".
  std::optional<core::SystemTime> expires;
  std::optional<core::SystemTime> response_date;
  // RSS <ttl> (minutes in the feed; feed::Feed::ttl_minutes).
  std::optional<core::Duration> ttl;
  // sy:updatePeriod divided by sy:updateFrequency (feed::Feed::update_period_minutes).
  std::optional<core::Duration> update_period;
};

// Builds the HTTP part of the hints from raw header values ("" when the header is absent;
// repeated Cache-Control lines joined with ","). "no-cache"/"no-store" drop both max-age and
// Expires: the server asked us not to treat the response as fresh at all.
ServerHints http_hints(std::string_view cache_control, std::string_view expires,
                       std::string_view date);

// RSS <ttl>: a positive number of minutes.
std::optional<core::Duration> parse_rss_ttl(std::string_view minutes);

// sy:updatePeriod (hourly, daily, weekly, monthly = 30 days, yearly = 365 days) divided by
// sy:updateFrequency (a positive integer). Each defaults as the Syndication module says
// (daily, 1) when the other element is present; nullopt when both are empty or one is invalid.
std::optional<core::Duration> parse_update_period(std::string_view period,
                                                  std::string_view frequency);

// Retry-After: delta-seconds or an HTTP-date. Returns the earliest time a retry is allowed,
// never earlier than `now`. nullopt for negative numbers, fractions, and garbage.
std::optional<core::SystemTime> parse_retry_after(std::string_view value, core::SystemTime now);

// The longest positive delay any hint asks for, from `now`; nullopt when none does. Hints
// each say "nothing new before X", so the longest is the one worth respecting.
std::optional<core::Duration> longest_hint(const ServerHints& hints, core::SystemTime now);

}  // namespace feedsentry::schedule
