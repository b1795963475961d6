#include "feed/dates.h"

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>

#include "core/text.h"

// Hand-written scanners rather than std::regex or strptime: this runs once per item in the
// throughput benchmark, must not allocate, and must not depend on the process locale.
// Every scanner either consumes the whole input or rejects it, so a half-understood string
// can never turn into a plausible-looking but wrong instant.

namespace feedsentry::feed {

namespace {

using std::chrono::days;
using std::chrono::sys_days;

struct TimeOfDay {
  int hour = 0;
  int minute = 0;
  int second = 0;
};

struct DigitRun {
  std::int64_t value = 0;
  int count = 0;
  int first_digit = 0;
};

// Beyond this many digits the value is meaningless, but the count still lets callers reject.
constexpr int kMaxTrackedDigits = 9;

constexpr int kMinutesPerHour = 60;
constexpr int kKoreaOffsetMinutes = 9 * kMinutesPerHour;

// Year 0 and years past 9999 are outside what feeds (and feedparser) represent; clamping
// them would invent a date.
constexpr int kMinYear = 1;
constexpr int kMaxYear = 9999;
constexpr sys_days kFirstDay = sys_days{std::chrono::year{kMinYear} / 1 / 1};
constexpr sys_days kPastLastDay = sys_days{std::chrono::year{kMaxYear + 1} / 1 / 1};

using core::is_ascii_alpha;
using core::is_ascii_digit;
using core::to_lower_ascii;
constexpr bool is_high_byte(char ch) {
  return static_cast<unsigned char>(ch) >= 0x80;
}
using core::equals_ignore_case;

// Up to eight ASCII letters, case-folded and packed into an integer so that name lookups
// are integer compares; 0 for anything longer or non-alphabetic, which matches no name.
constexpr std::uint64_t pack_lower(std::string_view word) {
  if (word.empty() || word.size() > 8) return 0;
  std::uint64_t key = 0;
  for (const char ch : word) {
    if (!is_ascii_alpha(ch)) return 0;
    key = (key << 8) | static_cast<unsigned char>(to_lower_ascii(ch));
  }
  return key;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && core::is_ascii_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && core::is_ascii_space(text.back())) text.remove_suffix(1);
  return text;
}

class Cursor {
 public:
  explicit Cursor(std::string_view text) : text_(text) {}

  bool at_end() const { return pos_ >= text_.size(); }
  char peek() const { return at_end() ? '\0' : text_[pos_]; }

  bool consume(char ch) {
    if (peek() != ch) return false;
    ++pos_;
    return true;
  }

  bool consume_either(char a, char b) { return consume(a) || consume(b); }

  // Exact byte match, used for the UTF-8 markers of the Korean formats.
  bool consume_bytes(std::string_view bytes) {
    if (text_.substr(pos_, bytes.size()) != bytes) return false;
    pos_ += bytes.size();
    return true;
  }

  void skip_spaces() {
    while (core::is_ascii_space(peek())) ++pos_;
  }

  // Stray commas show up between nearly every pair of fields in real RSS dates.
  void skip_spaces_and_commas() {
    while (core::is_ascii_space(peek()) || peek() == ',') ++pos_;
  }

  DigitRun read_digits() {
    DigitRun run;
    if (is_ascii_digit(peek())) run.first_digit = peek() - '0';
    while (is_ascii_digit(peek())) {
      if (run.count < kMaxTrackedDigits) run.value = run.value * 10 + (peek() - '0');
      ++run.count;
      ++pos_;
    }
    return run;
  }

  // Letters plus any UTF-8 bytes, so Greek month names come out as one word.
  std::string_view read_word() {
    const std::size_t start = pos_;
    while (is_ascii_alpha(peek()) || is_high_byte(peek())) ++pos_;
    return text_.substr(start, pos_ - start);
  }

  std::string_view read_ascii_word() {
    const std::size_t start = pos_;
    while (is_ascii_alpha(peek())) ++pos_;
    return text_.substr(start, pos_ - start);
  }

