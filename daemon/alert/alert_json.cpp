#include "alert/alert_json.h"

#include <cstdio>

#include "alert/alert_json_detail.h"
#include "core/utf8.h"

namespace feedsentry::alert {
namespace {

using nlohmann::json;

// RFC 3339 UTC; milliseconds only when present, so whole-second times read naturally.
std::string format_time(core::SystemTime time) {
  using namespace std::chrono;
  const auto millis = floor<milliseconds>(time);
  const auto seconds = floor<std::chrono::seconds>(millis);
  const sys_days day = floor<days>(seconds);
  const year_month_day date{day};
  const hh_mm_ss clock{seconds - day};
  const long fraction = static_cast<long>((millis - seconds).count());
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02ld:%02ld:%02ld",
                static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                static_cast<unsigned>(date.day()), static_cast<long>(clock.hours().count()),
                static_cast<long>(clock.minutes().count()),
                static_cast<long>(clock.seconds().count()));
  std::string out = buffer;
  if (fraction != 0) {
    std::snprintf(buffer, sizeof buffer, ".%03ld", fraction);
    out += buffer;
  }
  return out + "Z";
}

bool read_digits(std::string_view text, std::size_t pos, std::size_t count, int& out) {
  if (pos + count > text.size()) return false;
  out = 0;
  for (std::size_t i = pos; i < pos + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    out = out * 10 + (text[i] - '0');
  }
  return true;
}

// Accepts what format_time writes: YYYY-MM-DDTHH:MM:SS[.fff…]Z.
std::optional<core::SystemTime> parse_time(std::string_view text) {
  using namespace std::chrono;
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  if (text.size() < 20 || !read_digits(text, 0, 4, y) || text[4] != '-' ||
      !read_digits(text, 5, 2, mo) || text[7] != '-' || !read_digits(text, 8, 2, d) ||
      (text[10] != 'T' && text[10] != 't') || !read_digits(text, 11, 2, h) || text[13] != ':' ||
      !read_digits(text, 14, 2, mi) || text[16] != ':' || !read_digits(text, 17, 2, s)) {
    return std::nullopt;
  }
  const year_month_day date{year(y), month(static_cast<unsigned>(mo)),
                            day(static_cast<unsigned>(d))};
  if (!date.ok() || h > 23 || mi > 59 || s > 60) return std::nullopt;
  std::size_t pos = 19;
  long millis = 0;
  if (text[pos] == '.') {
    ++pos;
    int digits = 0;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      if (digits < 3) millis = millis * 10 + (text[pos] - '0');
      ++digits;
      ++pos;
    }
    if (digits == 0) return std::nullopt;
    for (int i = digits; i < 3; ++i) millis *= 10;
  }
  if (pos + 1 != text.size() || (text[pos] != 'Z' && text[pos] != 'z')) return std::nullopt;
  return core::SystemTime(sys_days(date) + hours(h) + minutes(mi) + seconds(s) +
                          milliseconds(millis));
}

nlohmann::ordered_json optional_time(const std::optional<core::SystemTime>& time) {
  return time ? nlohmann::ordered_json(format_time(*time)) : nlohmann::ordered_json(nullptr);
}

// nlohmann refuses to dump invalid UTF-8 (it throws); the model should already be valid,
// but a stored alert must never become unwritable because of one bad byte.
std::string text(const std::string& value) {
  return core::sanitize_utf8(value);
}

nlohmann::ordered_json text_list(const std::vector<std::string>& values) {
  auto out = nlohmann::ordered_json::array();
  for (const auto& value : values) out.push_back(text(value));
  return out;
}

// Field readers: missing fields take the model's default; a wrong type is an error.
struct Reader {
  std::string error;

  std::string string(const json& object, const char* key) {
    const auto it = object.find(key);
    if (it == object.end() || it->is_null()) return {};
    if (!it->is_string()) return fail<std::string>(key);
    return it->get<std::string>();
  }
  std::vector<std::string> strings(const json& object, const char* key) {
    std::vector<std::string> out;
    const auto it = object.find(key);
    if (it == object.end() || it->is_null()) return out;
    if (!it->is_array()) return fail<std::vector<std::string>>(key);
    for (const auto& item : *it) {
      if (!item.is_string()) return fail<std::vector<std::string>>(key);
      out.push_back(item.get<std::string>());
    }
    return out;
  }
  double number(const json& object, const char* key) {
    const auto it = object.find(key);
    if (it == object.end() || it->is_null()) return 0;
    if (!it->is_number()) return fail<double>(key);
    return it->get<double>();
  }
  std::optional<std::int64_t> integer(const json& object, const char* key) {
    const auto it = object.find(key);
    if (it == object.end() || it->is_null()) return std::nullopt;
    if (!it->is_number_integer()) return fail<std::optional<std::int64_t>>(key);
    return it->get<std::int64_t>();
  }
  std::optional<core::SystemTime> time(const json& object, const char* key) {
    const auto it = object.find(key);
    if (it == object.end() || it->is_null()) return std::nullopt;
    const auto parsed = it->is_string() ? parse_time(it->get<std::string>()) : std::nullopt;
    if (!parsed) return fail<std::optional<core::SystemTime>>(key);
    return parsed;
  }
  const json& array(const json& object, const char* key) {
    static const json kEmpty = json::array();
    const auto it = object.find(key);
    if (it == object.end() || it->is_null()) return kEmpty;
    if (!it->is_array()) return fail_ref(key, kEmpty);
    return *it;
  }

