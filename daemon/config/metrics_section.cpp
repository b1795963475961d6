#include <charconv>

#include "config/section_readers.h"

namespace feedsentry::config {
namespace {

// "host:port" or "[ipv6]:port" into its parts; false when malformed.
bool split_listen_address(std::string_view address, std::string& host, std::uint16_t& port) {
  const std::size_t colon = address.rfind(':');
  if (colon == std::string_view::npos) return false;
  std::string_view host_part = address.substr(0, colon);
  const std::string_view port_part = address.substr(colon + 1);
  if (host_part.starts_with('[') && host_part.ends_with(']')) {
    host_part = host_part.substr(1, host_part.size() - 2);
  } else if (host_part.find(':') != std::string_view::npos) {
    return false;  // an IPv6 address needs brackets
  }
  if (host_part.empty() || host_part.find_first_of(" \t[]/") != std::string_view::npos) {
    return false;
  }
  unsigned value = 0;
  const auto [end, error] =
      std::from_chars(port_part.data(), port_part.data() + port_part.size(), value);
  if (port_part.empty() || error != std::errc() || end != port_part.data() + port_part.size() ||
      value > 65535) {
    return false;
  }
  host = std::string(host_part);
  port = static_cast<std::uint16_t>(value);
  return true;
}

}  // namespace

MetricsConfig read_metrics_section(const YamlReader& yaml, const YAML::Node& node) {
  const MapReader map(yaml, node, "metrics", {"enabled", "listen"});
  MetricsConfig metrics;
  map.read_bool("enabled", metrics.enabled);
  std::string listen;
  if (map.read_string("listen", listen) &&
      !split_listen_address(listen, metrics.listen_host, metrics.listen_port)) {
    map.fail("listen",
             "expected host:port such as 127.0.0.1:9464 or [::1]:9464 (port 0 picks "
             "a free one), got '" +
                 map.value("listen").Scalar() + "'");
  }
  return metrics;
}

}  // namespace feedsentry::config