  // Text up to (not including) `stop`; false when `stop` never appears.
  bool read_until(char stop, std::string_view& out) {
    const std::size_t end = text_.find(stop, pos_);
    if (end == std::string_view::npos) return false;
    out = text_.substr(pos_, end - pos_);
    pos_ = end + 1;
    return true;
  }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
};

// --- Names -------------------------------------------------------------------------------

constexpr std::array<std::string_view, 12> kEnglishMonths = {
    "january", "february", "march",     "april",   "may",      "june",
    "july",    "august",   "september", "october", "november", "december"};

constexpr std::array<std::string_view, 7> kEnglishWeekdays = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};

template <std::size_t N>
constexpr std::array<std::uint64_t, N> three_letter_keys(
    const std::array<std::string_view, N>& names) {
  std::array<std::uint64_t, N> keys{};
  for (std::size_t i = 0; i < N; ++i) keys[i] = pack_lower(names[i].substr(0, 3));
  return keys;
}

constexpr auto kEnglishMonthKeys = three_letter_keys(kEnglishMonths);
constexpr auto kEnglishWeekdayKeys = three_letter_keys(kEnglishWeekdays);

struct NamedValue {
  std::string_view name;
  int value;
};

// Spellings feedparser accepts from Greek (ISO-8859-7) feeds, including its accent variants.
constexpr auto kGreekMonths = std::to_array<NamedValue>({
    {"Ιαν", 1}, {"Φεβ", 2},  {"Μάώ", 3},  {"Μαώ", 3},  {"Απρ", 4},  {"Μάι", 5}, {"Μαϊ", 5},
    {"Μαι", 5}, {"Ιούν", 6}, {"Ιον", 6},  {"Ιούλ", 7}, {"Ιολ", 7},  {"Αύγ", 8}, {"Αυγ", 8},
    {"Σεπ", 9}, {"Οκτ", 10}, {"Νοέ", 11}, {"Νοε", 11}, {"Δεκ", 12},
});

constexpr std::array<std::string_view, 7> kGreekWeekdays = {"Κυρ", "Δευ", "Τρι", "Τετ",
                                                            "Πεμ", "Παρ", "Σαβ"};

// Correct Hungarian names plus the two misspellings feedparser has always matched.
constexpr auto kHungarianMonths = std::to_array<NamedValue>({
    {"január", 1},
    {"február", 2},
    {"februári", 2},
    {"március", 3},
    {"április", 4},
    {"május", 5},
    {"máujus", 5},
    {"június", 6},
    {"július", 7},
    {"augusztus", 8},
    {"szeptember", 9},
    {"október", 10},
    {"november", 11},
    {"december", 12},
});

constexpr std::string_view kKoreanYear = "년";
constexpr std::string_view kKoreanMonth = "월";
constexpr std::string_view kKoreanDay = "일";
constexpr std::string_view kKoreanAm = "오전";
constexpr std::string_view kKoreanPm = "오후";

struct ZoneName {
  std::uint64_t key;   // pack_lower of the name
  int offset_minutes;  // east of UTC
};

// The RFC 822 names, feedparser's additions (AT/ET/CT/MT/PT, MET/MEST) and abbreviations
// common in feeds whose meaning is not in doubt. Names that mean different offsets in
// different countries (IST, SST) are left out on purpose: an unknown name rejects the date
// instead of silently becoming UTC. Most frequent first, since the scan stops at the first hit.
constexpr auto kZoneNames = std::to_array<ZoneName>({
    {pack_lower("gmt"), 0},     {pack_lower("utc"), 0},     {pack_lower("ut"), 0},
    {pack_lower("z"), 0},       {pack_lower("est"), -300},  {pack_lower("edt"), -240},
    {pack_lower("cst"), -360},  {pack_lower("cdt"), -300},  {pack_lower("mst"), -420},
    {pack_lower("mdt"), -360},  {pack_lower("pst"), -480},  {pack_lower("pdt"), -420},
    {pack_lower("ast"), -240},  {pack_lower("adt"), -180},  {pack_lower("at"), -240},
    {pack_lower("et"), -300},   {pack_lower("ct"), -360},   {pack_lower("mt"), -420},
    {pack_lower("pt"), -480},   {pack_lower("hst"), -600},  {pack_lower("hast"), -600},
    {pack_lower("hadt"), -540}, {pack_lower("akst"), -540}, {pack_lower("akdt"), -480},
    {pack_lower("nst"), -210},  {pack_lower("ndt"), -150},  {pack_lower("wet"), 0},
    {pack_lower("west"), 60},   {pack_lower("bst"), 60},    {pack_lower("cet"), 60},
    {pack_lower("cest"), 120},  {pack_lower("met"), 60},    {pack_lower("mest"), 120},
    {pack_lower("mez"), 60},    {pack_lower("mesz"), 120},  {pack_lower("eet"), 120},
    {pack_lower("eest"), 180},  {pack_lower("msk"), 180},   {pack_lower("jst"), 540},
    {pack_lower("kst"), 540},   {pack_lower("hkt"), 480},   {pack_lower("sgt"), 480},
    {pack_lower("awst"), 480},  {pack_lower("acst"), 570},  {pack_lower("acdt"), 630},
    {pack_lower("aest"), 600},  {pack_lower("aedt"), 660},  {pack_lower("nzst"), 720},
    {pack_lower("nzdt"), 780},
});

