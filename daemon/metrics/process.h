#pragma once
// Figures about this process read from /proc (Linux): resident memory, CPU time, start time
// and uptime; and register_process_metrics(), which publishes them as callback metrics under
// the conventional Prometheus names. Every function is thread-safe and allocation-light; a
// figure that cannot be read is std::nullopt (rendered as NaN).
#include <cstdint>
#include <optional>

namespace feedsentry::metrics {

class Registry;

// Resident set size in bytes: /proc/self/statm field 2 × page size.
std::optional<std::uint64_t> resident_memory_bytes();
// User + system CPU seconds consumed so far (getrusage).
double cpu_seconds();
// Start of this process as seconds since the Unix epoch (/proc/self/stat starttime + btime).
std::optional<double> start_time_seconds();
// Seconds since this process started (/proc/uptime − starttime).
std::optional<double> uptime_seconds();

// Registers process_resident_memory_bytes, process_cpu_seconds_total,
// process_start_time_seconds and feedsentry_uptime_seconds as callback metrics.
void register_process_metrics(Registry& registry);

}  // namespace feedsentry::metrics
