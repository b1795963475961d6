// Simulates kill -9: a child process commits one transaction, starts another and is killed
// by SIGKILL before committing it. The parent then reopens the file as a restarted daemon
// would.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "store/database.h"
#include "store/seen_store.h"
#include "store/transaction.h"
#include "store_test_support.h"

namespace feedsentry::store {
namespace {

using testing::at;
using testing::kFeed;
using testing::open_or_die;
using testing::TempDir;

std::vector<SeenStore::Candidate> items(const std::string& prefix, int count) {
  std::vector<SeenStore::Candidate> out;
  for (int i = 0; i < count; ++i) {
    // Long keys make the uncommitted batch larger than SQLite's page cache, so it spills
    // into the WAL before the kill and recovery has to ignore those uncommitted frames.
    out.push_back(testing::item(prefix + std::string(150, 'x') + std::to_string(i)));
  }
  return out;
}

// Runs in the forked child: only async-signal-tolerant exits, no gtest macros.
[[noreturn]] void commit_then_die_mid_transaction(const std::filesystem::path& path) {
  auto db = Database::open(path);
  if (!db) _exit(10);
  SeenStore seen(*db);
  {
    auto committed = Transaction::begin(*db);
    if (!committed || !seen.record(kFeed, items("committed-", 500), at(100))) _exit(11);
    if (!committed->commit()) _exit(12);
  }
  auto uncommitted = Transaction::begin(*db);
  if (!uncommitted || !seen.record(kFeed, items("uncommitted-", 20000), at(200))) _exit(13);
  raise(SIGKILL);
  _exit(14);
}

TEST(CrashRecovery, KilledProcessKeepsCommittedAndLosesUncommittedWork) {
  TempDir dir;
  const auto path = dir.file("state.db");
  const pid_t child = fork();
  ASSERT_NE(child, -1);
  if (child == 0) commit_then_die_mid_transaction(path);

  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFSIGNALED(status)) << "child exited with " << WEXITSTATUS(status);
  ASSERT_EQ(WTERMSIG(status), SIGKILL);
  EXPECT_TRUE(std::filesystem::exists(dir.file("state.db-wal")))
      << "committed work was still only in the WAL when the process died";

  auto reopened = Database::open(path);  // runs PRAGMA quick_check
  ASSERT_TRUE(reopened) << reopened.error().describe();
  auto integrity = reopened->prepare("PRAGMA integrity_check");
  ASSERT_TRUE(*integrity->step());
  EXPECT_EQ(integrity->column_text(0), "ok");

  SeenStore seen(*reopened);
  auto committed = seen.find_new(kFeed, items("committed-", 500));
  ASSERT_TRUE(committed);
  EXPECT_THAT(*committed, ::testing::Each(false));
  auto uncommitted = seen.find_new(kFeed, items("uncommitted-", 20000));
  ASSERT_TRUE(uncommitted);
  EXPECT_THAT(*uncommitted, ::testing::Each(true));
}

}  // namespace
}  // namespace feedsentry::store
