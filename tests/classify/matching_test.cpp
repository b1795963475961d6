// Unicode, word boundaries, scoring order and explanation spans of the classifier.
#include <gtest/gtest.h>

#include "classifier_test_support.h"

namespace feedsentry::classify {
namespace {

using testing::classify_item;
using testing::compile_yaml;
using testing::find_topic;
using testing::matches;

Classifier single_lexicon(std::string_view terms) {
  return compile_yaml("lexicons:\n  l: " + std::string(terms) +
                      "\ntopics:\n  - id: t\n    match: l\n");
}

TEST(Matching, CyrillicCaseFolding) {
  const Classifier c = single_lexicon("[санкци*, КНДР]");
  EXPECT_TRUE(matches(c, "США ВВЕЛИ НОВЫЕ САНКЦИИ"));
  EXPECT_TRUE(matches(c, "Санкции против кндр"));
  EXPECT_FALSE(matches(c, "Антисанкционный"));  // not at a word start
}

TEST(Matching, UkrainianAndPolishInflections) {
  const Classifier c = single_lexicon("[санкці*, sankcj*]");
  EXPECT_TRUE(matches(c, "Новий пакет санкцій ЄС"));
  EXPECT_TRUE(matches(c, "Sankcje na Rosję"));
  EXPECT_TRUE(matches(c, "objętych SANKCJAMI"));
}

TEST(Matching, HangulTermsMatchWordsWithParticles) {
  const Classifier c = single_lexicon("[북한]");
  EXPECT_TRUE(matches(c, "북한의 미사일"));
  EXPECT_TRUE(matches(c, "북한은 발사했다"));
  EXPECT_TRUE(matches(c, "북한"));
  EXPECT_FALSE(matches(c, "남북한"));  // the term must start the word
}

TEST(Matching, NfdInputMatchesNfcTerm) {
  const Classifier c = single_lexicon("[Сергей, café]");
  EXPECT_TRUE(matches(c, "Серге\u0438\u0306 Козлов"));  // й as и + combining breve
  EXPECT_TRUE(matches(c, "cafe\u0301 owner"));
}

TEST(Matching, WordBoundariesWithoutStar) {
  const Classifier c = single_lexicon("[Korea, sanction]");
  EXPECT_FALSE(matches(c, "Koreans abroad"));
  EXPECT_FALSE(matches(c, "a desanctioned group"));
  EXPECT_FALSE(matches(c, "sanctions"));  // no * on the term
  EXPECT_TRUE(matches(c, "Korea's economy"));
  EXPECT_TRUE(matches(c, "(sanction)"));
}

TEST(Matching, TitleHitOutranksBodyHit) {
  const Classifier c = single_lexicon("[sanction*]");
  const Classification title = classify_item(c, "New sanctions", "nothing here");
  const Classification body = classify_item(c, "Nothing here", "new sanctions");
  ASSERT_TRUE(title.matched());
  ASSERT_TRUE(body.matched());
  EXPECT_GT(title.topics[0].score, body.topics[0].score);
}

TEST(Matching, CorroboratingClausesRaiseTheScore) {
  const Classifier c = compile_yaml(R"(
lexicons:
  a: [alpha]
  b: [beta]
topics:
  - id: t
    match: [a, b]
)");
  const double one = classify_item(c, "x", "alpha").topics.at(0).score;
  const double two = classify_item(c, "x", "alpha beta").topics.at(0).score;
  EXPECT_GT(two, one);
  EXPECT_LE(two, 1.0);
}

TEST(Matching, ExplanationSpansPointAtTheOriginalBytes) {
  const Classifier c = single_lexicon("[sanction*, КНДР, 북한]");
  // Multi-byte text and collapsed whitespace before the hits shift normalized offsets.
  const std::string title = "«Новые»   САНКЦИИ — ignored; US sanctions   on КНДР and 북한의 banks";
  const Classification result = classify_item(c, title);
  ASSERT_TRUE(result.matched());
  std::vector<std::string> spans;
  for (const Evidence& hit : result.topics[0].hits) {
    EXPECT_EQ(hit.field, Field::kTitle);
    spans.push_back(title.substr(hit.begin, hit.end - hit.begin));
  }
  // Prefix and Hangul hits cover the whole word they matched.
  EXPECT_EQ(spans, (std::vector<std::string>{"sanctions", "КНДР", "북한의"}));
}

TEST(Matching, ExplanationNamesLexiconTermAndClause) {
  const Classifier c = compile_yaml(R"(
lexicons:
  s: [sanction*]
  target: [North Korea*]
topics:
  - id: t
    match:
      near: [s, target]
      within: 4
)");
  const Classification result = classify_item(c, "x", "Sanctions on North Korean banks");
  ASSERT_TRUE(result.matched());
  const TopicMatch& topic = result.topics[0];
  EXPECT_EQ(topic.clauses, (std::vector<std::string>{"near(s, target, 4)"}));
  ASSERT_EQ(topic.hits.size(), 2u);
  EXPECT_EQ(topic.hits[0].lexicon, "s");
  EXPECT_EQ(topic.hits[0].term, "sanction*");
  EXPECT_EQ(topic.hits[0].field, Field::kSummary);
  EXPECT_EQ(topic.hits[1].lexicon, "target");
  EXPECT_EQ(topic.hits[1].begin, 13u);
  EXPECT_EQ(topic.hits[1].end, 25u);  // "North Korean"
}

TEST(Matching, ExplainAllShowsWhatVetoedANearMiss) {
  const Classifier c = compile_yaml(R"(
lexicons:
  s: [sanction*]
  sport: [FIFA]
topics:
  - id: t
    match: s
    unless: [sport]
)");
  Workspace workspace;
  std::vector<TopicScore> scores;
  const Classification result =
      c.explain_all(ItemText{"FIFA sanctions club", "", ""}, workspace, scores);
  ASSERT_EQ(scores.size(), 1u);
  EXPECT_FALSE(scores[0].matched);
  EXPECT_TRUE(result.topics.empty());  // score 0: vetoed
}

TEST(Matching, WorkspaceIsReusableAcrossItems) {
  const Classifier c = single_lexicon("[sanction*]");
  Workspace workspace;
  EXPECT_TRUE(c.classify(ItemText{"sanctions", "", ""}, workspace).matched());
  EXPECT_FALSE(c.classify(ItemText{"weather", "", ""}, workspace).matched());
  EXPECT_TRUE(c.classify(ItemText{"", "sanctions", ""}, workspace).matched());
}

}  // namespace
}  // namespace feedsentry::classify