// Prefix match of at least three letters: "Sep", "Sept" and "September" are all September,
// but "Sepx" is nothing. The first three letters pick the candidate by integer compare.
template <std::size_t N>
int match_english(std::string_view word, const std::array<std::string_view, N>& names,
                  const std::array<std::uint64_t, N>& keys) {
  if (word.size() < 3) return 0;
  const std::uint64_t key = pack_lower(word.substr(0, 3));
  if (key == 0) return 0;
  for (std::size_t i = 0; i < N; ++i) {
    if (keys[i] != key) continue;
    const std::string_view name = names[i];
    if (word.size() <= name.size() && equals_ignore_case(word, name.substr(0, word.size()))) {
      return static_cast<int>(i) + 1;
    }
    return 0;
  }
  return 0;
}

int match_exact(std::string_view word, const auto& names) {
  for (const NamedValue& entry : names) {
    if (entry.name == word) return entry.value;
  }
  return 0;
}

int month_from_name(std::string_view word) {
  if (word.empty()) return 0;
  if (!is_high_byte(word.front())) return match_english(word, kEnglishMonths, kEnglishMonthKeys);
  return match_exact(word, kGreekMonths);
}

bool is_weekday_name(std::string_view word) {
  if (word.empty()) return false;
  if (!is_high_byte(word.front())) {
    return match_english(word, kEnglishWeekdays, kEnglishWeekdayKeys) != 0;
  }
  for (const std::string_view name : kGreekWeekdays) {
    if (name == word) return true;
  }
  return false;
}

// RFC 822 military zones, with the signs RFC 822 gives (A = -1 ... M = -12, N = +1 ...
// Y = +12). RFC 1123 notes those signs were probably meant the other way round, but
// feedparser and the conformance data follow the letter of RFC 822.
bool military_zone(char letter, int& offset_minutes) {
  const char ch = to_lower_ascii(letter);
  if (ch == 'z') {
    offset_minutes = 0;
  } else if (ch >= 'a' && ch <= 'i') {
    offset_minutes = -(ch - 'a' + 1) * kMinutesPerHour;
  } else if (ch >= 'k' && ch <= 'm') {
    offset_minutes = -(ch - 'k' + 10) * kMinutesPerHour;
  } else if (ch >= 'n' && ch <= 'y') {
    offset_minutes = (ch - 'n' + 1) * kMinutesPerHour;
  } else {
    return false;  // 'j' is unassigned
  }
  return true;
}

bool named_zone(std::string_view name, int& offset_minutes) {
  if (name.size() == 1) return military_zone(name.front(), offset_minutes);
  const std::uint64_t key = pack_lower(name);
  if (key == 0) return false;
  for (const ZoneName& entry : kZoneNames) {
    if (entry.key == key) {
      offset_minutes = entry.offset_minutes;
      return true;
    }
  }
  return false;
}

// --- Calendar ----------------------------------------------------------------------------

// RFC 2822 section 4.3: two-digit years below 50 are 20xx, the rest 19xx; three-digit
// years get 1900 added. Applied to ISO 8601's truncated years too so the result never
// depends on the current date.
int expand_year(std::int64_t value, int digit_count) {
  if (digit_count == 2) return static_cast<int>(value < 50 ? 2000 + value : 1900 + value);
  if (digit_count == 3) return static_cast<int>(1900 + value);
  return static_cast<int>(value);
}

