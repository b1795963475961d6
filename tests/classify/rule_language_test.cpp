// One test per rule-language feature, on small in-memory rule files.
#include <gtest/gtest.h>

#include "classifier_test_support.h"

namespace feedsentry::classify {
namespace {

using testing::classify_item;
using testing::compile_yaml;
using testing::find_topic;
using testing::matches;

TEST(RuleLanguage, LexiconReferenceMatchesAnyOfItsTerms) {
  const Classifier c = compile_yaml(R"(
lexicons:
  animals: [cat, dog]
topics:
  - id: pets
    match: animals
)");
  EXPECT_TRUE(matches(c, "A dog barked"));
  EXPECT_TRUE(matches(c, "The CAT sat"));
  EXPECT_FALSE(matches(c, "A bird sang"));
}

TEST(RuleLanguage, TrailingStarMatchesSuffixes) {
  const Classifier c = compile_yaml(R"(
lexicons:
  s: [sanction*]
topics:
  - id: t
    match: s
)");
  EXPECT_TRUE(matches(c, "New sanctions"));
  EXPECT_TRUE(matches(c, "Treasury sanctioned three men"));
  EXPECT_TRUE(matches(c, "sanction"));
}

TEST(RuleLanguage, InlineTermsAndPhrase) {
  const Classifier c = compile_yaml(R"(
topics:
  - id: t
    match:
      all:
        - terms: [price cap, embargo]
        - phrase: Russian oil
)");
  EXPECT_TRUE(matches(c, "G7 agrees price cap on Russian oil"));
  EXPECT_FALSE(matches(c, "G7 agrees price cap on Saudi oil"));
  EXPECT_FALSE(matches(c, "Russian oil exports rise"));
}

TEST(RuleLanguage, AllRequiresEveryChild) {
  const Classifier c = compile_yaml(R"(
lexicons:
  a: [alpha]
  b: [beta]
topics:
  - id: t
    match:
      all: [a, b]
)");
  EXPECT_TRUE(matches(c, "alpha and beta"));
  EXPECT_FALSE(matches(c, "alpha alone"));
}

TEST(RuleLanguage, AnyAndBareListAreEquivalent) {
  const Classifier c = compile_yaml(R"(
lexicons:
  a: [alpha]
  b: [beta]
topics:
  - id: listed
    match: [a, b]
  - id: explicit
    match:
      any: [a, b]
)");
  const Classification result = classify_item(c, "beta only");
  EXPECT_NE(find_topic(result, "listed"), nullptr);
  EXPECT_NE(find_topic(result, "explicit"), nullptr);
}

TEST(RuleLanguage, NotVetoes) {
  const Classifier c = compile_yaml(R"(
lexicons:
  s: [sanction*]
  sport: [FIFA, UEFA]
topics:
  - id: t
    match:
      all: [s, not: sport]
)");
  EXPECT_TRUE(matches(c, "EU sanctions"));
  EXPECT_FALSE(matches(c, "FIFA sanctions club"));
}

TEST(RuleLanguage, UnlessIsSugarForAVeto) {
  const Classifier c = compile_yaml(R"(
lexicons:
  s: [sanction*]
  sport: [FIFA]
topics:
  - id: t
    match: s
    unless: [sport]
)");
  EXPECT_TRUE(matches(c, "EU sanctions"));
  EXPECT_FALSE(matches(c, "FIFA sanctions club"));
}

TEST(RuleLanguage, NearCountsWordsInEitherOrder) {
  const Classifier c = compile_yaml(R"(
lexicons:
  s: [sanction*]
  target: [North Korea]
topics:
  - id: t
    match:
      near: [s, target]
      within: 3
)");
  EXPECT_TRUE(matches(c, "sanctions on North Korea"));           // distance 2
  EXPECT_TRUE(matches(c, "North Korea faces sanctions"));        // reversed, distance 3
  EXPECT_FALSE(matches(c, "North Korea hit by new sanctions"));  // distance 5
  EXPECT_FALSE(
      matches(c, "sanctions were discussed at length before anyone mentioned North Korea"));
}

TEST(RuleLanguage, NearOnlyPairsHitsInTheSameField) {
  const Classifier c = compile_yaml(R"(
lexicons:
  s: [sanction*]
  target: [Russia]
topics:
  - id: t
    match:
      near: [s, target]
      within: 5
)");
  EXPECT_FALSE(classify_item(c, "New sanctions", "Russia responds").matched());
  EXPECT_TRUE(classify_item(c, "Headline", "New sanctions on Russia").matched());
}

TEST(RuleLanguage, BeforeRequiresOrder) {
  const Classifier c = compile_yaml(R"(
lexicons:
  who: [SpaceX]
  verb: [launches]
topics:
  - id: t
    match:
      before: [who, verb]
      within: 2
)");
  EXPECT_TRUE(matches(c, "SpaceX launches satellites"));
  EXPECT_FALSE(matches(c, "launches by SpaceX"));
}

TEST(RuleLanguage, TitleScopeIgnoresTheBody) {
  const Classifier c = compile_yaml(R"(
lexicons:
  s: [sanction*]
topics:
  - id: t
    match:
      title: s
)");
  EXPECT_TRUE(classify_item(c, "New sanctions", "").matched());
  EXPECT_FALSE(classify_item(c, "Budget news", "new sanctions", "more sanctions").matched());
}

TEST(RuleLanguage, BodyScopeIgnoresTheTitle) {
  const Classifier c = compile_yaml(R"(
lexicons:
  s: [sanction*]
topics:
  - id: t
    match:
      body: s
)");
  EXPECT_FALSE(classify_item(c, "New sanctions", "").matched());
  EXPECT_TRUE(classify_item(c, "Budget news", "", "more sanctions").matched());
}

TEST(RuleLanguage, AtLeastCountsHoldingClauses) {
  const Classifier c = compile_yaml(R"(
lexicons:
  a: [alpha]
  b: [beta]
  g: [gamma]
topics:
  - id: t
    match:
      at_least: 2
      of: [a, b, g]
)");
  EXPECT_TRUE(matches(c, "alpha gamma"));
  EXPECT_FALSE(matches(c, "alpha alone"));
}

TEST(RuleLanguage, ThresholdGatesTheScore) {
  // A body-only hit scores body_weight (0.5 here): below a 0.6 threshold.
  const Classifier c = compile_yaml(R"(
settings:
  body_weight: 0.5
lexicons:
  s: [sanction*]
topics:
  - id: strict
    threshold: 0.6
    match: s
  - id: lenient
    threshold: 0.5
    match: s
)");
  const Classification body_only = classify_item(c, "Headline", "new sanctions");
  EXPECT_EQ(find_topic(body_only, "strict"), nullptr);
  ASSERT_NE(find_topic(body_only, "lenient"), nullptr);
  EXPECT_DOUBLE_EQ(find_topic(body_only, "lenient")->score, 0.5);
  EXPECT_NE(find_topic(classify_item(c, "New sanctions"), "strict"), nullptr);
}

TEST(RuleLanguage, CountriesAreTaggedOnlyForMatchingItems) {
  const Classifier c = compile_yaml(R"(
countries:
  KP: [dprk]
  RU: [russia]
lexicons:
  dprk: [North Korea]
  russia: [Russia]
  s: [sanction*]
topics:
  - id: t
    match: s
)");
  const Classification result = classify_item(c, "Sanctions on North Korea and Russia");
  EXPECT_EQ(result.countries, (std::vector<std::string>{"KP", "RU"}));
  EXPECT_TRUE(classify_item(c, "North Korea and Russia meet").countries.empty());
}

TEST(RuleLanguage, AttributesAreReadFromClausesOfMatchingItems) {
  const Classifier c = compile_yaml(R"(
lexicons:
  s: [sanction*]
  eu: [EU, European Union]
  uk: [Britain, UK]
  acts: [impose*, adopt*]
  cruise: [cruise missile*]
attributes:
  actor:
    eu: {near: [eu, acts], within: 3}
    uk: {near: [uk, acts], within: 3}
  class:
    cruise: cruise
topics:
  - id: t
    match: s
)");
  const Classification result = classify_item(c, "EU adopts sanctions on Russia while the government in Britain waits");
  EXPECT_EQ(result.attributes, (std::vector<Attribute>{{"actor", "eu"}}));
  EXPECT_TRUE(classify_item(c, "EU adopts a budget").attributes.empty())
      << "no topic matched, so no attributes";
  EXPECT_EQ(classify_item(c, "UK imposes sanctions over cruise missile sales").attributes,
            (std::vector<Attribute>{{"actor", "uk"}, {"class", "cruise"}}));
}

TEST(RuleLanguage, ALaterFileWidensAnAttributeClause) {
  RuleSet rules;
  load_rules_text(R"(
lexicons:
  s: [sanction*]
  eu: [European Union]
attributes:
  actor:
    eu: eu
topics:
  - id: t
    match: s
)",
                  "a.yaml", rules);
  load_rules_text(R"(
lexicons:
  eu_pl: [Unia Europejska]
attributes:
  actor:
    eu: eu_pl
)",
                  "b.yaml", rules);
  validate_rules(rules);
  const Classifier c = Classifier::compile(rules);
  EXPECT_EQ(classify_item(c, "Unia Europejska: sanctions").attributes,
            (std::vector<Attribute>{{"actor", "eu"}}));
  EXPECT_EQ(classify_item(c, "European Union sanctions").attributes,
            (std::vector<Attribute>{{"actor", "eu"}}));
}

TEST(RuleLanguage, ExtendLexiconsAddsTermsFromALaterFile) {
  RuleSet rules;
  load_rules_text(R"(
lexicons:
  names: [Jon Jin Yong]
topics:
  - id: watch
    match: names
)",
                  "base.yaml", rules);
  load_rules_text(R"(
extend_lexicons:
  names: [Sergei Kozlov]
topics:
  - id: mine
    match:
      phrase: Intellekt LLC
)",
                  "user.yaml", rules);
  validate_rules(rules);
  const Classifier c = Classifier::compile(rules);
  EXPECT_TRUE(matches(c, "Sergei Kozlov designated"));
  EXPECT_TRUE(matches(c, "Intellekt LLC designated"));
  EXPECT_EQ(c.topic_count(), 2u);
}

TEST(RuleLanguage, EqualsPrefixMakesATermCaseSensitive) {
  const Classifier c = compile_yaml(R"(
lexicons:
  us: ["=US"]
topics:
  - id: t
    match: us
)");
  EXPECT_TRUE(matches(c, "US tests missile"));
  EXPECT_FALSE(matches(c, "they told us"));
  EXPECT_FALSE(matches(c, "Us and them"));
}

}  // namespace
}  // namespace feedsentry::classify
