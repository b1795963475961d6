#pragma once
// Gives the heap's free pages back to the kernel (glibc malloc_trim). A long-running daemon
// needs it: glibc returns free memory only from the top of each arena, so the pages freed
// in the middle of a heap (start-up state loading, a burst of large feed bodies parsed on
// the pool threads) stay resident for good otherwise. A no-op without glibc's allocator
// (other libcs, AddressSanitizer builds).
#include <cstddef>

namespace feedsentry::app {

struct HeapRelease {
  bool released = false;  // malloc_trim gave memory back
  double milliseconds = 0;
};

// False when release_free_heap() cannot give anything back in this build.
bool heap_release_supported();

HeapRelease release_free_heap();

}  // namespace feedsentry::app
