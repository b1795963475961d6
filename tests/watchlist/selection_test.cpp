#include "watchlist/selection.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "watchlist_test_support.h"

namespace feedsentry::watchlist {
namespace {

bool has_entry(const Watchlist& list, std::uint64_t number) {
  return std::any_of(list.selected.begin(), list.selected.end(),
                     [&](std::size_t k) { return list.list.entries[k].number == number; });
}

TEST(WatchlistSelection, GlobsMatchWholeTagsCaseInsensitively) {
  EXPECT_TRUE(glob_match("DPRK*", "DPRK"));
  EXPECT_TRUE(glob_match("DPRK*", "DPRK-NKSPEA"));
  EXPECT_TRUE(glob_match("dprk?", "DPRK3"));
  EXPECT_FALSE(glob_match("DPRK?", "DPRK"));
  EXPECT_TRUE(glob_match("UKRAINE-EO13*", "UKRAINE-EO13685"));
  EXPECT_FALSE(glob_match("UKRAINE-EO13*", "UKRAINE-EO14024"));
  EXPECT_TRUE(glob_match("CAATSA - RUSSIA", "CAATSA - RUSSIA"));
  EXPECT_FALSE(glob_match("RUSSIA", "CAATSA - RUSSIA"));  // whole tags, not substrings
  EXPECT_TRUE(glob_match("*RUSSIA*", "CAATSA - RUSSIA"));
  EXPECT_TRUE(glob_match("*", ""));
}

TEST(WatchlistSelection, ProgramGlobsPickDprkAndRussiaEntries) {
  const Watchlist list = testing::load_fixture();
  EXPECT_TRUE(has_entry(list, 44001));   // DPRK3
  EXPECT_TRUE(has_entry(list, 44003));   // RUSSIA-EO14024
  EXPECT_TRUE(has_entry(list, 21328));   // CAATSA - RUSSIA
  EXPECT_TRUE(has_entry(list, 44016));   // UKRAINE-EO13685
  EXPECT_FALSE(has_entry(list, 44020));  // IRAN
  EXPECT_FALSE(has_entry(list, 44021));  // SDGT
  EXPECT_FALSE(has_entry(list, 44022));  // BELARUS-EO14038
  EXPECT_LT(list.selected.size(), list.list.entries.size());
}

TEST(WatchlistSelection, SpacelessGlobAlsoSelectsTheSpacedCaatsaTag) {
  const Watchlist list = testing::load_fixture({{"CAATSA-RUSSIA"}, {}});
  EXPECT_TRUE(has_entry(list, 21328));
  EXPECT_FALSE(has_entry(list, 44001));
}

TEST(WatchlistSelection, TypesFilterParties) {
  const Watchlist vessels = testing::load_fixture({{"DPRK*"}, {PartyType::kVessel}});
  ASSERT_FALSE(vessels.selected.empty());
  for (const std::size_t k : vessels.selected) {
    EXPECT_EQ(vessels.list.entries[k].type, PartyType::kVessel);
  }
  EXPECT_TRUE(has_entry(vessels, 17069));
  EXPECT_FALSE(has_entry(vessels, 44001));

  const Watchlist people =
      testing::load_fixture({{"RUSSIA-EO14024"}, {PartyType::kIndividual, PartyType::kEntity}});
  EXPECT_TRUE(has_entry(people, 44002));
  EXPECT_TRUE(has_entry(people, 44003));
  EXPECT_FALSE(has_entry(people, 44023));  // an aircraft
  const classify::Classifier classifier = testing::compile_watchlist(people.patterns.terms);
  EXPECT_TRUE(testing::listed_in(classifier, "Jon Jin Yong").empty());  // DPRK3: not selected
  EXPECT_EQ(testing::listed_in(classifier, "Sergei Kozlov"), std::vector<std::string>{"44002"});
}

}  // namespace
}  // namespace feedsentry::watchlist
