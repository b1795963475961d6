// The daemon's side of a watch-list reload: load_everything() records the SDN files' stamps,
// watchlist_changed() notices a rewrite, and loading again picks up the new rows. Real files
// in a temporary directory; modification times are set explicitly, nothing sleeps.
#include <gtest/gtest.h>
#include <unistd.h>

#include "app/loaded_config.h"
#include "config/config_error.h"
#include "watchlist_test_support.h"

namespace feedsentry::watchlist {
namespace {

constexpr std::string_view kNewRow =
    "99001,\"NOVIKOV, Arkady Petrovich\",\"individual\",\"RUSSIA-EO14024\",-0- ,-0- ,-0- ,-0- "
    ",-0- ,-0- ,-0- ,\"DOB 1971; nationality Russia.\"\r\n";

class WatchlistReload : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("feedsentry-watchlist-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_ / "sdn");
    for (const char* name : {"sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv"}) {
      std::filesystem::copy_file(testing::fixture_dir() / name, dir_ / "sdn" / name);
    }
    testing::write_text(dir_ / "feedsentry.yaml",
                        "state_dir: state\n"
                        "rules: [" FEEDSENTRY_SOURCE_DIR
                        "/config/rules/dprk-russia.yaml]\n"
                        "watchlist:\n"
                        "  sdn_dir: sdn\n"
                        "  programs: [DPRK*, RUSSIA-EO14024]\n"
                        "outputs:\n"
                        "  - type: file\n"
                        "    topics: [watchlist]\n"
                        "    settings:\n"
                        "      path: alerts.jsonl\n");
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  app::LoadedConfig load() { return app::load_everything((dir_ / "feedsentry.yaml").string()); }

  // Rewrites sdn.csv with the new row before the final 0x1A, and moves its mtime on.
  void add_row_to_sdn() {
    const std::filesystem::path path = dir_ / "sdn" / "sdn.csv";
    const auto before = std::filesystem::last_write_time(path);
    std::string text = testing::read_text(path);
    text.insert(text.size() - 1, kNewRow);
    testing::write_text(path, text);
    std::filesystem::last_write_time(path, before + std::chrono::seconds(60));
  }

  std::filesystem::path dir_;
};

TEST_F(WatchlistReload, UnchangedFilesAreNotAChange) {
  const app::LoadedConfig loaded = load();
  EXPECT_EQ(loaded.watchlist_files.size(), 4u);
  EXPECT_GT(loaded.watchlist_summary.patterns, 0u);
  EXPECT_FALSE(app::watchlist_changed(loaded));
  EXPECT_EQ(loaded.watchlist, nullptr);  // the daemon keeps only the compiled classifier
}

TEST_F(WatchlistReload, RewrittenFileIsNoticedAndReloadPicksUpTheNewRows) {
  const app::LoadedConfig first = load();
  EXPECT_TRUE(testing::listed_in(first.classifier, "Arkady Novikov").empty());
  add_row_to_sdn();
  EXPECT_TRUE(app::watchlist_changed(first));
  const app::LoadedConfig second = load();
  EXPECT_FALSE(app::watchlist_changed(second));
  EXPECT_EQ(testing::listed_in(second.classifier, "Arkady Novikov"),
            std::vector<std::string>{"99001"});
  EXPECT_EQ(second.watchlist_summary.entries, first.watchlist_summary.entries + 1);
  // The routing of the config can target the watch-list topic.
  ASSERT_EQ(second.outputs.routes.size(), 1u);
  EXPECT_EQ(second.outputs.routes[0].topics, std::vector<std::string>{"watchlist"});
}

TEST_F(WatchlistReload, SameSizeNewMtimeAndAddedOptionalFileAreChanges) {
  const app::LoadedConfig loaded = load();
  const std::filesystem::path alt = dir_ / "sdn" / "alt.csv";
  std::filesystem::last_write_time(alt,
                                   std::filesystem::last_write_time(alt) + std::chrono::hours(1));
  EXPECT_TRUE(app::watchlist_changed(loaded));

  std::filesystem::remove(dir_ / "sdn" / "sdn_comments.csv");
  const app::LoadedConfig without = load();
  EXPECT_FALSE(app::watchlist_changed(without));
  testing::write_text(dir_ / "sdn" / "sdn_comments.csv", "44014,\"more\"\r\n");
  EXPECT_TRUE(app::watchlist_changed(without));
}

TEST_F(WatchlistReload, BadFileAtLoadIsAConfigErrorWithTheFileAndLine) {
  const app::LoadedConfig good = load();
  const std::filesystem::path path = dir_ / "sdn" / "alt.csv";
  std::string text = testing::read_text(path);
  text.insert(text.size() - 1, "44002,1,\"aka\",\"unterminated\r\n");
  testing::write_text(path, text);
  EXPECT_TRUE(app::watchlist_changed(good));
  const std::size_t lines = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
  try {
    load();
    FAIL() << "expected a ConfigError";
  } catch (const config::ConfigError& error) {
    EXPECT_EQ(std::string(error.what()),
              path.string() + ":" + std::to_string(lines) + ":15: quoted field is not closed");
  }
}

TEST_F(WatchlistReload, MissingSdnDirIsAnErrorAtTheConfigLine) {
  std::filesystem::remove_all(dir_ / "sdn");
  try {
    load();
    FAIL() << "expected a ConfigError";
  } catch (const config::ConfigError& error) {
    EXPECT_EQ(error.where().line, 4);
    EXPECT_NE(std::string(error.what()).find("not a directory"), std::string::npos);
  }
}

}  // namespace
}  // namespace feedsentry::watchlist
