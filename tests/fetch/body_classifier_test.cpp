#include "fetch/body_classifier.h"

#include <string>

#include <gtest/gtest.h>

namespace feedsentry::fetch {
namespace {

TEST(BodyClassifier, RssIsNotHtmlEvenWhenLabelledTextHtml) {
  EXPECT_EQ(classify_body("text/html", "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"></rss>"),
            BodyClass::kNotHtml);
}

TEST(BodyClassifier, AtomRdfAndJsonFeedsAreNotHtml) {
  EXPECT_EQ(classify_body("application/atom+xml", "<feed xmlns=\"http://www.w3.org/2005/Atom\">"),
            BodyClass::kNotHtml);
  EXPECT_EQ(classify_body("application/rdf+xml", "<rdf:RDF xmlns:rdf=\"x\">"), BodyClass::kNotHtml);
  EXPECT_EQ(classify_body("text/html", "{\"version\":\"https://jsonfeed.org/version/1.1\"}"),
            BodyClass::kNotHtml);
}

TEST(BodyClassifier, SkipsBomWhitespaceStylesheetAndComments) {
  EXPECT_EQ(classify_body("text/html",
                          "\xEF\xBB\xBF  <?xml version=\"1.0\"?><?xml-stylesheet href=\"s.xsl\"?>"
                          "<!-- generated --><rss version=\"2.0\"/>"),
            BodyClass::kNotHtml);
}

TEST(BodyClassifier, FeedMentioningCaptchaIsStillAFeed) {
  EXPECT_EQ(classify_body("application/rss+xml",
                          "<rss><channel><item><title>New captcha rules</title></item></channel>"),
            BodyClass::kNotHtml);
}

TEST(BodyClassifier, HtmlDocumentIsHtmlWhateverTheContentType) {
  EXPECT_EQ(classify_body("application/rss+xml", "<!DOCTYPE html><html><body>x</body></html>"),
            BodyClass::kHtmlPage);
  EXPECT_EQ(classify_body("", "\n<html lang=\"en\"><body>x</body></html>"), BodyClass::kHtmlPage);
  EXPECT_EQ(classify_body("", "<!doctype HTML>"), BodyClass::kHtmlPage);
}

TEST(BodyClassifier, XhtmlWithXmlDeclarationIsHtml) {
  EXPECT_EQ(classify_body("application/xhtml+xml",
                          "<?xml version=\"1.0\"?><!DOCTYPE html><html xmlns=\"x\"></html>"),
            BodyClass::kHtmlPage);
}

TEST(BodyClassifier, MarkupLabelledTextHtmlIsHtml) {
  EXPECT_EQ(classify_body("text/html; charset=utf-8", "<div>Moved</div>"), BodyClass::kHtmlPage);
}

TEST(BodyClassifier, PlainTextLabelledTextHtmlIsLeftToTheParser) {
  EXPECT_EQ(classify_body("text/html", "Service unavailable"), BodyClass::kNotHtml);
  EXPECT_EQ(classify_body("text/html", ""), BodyClass::kNotHtml);
}

TEST(BodyClassifier, TagPrefixMustBeWholeName) {
  EXPECT_EQ(classify_body("", "<rssfeed/>"), BodyClass::kNotHtml);
  EXPECT_EQ(classify_body("", "<htmlish/>"), BodyClass::kNotHtml);
}

TEST(BodyClassifier, RecognisesCloudflareChallenge) {
  EXPECT_EQ(classify_body("text/html",
                          "<!DOCTYPE html><html><head><title>Just a moment...</title></head>"),
            BodyClass::kChallengePage);
  EXPECT_EQ(classify_body("text/html", "<html><script src=\"/cdn-cgi/challenge-platform/x.js\">"),
            BodyClass::kChallengePage);
  EXPECT_EQ(classify_body("text/html", "<html><form id=\"cf-chl-form\">"),
            BodyClass::kChallengePage);
}

TEST(BodyClassifier, RecognisesCaptchaPagesCaseInsensitively) {
  EXPECT_EQ(classify_body("text/html", "<html><div class=\"g-reCAPTCHA\"></div></html>"),
            BodyClass::kChallengePage);
  EXPECT_EQ(classify_body("text/html", "<html><body>Checking your browser before accessing"),
            BodyClass::kChallengePage);
}

TEST(BodyClassifier, OnlyTheStartOfAHugePageIsScanned) {
  std::string page = "<html><body>";
  page.append(128 * 1024, ' ');
  page += "captcha";
  EXPECT_EQ(classify_body("text/html", page), BodyClass::kHtmlPage);
}

}  // namespace
}  // namespace feedsentry::fetch
