#pragma once
// Entry point of the feed module: bytes of one RSS 0.9x/1.0/2.0, Atom 0.3/1.0 or JSON Feed
// document in, a normalised ParsedFeed out. The format is detected from the content.
// Never throws and never fails outright: malformed input yields whatever items could be
// recovered with bozo set. The result owns all its strings.
#include <string>
#include <string_view>

#include "feed/item.h"

namespace feedsentry::feed {

struct ParseOptions {
  std::string base_url;      // where the document came from; relative links resolve against it
  std::string http_charset;  // charset parameter of the HTTP Content-Type, if any
};

ParsedFeed parse_feed(std::string_view bytes, const ParseOptions& options = {});

}  // namespace feedsentry::feed
