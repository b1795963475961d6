#pragma once
// Internal to feed/: recovery for documents that are not well-formed. Rewrites the markup
// so that every end tag matches an open element (missing end tags are inserted, stray ones
// dropped, a truncated tail is cut and closed), keeping all text. One linear pass; used
// only after the strict parse has failed.
#include <string>
#include <string_view>

namespace feedsentry::feed {

std::string balance_tags(std::string_view document);

}  // namespace feedsentry::feed
