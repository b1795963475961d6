#include "feed/parse.h"

#include <fstream>
#include <iterator>

#include <gtest/gtest.h>

#include "support/junk_bytes.h"

namespace feedsentry::feed {
namespace {

using namespace std::chrono;

ParsedFeed parse(std::string_view document, std::string base = "https://site.example/feed.xml") {
  ParseOptions options;
  options.base_url = std::move(base);
  return parse_feed(document, options);
}

std::string read_file(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
}

constexpr std::string_view kRss20 = R"(<?xml version="1.0"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"
     xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
  <title>Example &amp; Co</title><link>https://site.example/</link><language>en-gb</language>
  <ttl>30</ttl>
  <image><title>Wrong title</title><link>https://wrong.example/</link></image>
  <item>
    <title>First &lt;b&gt;bold&lt;/b&gt; story</title>
    <link>/2023/first</link>
    <guid isPermaLink="false">id-1</guid>
    <description><![CDATA[<p>Summary <script>alert(1)</script>text</p>]]></description>
    <content:encoded><![CDATA[<div>Full&nbsp;text</div>]]></content:encoded>
    <pubDate>Fri, 01 Sep 2023 10:00:00 EDT</pubDate>
    <dc:date>2023-09-02T00:00:00Z</dc:date>
    <dc:creator>Reporter</dc:creator>
    <category>World</category><dc:subject>Asia</dc:subject>
  </item>
</channel>
</rss>)";

}  // namespace

TEST(ParseRss, ReadsChannelFieldsAndIgnoresImageChildren) {
  const ParsedFeed parsed = parse(kRss20);
  EXPECT_FALSE(parsed.bozo) << parsed.bozo_reason;
  EXPECT_EQ(parsed.feed.format, FeedFormat::kRss20);
  EXPECT_EQ(parsed.feed.title, "Example & Co");
  EXPECT_EQ(parsed.feed.link, "https://site.example/");
  EXPECT_EQ(parsed.feed.language, "en-gb");
  EXPECT_EQ(parsed.feed.ttl_minutes, 30);
}

TEST(ParseRss, ReadsEveryItemField) {
  const ParsedFeed parsed = parse(kRss20);
  ASSERT_EQ(parsed.feed.items.size(), 1u);
  const Item& item = parsed.feed.items[0];
  EXPECT_EQ(item.id, "id-1");
  EXPECT_FALSE(item.id_is_derived);
  EXPECT_EQ(item.title, "First bold story");
  EXPECT_EQ(item.link, "https://site.example/2023/first");
  EXPECT_EQ(item.summary.text, "Summary text");
  EXPECT_EQ(item.summary.html, "<p>Summary <script>alert(1)</script>text</p>");
  EXPECT_EQ(item.content.text, "Full\u00a0text");
  EXPECT_EQ(item.published, sys_days{2023y / 9 / 1} + 14h);
  EXPECT_EQ(item.updated, sys_days{2023y / 9 / 2});
  EXPECT_EQ(item.author, "Reporter");
  EXPECT_EQ(item.categories, (std::vector<std::string>{"World", "Asia"}));
}

TEST(ParseRss, DetectsOldVersions) {
  EXPECT_EQ(parse("<rss version=\"0.91\"><channel><title>t</title></channel></rss>").feed.format,
            FeedFormat::kRss091);
  EXPECT_EQ(parse("<rss version=\"0.92\"><channel/></rss>").feed.format, FeedFormat::kRss092);
}

TEST(ParseRss, PermalinkGuidBecomesLinkOnlyWhenAllowed) {
  const auto link_of = [](std::string_view guid) {
    const std::string document =
        "<rss version=\"2.0\"><channel><item>" + std::string(guid) + "</item></channel></rss>";
    return parse(document).feed.items.at(0).link;
  };
  EXPECT_EQ(link_of("<guid>http://guid.example/1</guid>"), "http://guid.example/1");
  EXPECT_EQ(link_of("<guid isPermaLink=\"false\">http://guid.example/1</guid>"), "");
}

TEST(ParseRss, TitleThatMerelyContainsAngleBracketsStaysText) {
  const ParsedFeed parsed =
      parse("<rss><channel><item><title>1 &lt; 2 and &lt;blink&gt;</title></item></channel></rss>");
  EXPECT_EQ(parsed.feed.items.at(0).title, "1 < 2 and <blink>");
}