std::optional<sys_days> civil_day(std::int64_t year, std::int64_t month, std::int64_t day) {
  if (year < kMinYear || year > kMaxYear || month < 1 || month > 12 || day < 1 || day > 31) {
    return std::nullopt;
  }
  const std::chrono::year_month_day date{std::chrono::year{static_cast<int>(year)},
                                         std::chrono::month{static_cast<unsigned>(month)},
                                         std::chrono::day{static_cast<unsigned>(day)}};
  if (!date.ok()) return std::nullopt;  // 31 Feb, 29 Feb in a common year, ...
  return sys_days{date};
}

std::optional<sys_days> ordinal_day(std::int64_t year, std::int64_t day_of_year) {
  if (year < kMinYear || year > kMaxYear || day_of_year < 1) return std::nullopt;
  const std::chrono::year y{static_cast<int>(year)};
  if (day_of_year > (y.is_leap() ? 366 : 365)) return std::nullopt;
  return sys_days{y / 1 / 1} + days{day_of_year - 1};
}

sys_days iso_week_one_monday(int year) {
  const sys_days jan4 = sys_days{std::chrono::year{year} / 1 / 4};
  const int weekday = static_cast<int>(std::chrono::weekday{jan4}.iso_encoding());  // Monday = 1
  return jan4 - days{weekday - 1};
}

std::optional<sys_days> week_day(std::int64_t year, std::int64_t week, std::int64_t weekday) {
  if (year < kMinYear || year > kMaxYear || week < 1 || week > 53 || weekday < 1 || weekday > 7) {
    return std::nullopt;
  }
  const sys_days result =
      iso_week_one_monday(static_cast<int>(year)) + days{(week - 1) * 7 + (weekday - 1)};
  // Week 53 only exists in some years; anything past the year's last week is invalid.
  if (result >= iso_week_one_monday(static_cast<int>(year) + 1)) return std::nullopt;
  return result;
}

std::optional<Timestamp> assemble(sys_days day, TimeOfDay time, int offset_minutes,
                                  bool allow_end_of_day = false) {
  const bool end_of_day =
      allow_end_of_day && time.hour == 24 && time.minute == 0 && time.second == 0;
  if ((time.hour < 0 || time.hour > 23) && !end_of_day) return std::nullopt;
  if (time.minute < 0 || time.minute > 59) return std::nullopt;
  if (time.second < 0 || time.second > 60) return std::nullopt;
  // sys_seconds cannot represent a leap second; the last representable second is closest.
  const int second = time.second == 60 ? 59 : time.second;
  const Timestamp result = day + std::chrono::hours{time.hour} + std::chrono::minutes{time.minute} +
                           std::chrono::seconds{second} - std::chrono::minutes{offset_minutes};
  if (result < kFirstDay || result >= kPastLastDay) return std::nullopt;
  return result;
}

// --- Shared pieces -----------------------------------------------------------------------

// "+hh", "+hhmm", "+hh:mm". A one-digit hour only after a GMT/UTC prefix ("GMT+8"), where
// the prefix already makes it unambiguous. Offsets of a day or more are corrupt data.
bool parse_numeric_offset(Cursor& cursor, bool allow_one_digit_hour, int& offset_minutes) {
  int sign = 0;
  if (cursor.consume('+')) {
    sign = 1;
  } else if (cursor.consume('-')) {
    sign = -1;
  } else {
    return false;
  }
  const DigitRun run = cursor.read_digits();
  std::int64_t hours = 0;
  std::int64_t minutes = 0;
  if (run.count == 4) {
    hours = run.value / 100;
    minutes = run.value % 100;
  } else if (run.count == 2 || (run.count == 1 && allow_one_digit_hour)) {
    hours = run.value;
    if (cursor.consume(':')) {
      const DigitRun minute_run = cursor.read_digits();
      if (minute_run.count != 2) return false;
      minutes = minute_run.value;
    }
  } else {
    return false;
  }
  if (hours > 23 || minutes > 59) return false;
  offset_minutes = sign * static_cast<int>(hours * kMinutesPerHour + minutes);
  return true;
}

