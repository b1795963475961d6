// The watch list compiled into the classifier's automaton: the seed story of DESIGN.md,
// aliases, name orders, Cyrillic aliases and the false-positive guards.
#include <gtest/gtest.h>

#include "watchlist_test_support.h"

namespace feedsentry::watchlist {
namespace {

using testing::listed_in;
using Numbers = std::vector<std::string>;

constexpr std::string_view kSeedTitle =
    "US imposes sanctions on North Korean and Russian accused of supporting North Korea's "
    "ballistic missile program";
constexpr std::string_view kSeedBody =
    "WASHINGTON — Today, the Department of the Treasury's Office of Foreign Assets Control "
    "(OFAC) designated two individuals and one entity for their support of the Democratic "
    "People's Republic of Korea's (DPRK) weapons of mass destruction and ballistic missile "
    "programs. OFAC designated Jon Jin Yong, a DPRK national who has worked to procure "
    "ballistic missile components, and Russian national Sergei Kozlov, who has facilitated "
    "the purchase of materials for the DPRK. OFAC also designated Moscow-registered "
    "Intellekt LLC, which Kozlov used to move payments for Jon. The designations come as "
    "the DPRK prepares a third attempt to launch a military reconnaissance satellite in "
    "October, after its second spy-satellite launch failed.";

class WatchlistMatching : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    list_ = new Watchlist(testing::load_fixture());
    classifier_ = new classify::Classifier(testing::compile_watchlist(list_->patterns.terms));
  }
  static void TearDownTestSuite() {
    delete classifier_;
    delete list_;
  }
  static Numbers listed(std::string_view title, std::string_view body = {}) {
    return listed_in(*classifier_, title, body);
  }
  static classify::Classification classify(std::string_view title, std::string_view body = {}) {
    classify::Workspace workspace;
    return classifier_->classify(classify::ItemText{title, body, {}}, workspace);
  }

  static Watchlist* list_;
  static classify::Classifier* classifier_;
};

Watchlist* WatchlistMatching::list_ = nullptr;
classify::Classifier* WatchlistMatching::classifier_ = nullptr;

TEST_F(WatchlistMatching, SeedStoryFlagsAllThreePartiesWithTheirPrograms) {
  const classify::Classification result = classify(kSeedTitle, kSeedBody);
  ASSERT_TRUE(result.matched());
  const classify::TopicMatch& topic = result.topics.back();
  EXPECT_EQ(topic.id, "watchlist");
  ASSERT_EQ(topic.entities.size(), 3u);
  const classify::EntityHit& jon = topic.entities[0];
  EXPECT_EQ(jon.sdn_number, "44001");
  EXPECT_EQ(jon.name, "JON, Jin Yong");
  EXPECT_EQ(jon.type, "individual");
  EXPECT_EQ(jon.programs, (Numbers{"DPRK3", "NPWMD"}));
  EXPECT_EQ(kSeedBody.substr(jon.begin, jon.end - jon.begin), "Jon Jin Yong");
  EXPECT_EQ(jon.field, classify::Field::kSummary);
  const classify::EntityHit& kozlov = topic.entities[1];
  EXPECT_EQ(kozlov.sdn_number, "44002");
  EXPECT_EQ(kozlov.name, "KOZLOV, Sergei");
  EXPECT_EQ(kozlov.programs, Numbers{"RUSSIA-EO14024"});
  EXPECT_EQ(kSeedBody.substr(kozlov.begin, kozlov.end - kozlov.begin), "Sergei Kozlov");
  const classify::EntityHit& intellekt = topic.entities[2];
  EXPECT_EQ(intellekt.sdn_number, "44003");
  EXPECT_EQ(intellekt.name, "Intellekt LLC");
  EXPECT_EQ(intellekt.type, "entity");
  EXPECT_EQ(intellekt.programs, Numbers{"RUSSIA-EO14024"});
  EXPECT_EQ(intellekt.alias, "INTELLEKT LLC");
  EXPECT_EQ(kSeedBody.substr(intellekt.begin, intellekt.end - intellekt.begin), "Intellekt LLC");
  EXPECT_EQ(topic.hits.size(), 3u);
  EXPECT_DOUBLE_EQ(topic.score, 0.8);  // found in the body
}

