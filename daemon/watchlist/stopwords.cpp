#include "watchlist/stopwords.h"

#include <string>
#include <unordered_set>

namespace feedsentry::watchlist {

extern const std::string_view kStopwordText;  // generated from config/watchlist-stopwords.txt

namespace {

const std::unordered_set<std::string_view>& stopwords() {
  static const std::unordered_set<std::string_view> words = [] {
    std::unordered_set<std::string_view> set;
    std::string_view text = kStopwordText;
    while (!text.empty()) {
      const std::size_t end = text.find('\n');
      std::string_view word = text.substr(0, end);
      if (!word.empty() && word.back() == '\r') word.remove_suffix(1);
      if (!word.empty() && word.front() != '#') set.insert(word);
      if (end == std::string_view::npos) break;
      text.remove_prefix(end + 1);
    }
    return set;
  }();
  return words;
}

}  // namespace

bool is_common_word(std::string_view word) {
  return stopwords().contains(word);
}

std::size_t common_word_count() {
  return stopwords().size();
}

}  // namespace feedsentry::watchlist
