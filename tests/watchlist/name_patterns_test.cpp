#include "watchlist/name_patterns.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "watchlist/stopwords.h"

namespace feedsentry::watchlist {
namespace {

SdnEntry make_entry(std::string name, PartyType type, std::vector<std::string> aliases = {}) {
  SdnEntry entry;
  entry.number = 1;
  entry.name = std::move(name);
  entry.type = type;
  entry.programs = {"DPRK3"};
  for (std::string& alias : aliases) entry.aliases.push_back({2, "aka", std::move(alias), false});
  return entry;
}

std::vector<std::string> patterns_of(const SdnEntry& entry) {
  const BuiltPatterns built = build_patterns({&entry});
  std::vector<std::string> texts;
  for (const classify::WatchlistPattern& pattern : built.terms.patterns) {
    texts.push_back(pattern.text);
  }
  return texts;
}

bool has(const std::vector<std::string>& texts, std::string_view text) {
  return std::find(texts.begin(), texts.end(), text) != texts.end();
}

TEST(NamePatterns, TokensAreFoldedWithoutPunctuation) {
  EXPECT_EQ(name_tokens("KOZLOV, Sergei"), (std::vector<std::string>{"kozlov", "sergei"}));
  EXPECT_EQ(name_tokens("OOO \"TORGOVY DOM\""),
            (std::vector<std::string>{"ooo", "torgovy", "dom"}));
  EXPECT_EQ(name_tokens("Jin-Yong"), std::vector<std::string>{"jin-yong"});
  EXPECT_EQ(name_tokens("KOREA L.L.C."), (std::vector<std::string>{"korea", "llc"}));
  EXPECT_EQ(name_tokens("ST.PETERSBURG CO., LTD."),
            (std::vector<std::string>{"st", "petersburg", "co", "ltd"}));
  EXPECT_EQ(name_tokens("Сергей Козлов"), (std::vector<std::string>{"сергей", "козлов"}));
}

TEST(NamePatterns, IndividualMatchesInBothOrdersWithAndWithoutMiddleName) {
  const auto texts = patterns_of(make_entry("KOROBOV, Igor Valentinovich", PartyType::kIndividual));
  EXPECT_TRUE(has(texts, "igor korobov"));
  EXPECT_TRUE(has(texts, "igor valentinovich korobov"));
  EXPECT_TRUE(has(texts, "korobov igor"));
  EXPECT_TRUE(has(texts, "korobov igor valentinovich"));
  EXPECT_FALSE(has(texts, "korobov"));  // never the surname alone
}

TEST(NamePatterns, KoreanGivenNameStaysWholeAndMayBeHyphenated) {
  const auto texts = patterns_of(make_entry("JON, Jin Yong", PartyType::kIndividual));
  EXPECT_TRUE(has(texts, "jon jin yong"));
  EXPECT_TRUE(has(texts, "jin yong jon"));
  EXPECT_TRUE(has(texts, "jon jin-yong"));
  EXPECT_TRUE(has(texts, "jon jinyong"));
  EXPECT_FALSE(has(texts, "jon jin"));  // half a given name is someone else
}

TEST(NamePatterns, LegalFormsAreOptional) {
  const auto texts = patterns_of(make_entry("INTELLEKT LLC", PartyType::kEntity));
  EXPECT_TRUE(has(texts, "intellekt llc"));
  EXPECT_TRUE(has(texts, "intellekt"));
  const auto long_form = patterns_of(
      make_entry("OBSHCHESTVO S OGRANICHENNOI OTVETSTVENNOSTYU INTELLEKT", PartyType::kEntity));
  EXPECT_TRUE(has(long_form, "intellekt"));
}

TEST(NamePatterns, DiacriticsAreStrippedAsAnExtraForm) {
  const auto texts = patterns_of(make_entry("MÜLLER, Jürgen", PartyType::kIndividual));
  EXPECT_TRUE(has(texts, "jürgen müller"));
  EXPECT_TRUE(has(texts, "jurgen muller"));
}

TEST(NamePatterns, OneWordEntityNeedsSixLettersAndNoCommonWord) {
  EXPECT_TRUE(is_common_word("harmony"));
  EXPECT_FALSE(is_common_word("intellekt"));
  const SdnEntry harmony = make_entry("HARMONY", PartyType::kEntity);
  const BuiltPatterns common = build_patterns({&harmony});
  EXPECT_TRUE(common.terms.patterns.empty());
  EXPECT_EQ(common.stats.dropped.entity_common_word, 1u);
  const SdnEntry short_name = make_entry("KAMAZ", PartyType::kEntity);
  const BuiltPatterns short_built = build_patterns({&short_name});
  EXPECT_TRUE(short_built.terms.patterns.empty());
  EXPECT_EQ(short_built.stats.dropped.entity_short_token, 1u);
  ASSERT_EQ(short_built.dropped.size(), 1u);
  EXPECT_NE(short_built.dropped[0].reason.find("6 letters"), std::string::npos);
}

TEST(NamePatterns, CommonWordsNameKeepsOnlyItsLegalForms) {
  const auto texts = patterns_of(make_entry("GLOBAL TRADING LIMITED", PartyType::kEntity));
  EXPECT_TRUE(has(texts, "global trading limited"));
  EXPECT_FALSE(has(texts, "global trading"));
}

TEST(NamePatterns, VesselsNeedACueAndBringTheirImoNumber) {
  SdnEntry vessel = make_entry("CHONG CHON GANG", PartyType::kVessel);
  vessel.imo_numbers = {"7937317"};
  const BuiltPatterns built = build_patterns({&vessel});
  ASSERT_FALSE(built.terms.patterns.empty());
  for (const classify::WatchlistPattern& pattern : built.terms.patterns) {
    EXPECT_EQ(pattern.cue_set, 0) << pattern.text;
    EXPECT_EQ(built.terms.cue_sets[0].name, "vessel");
  }
  EXPECT_EQ(built.stats.imo_patterns, 1u);
}

TEST(NamePatterns, DisplayNameTitleCasesCapitalisedEntities) {
  EXPECT_EQ(display_name(make_entry("INTELLEKT LLC", PartyType::kEntity)), "Intellekt LLC");
  EXPECT_EQ(display_name(make_entry("OOO INTELLEKT", PartyType::kEntity)), "OOO Intellekt");
  EXPECT_EQ(
      display_name(make_entry("FOREIGN TRADE BANK OF THE DEMOCRATIC PEOPLE'S REPUBLIC OF KOREA",
                              PartyType::kEntity)),
      "Foreign Trade Bank of the Democratic People's Republic of Korea");
  EXPECT_EQ(display_name(make_entry("KOZLOV, Sergei", PartyType::kIndividual)), "KOZLOV, Sergei");
}

}  // namespace
}  // namespace feedsentry::watchlist
