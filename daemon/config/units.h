#pragma once
// Parsers for the value syntax of the config file, as pure functions (nullopt = not valid):
//   durations  "500ms", "90s", "5m", "1h", "2d", and combinations from the largest unit
//              down such as "1h30m" or "2d12h"; "0" alone is zero. Units are lower case.
//   sizes      plain bytes "1024", binary "512KiB", "16MiB", "1GiB", "1TiB", decimal "1kB",
//              "10MB", "1GB", "1TB", "8B"; units are case-insensitive, a space may precede one.
// Whole numbers only; values that overflow are rejected.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"

namespace feedsentry::config {

std::optional<core::Duration> parse_duration(std::string_view text);
std::optional<std::uint64_t> parse_size(std::string_view text);

// Shortest form in the same syntax: "1h30m", "500ms", "0s"; for error messages.
std::string format_duration(core::Duration duration);
// "16MiB" when a whole number of KiB/MiB/GiB/TiB, otherwise plain bytes.
std::string format_size(std::uint64_t bytes);

}  // namespace feedsentry::config