// A zone written after the time: numeric, named, military, "GMT+hh:mm" or "Etc/GMT".
bool parse_zone(Cursor& cursor, int& offset_minutes) {
  const char first = cursor.peek();
  if (first == '+' || first == '-') return parse_numeric_offset(cursor, false, offset_minutes);
  std::string_view name = cursor.read_ascii_word();
  if (name.empty()) return false;
  if (pack_lower(name) == pack_lower("etc") && cursor.consume('/')) {
    name = cursor.read_ascii_word();
  }
  const std::uint64_t key = pack_lower(name);
  if (key == pack_lower("gmt") || key == pack_lower("utc") || key == pack_lower("ut")) {
    const char next = cursor.peek();
    // The sign is taken as written ("GMT-5" is five hours behind), as feeds and feedparser
    // mean it, not with the inverted POSIX Etc/GMT convention.
    if (next == '+' || next == '-') return parse_numeric_offset(cursor, true, offset_minutes);
  }
  return named_zone(name, offset_minutes);
}

// Seconds fractions carry no information at this resolution; they are validated and dropped.
bool skip_fraction(Cursor& cursor) {
  if (!cursor.consume_either('.', ',')) return true;
  return cursor.read_digits().count > 0;
}

// "h:mm" or "hh:mm[:ss[.fff]]".
bool parse_clock(Cursor& cursor, TimeOfDay& time) {
  const DigitRun hour = cursor.read_digits();
  if (hour.count < 1 || hour.count > 2 || !cursor.consume(':')) return false;
  const DigitRun minute = cursor.read_digits();
  if (minute.count != 2) return false;
  time.hour = static_cast<int>(hour.value);
  time.minute = static_cast<int>(minute.value);
  time.second = 0;
  if (!cursor.consume(':')) return true;
  const DigitRun second = cursor.read_digits();
  if (second.count != 2) return false;
  time.second = static_cast<int>(second.value);
  return skip_fraction(cursor);
}

// 12-hour clocks: 12 AM is midnight and 12 PM is noon; hour 0 or 13+ with a marker is junk.
bool apply_meridiem(bool is_pm, TimeOfDay& time) {
  if (time.hour < 1 || time.hour > 12) return false;
  if (time.hour == 12) time.hour = 0;
  if (is_pm) time.hour += 12;
  return true;
}

// --- RFC 822 family ----------------------------------------------------------------------

// A trailing "(PDT)"-style comment. When no zone was given, the comment is the only zone
// information there is, so it must name one; otherwise it is ignored.
bool parse_trailing_comment(Cursor& cursor, bool have_zone, int& offset_minutes) {
  if (!cursor.consume('(')) return true;
  std::string_view inner;
  if (!cursor.read_until(')', inner)) return false;
  if (have_zone) return true;
  Cursor zone(trim(inner));
  return parse_zone(zone, offset_minutes) && zone.at_end();
}

bool parse_year_token(Cursor& cursor, int& year) {
  const DigitRun run = cursor.read_digits();
  if (run.count < 2 || run.count > 4) return false;
  year = expand_year(run.value, run.count);
  // "Jan 4 16:29" must not read the hour as a year.
  return cursor.peek() != ':';
}

// Between day, month and year: whitespace/commas, or one hyphen as in RFC 850 "06-Nov-94".
void skip_date_separator(Cursor& cursor) {
  if (cursor.consume('-')) return;
  cursor.skip_spaces_and_commas();
}

bool parse_month_word(Cursor& cursor, int& month) {
  month = month_from_name(cursor.read_word());
  if (month == 0) return false;
  cursor.consume('.');  // "Sept."
  return true;
}

bool parse_day_token(Cursor& cursor, int& day) {
  const DigitRun run = cursor.read_digits();
  if (run.count < 1 || run.count > 2) return false;
  day = static_cast<int>(run.value);
  return true;
}

void skip_weekday(Cursor& cursor) {
  Cursor probe = cursor;
  if (!is_weekday_name(probe.read_word())) return;
  probe.consume('.');
  probe.skip_spaces_and_commas();
  cursor = probe;
}

