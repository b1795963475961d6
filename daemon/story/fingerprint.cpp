#include "story/fingerprint.h"

#include <algorithm>
#include <charconv>
#include <chrono>

#include "core/text.h"
#include "core/url.h"
#include "story/normalize.h"

namespace feedsentry::story {
namespace {

constexpr std::string_view kFormatTag = "s2";
constexpr std::string_view kFormatTagWithoutEvent = "s1";
constexpr std::size_t kHashDigits = 8;
// The summary beyond its first words is mostly boilerplate or a different angle.
constexpr std::size_t kMaxSummaryTokens = 80;
constexpr auto kFutureTolerance = std::chrono::hours(24);
constexpr std::int64_t kEarliestPlausible = 946'684'800;  // 2000-01-01T00:00:00Z

// Analytics parameters core::canonical_url keeps (BBC feeds add them to every link).
bool is_analytics_parameter(std::string_view pair) {
  return pair.starts_with("at_");
}

std::uint32_t token_hash(std::string_view token) {
  const std::uint64_t hash = core::stable_hash(token);
  return static_cast<std::uint32_t>(hash ^ (hash >> 32));
}

std::vector<std::uint32_t> hash_set(const std::vector<std::string>& tokens, std::size_t limit) {
  std::vector<std::uint32_t> hashes;
  for (const std::string& token : tokens) {
    const std::uint32_t hash = token_hash(token);
    if (std::find(hashes.begin(), hashes.end(), hash) != hashes.end()) continue;
    if (hashes.size() == limit) break;
    hashes.push_back(hash);
  }
  std::sort(hashes.begin(), hashes.end());
  return hashes;
}

void append_hashes(std::string& out, const std::vector<std::uint32_t>& hashes) {
  for (const std::uint32_t hash : hashes) out += core::to_hex(hash).substr(16 - kHashDigits);
}

std::optional<std::uint64_t> parse_hex(std::string_view text) {
  std::uint64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value, 16);
  if (error != std::errc() || end != text.data() + text.size() || text.empty()) return {};
  if (text.find_first_not_of("0123456789abcdef") != std::string_view::npos) return {};
  return value;
}

std::optional<std::vector<std::uint32_t>> parse_hashes(std::string_view text) {
  if (text.size() % kHashDigits != 0) return {};
  std::vector<std::uint32_t> hashes;
  for (std::size_t pos = 0; pos < text.size(); pos += kHashDigits) {
    const auto value = parse_hex(text.substr(pos, kHashDigits));
    if (!value) return {};
    hashes.push_back(static_cast<std::uint32_t>(*value));
  }
  if (!std::is_sorted(hashes.begin(), hashes.end()) ||
      std::adjacent_find(hashes.begin(), hashes.end()) != hashes.end()) {
    return {};
  }
  return hashes;
}

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> fields;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = text.find(separator, start);
    fields.push_back(text.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos) return fields;
    start = end + 1;
  }
}

std::string safe_value(std::string_view value) {
  std::string out(value);
  for (char& c : out) {
    const bool safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '_' || c == ':' || c == '.' || c == '-';
    if (!safe) c = '_';
  }
  return out;
}

void append_values(std::string& out, std::string_view key, const std::vector<std::string>& values) {
  if (values.empty()) return;
  if (out.back() != ';') out += '|';
  out += key;
  out += '=';
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out += ',';
    out += safe_value(values[i]);
  }
}

std::string encode_event(const EventAttributes& event) {
  std::string out = ";";
  append_values(out, "tp", event.topics);
  append_values(out, "ac", event.actors);
  append_values(out, "tg", event.targets);
  append_values(out, "cl", event.classes);
  append_values(out, "pf", event.platforms);
  append_values(out, "oc", event.outcomes);
  append_values(out, "pt", event.parties);
  std::vector<std::string> ordinals;
  for (const std::uint32_t ordinal : event.ordinals) ordinals.push_back(std::to_string(ordinal));
  append_values(out, "on", ordinals);
  std::vector<std::string> counts;
  for (const std::uint32_t count : event.counts) counts.push_back(std::to_string(count));
  append_values(out, "ct", counts);
  if (event.event_day) {
    append_values(out, event.event_day_from_weekday ? "dw" : "dy",
                  {std::to_string(*event.event_day)});
  }
  return out.substr(1);
}

template <typename Integer>
std::optional<Integer> parse_integer(std::string_view text) {
  Integer value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || text.empty()) return {};
  return value;
}

