#include "schedule/server_hints.h"

#include <algorithm>
#include <cstdint>

#include "core/text.h"
#include "schedule/http_date.h"

namespace feedsentry::schedule {

using namespace std::chrono_literals;

ServerHints http_hints(std::string_view cache_control, std::string_view expires,
                       std::string_view date) {
  ServerHints hints;
  hints.response_date = parse_http_date(date);
  if (parse_cache_control(cache_control).forbids_reuse) return hints;
  hints.max_age = parse_cache_control_max_age(cache_control);
  // An invalid Expires ("0", "-1") means "already expired": no hint, which parsing gives us.
  hints.expires = parse_http_date(expires);
  return hints;
}

std::optional<core::Duration> parse_rss_ttl(std::string_view minutes) {
  const auto value = parse_delta_seconds(core::trim_ascii(minutes));
  if (!value || *value == 0) return std::nullopt;
  return std::chrono::minutes(*value);
}

std::optional<core::Duration> parse_update_period(std::string_view period,
                                                  std::string_view frequency) {
  period = core::trim_ascii(period);
  frequency = core::trim_ascii(frequency);
  if (period.empty() && frequency.empty()) return std::nullopt;

  core::Duration length = 24h;  // the Syndication module's default period: daily
  if (core::equals_ignore_case(period, "hourly")) {
    length = 1h;
  } else if (core::equals_ignore_case(period, "weekly")) {
    length = 24h * 7;
  } else if (core::equals_ignore_case(period, "monthly")) {
    length = 24h * 30;
  } else if (core::equals_ignore_case(period, "yearly")) {
    length = 24h * 365;
  } else if (!period.empty() && !core::equals_ignore_case(period, "daily")) {
    return std::nullopt;
  }

  std::int64_t times_per_period = 1;
  if (!frequency.empty()) {
    const auto parsed = parse_delta_seconds(frequency);
    if (!parsed || *parsed == 0) return std::nullopt;
    times_per_period = *parsed;
  }
  return length / times_per_period;
}

std::optional<core::SystemTime> parse_retry_after(std::string_view value, core::SystemTime now) {
  value = core::trim_ascii(value);
  if (const auto seconds = parse_delta_seconds(value)) return now + std::chrono::seconds(*seconds);
  const auto date = parse_http_date(value);
  if (!date) return std::nullopt;
  return std::max(*date, now);
}

std::optional<core::Duration> longest_hint(const ServerHints& hints, core::SystemTime now) {
  std::optional<core::Duration> longest;
  const auto consider = [&](std::optional<core::Duration> hint) {
    if (hint && *hint > core::Duration::zero() && (!longest || *hint > *longest)) longest = hint;
  };
  if (hints.max_age) {
    consider(hints.max_age);
  } else if (hints.expires) {
    consider(std::chrono::duration_cast<core::Duration>(*hints.expires -
                                                        hints.response_date.value_or(now)));
  }
  consider(hints.ttl);
  consider(hints.update_period);
  return longest;
}

}  // namespace feedsentry::schedule
