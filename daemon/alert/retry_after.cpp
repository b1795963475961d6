#include "alert/retry_after.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <vector>

#include "core/text.h"

namespace feedsentry::alert {
namespace {

constexpr std::array<std::string_view, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

std::optional<int> number(std::string_view text) {
  int value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::optional<unsigned> month_number(std::string_view name) {
  for (std::size_t i = 0; i < kMonths.size(); ++i) {
    if (core::equals_ignore_case(kMonths[i], name)) return static_cast<unsigned>(i + 1);
  }
  return std::nullopt;
}

std::optional<core::SystemTime> make_time(int year, std::optional<unsigned> month, int day,
                                          std::string_view clock) {
  using namespace std::chrono;
  if (!month || clock.size() != 8 || clock[2] != ':' || clock[5] != ':') return std::nullopt;
  const auto h = number(clock.substr(0, 2));
  const auto m = number(clock.substr(3, 2));
  const auto s = number(clock.substr(6, 2));
  const year_month_day date{std::chrono::year(year), std::chrono::month(*month),
                            std::chrono::day(static_cast<unsigned>(day))};
  if (!h || !m || !s || !date.ok() || *h > 23 || *m > 59 || *s > 60) return std::nullopt;
  return core::SystemTime(sys_days(date) + hours(*h) + minutes(*m) + seconds(*s));
}

std::vector<std::string_view> words(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    while (pos < text.size() && (text[pos] == ' ' || text[pos] == ',')) ++pos;
    const std::size_t start = pos;
    while (pos < text.size() && text[pos] != ' ' && text[pos] != ',') ++pos;
    if (pos > start) out.push_back(text.substr(start, pos - start));
  }
  return out;
}

}  // namespace

std::optional<core::SystemTime> parse_http_date(std::string_view value) {
  value = core::trim_ascii(value);
  const auto parts = words(value);
  // IMF-fixdate: Sun, 06 Nov 1994 08:49:37 GMT
  if (parts.size() == 6 && parts[5] == "GMT") {
    const auto day = number(parts[1]);
    const auto year = number(parts[3]);
    if (!day || !year) return std::nullopt;
    return make_time(*year, month_number(parts[2]), *day, parts[4]);
  }
  // RFC 850: Sunday, 06-Nov-94 08:49:37 GMT (two-digit years: 70-99 → 19xx, else 20xx)
  if (parts.size() == 4 && parts[3] == "GMT" && parts[1].size() == 9) {
    const auto day = number(parts[1].substr(0, 2));
    const auto year = number(parts[1].substr(7, 2));
    if (!day || !year || parts[1][2] != '-' || parts[1][6] != '-') return std::nullopt;
    return make_time(*year + (*year >= 70 ? 1900 : 2000), month_number(parts[1].substr(3, 3)), *day,
                     parts[2]);
  }
  // asctime: Sun Nov  6 08:49:37 1994
  if (parts.size() == 5) {
    const auto day = number(parts[2]);
    const auto year = number(parts[4]);
    if (!day || !year) return std::nullopt;
    return make_time(*year, month_number(parts[1]), *day, parts[3]);
  }
  return std::nullopt;
}

std::optional<core::Duration> parse_retry_after(std::string_view value, core::SystemTime now) {
  value = core::trim_ascii(value);
  if (value.empty()) return std::nullopt;
  if (value.find_first_not_of("0123456789") == std::string_view::npos) {
    std::int64_t seconds = 0;
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), seconds);
    if (ec != std::errc()) seconds = 365LL * 24 * 3600;  // absurdly large: clamp, don't drop
    (void)end;
    seconds = std::min<std::int64_t>(seconds, 365LL * 24 * 3600);
    return std::chrono::duration_cast<core::Duration>(std::chrono::seconds(seconds));
  }
  const auto date = parse_http_date(value);
  if (!date) return std::nullopt;
  if (*date <= now) return core::Duration(0);
  return std::chrono::duration_cast<core::Duration>(*date - now);
}

}  // namespace feedsentry::alert
