#pragma once
// Reproducible random bytes for tests of what is not a feed: a linear congruential sequence,
// so a failure replays with the same input.
#include <cstddef>
#include <cstdint>
#include <string>

namespace feedsentry::test_support {

inline std::string junk_bytes(std::size_t size, std::uint32_t seed) {
  std::string junk;
  junk.reserve(size);
  std::uint32_t state = seed;
  for (std::size_t i = 0; i < size; ++i) {
    state = state * 1103515245u + 12345u;
    junk.push_back(static_cast<char>(state >> 24));
  }
  return junk;
}

}  // namespace feedsentry::test_support
