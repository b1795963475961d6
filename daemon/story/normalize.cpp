#include "story/normalize.h"

#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <unordered_map>
#include <unordered_set>

#include "core/utf8.h"

namespace feedsentry::story {
namespace {

// A stem keeps this many code points: long enough to tell words apart, short enough to
// join inflections ("korea"/"korean", "ukraine"/"ukrainian", Polish case endings).
constexpr std::size_t kStemLength = 5;
constexpr std::size_t kMaxPublisherWords = 4;
constexpr std::size_t kMaxPublisherBytes = 40;

const std::unordered_set<std::string_view>& stop_words() {
  static const std::unordered_set<std::string_view> kWords = {
      // English
      "a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "for", "from", "by",
      "with", "as", "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "it",
      "its", "this", "that", "these", "those", "he", "she", "they", "them", "his", "her", "their",
      "we", "our", "you", "your", "i", "not", "no", "will", "would", "can", "could", "may", "might",
      "should", "after", "before", "over", "under", "into", "onto", "about", "against", "between",
      "during", "than", "then", "so", "if", "says", "said", "say", "new", "also", "more", "most",
      "up", "out", "off", "near", "amid", "via", "who", "what", "when", "where", "which", "why",
      "how", "all", "any", "some", "just", "one",
      // Polish
      "w", "z", "i", "o", "na", "do", "się", "że", "to", "nie", "jest", "od", "po", "za", "co",
      "jak", "czy", "dla", "przez", "oraz", "ze", "ale",
      // Russian
      "в", "на", "и", "не", "с", "по", "к", "о", "из", "за", "от", "у", "что", "как", "это", "для"};
  return kWords;
}

// Counts and ordinals as digits, so "fires three missiles" and "fires 3 missiles" agree.
const std::unordered_map<std::string_view, std::string_view>& number_words() {
  static const std::unordered_map<std::string_view, std::string_view> kNumbers = {
      {"two", "2"},
      {"three", "3"},
      {"four", "4"},
      {"five", "5"},
      {"six", "6"},
      {"seven", "7"},
      {"eight", "8"},
      {"nine", "9"},
      {"ten", "10"},
      {"eleven", "11"},
      {"twelve", "12"},
      {"dozen", "12"},
      {"twenty", "20"},
      {"hundred", "100"},
      {"thousand", "1000"},
      {"million", "1000000"},
      {"billion", "1000000000"},
      {"second", "2nd"},
      {"third", "3rd"},
      {"fourth", "4th"},
      {"fifth", "5th"},
      {"sixth", "6th"},
      {"seventh", "7th"}};
  return kNumbers;
}

// Headline writers vary the verb of the same event ("fires", "launches", "test-fires";
// "earthquake", "quake", "temblor"), so these share one token.
const std::unordered_map<std::string_view, std::string_view>& event_synonyms() {
  static const std::unordered_map<std::string_view, std::string_view> kSynonyms = {
      {"fire", "launch"},       {"fires", "launch"},      {"fired", "launch"},
      {"firing", "launch"},     {"launch", "launch"},     {"launches", "launch"},
      {"launched", "launch"},   {"launching", "launch"},  {"test-fire", "launch"},
      {"test-fires", "launch"}, {"test-fired", "launch"}, {"earthquake", "quake"},
      {"earthquakes", "quake"}, {"quake", "quake"},       {"quakes", "quake"},
      {"temblor", "quake"},     {"temblors", "quake"},    {"intercontinental", "icbm"},
      {"icbm", "icbm"},         {"icbms", "icbm"},        {"kill", "kill"},
      {"kills", "kill"},        {"killed", "kill"},       {"killing", "kill"},
      {"dead", "kill"},         {"dies", "kill"},         {"died", "kill"},
      {"death", "kill"},        {"deaths", "kill"}};
  return kSynonyms;
}

bool is_letter(char32_t cp) {
  switch (utf8proc_category(static_cast<utf8proc_int32_t>(cp))) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
      return true;
    default:
      return false;
  }
}

bool is_digit(char32_t cp) {
  return utf8proc_category(static_cast<utf8proc_int32_t>(cp)) == UTF8PROC_CATEGORY_ND;
}

bool is_upper_or_digit(char32_t cp) {
  const auto category = utf8proc_category(static_cast<utf8proc_int32_t>(cp));
  return category == UTF8PROC_CATEGORY_LU || category == UTF8PROC_CATEGORY_LT ||
         category == UTF8PROC_CATEGORY_ND;
}

bool is_number_separator(char32_t cp) {
  return cp == '.' || cp == ',' || cp == ':' || cp == '/' || cp == '-';
}

// NFKC, full case folding and combining marks removed ("Zürich" -> "zurich"); invalid
// UTF-8 is replaced first so utf8proc never rejects the text.
std::u32string fold(std::string_view text) {
  const std::string valid = core::sanitize_utf8(text);
  utf8proc_uint8_t* folded = nullptr;
  const auto options =
      static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_COMPOSE |
                                     UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK | UTF8PROC_IGNORE);
  const utf8proc_ssize_t length =
      utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(valid.data()),
                   static_cast<utf8proc_ssize_t>(valid.size()), &folded, options);
  std::u32string out;
  if (length < 0) return out;
  const std::string_view bytes(reinterpret_cast<const char*>(folded),
                               static_cast<std::size_t>(length));
  for (std::size_t pos = 0; pos < bytes.size();) out.push_back(core::next_code_point(bytes, pos));
  std::free(folded);
  return out;
}