std::optional<EventAttributes> decode_event(std::string_view text) {
  EventAttributes event;
  if (text.empty()) return event;
  for (const std::string_view entry : split(text, '|')) {
    const std::size_t equals = entry.find('=');
    if (equals == std::string_view::npos || equals + 1 == entry.size()) return {};
    const std::string_view key = entry.substr(0, equals);
    std::vector<std::string> values;
    for (const std::string_view value : split(entry.substr(equals + 1), ',')) {
      if (value.empty()) return {};
      values.emplace_back(value);
    }
    if (key == "tp") {
      event.topics = std::move(values);
    } else if (key == "ac") {
      event.actors = std::move(values);
    } else if (key == "tg") {
      event.targets = std::move(values);
    } else if (key == "cl") {
      event.classes = std::move(values);
    } else if (key == "pf") {
      event.platforms = std::move(values);
    } else if (key == "oc") {
      event.outcomes = std::move(values);
    } else if (key == "pt") {
      event.parties = std::move(values);
    } else if (key == "on") {
      for (const std::string& value : values) {
        const auto ordinal = parse_integer<std::uint32_t>(value);
        if (!ordinal) return {};
        event.ordinals.push_back(*ordinal);
      }
    } else if (key == "ct") {
      for (const std::string& value : values) {
        const auto count = parse_integer<std::uint32_t>(value);
        if (!count) return {};
        event.counts.push_back(*count);
      }
    } else if (key == "dy" || key == "dw") {
      event.event_day_from_weekday = key == "dw";
      const auto day = values.size() == 1 ? parse_integer<std::int32_t>(values[0]) : std::nullopt;
      if (!day) return {};
      event.event_day = *day;
    }  // keys from a later version are skipped
  }
  return event;
}

}  // namespace

std::string story_link_key(std::string_view link) {
  if (!core::is_http_url(link)) return {};
  const std::string canonical = core::canonical_url(link);
  const core::UrlParts parts = core::split_url(canonical);
  if (parts.path == "/" && !parts.has_query) return {};
  if (!parts.has_query) return canonical;
  std::string query;
  for (const std::string_view pair : split(parts.query, '&')) {
    if (pair.empty() || is_analytics_parameter(pair)) continue;
    if (!query.empty()) query += '&';
    query += pair;
  }
  std::string key =
      std::string(parts.scheme) + "://" + std::string(parts.authority) + std::string(parts.path);
  if (!query.empty()) key += "?" + query;
  return key;
}

core::SystemTime item_time(const StoryItem& item) {
  if (!item.published) return item.seen_at;
  const bool too_early = core::to_unix_seconds(*item.published) < kEarliestPlausible;
  const bool in_future = *item.published > item.seen_at + kFutureTolerance;
  return too_early || in_future ? item.seen_at : *item.published;
}

Fingerprint fingerprint(const StoryItem& item) {
  Fingerprint result;
  if (const std::string key = story_link_key(item.link); !key.empty()) {
    result.link_key = core::stable_hash(key);
    if (result.link_key == 0) result.link_key = 1;  // 0 means "no link"
  }
  result.time = item_time(item);
  const StoryTokens title = story_tokens(strip_publisher_suffix(item.title));
  const StoryTokens summary = story_tokens(item.summary);
  result.title_tokens = hash_set(title.words, title.words.size());
  result.summary_tokens = hash_set(summary.words, kMaxSummaryTokens);
  result.title_dates = hash_set(title.dates, title.dates.size());
  result.event = item.attributes;
  return result;
}

std::string encode(const Fingerprint& fingerprint) {
  std::string out(kFormatTag);
  out += ';';
  if (fingerprint.link_key != 0) out += core::to_hex(fingerprint.link_key);
  out += ';';
  out += std::to_string(core::to_unix_seconds(fingerprint.time));
  out += ';';
  append_hashes(out, fingerprint.title_tokens);
  out += ';';
  append_hashes(out, fingerprint.summary_tokens);
  out += ';';
  append_hashes(out, fingerprint.title_dates);
  out += ';';
  out += encode_event(fingerprint.event);
  return out;
}

std::optional<Fingerprint> decode(std::string_view text) {
  const std::vector<std::string_view> fields = split(text, ';');
  const bool with_event = fields.size() == 7 && fields[0] == kFormatTag;
  const bool without_event = fields.size() == 6 && fields[0] == kFormatTagWithoutEvent;
  if (!with_event && !without_event) return {};
  Fingerprint result;
  if (!fields[1].empty()) {
    const auto link_key = parse_hex(fields[1]);
    if (!link_key || fields[1].size() != 16 || *link_key == 0) return {};
    result.link_key = *link_key;
  }
  std::int64_t seconds = 0;
  const std::string_view time = fields[2];
  const auto [end, error] = std::from_chars(time.data(), time.data() + time.size(), seconds);
  if (error != std::errc() || end != time.data() + time.size() || time.empty()) return {};
  result.time = core::from_unix_seconds(seconds);
  auto title = parse_hashes(fields[3]);
  auto summary = parse_hashes(fields[4]);
  auto dates = parse_hashes(fields[5]);
  if (!title || !summary || !dates) return {};
  result.title_tokens = std::move(*title);
  result.summary_tokens = std::move(*summary);
  result.title_dates = std::move(*dates);
  if (with_event) {
    auto event = decode_event(fields[6]);
    if (!event) return {};
    result.event = std::move(*event);
  }
  return result;
}

}  // namespace feedsentry::story
