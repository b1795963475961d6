#pragma once
// URL helpers: RFC 3986 reference resolution and the canonical form used for item
// identity and story grouping (scheme/host lower-cased, fragment and tracking
// parameters dropped). Pure string functions; no network.
#include <string>
#include <string_view>

namespace feedsentry::core {

struct UrlParts {
  std::string_view scheme;     // without ':'; empty for a relative reference
  std::string_view authority;  // without '//'
  std::string_view path;
  std::string_view query;     // without '?'
  std::string_view fragment;  // without '#'
  bool has_authority = false;
  bool has_query = false;
  bool has_fragment = false;
};

UrlParts split_url(std::string_view url);

// Resolves `reference` against `base` (RFC 3986 section 5.2). Either may be empty.
// Surrounding whitespace in `reference` is ignored.
std::string resolve_url(std::string_view base, std::string_view reference);

// True for absolute http(s) URLs.
bool is_http_url(std::string_view url);

// Canonical link for identity: lower-case scheme and host, "www." dropped, default port
// dropped, fragment removed, utm_* and common click-tracking parameters removed, the
// remaining query kept in order, empty path normalised to "/". http and https are the
// same story, so the scheme is normalised to https.
std::string canonical_url(std::string_view url);

// Returns `url` with any user-info, path, query and fragment replaced by "…/[redacted]"
// so that secrets embedded in webhook URLs never reach a log line.
std::string redact_url(std::string_view url);

}  // namespace feedsentry::core
