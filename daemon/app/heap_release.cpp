#include "app/heap_release.h"

#include <chrono>

// AddressSanitizer replaces malloc: glibc's trim would find nothing to give back.
#if defined(__GLIBC__) && !defined(__SANITIZE_ADDRESS__)
#define FEEDSENTRY_GLIBC_MALLOC 1
#include <malloc.h>
#endif

namespace feedsentry::app {

bool heap_release_supported() {
#if defined(FEEDSENTRY_GLIBC_MALLOC)
  return true;
#else
  return false;
#endif
}

HeapRelease release_free_heap() {
  HeapRelease result;
#if defined(FEEDSENTRY_GLIBC_MALLOC)
  const auto start = std::chrono::steady_clock::now();
  result.released = malloc_trim(0) != 0;
  result.milliseconds =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
#endif
  return result;
}

}  // namespace feedsentry::app
