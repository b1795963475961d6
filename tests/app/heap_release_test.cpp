#include "app/heap_release.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>
#include <memory>
#include <thread>
#include <vector>

namespace feedsentry::app {
namespace {

std::size_t resident_bytes() {
  std::ifstream statm("/proc/self/statm");
  std::size_t size = 0;
  std::size_t resident = 0;
  statm >> size >> resident;
  return resident * static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
}

// Fills a thread's arena with small blocks and frees all but every 64th: what is freed sits
// between live blocks, where free() alone never returns it to the kernel.
std::vector<std::unique_ptr<char[]>> fragment_heap(std::size_t blocks, std::size_t block_size) {
  std::vector<std::unique_ptr<char[]>> kept;
  std::thread worker([&] {
    std::vector<std::unique_ptr<char[]>> all;
    all.reserve(blocks);
    for (std::size_t i = 0; i < blocks; ++i) {
      all.emplace_back(new char[block_size]);
      std::fill_n(all.back().get(), block_size, static_cast<char>(i));  // make it resident
    }
    for (std::size_t i = 0; i < blocks; i += 64) kept.push_back(std::move(all[i]));
  });
  worker.join();
  return kept;
}

TEST(HeapRelease, ReturnsPagesFreedBetweenLiveBlocks) {
  if (!heap_release_supported()) {
    EXPECT_FALSE(release_free_heap().released);  // this allocator is not glibc's
    return;
  }
  constexpr std::size_t kBlocks = 64 * 1024;
  constexpr std::size_t kBlockSize = 1024;  // 64 MiB in all, 63 MiB of it freed
  release_free_heap();
  const auto kept = fragment_heap(kBlocks, kBlockSize);
  const std::size_t before = resident_bytes();
  const HeapRelease release = release_free_heap();
  const std::size_t after = resident_bytes();
  EXPECT_TRUE(release.released);
  EXPECT_GE(release.milliseconds, 0.0);
  ASSERT_LT(after, before);
  EXPECT_GT(before - after, std::size_t{32} << 20) << "before " << before << " after " << after;
  EXPECT_EQ(kept.size(), kBlocks / 64);
}

}  // namespace
}  // namespace feedsentry::app