  template <typename T>
  T fail(const char* key) {
    if (error.empty()) error = std::string("field '") + key + "' has the wrong type";
    return T{};
  }
  const json& fail_ref(const char* key, const json& fallback) {
    fail<int>(key);
    return fallback;
  }
};

}  // namespace

namespace detail {

nlohmann::ordered_json alert_document(const Alert& alert, bool for_storage) {
  using json = nlohmann::ordered_json;
  json topics = json::array();
  for (const TopicHit& topic : alert.topics) {
    topics.push_back({{"id", text(topic.id)},
                      {"title", text(topic.title)},
                      {"score", topic.score},
                      {"terms", text_list(topic.terms)}});
  }
  json watchlist = json::array();
  for (const WatchlistHit& hit : alert.watchlist) {
    watchlist.push_back({{"sdn_number", text(hit.sdn_number)},
                         {"name", text(hit.name)},
                         {"type", text(hit.type)},
                         {"programs", text_list(hit.programs)},
                         {"matched_alias", text(hit.matched_alias)}});
  }
  json also = json::array();
  for (const AlsoReported& copy : alert.also_reported) {
    also.push_back({{"source", text(copy.source)},
                    {"title", text(copy.title)},
                    {"link", text(copy.link)},
                    {"published", optional_time(copy.published)}});
  }
  json document = {
      {"schema", kAlertSchema},
      {"event", alert.followup_of ? "alert.followup" : "alert.created"},
      {"id", alert.id},
      {"story_id", text(alert.story_id)},
      {"followup_of", alert.followup_of ? json(*alert.followup_of) : json(nullptr)},
      {"headline", text(alert.headline)},
      {"link", text(alert.link)},
      {"source", text(alert.source)},
      {"feed_tags", text_list(alert.feed_tags)},
      {"published", optional_time(alert.published)},
      {"detected_at", format_time(alert.detected_at)},
      {"summary", text(alert.summary)},
      {"score", alert.top_score()},
      {"topics", std::move(topics)},
      {"countries", text_list(alert.countries)},
      {"watchlist", std::move(watchlist)},
      {"also_reported", std::move(also)},
  };
  if (for_storage) document["feed_url"] = text(alert.feed_url);
  return document;
}

}  // namespace detail

std::string alert_to_json(const Alert& alert) {
  return detail::alert_document(alert, true)
      .dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

core::Result<Alert> alert_from_json(std::string_view input) {
  const json document = json::parse(input, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded() || !document.is_object()) {
    return core::fail(core::ErrorCode::kParse, "stored alert is not a JSON object");
  }
  // find + is_string rather than value(): value() throws on a wrong type.
  const auto schema = document.find("schema");
  if (schema == document.end() || !schema->is_string() ||
      schema->get<std::string>() != kAlertSchema) {
    return core::fail(
        core::ErrorCode::kUnsupported,
        "stored alert has no or an unknown schema (expected " + std::string(kAlertSchema) + ")");
  }
  Reader read;
  Alert alert;
  alert.id = read.integer(document, "id").value_or(0);
  alert.story_id = read.string(document, "story_id");
  alert.headline = read.string(document, "headline");
  alert.link = read.string(document, "link");
  alert.source = read.string(document, "source");
  alert.feed_url = read.string(document, "feed_url");
  alert.feed_tags = read.strings(document, "feed_tags");
  alert.published = read.time(document, "published");
  alert.detected_at = read.time(document, "detected_at").value_or(core::SystemTime{});
  alert.summary = read.string(document, "summary");
  for (const json& item : read.array(document, "topics")) {
    if (!item.is_object())
      return core::fail(core::ErrorCode::kParse, "field 'topics' is malformed");
    alert.topics.push_back(TopicHit{read.string(item, "id"), read.string(item, "title"),
                                    read.number(item, "score"), read.strings(item, "terms")});
  }
  alert.countries = read.strings(document, "countries");
  for (const json& item : read.array(document, "watchlist")) {
    if (!item.is_object()) {
      return core::fail(core::ErrorCode::kParse, "field 'watchlist' is malformed");
    }
    alert.watchlist.push_back(WatchlistHit{
        read.string(item, "sdn_number"), read.string(item, "name"), read.string(item, "type"),
        read.strings(item, "programs"), read.string(item, "matched_alias")});
  }
  alert.followup_of = read.integer(document, "followup_of");
  for (const json& item : read.array(document, "also_reported")) {
    if (!item.is_object()) {
      return core::fail(core::ErrorCode::kParse, "field 'also_reported' is malformed");
    }
    alert.also_reported.push_back(
        AlsoReported{read.string(item, "source"), read.string(item, "title"),
                     read.string(item, "link"), read.time(item, "published")});
  }
  if (!read.error.empty())
    return core::fail(core::ErrorCode::kParse, "stored alert: " + read.error);
  return alert;
}

}  // namespace feedsentry::alert