TEST_F(WatchlistMatching, AliasesMatchAndNameTheAliasThatFired) {
  const classify::Classification result = classify("Sergey Kozlov and OOO Intellekt named");
  const classify::EntityHit* kozlov = testing::find_entity(result, "44002");
  ASSERT_NE(kozlov, nullptr);
  EXPECT_EQ(kozlov->alias, "KOZLOV, Sergey");
  const classify::EntityHit* intellekt = testing::find_entity(result, "44003");
  ASSERT_NE(intellekt, nullptr);
  EXPECT_EQ(intellekt->alias, "OOO INTELLEKT");
  EXPECT_EQ(listed("Obshchestvo s Ogranichennoi Otvetstvennostyu Intellekt"), Numbers{"44003"});
  EXPECT_EQ(listed("The former Foreign Trade Bank"), Numbers{"15603"});  // an fka
  EXPECT_EQ(listed("Mooyokbank transfers"), Numbers{"15603"});
}

TEST_F(WatchlistMatching, ReversedAndHyphenatedNameOrdersMatch) {
  EXPECT_EQ(listed("Kozlov Sergei was named"), Numbers{"44002"});
  EXPECT_EQ(listed("Jin Yong Jon"), Numbers{"44001"});
  EXPECT_EQ(listed("North Korean Jon Jin-yong"), Numbers{"44001"});
  EXPECT_EQ(listed("GRU chief Igor Korobov"), Numbers{"21328"});
  EXPECT_EQ(listed("Igor Valentinovich Korobov"), Numbers{"21328"});
  EXPECT_EQ(listed("Korobov Igor Valentinovich"), Numbers{"21328"});
}

TEST_F(WatchlistMatching, CyrillicAliasMatchesInAnyCase) {
  const classify::Classification result = classify("Минфин США ввел санкции против Сергей Козлов");
  const classify::EntityHit* kozlov = testing::find_entity(result, "44002");
  ASSERT_NE(kozlov, nullptr);
  EXPECT_EQ(kozlov->alias, "Сергей Козлов");
  EXPECT_EQ(listed("СЕРГЕЙ КОЗЛОВ"), Numbers{"44002"});
  EXPECT_EQ(listed("Козлов Сергей"), Numbers{"44002"});
}

TEST_F(WatchlistMatching, SurnameAloneNeverFires) {
  EXPECT_TRUE(listed("Kozlov said the payments were legal").empty());
  EXPECT_TRUE(listed("Козлов заявил").empty());
  EXPECT_TRUE(listed("Jon", "Korobov").empty());
  EXPECT_TRUE(listed("Sergei", "Jin Yong").empty());
}

TEST_F(WatchlistMatching, CommonWordEntityDoesNotFire) {
  // HARMONY (DPRK4) is on the list but is a dictionary word; KAMAZ is under 6 letters.
  EXPECT_TRUE(listed("Harmony between the two Koreas").empty());
  EXPECT_TRUE(listed("Kamaz trucks at the parade").empty());
  EXPECT_TRUE(listed("Global trading volumes rose").empty());
  // A name made of common words still fires when written with its legal form.
  EXPECT_EQ(listed("Hong Kong's Global Trading Limited was named"), Numbers{"44013"});
}

TEST_F(WatchlistMatching, VesselNeedsACueNearby) {
  EXPECT_TRUE(listed("Chong Chon Gang returns to Nampo").empty());
  EXPECT_EQ(listed("The cargo ship Chong Chon Gang was seized"), Numbers{"17069"});
  EXPECT_EQ(listed("Chong Chon Gang, a North Korean vessel"), Numbers{"17069"});
  EXPECT_EQ(listed("танкер Yul San"), Numbers{"44014"});
  EXPECT_EQ(listed("Satellite images show IMO 7937317 off Nampo"), Numbers{"17069"});
  // The IMO number joined from sdn_comments.csv.
  EXPECT_EQ(listed("tracking data for IMO 9123456"), Numbers{"44014"});
  EXPECT_TRUE(listed("Yul San",
                     "a report on shipping rates from a tanker broker far away in "
                     "another sentence entirely")
                  .empty());
  EXPECT_TRUE(listed("the number 7937317 in a spreadsheet").empty());
}

