#include "metrics/process.h"

#include <sys/resource.h>
#include <unistd.h>

#include <cmath>
#include <fstream>
#include <sstream>
#include <string>

#include "metrics/registry.h"

namespace feedsentry::metrics {
namespace {

// The starttime field of /proc/self/stat, in clock ticks after boot.
std::optional<std::uint64_t> start_ticks() {
  std::ifstream file("/proc/self/stat");
  std::string line;
  if (!std::getline(file, line)) return std::nullopt;
  // The command name (field 2) is in parentheses and may contain spaces or ')'.
  const std::size_t close = line.rfind(')');
  if (close == std::string::npos) return std::nullopt;
  std::istringstream fields(line.substr(close + 1));
  std::string field;
  // Field 3 (state) is the first after ')'; starttime is field 22.
  for (int number = 3; number <= 22; ++number) {
    if (!(fields >> field)) return std::nullopt;
  }
  try {
    return std::stoull(field);
  } catch (...) {
    return std::nullopt;
  }
}

double ticks_per_second() {
  const long ticks = sysconf(_SC_CLK_TCK);
  return ticks > 0 ? static_cast<double>(ticks) : 100.0;
}

double or_nan(const std::optional<double>& value) {
  return value ? *value : std::nan("");
}

}  // namespace

std::optional<std::uint64_t> resident_memory_bytes() {
  std::ifstream file("/proc/self/statm");
  std::uint64_t size_pages = 0;
  std::uint64_t resident_pages = 0;
  if (!(file >> size_pages >> resident_pages)) return std::nullopt;
  const long page = sysconf(_SC_PAGESIZE);
  return resident_pages * static_cast<std::uint64_t>(page > 0 ? page : 4096);
}

double cpu_seconds() {
  rusage usage{};
  if (getrusage(RUSAGE_SELF, &usage) != 0) return 0.0;
  return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
         static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

std::optional<double> start_time_seconds() {
  const auto ticks = start_ticks();
  if (!ticks) return std::nullopt;
  std::ifstream file("/proc/stat");
  std::string key;
  while (file >> key) {
    if (key == "btime") {
      double boot = 0;
      if (!(file >> boot)) return std::nullopt;
      return boot + static_cast<double>(*ticks) / ticks_per_second();
    }
    file.ignore(1 << 20, '\n');
  }
  return std::nullopt;
}

std::optional<double> uptime_seconds() {
  const auto ticks = start_ticks();
  if (!ticks) return std::nullopt;
  std::ifstream file("/proc/uptime");
  double system_uptime = 0;
  if (!(file >> system_uptime)) return std::nullopt;
  const double uptime = system_uptime - static_cast<double>(*ticks) / ticks_per_second();
  return uptime < 0 ? 0.0 : uptime;
}

void register_process_metrics(Registry& registry) {
  registry.gauge_callback("process_resident_memory_bytes", "Resident memory size in bytes.", [] {
    const auto bytes = resident_memory_bytes();
    return bytes ? static_cast<double>(*bytes) : std::nan("");
  });
  registry.counter_callback("process_cpu_seconds_total",
                            "Total user and system CPU time spent in seconds.",
                            [] { return cpu_seconds(); });
  registry.gauge_callback("process_start_time_seconds",
                          "Start time of the process since unix epoch in seconds.",
                          [] { return or_nan(start_time_seconds()); });
  registry.gauge_callback("feedsentry_uptime_seconds", "Seconds since the daemon process started.",
                          [] { return or_nan(uptime_seconds()); });
}

}  // namespace feedsentry::metrics
