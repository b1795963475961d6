#pragma once
// The seen-filter's second identity for an item, used to tolerate guid churn (a feed
// republishing the same story under a new guid): a hash of the canonical link and the
// normalized title. Pure function, no I/O.
#include <string>
#include <string_view>

namespace feedsentry::store {

// Returns "" ("no secondary key") unless BOTH the link and the normalized title are
// non-empty. A title alone collides too easily ("Live updates", "Morning briefing"), and a
// link alone would merge every item of feeds that point all items at their home page; a
// wrong match suppresses an alert for good, while a missing key costs at most a repeat alert
// after guid churn.
// `canonical_link` must already be canonical (core::canonical_url); the title is compared
// ASCII-case-insensitively with runs of whitespace collapsed and ends trimmed.
std::string secondary_key(std::string_view canonical_link, std::string_view title);

// The title form that secondary_key hashes (exposed for tests and diagnostics).
std::string normalize_title_for_key(std::string_view title);

}  // namespace feedsentry::store
