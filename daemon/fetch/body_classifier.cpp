#include "fetch/body_classifier.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

#include "core/text.h"

namespace feedsentry::fetch {
namespace {

// Challenge pages put their markers near the top; bounding the scan keeps a multi-megabyte
// page cheap to classify.
constexpr std::size_t kScanLimit = 64 * 1024;

constexpr std::array<std::string_view, 10> kChallengeMarkers = {
    "cf-chl",                   // Cloudflare challenge scripts and form ids
    "just a moment...",         // Cloudflare interstitial title
    "captcha",                  // reCAPTCHA, hCaptcha, generic
    "cf-browser-verification",  // older Cloudflare
    "challenge-platform",       // Cloudflare /cdn-cgi/challenge-platform/
    "attention required!",      // Cloudflare block page title
    "_incapsula_resource",      // Imperva
    "ddos-guard",               // DDoS-Guard
    "checking your browser",    // several vendors
    "enable javascript and cookies to continue",
};

bool contains_ignore_case(std::string_view haystack, std::string_view needle) {
  const auto it = std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end(),
                              [](char a, char b) {
                                return std::tolower(static_cast<unsigned char>(a)) ==
                                       std::tolower(static_cast<unsigned char>(b));
                              });
  return it != haystack.end();
}

// Skips a UTF-8 BOM, whitespace, processing instructions (<?xml ...?>, <?xml-stylesheet?>)
// and comments, returning the body from its first element or doctype on.
std::string_view skip_prolog(std::string_view body) {
  if (body.starts_with("\xEF\xBB\xBF")) body.remove_prefix(3);
  while (true) {
    while (!body.empty() && core::is_ascii_space(body.front())) body.remove_prefix(1);
    std::string_view end_marker;
    if (body.starts_with("<?")) {
      end_marker = "?>";
    } else if (body.starts_with("<!--")) {
      end_marker = "-->";
    } else {
      return body;
    }
    const std::size_t end = body.find(end_marker);
    if (end == std::string_view::npos) return {};
    body.remove_prefix(end + end_marker.size());
  }
}

bool starts_with_tag(std::string_view text, std::string_view tag) {
  if (!core::starts_with_ignore_case(text, tag)) return false;
  if (text.size() == tag.size()) return true;
  const char next = text[tag.size()];
  return core::is_ascii_space(next) || next == '>' || next == '/';
}

bool starts_like_feed(std::string_view lead) {
  return lead.starts_with('{') || starts_with_tag(lead, "<rss") || starts_with_tag(lead, "<feed") ||
         starts_with_tag(lead, "<rdf:RDF") || starts_with_tag(lead, "<!DOCTYPE rss");
}

bool starts_like_html(std::string_view lead) {
  return starts_with_tag(lead, "<!DOCTYPE html") || starts_with_tag(lead, "<html") ||
         starts_with_tag(lead, "<head") || starts_with_tag(lead, "<body");
}

bool is_html_media_type(std::string_view content_type) {
  return core::starts_with_ignore_case(core::trim_ascii(content_type), "text/html") ||
         core::starts_with_ignore_case(core::trim_ascii(content_type), "application/xhtml+xml");
}

}  // namespace

BodyClass classify_body(std::string_view content_type, std::string_view body) {
  const std::string_view head = body.substr(0, kScanLimit);
  const std::string_view lead = skip_prolog(head);
  // Feeds are often mislabelled text/html; the content decides first.
  if (starts_like_feed(lead)) return BodyClass::kNotHtml;
  const bool labelled_html = is_html_media_type(content_type) && lead.starts_with('<');
  if (!starts_like_html(lead) && !labelled_html) return BodyClass::kNotHtml;
  for (const std::string_view marker : kChallengeMarkers) {
    if (contains_ignore_case(head, marker)) return BodyClass::kChallengePage;
  }
  return BodyClass::kHtmlPage;
}

}  // namespace feedsentry::fetch
