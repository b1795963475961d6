#include "config/units.h"

#include <array>
#include <limits>

#include "core/text.h"

namespace feedsentry::config {
namespace {

struct Unit {
  std::string_view name;
  std::uint64_t factor;
};

// Largest first: a duration's components must follow this order, each at most once.
constexpr std::array<Unit, 5> kDurationUnits = {{
    {"d", 86'400'000},
    {"h", 3'600'000},
    {"m", 60'000},
    {"s", 1'000},
    {"ms", 1},
}};

constexpr std::array<Unit, 9> kSizeUnits = {{
    {"b", 1},
    {"kb", 1'000},
    {"mb", 1'000'000},
    {"gb", 1'000'000'000},
    {"tb", 1'000'000'000'000},
    {"kib", 1ULL << 10},
    {"mib", 1ULL << 20},
    {"gib", 1ULL << 30},
    {"tib", 1ULL << 40},
}};

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// Reads the digits at the front of `text` into `value`; false when there are none or the
// number does not fit.
bool take_number(std::string_view& text, std::uint64_t& value) {
  std::size_t used = 0;
  value = 0;
  while (used < text.size() && is_digit(text[used])) {
    const std::uint64_t digit = static_cast<std::uint64_t>(text[used] - '0');
    if (value > (std::numeric_limits<std::uint64_t>::max() - digit) / 10) return false;
    value = value * 10 + digit;
    ++used;
  }
  text.remove_prefix(used);
  return used > 0;
}

bool multiply_add(std::uint64_t& total, std::uint64_t value, std::uint64_t factor,
                  std::uint64_t limit) {
  if (value != 0 && factor > limit / value) return false;
  const std::uint64_t product = value * factor;
  if (product > limit - total) return false;
  total += product;
  return true;
}

}  // namespace

std::optional<core::Duration> parse_duration(std::string_view text) {
  text = core::trim_ascii(text);
  if (text == "0") return core::Duration::zero();
  constexpr auto kLimit = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
  std::uint64_t total = 0;
  std::size_t next_unit = 0;  // index into kDurationUnits of the smallest unit still allowed
  if (text.empty()) return std::nullopt;
  while (!text.empty()) {
    std::uint64_t value = 0;
    if (!take_number(text, value)) return std::nullopt;
    std::size_t unit = next_unit;
    // "ms" must win over "m" followed by a stray "s".
    while (unit < kDurationUnits.size()) {
      const std::string_view name = kDurationUnits[unit].name;
      const bool matches =
          text.starts_with(name) && !(name == "m" && text.size() > 1 && text[1] == 's');
      if (matches) break;
      ++unit;
    }
    if (unit == kDurationUnits.size()) return std::nullopt;
    text.remove_prefix(kDurationUnits[unit].name.size());
    if (!multiply_add(total, value, kDurationUnits[unit].factor, kLimit)) return std::nullopt;
    next_unit = unit + 1;
  }
  return core::Duration(static_cast<core::Duration::rep>(total));
}

std::optional<std::uint64_t> parse_size(std::string_view text) {
  text = core::trim_ascii(text);
  std::uint64_t value = 0;
  if (!take_number(text, value)) return std::nullopt;
  const std::string unit = core::to_lower_ascii(core::trim_ascii(text));
  if (unit.empty()) return value;
  for (const Unit& candidate : kSizeUnits) {
    if (candidate.name != unit) continue;
    std::uint64_t total = 0;
    if (!multiply_add(total, value, candidate.factor, std::numeric_limits<std::uint64_t>::max()))
      return std::nullopt;
    return total;
  }
  return std::nullopt;
}

std::string format_duration(core::Duration duration) {
  if (duration <= core::Duration::zero()) return "0s";
  auto remaining = static_cast<std::uint64_t>(duration.count());
  std::string text;
  for (const Unit& unit : kDurationUnits) {
    if (remaining >= unit.factor) {
      text += std::to_string(remaining / unit.factor);
      text += unit.name;
      remaining %= unit.factor;
    }
  }
  return text;
}

std::string format_size(std::uint64_t bytes) {
  constexpr std::array<std::string_view, 4> kNames = {"TiB", "GiB", "MiB", "KiB"};
  for (std::size_t i = 0; i < kNames.size(); ++i) {
    const std::uint64_t factor = 1ULL << (10 * (kNames.size() - i));
    if (bytes != 0 && bytes % factor == 0) {
      return std::to_string(bytes / factor) + std::string(kNames[i]);
    }
  }
  return std::to_string(bytes);
}

}  // namespace feedsentry::config
