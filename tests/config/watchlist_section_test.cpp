#include <gtest/gtest.h>

#include <fstream>

#include "config/config.h"
#include "config_test_support.h"

namespace feedsentry::config {
namespace {

using testing::error_of;
using testing::load_yaml;

TEST(WatchlistSection, AbsentMeansOff) {
  EXPECT_FALSE(load_yaml("state_dir: /x\n").watchlist.enabled);
}

TEST(WatchlistSection, ReadsEveryKeyAndResolvesSdnDirAgainstTheConfigFile) {
  const Config config = load_yaml(
      "watchlist:\n"
      "  sdn_dir: sdn\n"
      "  format: csv\n"
      "  programs: [DPRK*, RUSSIA-EO14024, UKRAINE-EO13*, CAATSA - RUSSIA]\n"
      "  types: [individual, entity, vessel]\n");
  const WatchlistConfig& watchlist = config.watchlist;
  EXPECT_TRUE(watchlist.enabled);
  EXPECT_EQ(watchlist.sdn_dir, std::filesystem::path("/srv/feedsentry/sdn"));
  EXPECT_EQ(watchlist.format, "csv");
  EXPECT_EQ(watchlist.programs, (std::vector<std::string>{"DPRK*", "RUSSIA-EO14024",
                                                          "UKRAINE-EO13*", "CAATSA - RUSSIA"}));
  EXPECT_EQ(watchlist.types, (std::vector<std::string>{"individual", "entity", "vessel"}));
  EXPECT_EQ(watchlist.sdn_dir_origin.line, 2);
}

TEST(WatchlistSection, DefaultsAreAutoFormatEveryProgramAndType) {
  const Config config = load_yaml("watchlist:\n  sdn_dir: /data/ofac\n");
  EXPECT_EQ(config.watchlist.sdn_dir, std::filesystem::path("/data/ofac"));
  EXPECT_EQ(config.watchlist.format, "auto");
  EXPECT_TRUE(config.watchlist.programs.empty());
  EXPECT_TRUE(config.watchlist.types.empty());
}

TEST(WatchlistSection, ErrorsAreFileLineColumn) {
  EXPECT_EQ(error_of("watchlist:\n  sdn_dir: x\n  program: [DPRK*]\n"),
            "test.yaml:3:3: unknown key 'program' in watchlist (did you mean 'programs'?)");
  EXPECT_EQ(error_of("watchlist:\n  format: csv\n"),
            "test.yaml:2:3: watchlist: needs sdn_dir, the directory holding OFAC's sdn.csv "
            "(with alt.csv, add.csv) or SDN.XML");
  EXPECT_EQ(error_of("watchlist:\n  sdn_dir: x\n  format: xls\n"),
            "test.yaml:3:11: watchlist.format: expected csv, xml or auto, got 'xls' (did you "
            "mean 'xml'?)");
  EXPECT_EQ(error_of("watchlist:\n  sdn_dir: x\n  types: [individual, vesel]\n"),
            "test.yaml:3:23: watchlist.types: unknown type 'vesel' (individual, entity, vessel "
            "or aircraft); did you mean 'vessel'?");
}

}  // namespace
}  // namespace feedsentry::config

namespace feedsentry::config {
namespace {

// The commented `watchlist:` example at the end of config/feedsentry.yaml, uncommented, is a
// valid section.
TEST(WatchlistSection, ShippedExampleIsValidWhenUncommented) {
  std::ifstream file(std::string(FEEDSENTRY_SOURCE_DIR) + "/config/feedsentry.yaml");
  std::string line, block;
  bool inside = false;
  while (std::getline(file, line)) {
    if (line == "# watchlist:") inside = true;
    if (!inside) continue;
    if (!line.starts_with("#")) break;
    const std::string text = line.substr(line.size() > 1 ? 2 : 1);
    if (text.find_first_not_of(' ') != std::string::npos &&
        text[text.find_first_not_of(' ')] == '#') {
      continue;  // a comment inside the example
    }
    block += text + "\n";
  }
  ASSERT_FALSE(block.empty());
  const Config config = testing::load_yaml(block);
  EXPECT_TRUE(config.watchlist.enabled);
  EXPECT_EQ(config.watchlist.programs.size(), 6u);
  EXPECT_EQ(config.watchlist.types, (std::vector<std::string>{"individual", "entity", "vessel"}));
}

}  // namespace
}  // namespace feedsentry::config