TEST(ParseRdf, ReadsRss10ItemsBesideTheChannel) {
  const ParsedFeed parsed =
      parse(R"(<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
      xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
    <channel rdf:about="https://site.example/"><title>RDF feed</title></channel>
    <item rdf:about="https://site.example/1"><title>One</title><link>https://site.example/1</link>
      <dc:date>2004-01-01T19:48:21+00:00</dc:date></item>
  </rdf:RDF>)");
  EXPECT_FALSE(parsed.bozo) << parsed.bozo_reason;
  EXPECT_EQ(parsed.feed.format, FeedFormat::kRss10);
  EXPECT_EQ(parsed.feed.title, "RDF feed");
  ASSERT_EQ(parsed.feed.items.size(), 1u);
  EXPECT_EQ(parsed.feed.items[0].id, "https://site.example/1");
  EXPECT_EQ(parsed.feed.items[0].updated, sys_days{2004y / 1 / 1} + 19h + 48min + 21s);
}

TEST(ParseRdf, DetectsRss090) {
  const ParsedFeed parsed =
      parse(R"(<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
      xmlns="http://my.netscape.com/rdf/simple/0.9/"><channel><title>Old</title></channel>
      <item><title>Item</title><link>http://x.example/</link></item></rdf:RDF>)");
  EXPECT_EQ(parsed.feed.format, FeedFormat::kRss090);
  EXPECT_EQ(parsed.feed.items.at(0).title, "Item");
}

TEST(ParseAtom, ReadsEntryFieldsWithXmlBase) {
  const ParsedFeed parsed = parse(R"(<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ko"
      xml:base="https://korea.example/news/">
    <title type="html">Korea &lt;i&gt;desk&lt;/i&gt;</title>
    <link rel="self" href="/feed"/><link href="/"/>
    <entry>
      <id>tag:korea.example,2023:1</id>
      <title type="text">History of the &lt;blink&gt; tag</title>
      <link rel="enclosure" href="a.mp3"/><link rel="alternate" href="2023/1"/>
      <summary type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>One</p><p>Two &amp; three</p></div></summary>
      <content type="html">&lt;p&gt;Body&lt;/p&gt;</content>
      <published>2023-11-22T01:05:00.000+09:00</published>
      <updated>2023-11-22T03:10:00Z</updated>
      <author><name>Desk</name><email>desk@korea.example</email></author>
      <category term="Space" label="Space news"/>
      <source><id>wrong</id></source>
    </entry>
  </feed>)");
  EXPECT_FALSE(parsed.bozo) << parsed.bozo_reason;
  EXPECT_EQ(parsed.feed.format, FeedFormat::kAtom10);
  EXPECT_EQ(parsed.feed.title, "Korea desk");
  EXPECT_EQ(parsed.feed.link, "https://korea.example/");
  EXPECT_EQ(parsed.feed.language, "ko");
  const Item& item = parsed.feed.items.at(0);
  EXPECT_EQ(item.id, "tag:korea.example,2023:1");
  EXPECT_EQ(item.title, "History of the <blink> tag");
  EXPECT_EQ(item.link, "https://korea.example/news/2023/1");
  EXPECT_EQ(item.summary.text, "One Two & three");
  EXPECT_EQ(item.content.text, "Body");
  EXPECT_EQ(item.published, sys_days{2023y / 11 / 21} + 16h + 5min);
  EXPECT_EQ(item.updated, sys_days{2023y / 11 / 22} + 3h + 10min);
  EXPECT_EQ(item.author, "Desk (desk@korea.example)");
  EXPECT_EQ(item.categories, std::vector<std::string>{"Space"});
}

TEST(ParseAtom, ReadsAtom03ModesIncludingBase64) {
  const ParsedFeed parsed = parse(R"(<feed version="0.3" xmlns="http://purl.org/atom/ns#">
    <entry><title mode="base64" type="text/html">RXhhbXBsZSA8Yj5BdG9tPC9iPg==</title>
      <issued>2004-01-01T19:48:21Z</issued><modified>2004-01-02T00:00:00Z</modified></entry>
  </feed>)");
  EXPECT_EQ(parsed.feed.format, FeedFormat::kAtom03);
  const Item& item = parsed.feed.items.at(0);
  EXPECT_EQ(item.title, "Example Atom");
  EXPECT_EQ(item.published, sys_days{2004y / 1 / 1} + 19h + 48min + 21s);
  EXPECT_EQ(item.updated, sys_days{2004y / 1 / 2});
}

TEST(ParseJsonFeed, ReadsItems) {
  const ParsedFeed parsed = parse(R"({"version": "https://jsonfeed.org/version/1.1",
    "title": "JSON", "home_page_url": "https://j.example/",
    "items": [{"id": 42, "url": "/a", "title": "Hello", "content_html": "<p>x &amp; y</p>",
               "summary": "Short", "date_published": "2023-09-01T10:00:00+09:00",
               "authors": [{"name": "Ann"}], "tags": ["t1"]}]})",
                                  "https://j.example/feed.json");
  EXPECT_FALSE(parsed.bozo) << parsed.bozo_reason;
  EXPECT_EQ(parsed.feed.format, FeedFormat::kJsonFeed);
  const Item& item = parsed.feed.items.at(0);
  EXPECT_EQ(item.id, "42");
  EXPECT_EQ(item.link, "https://j.example/a");
  EXPECT_EQ(item.content.text, "x & y");
  EXPECT_EQ(item.summary.text, "Short");
  EXPECT_EQ(item.published, sys_days{2023y / 9 / 1} + 1h);
  EXPECT_EQ(item.author, "Ann");
  EXPECT_EQ(item.categories, std::vector<std::string>{"t1"});
}

