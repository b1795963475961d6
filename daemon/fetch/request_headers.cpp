#include "fetch/request_headers.h"

#include <string_view>

namespace feedsentry::fetch {
namespace {

bool has_line_break(std::string_view text) {
  return text.find_first_of("\r\n") != std::string_view::npos;
}

void add_header(std::vector<std::string>& lines, std::string_view name, std::string_view value) {
  if (name.empty() || has_line_break(name) || has_line_break(value)) return;
  std::string line(name);
  if (value.empty()) {
    line += ';';  // libcurl's spelling of "send this header with an empty value"
  } else {
    line += ": ";
    line += value;
  }
  lines.push_back(std::move(line));
}

}  // namespace

std::vector<std::string> request_header_lines(const Request& request) {
  std::vector<std::string> lines;
  for (const auto& [name, value] : request.headers) add_header(lines, name, value);
  if (!request.etag.empty()) add_header(lines, "If-None-Match", request.etag);
  if (!request.last_modified.empty()) add_header(lines, "If-Modified-Since", request.last_modified);
  // libcurl would otherwise send "Expect: 100-continue" for larger bodies and wait up to a
  // second for a server that may never answer it.
  if (!request.body.empty()) lines.emplace_back("Expect:");
  return lines;
}

}  // namespace feedsentry::fetch
