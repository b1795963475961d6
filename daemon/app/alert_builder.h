#pragma once
// Turns a matched item (poll::Match) into the alert model: headline, link, source, times, a
// plain-text excerpt of at most 300 characters, topics by score with the words that fired,
// the countries, and the SDN-listed parties the watch list found (each once). Pure.
#include <string>
#include <string_view>

#include "alert/alert.h"
#include "poll/match.h"

namespace feedsentry::app {

inline constexpr std::size_t kExcerptCharacters = 300;

// At most `max_characters` code points of `text` (whitespace collapsed), cut at a word
// boundary when one is near, with "…" appended when cut.
std::string excerpt(std::string_view text, std::size_t max_characters = kExcerptCharacters);

// Headlines longer than this (real ones are under 200) are cut with "…".
inline constexpr std::size_t kHeadlineCharacters = 500;

alert::Alert build_alert(const poll::Match& match);

}  // namespace feedsentry::app
