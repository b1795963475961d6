#include "schedule/random.h"

#include <cmath>

namespace feedsentry::schedule {

SystemRandom::SystemRandom() {
  std::random_device device;
  const std::uint64_t high = device();
  const std::uint64_t low = device();
  engine_.seed((high << 32) ^ low);
}

double SystemRandom::uniform() {
  // The top 53 bits give every representable step in [0, 1) exactly once. (Some library
  // versions of uniform_real_distribution can round up to 1.0.)
  return static_cast<double>(engine_() >> 11) * 0x1.0p-53;
}

double unit_interval(Random& random) {
  const double value = random.uniform();
  if (!(value > 0.0)) return 0.0;  // also catches NaN
  return value < 1.0 ? value : kAlmostOne;
}

}  // namespace feedsentry::schedule
