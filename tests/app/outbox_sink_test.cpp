// The outbox writer with a real SQLite file: story grouping across feeds, follow-ups only to
// the outputs that take them, a new topic opening a new story, and nothing left behind by a
// transaction that rolls back.
#include "app/outbox_sink.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>

#include "alert/alert_json.h"
#include "store/outbox_store.h"
#include "store/transaction.h"

namespace feedsentry::app {
namespace {

class OutboxSinkTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/feedsentry-sink-XXXXXX";
    directory_ = mkdtemp(pattern);
    db_.emplace(store::Database::open(directory_ / "state.db").value());
    routes_.resize(2);
    routes_[0].output = "chat";
    routes_[1].output = "log";
    routes_[1].takes_followups = true;
  }
  void TearDown() override {
    db_.reset();
    std::filesystem::remove_all(directory_);
  }

  poll::Match match(const std::string& feed, const std::string& key, const std::string& title,
                    const std::string& link, const std::string& topic, int minutes) {
    poll::Match m;
    m.feed_id = "https://" + feed + "/rss";
    m.feed_name = feed;
    m.feed_url = m.feed_id;
    m.item.key = key;
    m.item.title = title;
    m.item.link = link;
    m.item.summary.text = title + ". More details followed.";
    m.item.published =
        std::chrono::time_point_cast<std::chrono::seconds>(start_ + std::chrono::minutes(minutes));
    m.detected_at = start_ + std::chrono::minutes(minutes + 1);
    classify::TopicMatch hit;
    hit.id = topic;
    hit.title = topic;
    hit.score = 0.9;
    m.classification.topics.push_back(hit);
    m.classification.countries = {"KP"};
    return m;
  }

  // Accepts `m` in its own committed transaction, as the poller does.
  void accept(OutboxSink& sink, const poll::Match& m) {
    auto transaction = store::Transaction::begin(*db_).value();
    ASSERT_TRUE(sink.accept(m));
    ASSERT_TRUE(transaction.commit());
  }

  std::vector<store::DeliveryRow> pending(const std::string& output) {
    return store::OutboxStore(*db_).pending(output, 0, 100).value();
  }

  std::filesystem::path directory_;
  std::optional<store::Database> db_;
  std::vector<alert::Route> routes_;
  core::SystemTime start_ = core::SystemTime(std::chrono::seconds(1'700'000'000));
};

TEST_F(OutboxSinkTest, OneStoryInThreeFeedsAlertsOnceAndRecordsTheCopies) {
  int notified = 0;
  OutboxSink sink(*db_, routes_, [&] { ++notified; });
  accept(sink, match("wire.example", "a", "North Korea fires ballistic missile over Japan",
                     "https://wire.example/nk-missile", "launch", 0));
  accept(sink,
         match("paper.example", "b", "North Korea fires ballistic missile over Japan - Reuters",
               "https://paper.example/world/nk", "launch", 20));
  accept(sink, match("tv.example", "c", "North Korea fires a ballistic missile over Japan",
                     "https://tv.example/nk", "launch", 45));
  EXPECT_EQ(notified, 3);
  ASSERT_EQ(pending("chat").size(), 1u) << "one alert per story";
  const auto log = pending("log");
  ASSERT_EQ(log.size(), 3u) << "the file log records every copy";
  EXPECT_FALSE(log[0].followup_of);
  EXPECT_EQ(log[1].followup_of, log[0].alert_id);
  const auto copy = alert::alert_from_json(log[2].payload).value();
  ASSERT_EQ(copy.also_reported.size(), 2u);
  EXPECT_EQ(copy.also_reported[0].source, "paper.example");
  EXPECT_EQ(copy.also_reported[1].source, "tv.example");
}

TEST_F(OutboxSinkTest, ALongStoryListsItsLatestTenCopiesNotTheFirstReport) {
  OutboxSink sink(*db_, routes_, nullptr);
  for (int i = 0; i < 14; ++i) {
    accept(sink, match("s" + std::to_string(i) + ".example", "k" + std::to_string(i),
                       "North Korea fires ballistic missile over Japan",
                       "https://wire.example/nk-missile", "launch", i));
  }
  ASSERT_EQ(pending("chat").size(), 1u);
  const auto log = pending("log");
  ASSERT_EQ(log.size(), 14u);
  const auto last = alert::alert_from_json(log.back().payload).value();
  ASSERT_EQ(last.also_reported.size(), 10u);
  EXPECT_EQ(last.also_reported.front().source, "s4.example");
  EXPECT_EQ(last.also_reported.back().source, "s13.example");
  const auto third = alert::alert_from_json(log[2].payload).value();
  ASSERT_EQ(third.also_reported.size(), 2u) << "the first report is never 'also reported'";
  EXPECT_EQ(third.also_reported.front().source, "s1.example");
}

TEST_F(OutboxSinkTest, ANewTopicOnTheSameWordsOpensANewStory) {
  OutboxSink sink(*db_, routes_, nullptr);
  accept(sink,
         match("wire.example", "a", "US imposes new sanctions on North Korea over missile program",
               "https://wire.example/sanctions", "sanctions", 0));
  accept(sink,
         match("wire.example", "b", "North Korea fires missile toward Japan after US sanctions",
               "https://wire.example/launch", "launch", 180));
  EXPECT_EQ(pending("chat").size(), 2u);
}

TEST_F(OutboxSinkTest, TheStoryWindowSurvivesARestart) {
  {
    OutboxSink sink(*db_, routes_, nullptr);
    accept(sink, match("wire.example", "a", "EU adopts 12th sanctions package against Russia",
                       "https://wire.example/eu", "sanctions", 0));
  }
  OutboxSink restarted(*db_, routes_, nullptr);
  ASSERT_TRUE(restarted.load_stories(start_ + std::chrono::hours(1)));
  accept(restarted, match("paper.example", "b", "EU adopts 12th sanctions package against Russia",
                          "https://paper.example/eu", "sanctions", 30));
  EXPECT_EQ(pending("chat").size(), 1u);
  EXPECT_EQ(pending("log").size(), 2u);
}

TEST_F(OutboxSinkTest, ARolledBackTransactionLeavesNoAlertAndNoStory) {
  int notified = 0;
  OutboxSink sink(*db_, routes_, [&] { ++notified; });
  const auto item = match("wire.example", "a", "Japan sanctions Russian banks",
                          "https://wire.example/jp", "sanctions", 0);
  {
    auto transaction = store::Transaction::begin(*db_).value();
    ASSERT_TRUE(sink.accept(item));
  }  // rolled back: the poller offers the item again next time
  EXPECT_EQ(notified, 0);
  EXPECT_TRUE(pending("chat").empty());
  accept(sink, item);
  EXPECT_EQ(pending("chat").size(), 1u) << "offered again, it alerts as a new story";
  EXPECT_FALSE(pending("chat")[0].followup_of);
}

}  // namespace
}  // namespace feedsentry::app
