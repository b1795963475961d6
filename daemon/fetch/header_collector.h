#pragma once
// Collects response header lines as libcurl hands them over, one response block per hop
// (each "HTTP/x NNN" status line starts a new block, so redirects and 1xx interim answers
// reset it). Keeps the final block's headers of interest and every hop's status, from which
// permanent_redirect_target() decides whether a moved feed should be re-stored. Pure.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace feedsentry::fetch {

class HeaderCollector {
 public:
  // One raw line, with or without its CRLF. Returns the status if it was a status line.
  std::optional<long> add_line(std::string_view line);

  // Value of a header of the final block (case-insensitive name); repeated headers are
  // joined with ", ". Empty when absent.
  std::string value(std::string_view name) const;

  // Final status of every hop in order, 1xx interim answers excluded.
  const std::vector<long>& hop_statuses() const { return hop_statuses_; }

 private:
  std::vector<std::pair<std::string, std::string>> headers_;  // lower-case name, value
  std::vector<long> hop_statuses_;
};

// Parses "HTTP/1.1 301 Moved Permanently" or "HTTP/2 200"; nullopt for any other line.
std::optional<long> parse_status_line(std::string_view line);

// The URL to store when every redirect hop (all but the last status) was 301 or 308;
// nullopt when there was no redirect or any hop was temporary (302/303/307).
std::optional<std::string> permanent_redirect_target(const std::vector<long>& hop_statuses,
                                                     std::string_view final_url);

}  // namespace feedsentry::fetch
