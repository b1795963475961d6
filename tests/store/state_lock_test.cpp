// The state directory lock: one holder at a time, named by pid, released with its holder.
#include "store/state_lock.h"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace feedsentry::store {
namespace {

class StateLockTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/feedsentry-lock-XXXXXX";
    directory_ = mkdtemp(pattern);
  }
  void TearDown() override { std::filesystem::remove_all(directory_); }
  std::filesystem::path directory_;
};

TEST_F(StateLockTest, ASecondHolderIsRefusedWithTheFirstHoldersPid) {
  auto first = StateLock::acquire(directory_);
  ASSERT_TRUE(first) << first.error().describe();
  auto second = StateLock::acquire(directory_);
  ASSERT_FALSE(second);
  const std::string expected = "state_dir " + directory_.string() +
                               " is in use by feedsentry (pid " + std::to_string(getpid()) + ")";
  EXPECT_NE(second.error().message.find(expected), std::string::npos) << second.error().message;
}

TEST_F(StateLockTest, TheLockIsFreeAgainOnceItsHolderIsGone) {
  { auto first = StateLock::acquire(directory_).value(); }
  auto again = StateLock::acquire(directory_);
  EXPECT_TRUE(again) << again.error().describe();
  // Moving the lock keeps it held.
  StateLock moved = std::move(*again);
  EXPECT_FALSE(StateLock::acquire(directory_));
}

TEST_F(StateLockTest, AStaleFileWithAnotherPidDoesNotBlock) {
  std::ofstream(directory_ / std::string(StateLock::kFileName)) << "999999\n";
  auto lock = StateLock::acquire(directory_);
  ASSERT_TRUE(lock) << lock.error().describe();
  std::ifstream file(directory_ / std::string(StateLock::kFileName));
  std::string pid;
  file >> pid;
  EXPECT_EQ(pid, std::to_string(getpid()));
}

TEST_F(StateLockTest, AMissingDirectoryIsAnErrorNamingTheFile) {
  auto lock = StateLock::acquire(directory_ / "absent");
  ASSERT_FALSE(lock);
  EXPECT_NE(lock.error().describe().find("absent/feedsentry.lock"), std::string::npos)
      << lock.error().describe();
}

}  // namespace
}  // namespace feedsentry::store