std::string to_utf8(std::u32string_view code_points) {
  std::string out;
  for (const char32_t cp : code_points) core::append_utf8(out, cp);
  return out;
}

// "missiles" -> "missi", "launched" -> "launc"; tokens with digits stay whole.
std::string stem(std::u32string word) {
  static constexpr std::array<std::u32string_view, 4> kSuffixes = {U"ing", U"ed", U"es", U"s"};
  for (const std::u32string_view suffix : kSuffixes) {
    if (word.size() >= suffix.size() + 3 && word.ends_with(suffix)) {
      word.resize(word.size() - suffix.size());
      break;
    }
  }
  if (word.size() > kStemLength) word.resize(kStemLength);
  return to_utf8(word);
}

bool is_calendar_date(std::u32string_view number) {
  std::size_t parts = 1;
  std::size_t digits = 0;
  bool has_year = false;
  for (const char32_t cp : number) {
    if (is_number_separator(cp)) {
      has_year = has_year || digits == 4;
      digits = 0;
      ++parts;
    } else {
      ++digits;
    }
  }
  has_year = has_year || digits == 4;
  return parts == 3 && has_year;
}

void add_word(std::u32string_view word, StoryTokens& tokens) {
  const std::string utf8 = to_utf8(word);
  if (const auto synonym = event_synonyms().find(utf8); synonym != event_synonyms().end()) {
    tokens.words.emplace_back(synonym->second);
    return;
  }
  if (const auto number = number_words().find(utf8); number != number_words().end()) {
    tokens.words.emplace_back(number->second);
    return;
  }
  if (word.size() < 2 || stop_words().contains(utf8)) return;
  tokens.words.push_back(stem(std::u32string(word)));
}

// A hyphenated compound is looked up whole ("test-fires"), otherwise word by word.
void add_compound(std::u32string_view compound, StoryTokens& tokens) {
  if (event_synonyms().contains(to_utf8(compound))) {
    add_word(compound, tokens);
    return;
  }
  std::size_t start = 0;
  while (start <= compound.size()) {
    const std::size_t hyphen = std::min(compound.find(U'-', start), compound.size());
    add_word(compound.substr(start, hyphen - start), tokens);
    start = hyphen + 1;
  }
}

}  // namespace

std::string strip_publisher_suffix(std::string_view title) {
  static constexpr std::array<std::string_view, 5> kSeparators = {" - ", " | ", " – ", " — ",
                                                                  " : "};
  std::string_view rest = title;
  while (!rest.empty() && (rest.back() == ' ' || rest.back() == '\t')) rest.remove_suffix(1);
  for (int round = 0; round < 2; ++round) {  // "Title - Section - Publisher"
    std::size_t cut = std::string_view::npos;
    std::size_t separator_size = 0;
    for (const std::string_view separator : kSeparators) {
      const std::size_t found = rest.rfind(separator);
      if (found != std::string_view::npos && (cut == std::string_view::npos || found > cut)) {
        cut = found, separator_size = separator.size();
      }
    }
    if (cut == std::string_view::npos || cut == 0) break;
    std::string_view tail = rest.substr(cut + separator_size);
    while (!tail.empty() && tail.front() == ' ') tail.remove_prefix(1);
    if (tail.empty() || tail.size() > kMaxPublisherBytes) break;
    std::size_t words = 0;
    bool capitalised = true;
    for (std::size_t pos = 0; pos < tail.size();) {
      if (tail[pos] == ' ') {
        ++pos;
        continue;
      }
      ++words;
      capitalised = capitalised && is_upper_or_digit(core::next_code_point(tail, pos));
      while (pos < tail.size() && tail[pos] != ' ') ++pos;
    }
    if (words > kMaxPublisherWords || !capitalised) break;
    rest = rest.substr(0, cut);
    while (!rest.empty() && rest.back() == ' ') rest.remove_suffix(1);
  }
  return std::string(rest);
}

StoryTokens story_tokens(std::string_view text) {
  const std::u32string folded = fold(text);
  StoryTokens tokens;
  const std::size_t size = folded.size();
  std::size_t pos = 0;
  while (pos < size) {
    const char32_t cp = folded[pos];
    if (is_digit(cp)) {  // 10,000 / 5.327 / 02.10.2023 stay one token
      std::size_t end = pos;
      while (end < size &&
             (is_digit(folded[end]) || (is_number_separator(folded[end]) && end + 1 < size &&
                                        is_digit(folded[end + 1]) && end > pos))) {
        ++end;
      }
      const std::u32string_view number(folded.data() + pos, end - pos);
      if (is_calendar_date(number)) tokens.dates.push_back(to_utf8(number));
      tokens.words.push_back(to_utf8(number));
      pos = end;
    } else if (is_letter(cp)) {
      std::size_t end = pos;
      while (end < size && (is_letter(folded[end]) || (folded[end] == U'-' && end + 1 < size &&
                                                       is_letter(folded[end + 1])))) {
        ++end;
      }
      // "u.s." and "u.n." are one word, not stray letters.
      if (end == pos + 1 && end + 2 < size && folded[end] == U'.' && is_letter(folded[end + 1]) &&
          folded[end + 2] == U'.') {
        std::u32string acronym;
        while (pos + 1 < size && is_letter(folded[pos]) && folded[pos + 1] == U'.') {
          acronym.push_back(folded[pos]);
          pos += 2;
        }
        add_word(acronym, tokens);
        continue;
      }
      add_compound(std::u32string_view(folded.data() + pos, end - pos), tokens);
      pos = end;
    } else {
      ++pos;
    }
  }
  return tokens;
}

}  // namespace feedsentry::story
