#include "story/event_attributes.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <chrono>

namespace feedsentry::story {
namespace {

constexpr std::int32_t kSecondsPerDay = 86'400;

std::string lower_ascii(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool is_separator(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',' || c == ';' || c == ':' ||
         c == '(' || c == ')' || c == '"' || c == '!' || c == '?' || c == '[' || c == ']' ||
         c == '/';
}

// Words split on blanks and punctuation; quotes and guillemets around a word are dropped,
// inner '-', '.' and '\'' are kept ("13-й", "jan.", "p'ятницю").
std::vector<std::string> words_of(std::string_view text) {
  std::vector<std::string> words;
  std::string lowered = lower_ascii(text);
  std::size_t start = 0;
  const auto flush = [&](std::size_t end) {
    std::string_view word(lowered.data() + start, end - start);
    for (const std::string_view quote : {"«", "»", "“", "”", "‘", "’", "'"}) {
      if (word.starts_with(quote)) word.remove_prefix(quote.size());
      if (word.ends_with(quote)) word.remove_suffix(quote.size());
    }
    while (!word.empty() && (word.back() == '.' || word.back() == '-') && word.size() > 1 &&
           !(word.back() == '.' && word.size() >= 2 &&
             std::isdigit(static_cast<unsigned char>(word[word.size() - 2])))) {
      word.remove_suffix(1);
    }
    if (!word.empty()) words.emplace_back(word);
  };
  for (std::size_t i = 0; i < lowered.size(); ++i) {
    // "10,000" stays one word.
    const bool digit_comma = lowered[i] == ',' && i > 0 && i + 1 < lowered.size() &&
                             std::isdigit(static_cast<unsigned char>(lowered[i - 1])) &&
                             std::isdigit(static_cast<unsigned char>(lowered[i + 1]));
    if (is_separator(lowered[i]) && !digit_comma) {
      if (i > start) flush(i);
      start = i + 1;
    }
  }
  if (start < lowered.size()) flush(lowered.size());
  return words;
}

// The leading number of `word` and what follows it ("24일" -> 24, "일").
std::optional<std::pair<std::uint32_t, std::string_view>> leading_number(std::string_view word) {
  std::size_t digits = 0;
  while (digits < word.size() && std::isdigit(static_cast<unsigned char>(word[digits]))) ++digits;
  if (digits == 0 || digits > 4) return std::nullopt;
  std::uint32_t value = 0;
  std::from_chars(word.data(), word.data() + digits, value);
  return std::make_pair(value, word.substr(digits));
}

struct MonthName {
  std::string_view name;
  int month;
};

// Month names as they stand next to a day number: English (either order), and the genitive
// after the day in Russian, Ukrainian and Polish.
constexpr std::array<MonthName, 60> kMonths{{
    {"jan", 1},      {"january", 1},    {"feb", 2},           {"february", 2},   {"mar", 3},
    {"march", 3},    {"apr", 4},        {"april", 4},         {"may", 5},        {"jun", 6},
    {"june", 6},     {"jul", 7},        {"july", 7},          {"aug", 8},        {"august", 8},
    {"sep", 9},      {"sept", 9},       {"september", 9},     {"oct", 10},       {"october", 10},
    {"nov", 11},     {"november", 11},  {"dec", 12},          {"december", 12},  {"января", 1},
    {"февраля", 2},  {"марта", 3},      {"апреля", 4},        {"мая", 5},        {"июня", 6},
    {"июля", 7},     {"августа", 8},    {"сентября", 9},      {"октября", 10},   {"ноября", 11},
    {"декабря", 12}, {"січня", 1},      {"лютого", 2},        {"березня", 3},    {"квітня", 4},
    {"травня", 5},   {"червня", 6},     {"липня", 7},         {"серпня", 8},     {"вересня", 9},
    {"жовтня", 10},  {"листопада", 11}, {"грудня", 12},       {"stycznia", 1},   {"lutego", 2},
    {"marca", 3},    {"kwietnia", 4},   {"maja", 5},          {"czerwca", 6},    {"lipca", 7},
    {"sierpnia", 8}, {"września", 9},   {"października", 10}, {"listopada", 11}, {"grudnia", 12},
}};

std::optional<int> month_of(std::string_view word) {
  if (word.ends_with('.')) word.remove_suffix(1);
  for (const MonthName& month : kMonths) {
    if (word == month.name) return month.month;
  }
  return std::nullopt;
}

struct WeekdayName {
  std::string_view name;
  int weekday;  // 0 = Sunday
};

// Weekdays as the day of an event: English alone, the others in the form that follows
// "в"/"у"/"w" ("в четверг", "у п'ятницю", "w czwartek"), and Korean.
constexpr std::array<WeekdayName, 35> kWeekdays{{
    {"sunday", 0},    {"monday", 1},    {"tuesday", 2},      {"wednesday", 3},   {"thursday", 4},
    {"friday", 5},    {"saturday", 6},  {"воскресенье", 0},  {"понедельник", 1}, {"вторник", 2},
    {"среду", 3},     {"четверг", 4},   {"пятницу", 5},      {"субботу", 6},     {"неділю", 0},
    {"понеділок", 1}, {"вівторок", 2},  {"середу", 3},       {"четвер", 4},      {"п'ятницю", 5},
    {"суботу", 6},    {"niedzielę", 0}, {"poniedziałek", 1}, {"wtorek", 2},      {"środę", 3},
    {"czwartek", 4},  {"piątek", 5},    {"sobotę", 6},       {"일요일", 0},      {"월요일", 1},
    {"화요일", 2},    {"수요일", 3},    {"목요일", 4},       {"금요일", 5},      {"토요일", 6},
}};

std::optional<int> weekday_of(std::string_view word) {
  for (const WeekdayName& day : kWeekdays) {
    // Korean takes particles: "목요일에", "목요일인".
    if (word == day.name || (day.name.ends_with("요일") && word.starts_with(day.name))) {
      return day.weekday;
    }
  }
  return std::nullopt;
}

bool is_yesterday(std::string_view word) {
  return word == "yesterday" || word == "вчера" || word == "вчора" || word == "wczoraj" ||
         word.starts_with("어제");
}

std::int32_t days_from_civil(int year, int month, int day) {
  const std::chrono::year_month_day date{std::chrono::year(year),
                                         std::chrono::month(static_cast<unsigned>(month)),
                                         std::chrono::day(static_cast<unsigned>(day))};
  return static_cast<std::int32_t>(std::chrono::sys_days(date).time_since_epoch().count());
}

struct Civil {
  int year;
  int month;
  int day;
};

Civil civil_from_days(std::int32_t days) {
  const std::chrono::year_month_day date{std::chrono::sys_days(std::chrono::days(days))};
  return {static_cast<int>(date.year()), static_cast<int>(static_cast<unsigned>(date.month())),
          static_cast<int>(static_cast<unsigned>(date.day()))};
}

bool valid_day(int year, int month, int day) {
  const std::chrono::year_month_day date{std::chrono::year(year),
                                         std::chrono::month(static_cast<unsigned>(month)),
                                         std::chrono::day(static_cast<unsigned>(day))};
  return date.ok();
}

// A month and day, in the year that puts it not after `latest`.
std::optional<std::int32_t> resolve_month_day(int month, int day, std::int32_t latest) {
  const Civil now = civil_from_days(latest);
  for (int year = now.year; year >= now.year - 1; --year) {
    if (!valid_day(year, month, day)) continue;
    const std::int32_t days = days_from_civil(year, month, day);
    if (days <= latest) return days;
  }
  return std::nullopt;
}

// A day of the month alone (Korean "24일"), in the month that puts it not after `latest`.
std::optional<std::int32_t> resolve_day_of_month(int day, std::int32_t latest) {
  Civil now = civil_from_days(latest);
  for (int step = 0; step < 2; ++step) {
    if (valid_day(now.year, now.month, day)) {
      const std::int32_t days = days_from_civil(now.year, now.month, day);
      if (days <= latest) return days;
    }
    now.month -= 1;
    if (now.month == 0) {
      now.month = 12;
      now.year -= 1;
    }
  }
  return std::nullopt;
}

std::optional<StatedDay> first_day_in(const std::vector<std::string>& words, std::int32_t latest) {
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string& word = words[i];
    if (const auto month = month_of(word)) {
      // "Jan. 24" / "January 24, 2023"
      if (i + 1 < words.size()) {
        if (const auto number = leading_number(words[i + 1]);
            number && number->second.empty() && number->first >= 1 && number->first <= 31) {
          if (auto day = resolve_month_day(*month, static_cast<int>(number->first), latest)) {
            return StatedDay{*day};
          }
        }
      }
      // "24 January", "24 января"
      if (i > 0) {
        if (const auto number = leading_number(words[i - 1]);
            number && (number->second.empty() || number->second == ".") && number->first >= 1 &&
            number->first <= 31) {
          if (auto day = resolve_month_day(*month, static_cast<int>(number->first), latest)) {
            return StatedDay{*day};
          }
        }
      }
    }
    if (const auto number = leading_number(word)) {
      // Korean "1월 24일" or "24일", not "3일간" (for three days) or "2일째" (second day).
      if (number->second == "일" && number->first >= 1 && number->first <= 31) {
        if (i > 0) {
          if (const auto month = leading_number(words[i - 1]);
              month && month->second == "월" && month->first >= 1 && month->first <= 12) {
            if (auto day = resolve_month_day(static_cast<int>(month->first),
                                             static_cast<int>(number->first), latest)) {
              return StatedDay{*day};
            }
          }
        }
        if (auto day = resolve_day_of_month(static_cast<int>(number->first), latest)) {
          return StatedDay{*day};
        }
      }
    }
    if (const auto weekday = weekday_of(word)) {
      // The latest such weekday not after `latest` (1970-01-01 was a Thursday).
      const int latest_weekday = static_cast<int>(((latest % 7) + 7 + 4) % 7);
      return StatedDay{latest - ((latest_weekday - *weekday + 7) % 7), true};
    }
    if (is_yesterday(word)) return StatedDay{latest - 2};  // `latest` has a day of tolerance
  }
  return std::nullopt;
}

template <typename T>
void sort_unique(std::vector<T>& values) {
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());
}

constexpr std::array<std::string_view, 20> kOrdinalWords{
    "first",     "second",    "third",       "fourth",     "fifth",      "sixth",      "seventh",
    "eighth",    "ninth",     "tenth",       "eleventh",   "twelfth",    "thirteenth", "fourteenth",
    "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth"};

bool names_a_package(std::string_view word) {
  return word.starts_with("package") || word.starts_with("round") || word.starts_with("tranche") ||
         word.starts_with("пакет") || word.starts_with("pakiet") || word.starts_with("제재") ||
         word.starts_with("раунд");
}

std::optional<std::uint32_t> ordinal_of(std::string_view word) {
  for (std::size_t i = 0; i < kOrdinalWords.size(); ++i) {
    if (word == kOrdinalWords[i]) return static_cast<std::uint32_t>(i + 1);
  }
  if (word.starts_with("제")) word.remove_prefix(std::string_view("제").size());
  const auto number = leading_number(word);
  if (!number || number->first == 0) return std::nullopt;
  static constexpr std::array<std::string_view, 12> kSuffixes{
      "st", "nd", "rd", "th", ".", "-й", "-го", "-м", "-ий", "-ый", "차", "-th"};
  if (std::find(kSuffixes.begin(), kSuffixes.end(), number->second) == kSuffixes.end()) {
    return std::nullopt;
  }
  return number->first;
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

}  // namespace

std::vector<std::uint32_t> counts_in(std::string_view text) {
  const std::vector<std::string> words = words_of(text);
  std::vector<std::uint32_t> counts;
  for (std::size_t i = 0; i < words.size(); ++i) {
    std::string digits;
    std::size_t end = 0;
    const std::string& word = words[i];
    // "10,000" and "10.000" are one number; a word with letters after its digits ("13th",
    // "24일", "5G") is not a count.
    while (end < word.size() &&
           (is_digit(word[end]) || ((word[end] == ',' || word[end] == '.') &&
                                    end + 1 < word.size() && is_digit(word[end + 1])))) {
      if (is_digit(word[end])) digits += word[end];
      ++end;
    }
    if (digits.empty() || digits.size() > 9 || end != word.size()) continue;
    const auto value = static_cast<std::uint32_t>(std::stoul(digits));
    if (value < 2 || (value >= 1900 && value <= 2100 && digits.size() == 4)) continue;
    const bool next_to_month =
        (i + 1 < words.size() && month_of(words[i + 1])) || (i > 0 && month_of(words[i - 1]));
    if (next_to_month) continue;
    counts.push_back(value);
  }
  sort_unique(counts);
  return counts;
}

bool EventAttributes::empty() const {
  return topics.empty() && actors.empty() && targets.empty() && classes.empty() &&
         platforms.empty() && outcomes.empty() && parties.empty() && ordinals.empty() && !event_day;
}

std::optional<std::int32_t> stated_event_day(std::string_view text, core::SystemTime item_time) {
  const std::optional<StatedDay> stated = stated_day(text, item_time);
  if (!stated) return std::nullopt;
  return stated->day;
}

std::optional<StatedDay> stated_day(std::string_view text, core::SystemTime item_time) {
  const auto seconds = core::to_unix_seconds(item_time);
  const auto today = static_cast<std::int32_t>(
      seconds >= 0 ? seconds / kSecondsPerDay : (seconds - kSecondsPerDay + 1) / kSecondsPerDay);
  // A day of tolerance: a report published late on the 2nd (UTC) in Seoul names the 3rd.
  return first_day_in(words_of(text), today + 1);
}

std::vector<std::uint32_t> package_numbers(std::string_view text) {
  const std::vector<std::string> words = words_of(text);
  std::vector<std::uint32_t> numbers;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const auto ordinal = ordinal_of(words[i]);
    if (!ordinal) continue;
    // "13th package", "13th sanctions package", "13-й пакет санкций", "제13차 대북 제재"
    for (std::size_t next = i + 1; next < words.size() && next <= i + 3; ++next) {
      if (names_a_package(words[next])) {
        numbers.push_back(*ordinal);
        break;
      }
    }
  }
  sort_unique(numbers);
  return numbers;
}

