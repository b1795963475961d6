// From a watch-list match to what an alert shows: the parties, once each, in every renderer
// that shows the topics (they share alert::detail::describe) and in the alert JSON.
#include <gtest/gtest.h>

#include "alert/render.h"
#include "alert/render_text.h"
#include "app/alert_builder.h"
#include "watchlist_test_support.h"

namespace feedsentry::watchlist {
namespace {

poll::Match seed_match(const classify::Classifier& classifier) {
  poll::Match match;
  match.feed_name = "Treasury";
  match.item.title = "Treasury Sanctions DPRK and Russia-Based Procurement Network";
  match.item.link = "https://home.treasury.gov/news/press-releases/jy1707";
  match.item.summary.text =
      "OFAC designated Jon Jin Yong and Sergei Kozlov, and Moscow-registered Intellekt LLC. "
      "Intellekt LLC moved payments for Kozlov.";
  classify::Workspace workspace;
  match.classification = classifier.classify(
      classify::ItemText{match.item.title, match.item.summary.text, {}}, workspace);
  return match;
}

TEST(WatchlistAlert, AlertNamesEachListedPartyOnceWithPrograms) {
  const Watchlist list = testing::load_fixture();
  const classify::Classifier classifier = testing::compile_watchlist(list.patterns.terms);
  const alert::Alert alert = app::build_alert(seed_match(classifier));
  ASSERT_EQ(alert.watchlist.size(), 3u);
  EXPECT_EQ(alert.watchlist[0].sdn_number, "44001");
  EXPECT_EQ(alert.watchlist[2].name, "Intellekt LLC");
  EXPECT_EQ(alert.watchlist[2].type, "entity");
  EXPECT_EQ(alert.watchlist[2].programs, std::vector<std::string>{"RUSSIA-EO14024"});
  EXPECT_EQ(alert.watchlist[2].matched_alias, "INTELLEKT LLC");
  ASSERT_EQ(alert.topics.size(), 1u);
  EXPECT_EQ(alert.topics[0].id, "watchlist");

  EXPECT_EQ(alert::detail::describe(alert).watchlist,
            "JON, Jin Yong (DPRK3, NPWMD); KOZLOV, Sergei (RUSSIA-EO14024); Intellekt LLC "
            "(RUSSIA-EO14024)");
  EXPECT_NE(alert::render_console_line(alert).find(
                "Names SDN-listed: JON, Jin Yong (DPRK3, NPWMD); KOZLOV, Sergei"),
            std::string::npos);
  const std::string json = alert::render_json_line(alert);
  EXPECT_NE(json.find("\"watchlist\":[{"), std::string::npos) << json;
  EXPECT_NE(json.find("\"matched_alias\":\"JON, Jin Yong\""), std::string::npos) << json;
  EXPECT_NE(json.find("\"sdn_number\":\"44003\""), std::string::npos);
}

}  // namespace
}  // namespace feedsentry::watchlist
