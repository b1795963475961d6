#pragma once
// The scheduler's only source of randomness (jitter, backoff). Injected so tests can pin
// the value; production uses SystemRandom. Not thread-safe: the scheduler calls it from the
// event-loop thread only.
#include <cstdint>
#include <random>

namespace feedsentry::schedule {

class Random {
 public:
  virtual ~Random() = default;
  // Uniform in [0, 1).
  virtual double uniform() = 0;
};

// std::mt19937_64 seeded once from std::random_device.
class SystemRandom final : public Random {
 public:
  SystemRandom();
  explicit SystemRandom(std::uint64_t seed) : engine_(seed) {}
  double uniform() override;

 private:
  std::mt19937_64 engine_;
};

// For tests and for callers that want no jitter: always returns the same value.
class FixedRandom final : public Random {
 public:
  explicit FixedRandom(double value) : value_(value) {}
  double uniform() override { return value_; }
  void set(double value) { value_ = value; }

 private:
  double value_;
};

// The largest double below 1: what "uniform() ~ 1" means in tests and in clamping.
inline constexpr double kAlmostOne = 1.0 - 0x1.0p-53;

// uniform() clamped into [0, 1): a misbehaving Random (NaN, 1.0, negative) cannot push a
// delay outside its documented bounds.
double unit_interval(Random& random);

}  // namespace feedsentry::schedule
