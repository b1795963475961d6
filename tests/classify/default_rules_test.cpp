// The shipped rule set: the seed story, and look-alikes that must stay quiet.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "classifier_test_support.h"
#include "feed/parse.h"

namespace feedsentry::classify {
namespace {

using testing::classify_item;
using testing::find_topic;

const Classifier& default_rules() {
  static const Classifier classifier = Classifier::compile(
      load_rule_files({std::string(FEEDSENTRY_SOURCE_DIR) + "/config/rules/dprk-russia.yaml"}));
  return classifier;
}

std::string read_file(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << file.rdbuf();
  return bytes.str();
}

TEST(DefaultRules, SeedStoryIsSanctionsAndLaunchForKpAndRu) {
  const feed::ParsedFeed parsed = feed::parse_feed(
      read_file(std::string(FEEDSENTRY_SOURCE_DIR) + "/config/samples/world-news.rss.xml"));
  ASSERT_FALSE(parsed.feed.items.empty());
  const feed::Item& seed = parsed.feed.items.front();
  ASSERT_EQ(seed.id, "news-example-2023-09-01-dprk-sanctions");
  const Classification result =
      classify_item(default_rules(), seed.title, seed.summary.text, seed.content.text);
  ASSERT_NE(find_topic(result, "sanctions"), nullptr);
  ASSERT_NE(find_topic(result, "launch"), nullptr);
  EXPECT_EQ(result.countries, (std::vector<std::string>{"KP", "RU"}));
  EXPECT_DOUBLE_EQ(find_topic(result, "sanctions")->score, 1.0);  // decided by the title
}

TEST(DefaultRules, SampleDecoysStayQuiet) {
  const feed::ParsedFeed parsed = feed::parse_feed(
      read_file(std::string(FEEDSENTRY_SOURCE_DIR) + "/config/samples/world-news.rss.xml"));
  for (std::size_t i = 1; i < parsed.feed.items.size(); ++i) {
    const feed::Item& item = parsed.feed.items[i];
    EXPECT_FALSE(
        classify_item(default_rules(), item.title, item.summary.text, item.content.text).matched())
        << item.title;
  }
}

struct Case {
  const char* title;
  const char* summary;
  bool sanctions;
  bool launch;
};

class DefaultRulesCases : public ::testing::TestWithParam<Case> {};

TEST_P(DefaultRulesCases, Classifies) {
  const Case& c = GetParam();
  const Classification result = classify_item(default_rules(), c.title, c.summary);
  EXPECT_EQ(find_topic(result, "sanctions") != nullptr, c.sanctions) << c.title;
  EXPECT_EQ(find_topic(result, "launch") != nullptr, c.launch) << c.title;
}

// Written for the definitions (not taken from the dev set): one case per rule and veto.
INSTANTIATE_TEST_SUITE_P(
    Definitions, DefaultRulesCases,
    ::testing::Values(
        Case{"Treasury sanctions Russian defense procurement network", "", true, false},
        Case{"EU adopts 14th package of sanctions against Russia", "", true, false},
        Case{"Japan freezes assets of North Korean hackers", "", true, false},
        Case{"Seized Russian superyacht to be auctioned", "", true, false},
        Case{"Минфин США ввел санкции против северокорейских банков", "", true, false},
        Case{"Wielka Brytania nałożyła sankcje na rosyjskich oligarchów", "", true, false},
        Case{"정부, 북한 해커 조직 독자제재 지정", "", true, false},
        Case{"Russia bans entry to 500 Americans in counter-sanctions", "", false, false},
        Case{"UEFA sanctions Russian club over fan chants", "", false, false},
        Case{"North Korea fires missile in defiance of UN sanctions", "", false, true},
        Case{"North Korea test-fires new solid-fuel ICBM", "", false, true},
        Case{"Russia launches Soyuz rocket from Vostochny", "", false, true},
        Case{"Россия провела испытательный пуск ракеты «Сармат»", "", false, true},
        Case{"북한, 동해상으로 단거리 탄도미사일 발사", "", false, true},
        Case{"Korea Północna wystrzeliła pocisk balistyczny", "", false, true},
        Case{"Russia fires missiles at Kyiv overnight", "", false, false},
        Case{"SpaceX launches 40 satellites", "", false, false},
        Case{"South Korea launches spy satellite on Falcon 9", "", false, false},
        Case{"North Korea displays ICBMs at military parade", "", false, false},
        Case{"Samsung launches new Galaxy phone in Seoul", "", false, false},
        Case{"South Korea's parliament passes budget", "", false, false},
        Case{"US sanctions Iranian drone makers", "", false, false}));

}  // namespace
}  // namespace feedsentry::classify
