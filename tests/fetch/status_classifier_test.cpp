#include "fetch/status_classifier.h"

#include <gtest/gtest.h>

namespace feedsentry::fetch {
namespace {

TEST(StatusClassifier, SuccessAndNotModifiedAreOk) {
  EXPECT_EQ(classify_status(200, BodyClass::kNotHtml, true), ErrorClass::kNone);
  EXPECT_EQ(classify_status(204, BodyClass::kNotHtml, false), ErrorClass::kNone);
  EXPECT_EQ(classify_status(304, BodyClass::kNotHtml, true), ErrorClass::kNone);
}

TEST(StatusClassifier, NonHttpTransfersAreOk) {
  EXPECT_EQ(classify_status(0, BodyClass::kHtmlPage, true), ErrorClass::kNone);
}

TEST(StatusClassifier, HtmlWhereFeedExpectedIsBotWall) {
  EXPECT_EQ(classify_status(200, BodyClass::kHtmlPage, true), ErrorClass::kBotWall);
  EXPECT_EQ(classify_status(200, BodyClass::kChallengePage, true), ErrorClass::kBotWall);
  EXPECT_EQ(classify_status(200, BodyClass::kHtmlPage, false), ErrorClass::kNone);
}

TEST(StatusClassifier, ChallengeBehind403Or503IsBotWall) {
  EXPECT_EQ(classify_status(403, BodyClass::kChallengePage, true), ErrorClass::kBotWall);
  EXPECT_EQ(classify_status(503, BodyClass::kChallengePage, true), ErrorClass::kBotWall);
  EXPECT_EQ(classify_status(503, BodyClass::kChallengePage, false), ErrorClass::kHttpStatus);
}

TEST(StatusClassifier, PlainHtmlErrorPagesKeepTheirStatus) {
  EXPECT_EQ(classify_status(503, BodyClass::kHtmlPage, true), ErrorClass::kHttpStatus);
  EXPECT_EQ(classify_status(403, BodyClass::kHtmlPage, true), ErrorClass::kHttpStatus);
  EXPECT_EQ(classify_status(500, BodyClass::kChallengePage, true), ErrorClass::kHttpStatus);
}

TEST(StatusClassifier, ClientAndServerErrorsAreHttpStatus) {
  for (const long status : {400L, 404L, 410L, 429L, 500L, 502L, 504L}) {
    EXPECT_EQ(classify_status(status, BodyClass::kNotHtml, true), ErrorClass::kHttpStatus)
        << status;
  }
}

TEST(StatusClassifier, UnfollowedRedirectIsRedirectError) {
  EXPECT_EQ(classify_status(301, BodyClass::kNotHtml, false), ErrorClass::kRedirect);
  EXPECT_EQ(classify_status(302, BodyClass::kNotHtml, false), ErrorClass::kRedirect);
}

}  // namespace
}  // namespace feedsentry::fetch
