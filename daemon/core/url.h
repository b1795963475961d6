#pragma once
// URL helpers: RFC 3986 reference resolution, the canonical form used for item
// identity and story grouping (scheme/host lower-cased, fragment and tracking
// parameters dropped), and the one redaction rule for every URL shown anywhere. Pure
// string functions; no network.
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

// How much of a URL may be shown. kSecret: webhook and chat URLs, and any URL whose config
// value came from ${ENV} (keeping it out of the YAML is the user's sign that it is secret).
// kPlain: a feed URL written in the YAML, shown with its path so two feeds can be told apart.
enum class UrlSecrecy : unsigned char { kPlain, kSecret };

// The one form in which a URL may appear in logs, stdout, /status, metrics or error messages.
//   kSecret: "scheme://host[:port]/…/[redacted]"
//   kPlain:  "scheme://host[:port]/path?key=…&key2=…" — user-info and fragment dropped, every
//            query value replaced by "…" (keys kept), and every path segment that looks like a
//            credential (see looks_like_credential) replaced by "[redacted]".
// file: URLs show their path in both modes. Anything else unparseable becomes "[redacted]".
std::string redact_url(std::string_view url, UrlSecrecy secrecy = UrlSecrecy::kSecret);

// `text` with every occurrence of `url` replaced by redact_url(url) (kSecret: the text's
// author did not say how secret the URL is). For messages from libraries that may quote it.
std::string without_url(std::string text, std::string_view url);

// True for a URL path segment that is probably a token rather than a word: 16 or more
// characters mixing letters and digits without word separators ('-', '_', '.', '~'), a
// UUID or other dashed hex key, or a run of 20 or more base64 characters with digits or
// mixed case. Article slugs, "videos.xml" and "2.0" are not.
bool looks_like_credential(std::string_view segment);

}  // namespace feedsentry::core
