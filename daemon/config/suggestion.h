#pragma once
// "Did you mean …?" for misspelt keys and values: the closest candidate by edit distance.
#include <cstddef>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace feedsentry::config {

// Levenshtein distance (insertions, deletions, substitutions), byte-wise.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate nearest to `word` if it is within `max_distance` edits; the first wins a tie.
std::optional<std::string> closest_match(std::string_view word,
                                         std::initializer_list<std::string_view> candidates,
                                         std::size_t max_distance = 2);
std::optional<std::string> closest_match(std::string_view word,
                                         std::span<const std::string_view> candidates,
                                         std::size_t max_distance = 2);

}  // namespace feedsentry::config
