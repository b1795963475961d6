#include "schedule/http_date.h"

#include <array>
#include <charconv>
#include <chrono>
#include <vector>

#include "core/text.h"

namespace feedsentry::schedule {

namespace {

using namespace std::chrono;

constexpr std::array<std::string_view, 7> kShortDays = {"mon", "tue", "wed", "thu",
                                                        "fri", "sat", "sun"};
constexpr std::array<std::string_view, 7> kLongDays = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
constexpr std::array<std::string_view, 12> kMonths = {"jan", "feb", "mar", "apr", "may", "jun",
                                                      "jul", "aug", "sep", "oct", "nov", "dec"};

bool is_one_of(std::string_view word, const auto& names) {
  for (const std::string_view name : names) {
    if (core::equals_ignore_case(word, name)) return true;
  }
  return false;
}

std::optional<unsigned> month_number(std::string_view word) {
  for (std::size_t i = 0; i < kMonths.size(); ++i) {
    if (core::equals_ignore_case(word, kMonths[i])) return static_cast<unsigned>(i + 1);
  }
  return std::nullopt;
}

// Exactly `min_digits`..`max_digits` ASCII digits and nothing else.
std::optional<int> parse_digits(std::string_view text, std::size_t min_digits,
                                std::size_t max_digits) {
  if (text.size() < min_digits || text.size() > max_digits) return std::nullopt;
  for (const char c : text) {
    if (c < '0' || c > '9') return std::nullopt;  // from_chars alone would accept a '-'
  }
  int value = 0;
  std::from_chars(text.data(), text.data() + text.size(), value);  // <= 4 digits: no overflow
  return value;
}

std::vector<std::string_view> split_fields(std::string_view text) {
  std::vector<std::string_view> fields;
  std::size_t pos = 0;
  while (pos < text.size()) {
    while (pos < text.size() && core::is_ascii_space(text[pos])) ++pos;
    const std::size_t start = pos;
    while (pos < text.size() && !core::is_ascii_space(text[pos])) ++pos;
    if (pos > start) fields.push_back(text.substr(start, pos - start));
  }
  return fields;
}

struct TimeOfDay {
  int hour = 0;
  int minute = 0;
  int second = 0;
};

std::optional<TimeOfDay> parse_time_of_day(std::string_view text) {
  if (text.size() != 8 || text[2] != ':' || text[5] != ':') return std::nullopt;
  const auto hour = parse_digits(text.substr(0, 2), 2, 2);
  const auto minute = parse_digits(text.substr(3, 2), 2, 2);
  const auto second = parse_digits(text.substr(6, 2), 2, 2);
  if (!hour || !minute || !second || *hour > 23 || *minute > 59 || *second > 60)
    return std::nullopt;
  return TimeOfDay{*hour, *minute, *second};
}

bool is_gmt(std::string_view zone) {
  return core::equals_ignore_case(zone, "GMT") || core::equals_ignore_case(zone, "UTC");
}

std::optional<core::SystemTime> assemble(int year, std::optional<unsigned> month,
                                         std::optional<int> day,
                                         std::optional<TimeOfDay> time_of_day) {
  if (!month || !day || !time_of_day || *day < 1) return std::nullopt;
  const year_month_day date{std::chrono::year(year), std::chrono::month(*month),
                            std::chrono::day(static_cast<unsigned>(*day))};
  if (!date.ok()) return std::nullopt;
  const sys_seconds instant = sys_days(date) + hours(time_of_day->hour) +
                              minutes(time_of_day->minute) + seconds(time_of_day->second);
  return core::SystemTime(instant);
}

// "Sun," "06" "Nov" "1994" "08:49:37" "GMT"
std::optional<core::SystemTime> parse_imf_fixdate(const std::vector<std::string_view>& fields) {
  if (!is_one_of(fields[0].substr(0, fields[0].size() - 1), kShortDays) || !is_gmt(fields[5]))
    return std::nullopt;
  const auto year = parse_digits(fields[3], 4, 4);
  if (!year) return std::nullopt;
  return assemble(*year, month_number(fields[2]), parse_digits(fields[1], 1, 2),
                  parse_time_of_day(fields[4]));
}

// "Sunday," "06-Nov-94" "08:49:37" "GMT"
std::optional<core::SystemTime> parse_rfc850(const std::vector<std::string_view>& fields) {
  if (!is_one_of(fields[0].substr(0, fields[0].size() - 1), kLongDays) || !is_gmt(fields[3]))
    return std::nullopt;
  const std::string_view date = fields[1];
  const std::size_t first_dash = date.find('-');
  const std::size_t second_dash = date.rfind('-');
  if (first_dash == std::string_view::npos || first_dash == second_dash) return std::nullopt;
  const auto two_digit_year = parse_digits(date.substr(second_dash + 1), 2, 2);
  if (!two_digit_year) return std::nullopt;
  const int year = *two_digit_year + (*two_digit_year >= 70 ? 1900 : 2000);
  return assemble(year, month_number(date.substr(first_dash + 1, second_dash - first_dash - 1)),
                  parse_digits(date.substr(0, first_dash), 1, 2), parse_time_of_day(fields[2]));
}

// "Sun" "Nov" "6" "08:49:37" "1994"
std::optional<core::SystemTime> parse_asctime(const std::vector<std::string_view>& fields) {
  if (!is_one_of(fields[0], kShortDays)) return std::nullopt;
  const auto year = parse_digits(fields[4], 4, 4);
  if (!year) return std::nullopt;
  return assemble(*year, month_number(fields[1]), parse_digits(fields[2], 1, 2),
                  parse_time_of_day(fields[3]));
}

}  // namespace

std::optional<core::SystemTime> parse_http_date(std::string_view text) {
  const std::vector<std::string_view> fields = split_fields(text);
  if (fields.empty()) return std::nullopt;
  const bool weekday_has_comma = fields[0].size() > 1 && fields[0].back() == ',';
  if (weekday_has_comma && fields.size() == 6) return parse_imf_fixdate(fields);
  if (weekday_has_comma && fields.size() == 4) return parse_rfc850(fields);
  if (!weekday_has_comma && fields.size() == 5) return parse_asctime(fields);
  return std::nullopt;
}

}  // namespace feedsentry::schedule
