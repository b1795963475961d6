// Regressions for behaviour the feedparser conformance suite checks (conformance/
// feedparser/...), pinned here so that a change shows up in ctest, not only in the suite.
#include <gtest/gtest.h>

#include "feed/parse.h"

namespace feedsentry::feed {
namespace {

// wellformed/atom/atom_namespace_2..5: the namespaces of 2003 Atom drafts.
TEST(ConformanceRegression, PreReleaseAtomNamespacesAreAtom03) {
  for (const char* uri : {"http://example.com/newformat#", "http://example.com/necho",
                          "http://purl.org/echo/", "http://purl.org/pie/"}) {
    const ParsedFeed parsed = parse_feed(std::string(R"(<feed version="0.3" xmlns=")") + uri +
                                         R"("><title>Example Atom</title></feed>)");
    EXPECT_FALSE(parsed.bozo) << uri << ": " << parsed.bozo_reason;
    EXPECT_EQ(parsed.feed.format, FeedFormat::kAtom03) << uri;
    EXPECT_EQ(parsed.feed.title, "Example Atom") << uri;
  }
}

// wellformed/atom/entry_link_no_href, wellformed/atom10/entry_link_no_href.
TEST(ConformanceRegression, AtomLinkWithoutHrefUsesItsText) {
  const ParsedFeed parsed = parse_feed(R"(<feed xmlns="http://www.w3.org/2005/Atom"><entry>
    <link rel="alternate" type="text/html"> http://www.example.com/ </link>
    <link rel="enclosure" type="text/html">http://www.example.com/other</link>
  </entry></feed>)");
  EXPECT_FALSE(parsed.bozo) << parsed.bozo_reason;
  ASSERT_EQ(parsed.feed.items.size(), 1u);
  EXPECT_EQ(parsed.feed.items[0].link, "http://www.example.com/");
}

TEST(ConformanceRegression, AtomLinkWithHrefIgnoresItsText) {
  const ParsedFeed parsed = parse_feed(R"(<feed xmlns="http://www.w3.org/2005/Atom"><entry>
    <link href="http://a.example/">http://b.example/</link></entry></feed>)");
  ASSERT_EQ(parsed.feed.items.size(), 1u);
  EXPECT_EQ(parsed.feed.items[0].link, "http://a.example/");
}

// wellformed/atom10/entry_content_div_escaped_markup (TypePad).
TEST(ConformanceRegression, HtmlContentWrappedInXhtmlDivIsReadAsHtml) {
  const ParsedFeed parsed = parse_feed(R"(<feed xmlns="http://www.w3.org/2005/Atom"><entry>
    <content type="html"><div xmlns="http://www.w3.org/1999/xhtml">Example &lt;b&gt;Atom&lt;/b&gt;</div></content>
  </entry></feed>)");
  EXPECT_FALSE(parsed.bozo) << parsed.bozo_reason;
  ASSERT_EQ(parsed.feed.items.size(), 1u);
  EXPECT_EQ(parsed.feed.items[0].content.html, "Example <b>Atom</b>");
  EXPECT_EQ(parsed.feed.items[0].content.text, "Example Atom");
}

TEST(ConformanceRegression, XhtmlDivBesideOtherContentStaysMarkup) {
  const ParsedFeed parsed = parse_feed(R"(<feed xmlns="http://www.w3.org/2005/Atom"><entry>
    <content type="html">Intro <div xmlns="http://www.w3.org/1999/xhtml">&lt;b&gt;</div></content>
  </entry></feed>)");
  ASSERT_EQ(parsed.feed.items.size(), 1u);
  EXPECT_EQ(parsed.feed.items[0].content.text, "Intro <b>");
}

// encoding/demoronize-1: U+0092 in UTF-8 text is a windows-1252 apostrophe.
TEST(ConformanceRegression, C1ControlsInTextBecomeWindows1252Characters) {
  const ParsedFeed parsed = parse_feed(
      "<rss version=\"2.0\"><channel><item><title>\xC2\x93Quoted\xC2\x94</title>"
      "<description>don\xC2\x92t &#133; \xC2\x81</description></item></channel></rss>");
  EXPECT_FALSE(parsed.bozo) << parsed.bozo_reason;
  ASSERT_EQ(parsed.feed.items.size(), 1u);
  EXPECT_EQ(parsed.feed.items[0].title, "\u201CQuoted\u201D");
  // U+0081 has no windows-1252 character and stays.
  EXPECT_EQ(parsed.feed.items[0].summary.text, "don\u2019t \u2026 \u0081");
}

// encoding/double-encoded-html and bozo_double-encoded-html: UTF-8 that went through a
// Latin-1 decoder once too often, as references or as characters.
TEST(ConformanceRegression, Utf8DoubleEncodedAsLatin1IsRepaired) {
  const ParsedFeed references = parse_feed(
      "<rss version=\"2.0\"><channel><item><description>&#226;&#128;&#166;</description>"
      "</item></channel></rss>");
  EXPECT_FALSE(references.bozo) << references.bozo_reason;
  ASSERT_EQ(references.feed.items.size(), 1u);
  EXPECT_EQ(references.feed.items[0].summary.text, "\u2026");

  const ParsedFeed characters = parse_feed(
      "<rss version=\"2.0\"><channel><item><title>Caf\xC3\x83\xC2\xA9</title>"
      "<description>&acirc;&#128;&brvbar;</description></item></channel></rss>");
  EXPECT_TRUE(characters.bozo);  // &acirc; and &brvbar; are not XML entities
  ASSERT_EQ(characters.feed.items.size(), 1u);
  EXPECT_EQ(characters.feed.items[0].title, "Caf\u00E9");
  EXPECT_EQ(characters.feed.items[0].summary.text, "\u2026");
}

TEST(ConformanceRegression, GenuineLatin1TextIsNotRepaired) {
  const ParsedFeed parsed = parse_feed(
      "<rss version=\"2.0\"><channel><item><title>Caf\u00E9 cr\u00E8me \u00A9 "
      "Gr\u00F6\u00DFe</title>"
      "</item></channel></rss>");
  ASSERT_EQ(parsed.feed.items.size(), 1u);
  EXPECT_EQ(parsed.feed.items[0].title, "Caf\u00E9 cr\u00E8me \u00A9 Gr\u00F6\u00DFe");
}

}  // namespace
}  // namespace feedsentry::feed
