// `feedsentry watchlist stats|lookup` through the real binary.
#include <gtest/gtest.h>
#include <unistd.h>

#include "app/command_runner.h"
#include "watchlist_test_support.h"

namespace feedsentry::watchlist {
namespace {

using feedsentry::testing::run;

class WatchlistCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("feedsentry-watchlist-cli-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
    config_ = (dir_ / "feedsentry.yaml").string();
    testing::write_text(config_,
                        "state_dir: state\n"
                        "rules: [" FEEDSENTRY_SOURCE_DIR
                        "/config/rules/dprk-russia.yaml]\n"
                        "watchlist:\n"
                        "  sdn_dir: " FEEDSENTRY_TEST_DATA
                        "/watchlist/csv\n"
                        "  programs: [DPRK*, NPWMD, RUSSIA-EO14024, UKRAINE-EO13*,"
                        " CAATSA - RUSSIA]\n"
                        "  types: [individual, entity, vessel]\n");
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::filesystem::path dir_;
  std::string config_;
};

TEST_F(WatchlistCli, LookupNamesThePartyAndTheAlias) {
  const auto result = run("watchlist lookup Sergey Kozlov --config " + config_);
  EXPECT_EQ(result.status, 0);
  EXPECT_EQ(result.output,
            "match: SDN 44002 \"KOZLOV, Sergei\" (individual; RUSSIA-EO14024) via \"KOZLOV, "
            "Sergey\", text \"Sergey Kozlov\"\n");
  const auto quoted = run("watchlist lookup 'OOO Intellekt' --config " + config_);
  EXPECT_EQ(quoted.status, 0);
  EXPECT_NE(quoted.output.find("SDN 44003 \"Intellekt LLC\" (entity; RUSSIA-EO14024) via "
                               "\"OOO INTELLEKT\""),
            std::string::npos);
}

TEST_F(WatchlistCli, LookupExplainsWhyNothingMatched) {
  const auto surname = run("watchlist lookup Kozlov --config " + config_);
  EXPECT_EQ(surname.status, 1);
  EXPECT_NE(surname.output.find("no match for \"Kozlov\""), std::string::npos);
  EXPECT_NE(surname.output.find("SDN 44002"), std::string::npos);
  EXPECT_NE(surname.output.find("a surname alone never fires"), std::string::npos);

  const auto common = run("watchlist lookup Harmony --config " + config_);
  EXPECT_EQ(common.status, 1);
  EXPECT_NE(common.output.find("'harmony' is a common word"), std::string::npos);

  const auto vessel = run("watchlist lookup Chong Chon Gang --config " + config_);
  EXPECT_EQ(vessel.status, 1);
  EXPECT_NE(vessel.output.find("needs a vessel cue"), std::string::npos);
  EXPECT_EQ(run("watchlist lookup tanker Chong Chon Gang --config " + config_).status, 0);

  const auto unselected = run("watchlist lookup Karafarin Bank --config " + config_);
  EXPECT_NE(unselected.output.find("not selected by watchlist.programs/types"), std::string::npos);
}

TEST_F(WatchlistCli, StatsCountsEntriesPatternsGuardsAndTime) {
  const auto result = run("watchlist stats --config " + config_);
  EXPECT_EQ(result.status, 0);
  for (const char* expected :
       {"entries: ", " selected (programs: DPRK*, NPWMD", "by type: entity ", "individual ",
        "by program:", "CAATSA - RUSSIA ",
        "patterns compiled: ", "dropped by guard:", "one-word entity name that is a common word: 1",
        "one-word entity name under 6 letters: ", "load time: read ", "stop list: "}) {
    EXPECT_NE(result.output.find(expected), std::string::npos) << expected << "\n" << result.output;
  }
}

TEST_F(WatchlistCli, CheckConfigReportsTheWatchList) {
  const auto result = run("check-config --config " + config_);
  EXPECT_EQ(result.status, 0);
  EXPECT_NE(result.output.find(", watch list: "), std::string::npos) << result.output;
}

TEST_F(WatchlistCli, BadSdnFileIsFileLineOnStderr) {
  std::filesystem::create_directories(dir_ / "bad");
  testing::write_text(dir_ / "bad" / "sdn.csv", "1,\"A\",-0- ,\"DPRK\"\r\n\x1A");
  testing::write_text(config_,
                      "state_dir: state\n"
                      "rules: [" FEEDSENTRY_SOURCE_DIR
                      "/config/rules/dprk-russia.yaml]\n"
                      "watchlist: {sdn_dir: bad}\n");
  const auto result = run("watchlist stats --config " + config_, true);
  EXPECT_EQ(result.status, 1);
  EXPECT_EQ(result.output, (dir_ / "bad" / "sdn.csv").string() +
                               ":1: expected 12 fields (ent_num, SDN_Name, SDN_Type, Program, "
                               "Title, Call_Sign, Vess_type, Tonnage, GRT, Vess_flag, "
                               "Vess_owner, Remarks), found 4\n");
  EXPECT_EQ(run("check-config --config " + config_).status, 1);
}

TEST_F(WatchlistCli, HelpAndUsageErrors) {
  const auto help = run("watchlist --help");
  EXPECT_EQ(help.status, 0);
  EXPECT_NE(help.output.find("feedsentry watchlist lookup NAME... --config FILE"),
            std::string::npos);
  EXPECT_NE(run("--help").output.find("watchlist stats|lookup NAME --config FILE"),
            std::string::npos);
  EXPECT_EQ(run("watchlist lookup --config " + config_).status, 2);
  EXPECT_EQ(run("watchlist frobnicate --config " + config_).status, 2);
  EXPECT_EQ(run("watchlist stats").status, 2);
}

}  // namespace
}  // namespace feedsentry::watchlist
