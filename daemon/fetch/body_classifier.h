#pragma once
// Tells a feed from an HTML page by looking at the start of a body and its Content-Type,
// so a challenge page ("Just a moment...", captcha) served with 200 is not handed to the feed
// parser as an empty feed. Pure; only the first few KiB of the body are examined.
#include <string_view>

namespace feedsentry::fetch {

enum class BodyClass {
  kNotHtml,        // a feed, or something the feed parser should judge (JSON, plain text, ...)
  kHtmlPage,       // an ordinary HTML page
  kChallengePage,  // HTML with a known bot-wall/challenge marker (Cloudflare, captcha, ...)
};

BodyClass classify_body(std::string_view content_type, std::string_view body);

}  // namespace feedsentry::fetch
