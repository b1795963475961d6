#pragma once
// The stop list of the single-token entity guard: common English words of 6+ letters
// (config/watchlist-stopwords.txt, compiled in), folded to lower case. Immutable.
#include <string_view>

namespace feedsentry::watchlist {

// `word` in lower case, as name_tokens() yields it.
bool is_common_word(std::string_view word);
std::size_t common_word_count();

}  // namespace feedsentry::watchlist
