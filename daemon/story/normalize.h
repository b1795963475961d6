#pragma once
// Text normalization for story grouping: publisher suffixes stripped from titles, then
// Unicode case folding, accent stripping and tokenization into light stems, with number
// words as digits and stop-words dropped, so that rewritten and syndicated headlines of
// one event share tokens. Pure functions; results own their strings.
#include <string>
#include <string_view>
#include <vector>

namespace feedsentry::story {

// "Title - Reuters", "Title | CNN", "Title     - CNET" -> "Title". A trailing segment
// counts as a publisher when it has at most four words, each capitalised or a number, so a
// lower-case tail ("... 'vanish' - rights group") is kept.
std::string strip_publisher_suffix(std::string_view title);

struct StoryTokens {
  std::vector<std::string> words;  // stems in text order; may repeat
  std::vector<std::string> dates;  // full calendar dates written in the text ("02.10.2023")
};

// Case-folded (Unicode), accents removed, split on anything but letters and digits;
// "U.S." -> "us"; numbers keep their inner separators ("5.327", "10,000"); number words
// become digits ("three" -> "3"); a few event verbs share one stem ("fires"/"launched" ->
// "launch"); stop-words and single letters dropped; words stemmed by dropping a plural or
// tense suffix and keeping the first five letters ("missiles" -> "missi").
StoryTokens story_tokens(std::string_view text);

}  // namespace feedsentry::story
