#pragma once
// HTML to plain text for the classifier and the output contract: tags removed, script and
// style dropped, every HTML5 named and numeric character reference decoded, block elements
// and <br> turned into whitespace, whitespace collapsed. Pure; tolerant of broken markup.
#include <concepts>
#include <string>
#include <string_view>
#include <utility>

namespace feedsentry::feed {

std::string html_to_text(std::string_view html);

// Decodes character references (&amp; &nbsp; &#8217; &#x26; and all HTML5 names) in text
// that is otherwise plain. Unknown references are kept literally. Numeric references to
// 0, surrogates or out-of-range values become U+FFFD; 0x80-0x9F map as windows-1252 (HTML5).
std::string decode_entities(std::string_view text);

// Looks up an HTML5 named reference without the '&' (with or without the trailing ';').
// Returns the UTF-8 replacement, or nullptr when the name is unknown.
const char* lookup_html_entity(std::string_view name);

// Collapses runs of ASCII whitespace to one space (U+00A0 and other Unicode spaces are
// content and are kept) and trims both ends.
std::string collapse_whitespace(std::string_view text);

// True when `text` is already what collapse_whitespace makes of it.
bool is_collapsed_whitespace(std::string_view text);

// The same for a string the caller is done with: most titles and names are already
// collapsed, and are then returned as they are instead of copied.
template <std::same_as<std::string> Text>
std::string collapse_whitespace(Text&& text) {
  if (is_collapsed_whitespace(text)) return std::move(text);
  return collapse_whitespace(std::string_view(text));
}

}  // namespace feedsentry::feed
