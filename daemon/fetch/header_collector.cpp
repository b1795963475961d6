#include "fetch/header_collector.h"

#include <charconv>

#include "core/text.h"

namespace feedsentry::fetch {
namespace {

std::string_view strip_line_end(std::string_view line) {
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
  return line;
}

}  // namespace

std::optional<long> parse_status_line(std::string_view line) {
  line = strip_line_end(line);
  if (!line.starts_with("HTTP/")) return std::nullopt;
  const std::size_t space = line.find(' ');
  if (space == std::string_view::npos) return std::nullopt;
  std::string_view code = line.substr(space + 1, 3);
  long status = 0;
  const auto [end, error] = std::from_chars(code.data(), code.data() + code.size(), status);
  if (error != std::errc() || end != code.data() + code.size()) return std::nullopt;
  return status;
}

std::optional<long> HeaderCollector::add_line(std::string_view line) {
  if (const std::optional<long> status = parse_status_line(line)) {
    headers_.clear();
    if (*status >= 200) hop_statuses_.push_back(*status);
    return status;
  }
  line = strip_line_end(line);
  if (line.empty()) return std::nullopt;  // the blank line ending a block
  if ((line.front() == ' ' || line.front() == '\t') && !headers_.empty()) {
    // obs-fold: a continuation of the previous header's value
    headers_.back().second += ' ';
    headers_.back().second += core::trim_ascii(line);
    return std::nullopt;
  }
  const std::size_t colon = line.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  headers_.emplace_back(core::to_lower_ascii(core::trim_ascii(line.substr(0, colon))),
                        std::string(core::trim_ascii(line.substr(colon + 1))));
  return std::nullopt;
}

std::string HeaderCollector::value(std::string_view name) const {
  std::string joined;
  for (const auto& [header_name, header_value] : headers_) {
    if (!core::equals_ignore_case(header_name, name)) continue;
    if (!joined.empty()) joined += ", ";
    joined += header_value;
  }
  return joined;
}

std::optional<std::string> permanent_redirect_target(const std::vector<long>& hop_statuses,
                                                     std::string_view final_url) {
  if (hop_statuses.size() < 2) return std::nullopt;
  for (std::size_t hop = 0; hop + 1 < hop_statuses.size(); ++hop) {
    if (hop_statuses[hop] != 301 && hop_statuses[hop] != 308) return std::nullopt;
  }
  return std::string(final_url);
}

}  // namespace feedsentry::fetch
