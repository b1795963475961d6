#include "schedule/random.h"

#include <limits>

#include <gtest/gtest.h>

namespace feedsentry::schedule {
namespace {

TEST(SystemRandom, DrawsFromTheUnitInterval) {
  SystemRandom random;
  double sum = 0;
  for (int i = 0; i < 100'000; ++i) {
    const double value = random.uniform();
    ASSERT_GE(value, 0.0);
    ASSERT_LT(value, 1.0);
    sum += value;
  }
  EXPECT_NEAR(sum / 100'000, 0.5, 0.01);
}

TEST(SystemRandom, SameSeedGivesTheSameSequence) {
  SystemRandom first(42);
  SystemRandom second(42);
  for (int i = 0; i < 100; ++i) ASSERT_EQ(first.uniform(), second.uniform());
}

TEST(UnitInterval, PassesValidValuesThrough) {
  FixedRandom random(0.25);
  EXPECT_EQ(unit_interval(random), 0.25);
}

TEST(UnitInterval, ClampsMisbehavingSources) {
  FixedRandom random(1.0);
  EXPECT_EQ(unit_interval(random), kAlmostOne);
  random.set(7.5);
  EXPECT_EQ(unit_interval(random), kAlmostOne);
  random.set(-0.5);
  EXPECT_EQ(unit_interval(random), 0.0);
  random.set(std::numeric_limits<double>::quiet_NaN());
  EXPECT_EQ(unit_interval(random), 0.0);
}

}  // namespace
}  // namespace feedsentry::schedule