TEST_F(WatchlistMatching, UnselectedProgramsDoNotFire) {
  EXPECT_TRUE(listed("Karafarin Bank", "Nusrat Holdings").empty());
}

TEST_F(WatchlistMatching, EachPartyIsReportedOnceAtItsFirstMention) {
  const classify::Classification result =
      classify("Intellekt LLC and Sergei Kozlov", "Sergei Kozlov founded Intellekt in 2012");
  const classify::TopicMatch& topic = result.topics.back();
  ASSERT_EQ(topic.entities.size(), 2u);
  EXPECT_EQ(topic.entities[0].sdn_number, "44003");
  EXPECT_EQ(topic.entities[0].field, classify::Field::kTitle);
  EXPECT_DOUBLE_EQ(topic.score, 1.0);
}

TEST(WatchlistRules, RuleTopicsAreTheSameWithAndWithoutTheWatchList) {
  const classify::RuleSet rules =
      classify::load_rule_files({FEEDSENTRY_SOURCE_DIR "/config/rules/dprk-russia.yaml"});
  const classify::Classifier plain = classify::Classifier::compile(rules);
  const Watchlist list = testing::load_fixture();
  const classify::Classifier listed = classify::Classifier::compile(rules, &list.patterns.terms);
  EXPECT_EQ(listed.term_count(), plain.term_count());
  EXPECT_GT(listed.watchlist_pattern_count(), 300u);
  const std::vector<std::pair<std::string_view, std::string_view>> items = {
      {kSeedTitle, kSeedBody},
      {"North Korea fires ballistic missile into the sea", "Launch from Pyongyang."},
      {"Harmony between the two Koreas", "Kozlov said the talks went well."},
      {"Weather in Oslo", ""},
  };
  classify::Workspace workspace_plain, workspace_listed;
  for (const auto& [title, body] : items) {
    const classify::Classification a =
        plain.classify(classify::ItemText{title, body, {}}, workspace_plain);
    const classify::Classification b =
        listed.classify(classify::ItemText{title, body, {}}, workspace_listed);
    std::vector<const classify::TopicMatch*> rule_topics;
    for (const classify::TopicMatch& topic : b.topics) {
      if (topic.id != "watchlist") rule_topics.push_back(&topic);
    }
    ASSERT_EQ(rule_topics.size(), a.topics.size()) << title;
    for (std::size_t k = 0; k < a.topics.size(); ++k) {
      EXPECT_EQ(rule_topics[k]->id, a.topics[k].id);
      EXPECT_DOUBLE_EQ(rule_topics[k]->score, a.topics[k].score);
      EXPECT_EQ(rule_topics[k]->clauses, a.topics[k].clauses);
      EXPECT_EQ(rule_topics[k]->hits.size(), a.topics[k].hits.size());
    }
    if (a.matched()) {
      EXPECT_EQ(b.countries, a.countries);
    }
  }
  // The seed story: sanctions and launch from the rules, and the watch list.
  std::vector<std::string> ids = plain.topic_ids();
  ids.push_back("watchlist");
  EXPECT_EQ(listed.topic_ids(), ids);
}

TEST(WatchlistRules, RuleTopicNamedWatchlistIsRefused) {
  classify::RuleSet rules;
  classify::load_rules_text(
      "version: 1\nlexicons:\n  names: [Intellekt]\ntopics:\n  - id: watchlist\n"
      "    title: Mine\n    match: names\n",
      "mine.yaml", rules);
  classify::validate_rules(rules);
  const classify::WatchlistTerms terms;
  EXPECT_THROW(classify::Classifier::compile(rules, &terms), classify::RuleError);
}

}  // namespace
}  // namespace feedsentry::watchlist
