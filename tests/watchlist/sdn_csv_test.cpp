#include "watchlist/sdn_csv.h"

#include <gtest/gtest.h>

#include "watchlist_test_support.h"

namespace feedsentry::watchlist {
namespace {

using testing::fixture_dir;
using testing::read_text;

// Real rows from the July 2021 snapshot (Part C.2), abridged, in the real shape.
constexpr std::string_view kRealRows =
    "15603,\"FOREIGN TRADE BANK OF THE DEMOCRATIC PEOPLE'S REPUBLIC OF KOREA\",-0- ,\"NPWMD] "
    "[DPRK3\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"SWIFT/BIC FTBDKPPY; Secondary sanctions "
    "risk: \"\"North Korea\"\".\"\r\n"
    "17069,\"CHONG CHON GANG\",\"vessel\",\"DPRK\",-0- ,-0- ,\"General Cargo\",-0- ,-0- ,"
    "\"Democratic People's Republic of Korea\",-0- ,\"Vessel Registration Identification IMO "
    "7937317.\"\r\n"
    "21328,\"KOROBOV, Igor Valentinovich\",\"individual\",\"CYBER2] [CAATSA - RUSSIA\",-0- ,-0- "
    ",-0- ,-0- ,-0- ,-0- ,-0- ,\"DOB 03 Aug 1956; nationality Russia; Chief of GRU.\"\r\n"
    "\x1A";

TEST(SdnCsv, ReadsTheRealShapeNullsCrlfAndTheTrailingSubByte) {
  auto list = parse_sdn_csv({.sdn = kRealRows});
  ASSERT_TRUE(list) << list.error().describe();
  ASSERT_EQ(list->entries.size(), 3u);
  const SdnEntry& bank = list->entries[0];
  EXPECT_EQ(bank.number, 15603u);
  EXPECT_EQ(bank.type, PartyType::kEntity);  // "-0- " is an entity
  EXPECT_EQ(bank.programs, (std::vector<std::string>{"NPWMD", "DPRK3"}));
  EXPECT_TRUE(bank.title.empty());  // the null token, trailing space and all
  EXPECT_EQ(bank.remarks, "SWIFT/BIC FTBDKPPY; Secondary sanctions risk: \"North Korea\".");
  const SdnEntry& vessel = list->entries[1];
  EXPECT_EQ(vessel.type, PartyType::kVessel);
  EXPECT_EQ(vessel.vessel_type, "General Cargo");
  EXPECT_EQ(vessel.imo_numbers, std::vector<std::string>{"7937317"});
  EXPECT_EQ(list->entries[2].name, "KOROBOV, Igor Valentinovich");
}

TEST(SdnCsv, ProgramTagsSplitOnlyOnBracketSpaceBracket) {
  EXPECT_EQ(split_programs("CYBER2] [CAATSA - RUSSIA"),
            (std::vector<std::string>{"CYBER2", "CAATSA - RUSSIA"}));
  EXPECT_EQ(split_programs("DPRK"), std::vector<std::string>{"DPRK"});
  EXPECT_EQ(split_programs("[SDGT] [IRGC]"), (std::vector<std::string>{"SDGT", "IRGC"}));
  EXPECT_TRUE(split_programs("").empty());
}

TEST(SdnCsv, JoinsAliasesAddressesAndCommentsOnEntNum) {
  const std::string sdn =
      "100,\"KOZLOV, Sergei\",\"individual\",\"RUSSIA-EO14024\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"
      "-0- ,\"Vessel owner, IMO 12\"\r\n\x1A";
  const std::string alt =
      "100,7,\"aka\",\"Сергей Козлов\",-0- \r\n999,8,\"aka\",\"NOBODY\",-0- \r\n\x1A";
  const std::string add = "100,9,-0- ,\"Moscow\",\"Russia\",-0- \r\n\x1A";
  const std::string comments = "100,\"34567 and more.\"\r\n";
  auto list = parse_sdn_csv({.sdn = sdn, .alt = alt, .add = add, .comments = comments});
  ASSERT_TRUE(list) << list.error().describe();
  const SdnEntry& entry = list->entries.at(0);
  ASSERT_EQ(entry.aliases.size(), 1u);
  EXPECT_EQ(entry.aliases[0].name, "Сергей Козлов");
  EXPECT_EQ(entry.aliases[0].type, "aka");
  EXPECT_EQ(entry.countries, std::vector<std::string>{"Russia"});
  // sdn_comments continues mid-word: joined with no separator.
  EXPECT_EQ(entry.remarks, "Vessel owner, IMO 1234567 and more.");
  EXPECT_EQ(entry.imo_numbers, std::vector<std::string>{"1234567"});
  EXPECT_EQ(list->orphan_rows, 1u);
}

TEST(SdnCsv, FixtureSetLoadsWithEveryRow) {
  auto list = parse_sdn_csv({.sdn = read_text(fixture_dir() / "sdn.csv"),
                             .alt = read_text(fixture_dir() / "alt.csv"),
                             .add = read_text(fixture_dir() / "add.csv"),
                             .comments = read_text(fixture_dir() / "sdn_comments.csv")});
  ASSERT_TRUE(list) << list.error().describe();
  EXPECT_GE(list->entries.size(), 300u);
  EXPECT_EQ(list->orphan_rows, 0u);
  const auto yul_san = std::find_if(list->entries.begin(), list->entries.end(),
                                    [](const SdnEntry& entry) { return entry.number == 44014; });
  ASSERT_NE(yul_san, list->entries.end());
  EXPECT_EQ(yul_san->imo_numbers, std::vector<std::string>{"9123456"});
}

TEST(SdnCsv, HeaderRowIsAnErrorThatSaysThereIsNone) {
  const std::string sdn =
      "ent_num,SDN_Name,SDN_Type,Program,Title,Call_Sign,Vess_type,Tonnage,GRT,Vess_flag,"
      "Vess_owner,Remarks\r\n";
  auto list = parse_sdn_csv({.sdn = sdn});
  ASSERT_FALSE(list);
  EXPECT_EQ(list.error().location, "sdn.csv:1:1");
  EXPECT_NE(list.error().message.find("no header row"), std::string::npos);
}

TEST(SdnCsv, WrongFieldCountNamesTheLine) {
  const std::string sdn =
      "1,\"A\",-0- ,\"DPRK\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n"
      "2,\"B\",-0- ,\"DPRK\",-0- ,-0- ,-0- \r\n";
  auto list = parse_sdn_csv({.sdn = sdn});
  ASSERT_FALSE(list);
  EXPECT_EQ(list.error().describe(),
            "sdn.csv:2: expected 12 fields (ent_num, SDN_Name, SDN_Type, Program, Title, "
            "Call_Sign, Vess_type, Tonnage, GRT, Vess_flag, Vess_owner, Remarks), found 7");
}

TEST(SdnCsv, UnclosedQuoteAndStrayCharactersHaveLineAndColumn) {
  auto unclosed = parse_ofac_csv("1,\"ok\"\r\n2,\"never closed\r\n", "alt.csv", 2);
  ASSERT_FALSE(unclosed);
  EXPECT_EQ(unclosed.error().describe(), "alt.csv:2:3: quoted field is not closed");
  auto stray = parse_ofac_csv("1,\"a\"b\r\n", "alt.csv", 2);
  ASSERT_FALSE(stray);
  EXPECT_EQ(stray.error().location, "alt.csv:1:6");
}

TEST(SdnCsv, BadEntNumAndTypeAreLocated) {
  const std::string bad_number =
      "1,\"A\",-0- ,\"DPRK\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n"
      "x2,\"B\",-0- ,\"DPRK\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n";
  auto list = parse_sdn_csv({.sdn = bad_number});
  ASSERT_FALSE(list);
  EXPECT_EQ(list.error().describe(), "sdn.csv:2:1: ent_num 'x2' is not a number");
  const std::string bad_type =
      "1,\"A\",\"submarine\",\"DPRK\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n";
  list = parse_sdn_csv({.sdn = bad_type});
  ASSERT_FALSE(list);
  EXPECT_EQ(list.error().location, "sdn.csv:1:7");
}

TEST(SdnCsv, RepeatedEntNumAndEmptyFileAreErrors) {
  const std::string row = "1,\"A\",-0- ,\"DPRK\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n";
  auto twice = parse_sdn_csv({.sdn = row + row});
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().location, "sdn.csv:2:1");
  auto empty = parse_sdn_csv({.sdn = "\x1A"});
  ASSERT_FALSE(empty);
  EXPECT_NE(empty.error().message.find("no entries"), std::string::npos);
}

TEST(SdnCsv, MalformedFixtureFileReportsItsPathAndLine) {
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("watchlist-bad-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::string sdn = read_text(fixture_dir() / "sdn.csv");
  // Break line 5: drop its last field.
  std::size_t pos = 0;
  for (int line = 1; line < 5; ++line) pos = sdn.find("\r\n", pos) + 2;
  const std::size_t end = sdn.find("\r\n", pos);
  const std::size_t last_comma = sdn.rfind(",\"", end);
  sdn.erase(last_comma, end - last_comma);
  testing::write_text(dir / "sdn.csv", sdn);
  Options options;
  options.sdn_dir = dir;
  auto loaded = load_watchlist(options);
  std::filesystem::remove_all(dir);
  ASSERT_FALSE(loaded);
  EXPECT_EQ(loaded.error().location, (dir / "sdn.csv").string() + ":5");
  EXPECT_NE(loaded.error().message.find("found 11"), std::string::npos);
}

}  // namespace
}  // namespace feedsentry::watchlist
