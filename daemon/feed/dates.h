#pragma once
// Date parsing for feeds: RFC 822/1123 with real-world variants, RFC 3339/ISO 8601/W3DTF,
// and a few legacy forms. Pure; returns UTC. An unparseable date is nullopt, never a guess.
#include <optional>
#include <string_view>

#include "feed/item.h"

namespace feedsentry::feed {

std::optional<Timestamp> parse_date(std::string_view text);

// The specific grammars, exposed for tests.
std::optional<Timestamp> parse_rfc822_date(std::string_view text);
std::optional<Timestamp> parse_iso8601_date(std::string_view text);

}  // namespace feedsentry::feed
