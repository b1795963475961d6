#include "config/section_readers.h"
#include "config/units.h"

namespace feedsentry::config {

using namespace std::chrono_literals;

HttpConfig read_http_section(const YamlReader& yaml, const YAML::Node& node) {
  const MapReader map(
      yaml, node, "http",
      {"user_agent", "connect_timeout", "total_timeout", "low_speed_limit", "low_speed_time",
       "max_body", "max_decompressed", "max_redirects", "verify_tls", "max_concurrency",
       "per_host_concurrency", "per_host_min_gap"});
  HttpConfig http;
  map.read_string("user_agent", http.user_agent);
  map.read_duration("connect_timeout", http.connect_timeout, 1ms);
  map.read_duration("total_timeout", http.total_timeout, 1ms);
  map.read_size("low_speed_limit", http.low_speed_limit);
  map.read_duration("low_speed_time", http.low_speed_time, 1s);
  map.read_size("max_body", http.max_body, 1);
  map.read_size("max_decompressed", http.max_decompressed, 1);
  map.read_int("max_redirects", http.max_redirects, 0, 50);
  map.read_bool("verify_tls", http.verify_tls);
  map.read_int("max_concurrency", http.max_concurrency, 1, 100'000);
  map.read_int("per_host_concurrency", http.per_host_concurrency, 1, 1'000);
  map.read_duration("per_host_min_gap", http.per_host_min_gap);

  if (http.total_timeout < http.connect_timeout) {
    map.fail_between("total_timeout", "connect_timeout",
                     "total_timeout (" + format_duration(http.total_timeout) +
                         ") must be at least connect_timeout (" +
                         format_duration(http.connect_timeout) + ")");
  }
  if (http.max_decompressed < http.max_body) {
    map.fail_between("max_decompressed", "max_body",
                     "max_decompressed (" + format_size(http.max_decompressed) +
                         ") must be at least max_body (" + format_size(http.max_body) + ")");
  }
  if (http.per_host_concurrency > http.max_concurrency) {
    map.fail_between("per_host_concurrency", "max_concurrency",
                     "per_host_concurrency (" + std::to_string(http.per_host_concurrency) +
                         ") must not exceed max_concurrency (" +
                         std::to_string(http.max_concurrency) + ")");
  }
  return http;
}

}  // namespace feedsentry::config