// Time, optional AM/PM, zone and comment, then the end of the input.
bool parse_rfc822_tail(Cursor& cursor, TimeOfDay& time, int& offset_minutes) {
  cursor.skip_spaces_and_commas();
  if (is_ascii_digit(cursor.peek())) {
    if (!parse_clock(cursor, time)) return false;
    cursor.skip_spaces();
    Cursor probe = cursor;
    const std::string_view word = probe.read_ascii_word();
    if (equals_ignore_case(word, "am") || equals_ignore_case(word, "pm")) {
      if (!apply_meridiem(to_lower_ascii(word.front()) == 'p', time)) return false;
      cursor = probe;
    }
  }
  cursor.skip_spaces();
  bool have_zone = false;
  if (!cursor.at_end() && cursor.peek() != '(') {
    if (!parse_zone(cursor, offset_minutes)) return false;
    have_zone = true;
  }
  cursor.skip_spaces();
  if (!parse_trailing_comment(cursor, have_zone, offset_minutes)) return false;
  cursor.skip_spaces();
  return cursor.at_end();
}

// asctime(3) and its Twitter/JavaScript cousins: weekday month day time [zone] year.
std::optional<Timestamp> parse_asctime_date(std::string_view text) {
  Cursor cursor(trim(text));
  skip_weekday(cursor);
  int month = 0;
  int day = 0;
  TimeOfDay time;
  if (!parse_month_word(cursor, month)) return std::nullopt;
  cursor.skip_spaces();
  if (!parse_day_token(cursor, day)) return std::nullopt;
  cursor.skip_spaces();
  if (!parse_clock(cursor, time)) return std::nullopt;
  cursor.skip_spaces();
  int offset_minutes = 0;
  bool have_zone = false;
  if (!is_ascii_digit(cursor.peek())) {
    if (!parse_zone(cursor, offset_minutes)) return std::nullopt;
    have_zone = true;
    cursor.skip_spaces();
  }
  const DigitRun year = cursor.read_digits();
  if (year.count != 4) return std::nullopt;
  cursor.skip_spaces();
  if (!parse_trailing_comment(cursor, have_zone, offset_minutes)) return std::nullopt;
  cursor.skip_spaces();
  if (!cursor.at_end()) return std::nullopt;
  const auto date = civil_day(year.value, month, day);
  if (!date) return std::nullopt;
  return assemble(*date, time, offset_minutes);
}

// --- ISO 8601 family ---------------------------------------------------------------------

// After a four-digit year: "-MM[-DD]", "-0MM-DD" (a zero-padded month seen in the wild),
// "-DDD", "-Www[-D]", "Www[D]", a Hungarian month name, or nothing. `reduced` is set for
// forms that name a month or year rather than a day, which cannot carry a time.
std::optional<sys_days> parse_after_full_year(Cursor& cursor, std::int64_t year, bool& reduced) {
  const bool extended = cursor.consume('-');
  if (cursor.consume_either('W', 'w')) {
    const DigitRun week = cursor.read_digits();
    if (extended && week.count == 2) {
      if (!cursor.consume('-')) {
        reduced = true;
        return week_day(year, week.value, 1);
      }
      const DigitRun weekday = cursor.read_digits();
      if (weekday.count != 1) return std::nullopt;
      return week_day(year, week.value, weekday.value);
    }
    if (!extended && week.count == 3) return week_day(year, week.value / 10, week.value % 10);
    if (!extended && week.count == 2) {
      reduced = true;
      return week_day(year, week.value, 1);
    }
    return std::nullopt;
  }
  if (!extended) {
    reduced = true;
    return civil_day(year, 1, 1);
  }
  std::int64_t month = 0;
  if (is_ascii_digit(cursor.peek())) {
    const DigitRun run = cursor.read_digits();
    if (run.count == 3 && run.first_digit == 0 && cursor.peek() == '-') {
      month = run.value;
    } else if (run.count == 3) {
      return ordinal_day(year, run.value);
    } else if (run.count == 1 || run.count == 2) {
      month = run.value;
    } else {
      return std::nullopt;
    }
  } else {
    month = match_exact(cursor.read_word(), kHungarianMonths);
    if (month == 0 || cursor.peek() != '-') return std::nullopt;
  }
  if (!cursor.consume('-')) {
    reduced = true;
    return civil_day(year, month, 1);
  }
  const DigitRun day = cursor.read_digits();
  if (day.count < 1 || day.count > 2) return std::nullopt;
  return civil_day(year, month, day.value);
}

