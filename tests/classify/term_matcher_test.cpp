#include "classify/term_matcher.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <stdexcept>
#include <string>
#include <thread>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "classify/text_normalizer.h"
#include "core/utf8.h"

namespace feedsentry::classify {
namespace {

std::vector<TermHit> find(const TermMatcher& matcher, std::string_view raw) {
  std::vector<TermHit> hits;
  matcher.find_all(normalize(raw), hits);
  return hits;
}

std::vector<std::uint32_t> ids(const TermMatcher& matcher, std::string_view raw) {
  std::vector<std::uint32_t> result;
  for (const TermHit& hit : find(matcher, raw)) result.push_back(hit.id);
  return result;
}

using Ids = std::vector<std::uint32_t>;

TEST(TermMatcher, MatchesWholeWordsOnly) {
  const TermMatcher matcher = TermMatcher::compile({{"korea", 1}, {"sanction", 2}});
  EXPECT_EQ(ids(matcher, "korea"), Ids{1});
  EXPECT_EQ(ids(matcher, "South Korea, again"), Ids{1});
  EXPECT_EQ(ids(matcher, "Koreans"), Ids{});
  EXPECT_EQ(ids(matcher, "desanctioned"), Ids{});
  EXPECT_EQ(ids(matcher, "sanctioned"), Ids{});
  EXPECT_EQ(ids(matcher, "korea's sanction-busting"), (Ids{1, 2}));
}

TEST(TermMatcher, CyrillicWordBoundaries) {
  const TermMatcher matcher = TermMatcher::compile({{"санкции", 7}});
  EXPECT_EQ(ids(matcher, "новые санкции против"), Ids{7});
  EXPECT_EQ(ids(matcher, "антисанкции"), Ids{});
  EXPECT_EQ(ids(matcher, "санкциями"), Ids{});
}

TEST(TermMatcher, PrefixStarMatchesSuffixes) {
  const TermMatcher matcher =
      TermMatcher::compile({{"sanction*", 1}, {"санкци*", 2}, {"korea*", 3}, {"hwasong-*", 4}});
  EXPECT_EQ(ids(matcher, "sanctioned"), Ids{1});
  EXPECT_EQ(ids(matcher, "sanction"), Ids{1});
  EXPECT_EQ(ids(matcher, "Санкциями"), Ids{2});
  EXPECT_EQ(ids(matcher, "Koreans"), Ids{3});
  EXPECT_EQ(ids(matcher, "Hwasong-17"), Ids{4});
  EXPECT_EQ(ids(matcher, "desanctioned"), Ids{});  // the start still needs a boundary
}

TEST(TermMatcher, HangulTermsAcceptParticles) {
  const TermMatcher matcher = TermMatcher::compile({{"북한", 5}});
  EXPECT_EQ(ids(matcher, "북한의 미사일"), Ids{5});
  EXPECT_EQ(ids(matcher, "북한은 발사했다"), Ids{5});
  EXPECT_EQ(ids(matcher, "북한"), Ids{5});
  EXPECT_EQ(ids(matcher, "남북한"), Ids{});  // start must still be a word boundary
}

TEST(TermMatcher, MultiWordTermsMatchAcrossWhitespaceRuns) {
  const TermMatcher matcher = TermMatcher::compile({{"Kim  Jong Un", 9}});
  EXPECT_EQ(ids(matcher, "KIM\nJONG\xC2\xA0\xC2\xA0un said"), Ids{9});
  EXPECT_EQ(ids(matcher, "kim jong  un"), Ids{9});
  EXPECT_EQ(ids(matcher, "kim jong-un"), Ids{});  // '-' is literal
}

TEST(TermMatcher, IsCaseInsensitive) {
  const TermMatcher matcher = TermMatcher::compile({{"North Korea", 1}, {"КНДР", 2}});
  EXPECT_EQ(ids(matcher, "NORTH KOREA"), Ids{1});
  EXPECT_EQ(ids(matcher, "north korea"), Ids{1});
  EXPECT_EQ(ids(matcher, "кндр"), Ids{2});
}

TEST(TermMatcher, FoldsYoInTermsAndText) {
  const TermMatcher matcher = TermMatcher::compile({{"ракетный удар", 1}, {"объём*", 2}});
  EXPECT_EQ(ids(matcher, "Ракетный удар"), Ids{1});
  EXPECT_EQ(ids(matcher, "объемы"), Ids{2});
  EXPECT_EQ(ids(matcher, "ОБЪЁМЫ"), Ids{2});
}

TEST(TermMatcher, TypographicVariantsMatchPlainTerms) {
  const TermMatcher matcher = TermMatcher::compile({{"hwasong-*", 1}, {"korea's", 2}});
  EXPECT_EQ(ids(matcher,
                "Hwasong\xE2\x80\x91"
                "17"),
            Ids{1});  // non-breaking hyphen
  EXPECT_EQ(ids(matcher,
                "Hwasong\xE2\x80\x93"
                "17"),
            Ids{1});  // en dash
  EXPECT_EQ(ids(matcher, "Korea’s launch"), Ids{2});
  EXPECT_EQ(ids(matcher, "hwa\xC2\xADsong-17"), Ids{1});  // soft hyphen inside the word
}

TEST(TermMatcher, MatchesSingleCharacterTerms) {
  const TermMatcher matcher = TermMatcher::compile({{"a", 1}, {"я", 2}, {"북", 3}});
  EXPECT_EQ(ids(matcher, "a b я 북한 ab ая"), (Ids{1, 2, 3}));
  EXPECT_EQ(ids(matcher, "a"), Ids{1});
}

TEST(TermMatcher, ReportsOverlappingTerms) {
  const TermMatcher matcher = TermMatcher::compile({{"north korea", 1}, {"korea", 2}});
  const std::vector<TermHit> hits = find(matcher, "North Korea fired");
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_EQ(hits[0], (TermHit{1, 0, 11}));
  EXPECT_EQ(hits[1], (TermHit{2, 6, 11}));
}

TEST(TermMatcher, ReportsDuplicateStringsUnderEachId) {
  const TermMatcher matcher =
      TermMatcher::compile({{"missile", 3}, {"Missile", 8}, {"missile*", 11}});
  EXPECT_EQ(ids(matcher, "a missile"), (Ids{3, 8, 11}));
  EXPECT_EQ(ids(matcher, "missiles"), Ids{11});
  EXPECT_EQ(matcher.term_count(), 3u);
}

TEST(TermMatcher, HitsAreOrderedByEnd) {
  const TermMatcher matcher = TermMatcher::compile({{"b", 2}, {"a b c", 3}, {"a", 1}});
  const std::vector<TermHit> hits = find(matcher, "a b c");
  ASSERT_EQ(hits.size(), 3u);
  EXPECT_EQ(hits[0].id, 1u);
  EXPECT_EQ(hits[1].id, 2u);
  EXPECT_EQ(hits[2].id, 3u);
}

TEST(TermMatcher, SpansMapBackToOriginalBytes) {
  const TermMatcher matcher = TermMatcher::compile({{"санкции против КНДР", 1}, {"Пхеньян", 2}});
  const std::string input = "Новые  САНКЦИИ\nпротив  КНДР; ПХЕНЬЯН ответил";
  const NormalizedText text = normalize(input);
  std::vector<TermHit> hits;
  matcher.find_all(text, hits);
  ASSERT_EQ(hits.size(), 2u);
  const OriginalSpan first = text.original_span(hits[0].begin, hits[0].end);
  EXPECT_EQ(input.substr(first.begin, first.end - first.begin), "САНКЦИИ\nпротив  КНДР");
  const OriginalSpan second = text.original_span(hits[1].begin, hits[1].end);
  EXPECT_EQ(input.substr(second.begin, second.end - second.begin), "ПХЕНЬЯН");
}

TEST(TermMatcher, EmptyTextHasNoHits) {
  const TermMatcher matcher = TermMatcher::compile({{"korea", 1}});
  EXPECT_TRUE(find(matcher, "").empty());
  EXPECT_TRUE(find(matcher, " \n ").empty());
}

TEST(TermMatcher, EmptyTermListMatchesNothing) {
  const TermMatcher matcher = TermMatcher::compile({});
  EXPECT_TRUE(find(matcher, "north korea").empty());
  EXPECT_TRUE(find(TermMatcher(), "north korea").empty());
}

TEST(TermMatcher, RejectsInvalidTermsNamingThem) {
  const auto message = [](const std::vector<TermSpec>& terms) -> std::string {
    try {
      TermMatcher::compile(terms);
    } catch (const std::invalid_argument& error) {
      return error.what();
    }
    return "";
  };
  EXPECT_NE(message({{"ok", 1}, {"  ", 42}}).find("id 42"), std::string::npos);
  EXPECT_NE(message({{"*", 1}}).find("empty"), std::string::npos);
  EXPECT_NE(message({{"korea *", 1}}).find("'*'"), std::string::npos);
  EXPECT_NE(message({{"ko*rea", 1}}).find("\"ko*rea\""), std::string::npos);
  EXPECT_NE(message({{"bad\xFF", 1}}).find("UTF-8"), std::string::npos);
}

TEST(TermMatcher, ConcurrentScansShareOneMatcher) {
  const TermMatcher matcher = TermMatcher::compile({{"north korea", 1}, {"санкци*", 2}});
  const std::string input = "North Korea: новые санкции. ";
  std::string text;
  for (int k = 0; k < 200; ++k) text += input;
  std::vector<std::size_t> counts(4);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < counts.size(); ++t) {
    threads.emplace_back([&, t] {
      Normalizer normalizer;
      std::vector<TermHit> hits;
      for (int round = 0; round < 50; ++round) {
        hits.clear();
        matcher.find_all(normalizer.normalize(text), hits);
        counts[t] += hits.size();
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (std::size_t count : counts) EXPECT_EQ(count, 50u * 400);
}

struct PlainTerm {
  std::string key;  // already normalized
  std::uint32_t id = 0;
  bool prefix = false;
};

// Brute force over the normalized text with the documented rules.
std::vector<TermHit> naive_find(const std::vector<PlainTerm>& terms, std::string_view text) {
  std::unordered_multimap<std::string_view, const PlainTerm*> by_key;
  std::size_t longest = 0;
  for (const PlainTerm& term : terms) {
    by_key.emplace(term.key, &term);
    longest = std::max(longest, term.key.size());
  }
  const auto word_at = [&](std::size_t pos) {
    if (pos >= text.size()) return false;
    return is_word_char(core::next_code_point(text, pos));
  };
  const auto word_before = [&](std::size_t pos) {
    if (pos == 0) return false;
    do --pos;
    while ((static_cast<unsigned char>(text[pos]) & 0xC0) == 0x80);
    return word_at(pos);
  };
  std::vector<TermHit> hits;
  for (std::size_t begin = 0; begin < text.size(); ++begin) {
    if ((static_cast<unsigned char>(text[begin]) & 0xC0) == 0x80 || word_before(begin)) continue;
    for (std::size_t length = 1; length <= longest && begin + length <= text.size(); ++length) {
      const auto [first, last] = by_key.equal_range(text.substr(begin, length));
      for (auto it = first; it != last; ++it) {
        if (!it->second->prefix && word_at(begin + length)) continue;
        hits.push_back(TermHit{it->second->id, begin, begin + length});
      }
    }
  }
  return hits;
}

TEST(TermMatcher, ThirtyThousandRandomTermsMatchLikeBruteForce) {
  std::mt19937 random(1234);
  // Few, mixed pieces so that terms overlap, nest and meet every kind of boundary.
  const std::vector<std::string> pieces = {"a", "b", "c", "d", "e", "1",  "_",  "а", "б",
                                           "в", "-", "'", "«", "»", "북", "한", "é", "."};
  const auto random_string = [&](std::size_t length) {
    std::string text;
    for (std::size_t k = 0; k < length; ++k) text += pieces[random() % pieces.size()];
    return text;
  };
  std::vector<TermSpec> specs;
  std::vector<PlainTerm> plain;
  for (std::uint32_t id = 0; id < 30000; ++id) {
    std::string key = random_string(2 + random() % 5);
    if (random() % 5 == 0) key.append(" ").append(random_string(1 + random() % 3));
    const bool star = random() % 4 == 0;
    specs.push_back(TermSpec{star ? key + "*" : key, id});
    const bool hangul_end = key.size() >= 3 && (key.ends_with("북") || key.ends_with("한"));
    plain.push_back(PlainTerm{key, id, star || hangul_end});
  }
  const TermMatcher matcher = TermMatcher::compile(specs);
  EXPECT_EQ(matcher.term_count(), 30000u);

  std::string text;
  for (int word = 0; word < 4000; ++word) text += random_string(1 + random() % 6) + " ";
  const NormalizedText normalized = normalize(text);
  ASSERT_EQ(normalized.text(), text);
  std::vector<TermHit> hits;
  matcher.find_all(normalized, hits);
  EXPECT_TRUE(std::is_sorted(hits.begin(), hits.end(),
                             [](const TermHit& a, const TermHit& b) { return a.end < b.end; }));
  std::vector<TermHit> expected = naive_find(plain, normalized.text());
  const auto order = [](const TermHit& a, const TermHit& b) {
    return std::tie(a.end, a.begin, a.id) < std::tie(b.end, b.begin, b.id);
  };
  std::sort(hits.begin(), hits.end(), order);
  std::sort(expected.begin(), expected.end(), order);
  EXPECT_GT(expected.size(), 1000u);
  EXPECT_EQ(hits, expected);
}

TEST(TermMatcher, MatchesAfterPunctuationInsideTerms) {
  const TermMatcher matcher = TermMatcher::compile({{"anti-sanction*", 1}, {"sanction*", 2}});
  EXPECT_EQ(ids(matcher, "anti-sanctions"), (Ids{1, 2}));
  EXPECT_EQ(ids(matcher, "«санкции» anti-sanctions"), (Ids{1, 2}));
  EXPECT_EQ(ids(matcher, "antisanctions"), Ids{});
}

}  // namespace
}  // namespace feedsentry::classify
