#pragma once
// The header lines a Request sends besides those libcurl adds itself: the caller's headers
// and the conditional-GET validators. Pure, so the rules are testable without a server.
#include <string>
#include <vector>

#include "fetch/request.h"

namespace feedsentry::fetch {

// "Name: value" lines ("Name;" sends an empty value). A header whose name or value contains
// a line break could smuggle a second header and is dropped.
std::vector<std::string> request_header_lines(const Request& request);

}  // namespace feedsentry::fetch