EventAttributes event_attributes(const classify::Classification& classification,
                                 std::string_view title, std::string_view summary,
                                 core::SystemTime item_time) {
  EventAttributes attributes;
  // Only what a topic matched is grouped by event; other items group by link and text.
  if (!classification.matched()) return attributes;
  for (const classify::TopicMatch& topic : classification.topics) {
    attributes.topics.push_back(topic.id);
    for (const classify::EntityHit& entity : topic.entities) {
      attributes.parties.push_back("sdn:" + entity.sdn_number);
    }
  }
  attributes.targets = classification.countries;
  for (const classify::Attribute& attribute : classification.attributes) {
    if (attribute.kind == "actor") {
      attributes.actors.push_back(attribute.value);
    } else if (attribute.kind == "class") {
      attributes.classes.push_back(attribute.value);
    } else if (attribute.kind == "platform") {
      attributes.platforms.push_back(attribute.value);
    } else if (attribute.kind == "outcome") {
      attributes.outcomes.push_back(attribute.value);
    } else if (attribute.kind == "target") {
      attributes.parties.push_back(attribute.value);
    }
  }
  const std::string text = std::string(title) + " \n " + std::string(summary);
  attributes.ordinals = package_numbers(text);
  attributes.counts = counts_in(text);
  std::erase_if(attributes.counts, [&](std::uint32_t count) {
    return std::binary_search(attributes.ordinals.begin(), attributes.ordinals.end(), count);
  });
  std::optional<StatedDay> stated = stated_day(title, item_time);
  if (!stated) stated = stated_day(summary, item_time);
  if (stated) {
    attributes.event_day = stated->day;
    attributes.event_day_from_weekday = stated->from_weekday;
  }
  for (auto* values :
       {&attributes.topics, &attributes.actors, &attributes.targets, &attributes.classes,
        &attributes.platforms, &attributes.outcomes, &attributes.parties}) {
    sort_unique(*values);
  }
  return attributes;
}

}  // namespace feedsentry::story
