#include "schedule/cache_control.h"

#include <algorithm>
#include <string>
#include <vector>

#include "core/text.h"

namespace feedsentry::schedule {

namespace {

// RFC 9111 §1.2.2: delta-seconds too large to represent are treated as 2^31.
constexpr std::int64_t kMaxDeltaSeconds = std::int64_t{1} << 31;

bool all_digits(std::string_view text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

struct Directive {
  std::string_view name;
  std::string value;  // unquoted
  bool has_value = false;
};

// Splits "a, b=1, c=\"x, y\"" into directives, honouring quoted strings.
std::vector<Directive> split_directives(std::string_view header) {
  std::vector<Directive> directives;
  std::size_t pos = 0;
  while (pos < header.size()) {
    const std::size_t name_start = pos;
    while (pos < header.size() && header[pos] != ',' && header[pos] != '=') ++pos;
    Directive directive;
    directive.name = core::trim_ascii(header.substr(name_start, pos - name_start));
    if (pos < header.size() && header[pos] == '=') {
      directive.has_value = true;
      ++pos;
      while (pos < header.size() && core::is_ascii_space(header[pos])) ++pos;
      if (pos < header.size() && header[pos] == '"') {
        for (++pos; pos < header.size() && header[pos] != '"'; ++pos) {
          if (header[pos] == '\\' && pos + 1 < header.size()) ++pos;
          directive.value.push_back(header[pos]);
        }
        while (pos < header.size() && header[pos] != ',') ++pos;  // skip closing quote + junk
      } else {
        const std::size_t value_start = pos;
        while (pos < header.size() && header[pos] != ',') ++pos;
        directive.value =
            std::string(core::trim_ascii(header.substr(value_start, pos - value_start)));
      }
    }
    if (!directive.name.empty()) directives.push_back(std::move(directive));
    ++pos;  // the comma
  }
  return directives;
}

}  // namespace

std::optional<std::int64_t> parse_delta_seconds(std::string_view text) {
  if (!all_digits(text)) return std::nullopt;
  std::int64_t value = 0;
  for (const char c : text) {
    value = value * 10 + (c - '0');
    if (value >= kMaxDeltaSeconds) return kMaxDeltaSeconds;
  }
  return value;
}

CacheControl parse_cache_control(std::string_view header) {
  CacheControl result;
  for (const Directive& directive : split_directives(header)) {
    const auto seconds_value = [&]() -> std::optional<core::Duration> {
      if (!directive.has_value) return std::nullopt;
      const auto seconds = parse_delta_seconds(core::trim_ascii(directive.value));
      if (!seconds) return std::nullopt;
      return std::chrono::seconds(*seconds);
    };
    if (core::equals_ignore_case(directive.name, "no-store") ||
        (core::equals_ignore_case(directive.name, "no-cache") && !directive.has_value)) {
      result.forbids_reuse = true;
    } else if (core::equals_ignore_case(directive.name, "max-age") && !result.max_age) {
      result.max_age = seconds_value();
    } else if (core::equals_ignore_case(directive.name, "s-maxage") && !result.shared_max_age) {
      result.shared_max_age = seconds_value();
    }
  }
  return result;
}

std::optional<core::Duration> parse_cache_control_max_age(std::string_view cache_control) {
  const CacheControl parsed = parse_cache_control(cache_control);
  if (parsed.forbids_reuse) return std::nullopt;
  if (parsed.max_age && parsed.shared_max_age)
    return std::max(*parsed.max_age, *parsed.shared_max_age);
  return parsed.max_age ? parsed.max_age : parsed.shared_max_age;
}

}  // namespace feedsentry::schedule
