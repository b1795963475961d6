#pragma once
// Formatting of UTC instants for JSON output and logs.
#include <chrono>
#include <string>

namespace feedsentry::core {

// "2023-09-01T14:00:00Z"
std::string format_rfc3339(std::chrono::sys_seconds time);

}  // namespace feedsentry::core