// Truncated forms with a two-digit year: "YY-MM-DD" and "YY-DDD".
std::optional<sys_days> parse_after_short_year(Cursor& cursor, std::int64_t short_year) {
  const int year = expand_year(short_year, 2);
  if (!cursor.consume('-')) return std::nullopt;
  const DigitRun run = cursor.read_digits();
  if (run.count == 3) return ordinal_day(year, run.value);
  if (run.count != 2 || !cursor.consume('-')) return std::nullopt;
  const DigitRun day = cursor.read_digits();
  if (day.count != 2) return std::nullopt;
  return civil_day(year, run.value, day.value);
}

std::optional<sys_days> parse_iso_date(Cursor& cursor, bool& reduced) {
  if (cursor.consume('-')) {
    // "-YYMM" / "-YY-MM": year and month with the century left out.
    reduced = true;
    const DigitRun run = cursor.read_digits();
    if (run.count == 4) return civil_day(expand_year(run.value / 100, 2), run.value % 100, 1);
    if (run.count != 2 || !cursor.consume('-')) return std::nullopt;
    const DigitRun month = cursor.read_digits();
    if (month.count != 2) return std::nullopt;
    return civil_day(expand_year(run.value, 2), month.value, 1);
  }
  const DigitRun run = cursor.read_digits();
  const std::int64_t v = run.value;
  switch (run.count) {
    case 4:
      return parse_after_full_year(cursor, v, reduced);
    case 8:  // YYYYMMDD
      return civil_day(v / 10000, v / 100 % 100, v % 100);
    case 7:  // YYYYDDD
      return ordinal_day(v / 1000, v % 1000);
    case 6:  // YYMMDD
      return civil_day(expand_year(v / 10000, 2), v / 100 % 100, v % 100);
    case 5:  // YYDDD
      return ordinal_day(expand_year(v / 1000, 2), v % 1000);
    case 2:
      return parse_after_short_year(cursor, v);
    default:
      return std::nullopt;
  }
}

// After "T": extended "hh:mm[:ss[.f]]" or basic "hh[mm[ss[.f]]]".
bool parse_iso_time(Cursor& cursor, bool allow_basic, TimeOfDay& time) {
  Cursor probe = cursor;
  probe.read_digits();
  if (probe.peek() == ':') return parse_clock(cursor, time);
  if (!allow_basic) return false;
  const DigitRun run = cursor.read_digits();
  const std::int64_t v = run.value;
  if (run.count == 2) {
    time = {static_cast<int>(v), 0, 0};
    return true;
  }
  if (run.count == 4) {
    time = {static_cast<int>(v / 100), static_cast<int>(v % 100), 0};
    return true;
  }
  if (run.count == 6) {
    time = {static_cast<int>(v / 10000), static_cast<int>(v / 100 % 100),
            static_cast<int>(v % 100)};
    return skip_fraction(cursor);
  }
  return false;
}

// Nate (Korean portal) style "오후 11:23:17" after the date; always Korea time.
bool parse_korean_meridiem_time(Cursor& cursor, TimeOfDay& time, int& offset_minutes) {
  bool is_pm = false;
  if (cursor.consume_bytes(kKoreanPm)) {
    is_pm = true;
  } else if (!cursor.consume_bytes(kKoreanAm)) {
    return false;
  }
  cursor.skip_spaces();
  if (!parse_clock(cursor, time) || !apply_meridiem(is_pm, time)) return false;
  offset_minutes = kKoreaOffsetMinutes;
  cursor.skip_spaces();
  return cursor.at_end();
}

// OnBlog (Korean) "2004년 05월 28일 01:31:15", Korea time.
std::optional<Timestamp> parse_onblog_date(std::string_view text) {
  Cursor cursor(trim(text));
  const DigitRun year = cursor.read_digits();
  if (year.count != 4 || !cursor.consume_bytes(kKoreanYear)) return std::nullopt;
  cursor.skip_spaces();
  const DigitRun month = cursor.read_digits();
  if (month.count < 1 || month.count > 2 || !cursor.consume_bytes(kKoreanMonth)) {
    return std::nullopt;
  }
  cursor.skip_spaces();
  const DigitRun day = cursor.read_digits();
  if (day.count < 1 || day.count > 2 || !cursor.consume_bytes(kKoreanDay)) return std::nullopt;
  cursor.skip_spaces();
  TimeOfDay time;
  if (!parse_clock(cursor, time)) return std::nullopt;
  cursor.skip_spaces();
  if (!cursor.at_end()) return std::nullopt;
  const auto date = civil_day(year.value, month.value, day.value);
  if (!date) return std::nullopt;
  return assemble(*date, time, kKoreaOffsetMinutes);
}

}  // namespace

