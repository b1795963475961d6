#pragma once
// Helpers for watch-list tests: the fixture SDN set (tests/data/watchlist/csv, made by
// scripts/gen_watchlist_fixture.py), a classifier compiled with it, and lookups by name.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "classify/classifier.h"
#include "classify/rule_loader.h"
#include "watchlist/watchlist.h"

namespace feedsentry::watchlist::testing {

inline std::filesystem::path fixture_dir() {
  return std::filesystem::path(FEEDSENTRY_TEST_DATA) / "watchlist" / "csv";
}

inline std::string read_text(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

inline void write_text(const std::filesystem::path& path, std::string_view text) {
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file << text;
}

// The DPRK and Russia selection of the README's example config.
inline Selection dprk_russia() {
  return {
      {"DPRK*", "NPWMD", "RUSSIA-EO14024", "UKRAINE-EO13*", "CAATSA - RUSSIA", "CYBER2", "MAGNIT"},
      {}};
}

inline Watchlist load_fixture(const Selection& selection = dprk_russia()) {
  Options options;
  options.sdn_dir = fixture_dir();
  options.selection = selection;
  auto loaded = load_watchlist(options);
  EXPECT_TRUE(loaded.has_value()) << (loaded ? "" : loaded.error().describe());
  return loaded ? std::move(*loaded) : Watchlist{};
}

// A classifier with no rule topics, only the watch list.
inline classify::Classifier compile_watchlist(const classify::WatchlistTerms& terms) {
  return classify::Classifier::compile(classify::RuleSet{}, &terms);
}

// The SDN numbers the watch-list topic names in `text` (title field), in text order.
inline std::vector<std::string> listed_in(const classify::Classifier& classifier,
                                          std::string_view title, std::string_view body = {}) {
  classify::Workspace workspace;
  const classify::Classification result =
      classifier.classify(classify::ItemText{title, body, {}}, workspace);
  std::vector<std::string> numbers;
  for (const classify::TopicMatch& topic : result.topics) {
    if (topic.id != "watchlist") continue;
    for (const classify::EntityHit& hit : topic.entities) numbers.push_back(hit.sdn_number);
  }
  return numbers;
}

inline const classify::EntityHit* find_entity(const classify::Classification& result,
                                              std::string_view sdn_number) {
  for (const classify::TopicMatch& topic : result.topics) {
    for (const classify::EntityHit& hit : topic.entities) {
      if (hit.sdn_number == sdn_number) return &hit;
    }
  }
  return nullptr;
}

}  // namespace feedsentry::watchlist::testing