TEST(ParseJsonFeed, BrokenJsonIsBozoNotCrash) {
  const ParsedFeed parsed = parse(R"({"version": "https://jsonfeed.org/version/1", "items": [)");
  EXPECT_TRUE(parsed.bozo);
  EXPECT_TRUE(parsed.feed.items.empty());
}

TEST(ParseIdentity, FallsBackToCanonicalLinkThenHash) {
  const ParsedFeed parsed = parse(R"(<rss><channel>
    <item><title>A</title><link>http://www.site.example/a?utm_source=x#frag</link></item>
    <item><title>B</title><pubDate>Fri, 01 Sep 2023 10:00:00 GMT</pubDate></item>
  </channel></rss>)");
  ASSERT_EQ(parsed.feed.items.size(), 2u);
  EXPECT_EQ(parsed.feed.items[0].id, "https://site.example/a");
  EXPECT_TRUE(parsed.feed.items[0].id_is_derived);
  EXPECT_TRUE(parsed.feed.items[1].id.starts_with("urn:feedsentry:"));
  EXPECT_EQ(parsed.feed.items[1].id, parse(R"(<rss><channel>
    <item><title>B</title><pubDate>Fri, 01 Sep 2023 10:00:00 GMT</pubDate></item>
  </channel></rss>)")
                                         .feed.items[0]
                                         .id);
}

TEST(ParseIdentity, ItemsSharingAGuidGetDistinctKeys) {
  const ParsedFeed parsed = parse(R"(<rss><channel>
    <item><guid>same</guid><title>First story</title></item>
    <item><guid>same</guid><title>Second story</title></item>
  </channel></rss>)");
  ASSERT_EQ(parsed.feed.items.size(), 2u);
  EXPECT_EQ(parsed.feed.items[0].id, "same");
  EXPECT_EQ(parsed.feed.items[1].id, "same");
  EXPECT_NE(parsed.feed.items[0].key, parsed.feed.items[1].key);
}

// Keys are persisted by the seen-filter, so their exact spelling is pinned: a repeated guid
// with different content gets "#" and the content hash; a repeat of the same story keeps
// the key; a guid that spells another item's derived key is itself made distinct.
TEST(ParseIdentity, RepeatedKeysAreSuffixedWithTheContentHash) {
  const ParsedFeed parsed = parse(R"(<rss><channel>
    <item><guid>same</guid><title>First story</title></item>
    <item><guid>same</guid><title>Second story</title></item>
    <item><guid>same</guid><title>First story</title></item>
    <item><guid>same#a51ec30a2abbfe2a</guid><title>Third story</title></item>
    <item><title>No guid</title><link>http://example.org/x</link></item>
    <item><title>No guid</title><link>http://example.org/x</link></item>
  </channel></rss>)");
  ASSERT_EQ(parsed.feed.items.size(), 6u);
  EXPECT_EQ(parsed.feed.items[0].key, "same");
  EXPECT_EQ(parsed.feed.items[1].key, "same#a51ec30a2abbfe2a");
  EXPECT_EQ(parsed.feed.items[2].key, "same");
  EXPECT_EQ(parsed.feed.items[3].key, "same#a51ec30a2abbfe2a#bb15d04c66effe6d");
  EXPECT_EQ(parsed.feed.items[4].key, "https://example.org/x");
  EXPECT_EQ(parsed.feed.items[5].key, "https://example.org/x");
}

TEST(ParseBroken, UnescapedAmpersandKeepsItemsAndSetsBozo) {
  const ParsedFeed parsed =
      parse("<rss><channel><item><title>Tom & Jerry</title></item></channel></rss>");
  EXPECT_TRUE(parsed.bozo);
  EXPECT_NE(parsed.bozo_reason.find("1:"), std::string::npos) << parsed.bozo_reason;
  EXPECT_EQ(parsed.feed.items.at(0).title, "Tom & Jerry");
}

TEST(ParseBroken, UndeclaredHtmlEntityIsDecodedAndBozo) {
  const ParsedFeed parsed =
      parse("<rss><channel><item><title>a&nbsp;b &eacute;</title></item></channel></rss>");
  EXPECT_TRUE(parsed.bozo);
  EXPECT_EQ(parsed.feed.items.at(0).title, "a\u00a0b é");
}

TEST(ParseBroken, TruncatedDocumentYieldsCompleteItems) {
  const ParsedFeed parsed = parse(
      "<rss><channel><item><title>One</title></item><item><title>Two</title></item><item><tit");
  EXPECT_TRUE(parsed.bozo);
  ASSERT_GE(parsed.feed.items.size(), 2u);
  EXPECT_EQ(parsed.feed.items[1].title, "Two");
}

TEST(ParseBroken, UnclosedHtmlInsideDescriptionIsRecovered) {
  const ParsedFeed parsed = parse(
      "<rss><channel><item><description>a<br>b</description><title>T</title></item>"
      "<item><title>Next</title></item></channel></rss>");
  EXPECT_TRUE(parsed.bozo);
  ASSERT_EQ(parsed.feed.items.size(), 2u);
  EXPECT_EQ(parsed.feed.items[0].summary.text, "a b");
  EXPECT_EQ(parsed.feed.items[1].title, "Next");
}

TEST(ParseBroken, ControlCharactersAndGarbageAfterRootAreBozo) {
  EXPECT_TRUE(parse("<rss><channel><title>a\x01"
                    "b</title></channel></rss>")
                  .bozo);
  const ParsedFeed garbage = parse("<rss><channel><title>t</title></channel></rss>junk");
  EXPECT_TRUE(garbage.bozo);
  EXPECT_EQ(garbage.feed.title, "t");
}

TEST(ParseBroken, WrongEncodingDeclarationReplacesBytes) {
  const ParsedFeed parsed = parse(
      "<?xml version=\"1.0\" "
      "encoding=\"utf-8\"?><rss><channel><title>caf\xe9</title></channel></rss>");
  EXPECT_TRUE(parsed.bozo);
  EXPECT_EQ(parsed.feed.title, "caf\uFFFD");
}

TEST(ParseBroken, UndeclaredNamespacePrefixIsBozoButRead) {
  const ParsedFeed parsed = parse(
      "<rss><channel><item><title>t</title><dc:creator>Ann</dc:creator></item></channel></rss>");
  EXPECT_TRUE(parsed.bozo);
  EXPECT_EQ(parsed.feed.items.at(0).author, "Ann");
}

TEST(ParseBroken, HtmlPageIsNotAFeed) {
  const ParsedFeed parsed = parse("<html><body><p>Please verify you are human</p></body></html>");
  EXPECT_TRUE(parsed.bozo);
  EXPECT_EQ(parsed.feed.format, FeedFormat::kUnknown);
  EXPECT_NE(parsed.bozo_reason.find("not a feed"), std::string::npos);
}

TEST(ParseBroken, RandomBytesAreNotAFeedRatherThanBadUtf8) {
  const std::string junk = test_support::junk_bytes(2048, 7);
  const ParsedFeed parsed = parse(junk);
  EXPECT_TRUE(parsed.bozo);
  EXPECT_TRUE(parsed.feed.items.empty());
  EXPECT_EQ(parsed.bozo_reason.rfind("not a feed", 0), 0u) << parsed.bozo_reason;
}

TEST(ParseBroken, AFeedWithBadBytesStillParsesAndNamesTheEncodingProblem) {
  const ParsedFeed parsed = parse(
      "<rss version=\"2.0\"><channel><title>T</title><item><title>caf\xE9 \xFF</title>"
      "</item></channel></rss>");
  ASSERT_EQ(parsed.feed.items.size(), 1u);
  EXPECT_TRUE(parsed.bozo);
  EXPECT_EQ(parsed.bozo_reason.find("not a feed"), std::string::npos) << parsed.bozo_reason;
}

TEST(ParseSecurity, ExternalEntityIsNeverLoaded) {
  const ParsedFeed parsed = parse(R"(<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss><channel><title>x&xxe;y</title></channel></rss>)");
  EXPECT_EQ(parsed.feed.title, "xy");
}

TEST(ParseSecurity, BillionLaughsIsCutOff) {
  std::string document =
      "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY l0 \"hahahahahahahahahaha\">";
  for (int level = 1; level <= 10; ++level) {
    document += "<!ENTITY l" + std::to_string(level) + " \"";
    for (int copy = 0; copy < 10; ++copy) document += "&l" + std::to_string(level - 1) + ";";
    document += "\">";
  }
  document += "]><rss><channel><title>&l10;</title></channel></rss>";
  const ParsedFeed parsed = parse(document);
  EXPECT_TRUE(parsed.bozo);
  EXPECT_LE(parsed.feed.title.size(), 2u << 20);
}

TEST(ParseSecurity, InternalEntityDeclarationsExpand) {
  const ParsedFeed parsed = parse(R"(<!DOCTYPE rss [<!ENTITY id "tag:example.com,">]>
<rss><channel><item><guid>&id;2006</guid></item></channel></rss>)");
  EXPECT_FALSE(parsed.bozo) << parsed.bozo_reason;
  EXPECT_EQ(parsed.feed.items.at(0).id, "tag:example.com,2006");
}

TEST(ParseCharset, DecodesWindows1251Document) {
  const ParsedFeed parsed = parse(
      "<?xml version=\"1.0\" encoding=\"windows-1251\"?><rss><channel><title>"
      "\xcd\xee\xe2\xee\xf1\xf2\xe8</title></channel></rss>");
  EXPECT_FALSE(parsed.bozo) << parsed.bozo_reason;
  EXPECT_EQ(parsed.feed.title, "Новости");
}

TEST(ParseSamples, SeedStoryParsesFromTheBundledSample) {
  const std::string path = FEEDSENTRY_SOURCE_DIR "/config/samples/world-news.rss.xml";
  const ParsedFeed parsed = parse(read_file(path), "file://" + path);
  EXPECT_FALSE(parsed.bozo) << parsed.bozo_reason;
  ASSERT_EQ(parsed.feed.items.size(), 4u);
  const Item& seed = parsed.feed.items[0];
  EXPECT_EQ(
      seed.title,
      "US imposes sanctions on North Korean and Russian accused of supporting North Korea\u2019s "
      "ballistic missile program");
  EXPECT_EQ(seed.published, sys_days{2023y / 9 / 1} + 14h);
  EXPECT_NE(seed.content.text.find("Jon Jin Yong"), std::string::npos);
  EXPECT_NE(seed.content.text.find("Intellekt LLC"), std::string::npos);
  EXPECT_EQ(seed.content.text.find("trackPageView"), std::string::npos);
}

TEST(ParseSamples, EverySampleParsesCleanly) {
  for (const char* name : {"world-news.rss.xml", "korea-desk.atom.xml", "russia-business.json",
                           "russian-news.cp1251.rss.xml"}) {
    const std::string path = FEEDSENTRY_SOURCE_DIR "/config/samples/" + std::string(name);
    const ParsedFeed parsed = parse(read_file(path), "file://" + path);
    EXPECT_FALSE(parsed.bozo) << name << ": " << parsed.bozo_reason;
    EXPECT_GE(parsed.feed.items.size(), 2u) << name;
    for (const Item& item : parsed.feed.items) {
      EXPECT_FALSE(item.title.empty()) << name;
      EXPECT_TRUE(item.published.has_value()) << name << ": " << item.title;
    }
  }
}

TEST(ParseSamples, RussianSampleIsDecodedFromWindows1251) {
  const std::string path = FEEDSENTRY_SOURCE_DIR "/config/samples/russian-news.cp1251.rss.xml";
  const ParsedFeed parsed = parse(read_file(path));
  EXPECT_EQ(parsed.encoding, "windows-1251");
  EXPECT_NE(parsed.feed.items.at(0).title.find("Хвасон-18"), std::string::npos);
}

}  // namespace feedsentry::feed
