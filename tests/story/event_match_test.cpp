// What keeps two reports apart and what lets them fold: conflicts and agreement between
// event attributes.
#include "story/event_match.h"

#include <gtest/gtest.h>

namespace feedsentry::story {
namespace {

EventAttributes launch(std::vector<std::string> classes, std::vector<std::string> outcomes = {},
                       std::string actor = "kp") {
  EventAttributes event;
  event.topics = {"launch"};
  event.actors = {std::move(actor)};
  event.classes = std::move(classes);
  event.outcomes = std::move(outcomes);
  return event;
}

EventAttributes sanctions(std::vector<std::string> actors, std::vector<std::string> parties = {}) {
  EventAttributes event;
  event.topics = {"sanctions"};
  event.actors = std::move(actors);
  event.targets = {"RU"};
  event.parties = std::move(parties);
  return event;
}

TEST(EventMatch, DifferentAuthoritiesConflictAndAgenciesOfOneGovernmentAgree) {
  EXPECT_TRUE(compare_events(sanctions({"uk"}), sanctions({"us"})).conflict());
  const EventComparison treasury = compare_events(sanctions({"us-treasury"}), sanctions({"us"}));
  EXPECT_FALSE(treasury.conflict());
  EXPECT_TRUE(treasury.same_actor);
  EXPECT_TRUE(compare_events(sanctions({"us-treasury"}), sanctions({"us-state"})).conflict());
  EXPECT_FALSE(compare_events(sanctions({"us", "eu"}), sanctions({"eu"})).conflict());
}

TEST(EventMatch, WeaponClassesConflictUnlessOneCanDescribeTheOther) {
  EXPECT_TRUE(compare_events(launch({"cruise"}), launch({"srbm"})).conflict());
  EXPECT_TRUE(compare_events(launch({"satellite"}), launch({"ballistic"})).conflict());
  EXPECT_TRUE(compare_events(launch({"icbm"}), launch({"srbm"})).conflict());
  EXPECT_TRUE(compare_events(launch({"crewed"}), launch({"cargo"})).conflict());
  const EventComparison ballistic = compare_events(launch({"ballistic"}), launch({"icbm"}));
  EXPECT_FALSE(ballistic.conflict());
  EXPECT_TRUE(ballistic.same_class);
  EXPECT_FALSE(compare_events(launch({"hypersonic"}), launch({"irbm"})).conflict());
  EXPECT_FALSE(compare_events(launch({}), launch({"icbm"})).conflict()) << "nothing named";
}

TEST(EventMatch, ANoticeIsNotTheLaunchAndFailureIsNotSuccess) {
  EXPECT_TRUE(compare_events(launch({"satellite"}, {"planned"}), launch({"satellite"}, {"failure"}))
                  .conflict());
  EXPECT_TRUE(
      compare_events(launch({"satellite"}, {"occurred"}), launch({"satellite"}, {"planned"}))
          .conflict());
  EXPECT_TRUE(compare_events(launch({}, {"success"}), launch({}, {"failure"})).conflict());
  EXPECT_FALSE(compare_events(launch({}, {"occurred"}), launch({}, {"failure"})).conflict());
}

TEST(EventMatch, LaunchingStatesTargetsPartiesPackagesAndDaysConflict) {
  EXPECT_TRUE(compare_events(launch({"satellite"}, {}, "ru"), launch({"satellite"})).conflict());
  EXPECT_TRUE(
      compare_events(sanctions({"us"}, {"banks"}), sanctions({"us"}, {"it-workers"})).conflict());
  EventAttributes thirteenth = sanctions({"eu"});
  thirteenth.ordinals = {13};
  EventAttributes twelfth = sanctions({"eu"});
  twelfth.ordinals = {12};
  EXPECT_TRUE(compare_events(thirteenth, twelfth).conflict());
  EXPECT_TRUE(compare_events(thirteenth, thirteenth).same_party);
  EventAttributes monday = launch({"icbm"});
  monday.event_day = 100;
  EventAttributes wednesday = launch({"icbm"});
  wednesday.event_day = 102;
  EXPECT_TRUE(compare_events(monday, wednesday).conflict());
  wednesday.event_day = 101;  // a day apart: time zones
  EXPECT_FALSE(compare_events(monday, wednesday).conflict());
  // "On Monday" read on either side of a week boundary: a week apart is the same weekday.
  EventAttributes next_monday = monday;
  next_monday.event_day = 107;
  next_monday.event_day_from_weekday = true;
  EXPECT_FALSE(compare_events(monday, next_monday).conflict());
  next_monday.event_day = 109;
  EXPECT_TRUE(compare_events(monday, next_monday).conflict());
  next_monday.event_day_from_weekday = false;
  next_monday.event_day = 107;
  EXPECT_TRUE(compare_events(monday, next_monday).conflict()) << "calendar dates a week apart";
}

TEST(EventMatch, AReportAddingATopicConflictsButOneDroppingATopicDoesNot) {
  EventAttributes both = launch({"icbm"});
  both.topics = {"launch", "sanctions"};
  const EventComparison adds = compare_events(both, launch({"icbm"}));
  ASSERT_TRUE(adds.conflict());
  EXPECT_EQ(adds.conflicts.front(), "topic +sanctions");
  EXPECT_FALSE(compare_events(launch({"icbm"}), both).conflict());
}

TEST(EventMatch, DescribesWhatAgreed) {
  EventAttributes a = launch({"icbm"});
  a.counts = {74};
  EventAttributes b = launch({"ballistic", "icbm"});
  b.counts = {74, 2};
  EXPECT_EQ(describe_agreement(compare_events(a, b)), "actor+class+count");
  EXPECT_EQ(describe_agreement(compare_events(sanctions({"eu"}), launch({}))), "none");
}

}  // namespace
}  // namespace feedsentry::story
