#pragma once
// Internal to feed/: building TextFields from plain text or HTML, and the heuristic that
// tells whether an RSS field that claims nothing is really HTML.
#include <string>
#include <string_view>

#include "core/text.h"
#include "feed/item.h"

namespace feedsentry::feed {

TextField text_from_html(std::string html);
TextField text_from_plain(std::string_view plain);

// True when `text` has an end tag or a character reference and every tag in it is a
// known HTML element (feedparser's rule, so that "1 < 2" or "<blink>" stay text).
bool looks_like_html(std::string_view text);

using core::escape_html;

// Decodes base64, ignoring whitespace; invalid input yields what decoded before the error.
std::string decode_base64(std::string_view encoded);

}  // namespace feedsentry::feed
