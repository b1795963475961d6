#include "watchlist/sdn_xml.h"

#include <gtest/gtest.h>

#include "watchlist_test_support.h"

namespace feedsentry::watchlist {
namespace {

std::filesystem::path xml_dir() {
  return std::filesystem::path(FEEDSENTRY_TEST_DATA) / "watchlist" / "xml";
}

TEST(SdnXml, ReadsEntriesByLocalNameWhateverTheNamespace) {
  auto list = parse_sdn_xml(testing::read_text(xml_dir() / "SDN.XML"), "SDN.XML");
  ASSERT_TRUE(list) << list.error().describe();
  EXPECT_EQ(list->publish_date, "09/01/2023");
  ASSERT_EQ(list->entries.size(), 4u);
  const SdnEntry& jon = list->entries[0];
  EXPECT_EQ(jon.number, 44001u);
  EXPECT_EQ(jon.name, "JON, Jin Yong");  // "LAST, First" like sdn.csv
  EXPECT_EQ(jon.type, PartyType::kIndividual);
  EXPECT_EQ(jon.programs, (std::vector<std::string>{"DPRK3", "NPWMD"}));
  const SdnEntry& kozlov = list->entries[1];
  ASSERT_EQ(kozlov.aliases.size(), 3u);
  EXPECT_EQ(kozlov.aliases[0].name, "KOZLOV, Sergey");
  EXPECT_EQ(kozlov.aliases[1].name, "Сергей Козлов");
  EXPECT_TRUE(kozlov.aliases[2].weak);
  EXPECT_EQ(list->entries[2].countries, std::vector<std::string>{"Russia"});
  EXPECT_EQ(list->entries[3].type, PartyType::kVessel);
  EXPECT_EQ(list->entries[3].imo_numbers, std::vector<std::string>{"7937317"});
}

TEST(SdnXml, SameMatchesAsTheCsvFixture) {
  Options options;
  options.sdn_dir = xml_dir();
  auto loaded = load_watchlist(options);  // auto-detects SDN.XML
  ASSERT_TRUE(loaded) << loaded.error().describe();
  EXPECT_EQ(loaded->format, SdnFormat::kXml);
  const classify::Classifier classifier = testing::compile_watchlist(loaded->patterns.terms);
  EXPECT_EQ(testing::listed_in(classifier,
                               "Treasury designates Jon Jin Yong, Sergey Kozlov and OOO Intellekt"),
            (std::vector<std::string>{"44001", "44002", "44003"}));
  // The weak alias is left out.
  EXPECT_EQ(loaded->patterns.stats.dropped.weak_alias, 1u);
}

TEST(SdnXml, RecordCountMismatchIsAnIncompleteDownload) {
  std::string text = testing::read_text(xml_dir() / "SDN.XML");
  text.replace(text.find("<Record_Count>4<"), 16, "<Record_Count>5<");
  auto list = parse_sdn_xml(text, "SDN.XML");
  ASSERT_FALSE(list);
  EXPECT_EQ(list.error().location, "SDN.XML:5:5");
  EXPECT_NE(list.error().message.find("Record_Count says 5 but the file has 4"), std::string::npos);
}

TEST(SdnXml, MalformedXmlHasLineAndColumn) {
  auto list = parse_sdn_xml("<sdnList>\n  <sdnEntry>\n    <uid>1</uid\n</sdnList>", "SDN.XML");
  ASSERT_FALSE(list);
  // pugixml notices the unclosed </uid at the next '<'.
  EXPECT_EQ(list.error().location, "SDN.XML:4:1");
}

TEST(SdnXml, EntryWithoutUidOrWithUnknownTypeIsLocated) {
  auto list = parse_sdn_xml(
      "<sdnList>\n<sdnEntry><lastName>X</lastName><sdnType>Entity</sdnType></sdnEntry>\n"
      "</sdnList>",
      "SDN.XML");
  ASSERT_FALSE(list);
  EXPECT_EQ(list.error().describe(), "SDN.XML:2:1: sdnEntry without a numeric <uid>");
  list = parse_sdn_xml(
      "<sdnList><sdnEntry><uid>1</uid><lastName>X</lastName><sdnType>Ship</sdnType></sdnEntry>"
      "</sdnList>",
      "SDN.XML");
  ASSERT_FALSE(list);
  EXPECT_NE(list.error().message.find("sdnType 'Ship'"), std::string::npos);
}

TEST(SdnXml, WrongRootIsRefused) {
  auto list = parse_sdn_xml("<Sanctions/>", "SDN_ADVANCED.XML");
  ASSERT_FALSE(list);
  EXPECT_NE(list.error().message.find("expected <sdnList>"), std::string::npos);
}

}  // namespace
}  // namespace feedsentry::watchlist