std::optional<Timestamp> parse_rfc822_date(std::string_view text) {
  Cursor cursor(trim(text));
  skip_weekday(cursor);
  int year = 0;
  int month = 0;
  int day = 0;
  if (is_ascii_digit(cursor.peek())) {
    const DigitRun first = cursor.read_digits();
    if (first.count == 4 && cursor.consume('/')) {
      // Perforce: "2006/09/15".
      year = static_cast<int>(first.value);
      const DigitRun month_run = cursor.read_digits();
      if (month_run.count < 1 || month_run.count > 2 || !cursor.consume('/')) {
        return std::nullopt;
      }
      month = static_cast<int>(month_run.value);
      if (!parse_day_token(cursor, day)) return std::nullopt;
    } else {
      if (first.count < 1 || first.count > 2) return std::nullopt;
      day = static_cast<int>(first.value);
      skip_date_separator(cursor);
      if (!parse_month_word(cursor, month)) return std::nullopt;
      skip_date_separator(cursor);
      if (!parse_year_token(cursor, year)) return std::nullopt;
    }
  } else {
    // Month first: "Aug 30 2012", "September 1, 2023".
    if (!parse_month_word(cursor, month)) return std::nullopt;
    cursor.skip_spaces_and_commas();
    if (!parse_day_token(cursor, day)) return std::nullopt;
    cursor.skip_spaces_and_commas();
    if (!parse_year_token(cursor, year)) return std::nullopt;
  }
  TimeOfDay time;
  int offset_minutes = 0;  // RFC 822 dates without a zone are taken as UTC
  if (!parse_rfc822_tail(cursor, time, offset_minutes)) return std::nullopt;
  const auto date = civil_day(year, month, day);
  if (!date) return std::nullopt;
  return assemble(*date, time, offset_minutes);
}

std::optional<Timestamp> parse_iso8601_date(std::string_view text) {
  Cursor cursor(trim(text));
  bool reduced = false;
  const auto date = parse_iso_date(cursor, reduced);
  if (!date) return std::nullopt;
  if (cursor.at_end()) return assemble(*date, {}, 0);
  if (reduced) return std::nullopt;

  TimeOfDay time;
  int offset_minutes = 0;  // no zone: UTC, as W3DTF consumers conventionally assume
  if (cursor.consume_either('T', 't')) {
    if (!parse_iso_time(cursor, true, time)) return std::nullopt;
  } else if (core::is_ascii_space(cursor.peek())) {
    cursor.skip_spaces();
    if (is_high_byte(cursor.peek())) {
      if (!parse_korean_meridiem_time(cursor, time, offset_minutes)) return std::nullopt;
      return assemble(*date, time, offset_minutes);
    }
    // After a space only the unambiguous colon form is a time.
    if (!parse_iso_time(cursor, false, time)) return std::nullopt;
  } else {
    return std::nullopt;
  }
  cursor.skip_spaces();
  if (!cursor.at_end()) {
    if (!parse_zone(cursor, offset_minutes)) return std::nullopt;
    cursor.skip_spaces();
    if (!cursor.at_end()) return std::nullopt;
  }
  return assemble(*date, time, offset_minutes, /*allow_end_of_day=*/true);
}

std::optional<Timestamp> parse_date(std::string_view text) {
  text = trim(text);
  if (text.empty()) return std::nullopt;
  // Dispatch on the first byte so each input pays for at most the grammars that could match.
  const char first = text.front();
  if (is_ascii_digit(first) || first == '-') {
    if (auto parsed = parse_iso8601_date(text)) return parsed;
    if (auto parsed = parse_rfc822_date(text)) return parsed;  // "04 Jan 2004", "2006/09/15"
    return parse_onblog_date(text);
  }
  if (auto parsed = parse_rfc822_date(text)) return parsed;
  return parse_asctime_date(text);
}

}  // namespace feedsentry::feed
