// OPML import: outlines with xmlUrl become feeds, enclosing categories become tags.
#include "config/opml.h"

#include <gtest/gtest.h>

#include "config_test_support.h"

namespace feedsentry::config {
namespace {

using testing::TempDir;
using namespace std::chrono_literals;

constexpr std::string_view kNested = R"(<?xml version="1.0"?>
<opml version="2.0">
  <head><title>subs</title></head>
  <body>
    <outline text="News">
      <outline text="Asia" title="Asia &amp; Pacific">
        <outline type="rss" text="Korea Desk" xmlUrl="https://korea.example.org/feed.atom"/>
      </outline>
      <outline type="rss" title="World" text="ignored" xmlUrl="https://news.example.com/rss"/>
    </outline>
    <outline type="rss" xmlUrl="https://wire.example.net/feed.json"/>
  </body>
</opml>
)";

std::string error_of_opml(std::string_view xml) {
  try {
    parse_opml(xml, "subs.opml");
  } catch (const ConfigError& error) {
    return error.what();
  }
  return "(no error)";
}

TEST(Opml, NestedCategoriesBecomeTagsOutermostFirst) {
  const std::vector<FeedConfig> feeds = parse_opml(kNested, "subs.opml");
  ASSERT_EQ(feeds.size(), 3u);
  EXPECT_EQ(feeds[0].url, "https://korea.example.org/feed.atom");
  EXPECT_EQ(feeds[0].name, "Korea Desk");
  EXPECT_EQ(feeds[0].tags, (std::vector<std::string>{"News", "Asia & Pacific"}));
  EXPECT_EQ(feeds[1].name, "World");  // title wins over text
  EXPECT_EQ(feeds[1].tags, std::vector<std::string>{"News"});
  EXPECT_EQ(feeds[2].name, "wire.example.net");  // neither title nor text
  EXPECT_TRUE(feeds[2].tags.empty());
}

TEST(Opml, FeedsGetTheInheritedValues) {
  FeedConfig inherited;
  inherited.interval = 42min;
  inherited.user_agent = "inherited/1";
  const std::vector<FeedConfig> feeds = parse_opml(kNested, "subs.opml", inherited);
  for (const FeedConfig& feed : feeds) {
    EXPECT_EQ(feed.interval, 42min);
    EXPECT_EQ(feed.user_agent, "inherited/1");
    EXPECT_TRUE(feed.enabled);
  }
}

TEST(Opml, OriginIsTheOutlineElement) {
  const std::vector<FeedConfig> feeds = parse_opml(kNested, "subs.opml");
  EXPECT_EQ(feeds[0].origin.to_string(), "subs.opml:7:9");
  EXPECT_EQ(feeds[2].origin.to_string(), "subs.opml:11:5");
}

// Subscription lists of 100,000 feeds exist. Each outline's line:col used to be counted
// from the file's start (quadratic: minutes for this list); now it is a lookup.
TEST(Opml, LargeListKeepsEveryOutlineAndItsLine) {
  constexpr int kFeeds = 100000;
  std::string xml = "<opml version=\"2.0\">\n<body>\n";
  for (int i = 0; i < kFeeds; ++i) {
    xml += "  <outline type=\"rss\" text=\"f" + std::to_string(i) +
           "\" xmlUrl=\"https://feeds.example.com/" + std::to_string(i) + ".xml\"/>\n";
  }
  xml += "</body>\n</opml>\n";
  const std::vector<FeedConfig> feeds = parse_opml(xml, "big.opml");
  ASSERT_EQ(feeds.size(), static_cast<std::size_t>(kFeeds));
  EXPECT_EQ(feeds.front().origin.to_string(), "big.opml:3:3");
  EXPECT_EQ(feeds.back().origin.to_string(), "big.opml:" + std::to_string(kFeeds + 2) + ":3");
  EXPECT_EQ(feeds.back().url, "https://feeds.example.com/99999.xml");
}

TEST(Opml, AttributeNamesAreCaseInsensitive) {
  const std::vector<FeedConfig> feeds = parse_opml(
      "<opml><body><outline TEXT='A' xmlURL='https://a.example/rss'/></body></opml>", "x");
  ASSERT_EQ(feeds.size(), 1u);
  EXPECT_EQ(feeds[0].url, "https://a.example/rss");
  EXPECT_EQ(feeds[0].name, "A");
}

TEST(Opml, EmptyBodyHasNoFeeds) {
  EXPECT_TRUE(parse_opml("<opml version='1.0'><body/></opml>", "x").empty());
}

TEST(Opml, MalformedXmlReportsLineAndColumn) {
  EXPECT_EQ(error_of_opml("<opml>\n  <body>\n    <outline text='a'>\n  </body>\n</opml>\n"),
            "subs.opml:4:5: OPML is not well-formed XML: Start-end tags mismatch");
  EXPECT_EQ(error_of_opml("<opml><body><outline xmlUrl=https://a/></body></opml>"),
            "subs.opml:1:29: OPML is not well-formed XML: Error parsing element attribute");
}

TEST(Opml, NotOpml) {
  EXPECT_EQ(error_of_opml("<?xml version='1.0'?>\n<rss><channel/></rss>"),
            "subs.opml:2:1: not an OPML file: the root element is <rss>, expected <opml>");
  EXPECT_EQ(error_of_opml("<opml>\n  <head/>\n</opml>"),
            "subs.opml:1:1: <opml> has no <body> with the outlines");
}

TEST(Opml, BadXmlUrlIsReportedAtItsOutline) {
  EXPECT_EQ(
      error_of_opml("<opml><body>\n  <outline text='x' xmlUrl='ftp://a/rss'/>\n</body></opml>"),
      "subs.opml:2:3: outline xmlUrl: must be an http://, https:// or file:// URL");
  EXPECT_EQ(error_of_opml("<opml><body>\n  <outline text='x' xmlUrl=''/>\n</body></opml>"),
            "subs.opml:2:3: outline xmlUrl: is empty");
}

TEST(Opml, DeepNestingIsRefused) {
  std::string xml = "<opml><body>";
  for (int i = 0; i < 40; ++i) xml += "<outline text='c'>";
  for (int i = 0; i < 40; ++i) xml += "</outline>";
  xml += "</body></opml>";
  const std::string error = error_of_opml(xml);
  EXPECT_NE(error.find("outlines nested deeper than 32 levels"), std::string::npos) << error;
}

TEST(Opml, LoadOpmlReadsAFile) {
  const TempDir dir;
  const std::filesystem::path path = dir.write("subs.opml", kNested);
  const std::vector<FeedConfig> feeds = load_opml(path);
  ASSERT_EQ(feeds.size(), 3u);
  EXPECT_EQ(feeds[0].origin.file, path.string());
}

TEST(Opml, LoadOpmlMissingFile) {
  try {
    load_opml("/nonexistent/subs.opml");
    FAIL() << "no error";
  } catch (const ConfigError& error) {
    EXPECT_STREQ(error.what(), "/nonexistent/subs.opml: cannot read OPML file");
  }
}

TEST(Opml, ConfigImportsOpmlAfterItsFeeds) {
  const TempDir dir;
  dir.write("etc/opml/subs.opml", kNested);
  const std::filesystem::path config_file =
      dir.write("etc/feedsentry.yaml",
                "poll:\n  interval: 30m\nfeeds:\n  - url: https://first.example/rss\n"
                "opml:\n  - opml/subs.opml\n");
  const Config config = load_config(config_file.string());
  ASSERT_EQ(config.feeds.size(), 4u);
  EXPECT_EQ(config.feeds[0].url, "https://first.example/rss");
  EXPECT_EQ(config.feeds[1].name, "Korea Desk");
  EXPECT_EQ(config.feeds[1].interval, 30min);  // the config's poll: values, not built-ins
  EXPECT_EQ(config.feeds[1].origin.to_string(),
            (dir.path() / "etc/opml/subs.opml").string() + ":7:9");
}

TEST(Opml, ErrorsInsideAnImportedFileNameItRelativeToTheConfigsName) {
  const TempDir dir;
  dir.write("opml/bad.opml", "<opml><body>\n<outline xmlUrl='gopher://x'/>\n</body></opml>");
  try {
    load_config_text("opml: [opml/bad.opml]\n", "conf/feedsentry.yaml", dir.path());
    FAIL() << "no error";
  } catch (const ConfigError& error) {
    EXPECT_STREQ(error.what(),
                 "conf/opml/bad.opml:2:1: outline xmlUrl: must be an http://, https:// or "
                 "file:// URL");
  }
}

TEST(Opml, DuplicateBetweenFeedsAndOpml) {
  const TempDir dir;
  dir.write("subs.opml", kNested);
  try {
    load_config_text("feeds:\n  - url: https://news.example.com/rss\nopml: [subs.opml]\n",
                     "feedsentry.yaml", dir.path());
    FAIL() << "no error";
  } catch (const ConfigError& error) {
    EXPECT_STREQ(error.what(),
                 "subs.opml:9:7: duplicate feed: the same URL is already configured at "
                 "feedsentry.yaml:2:5");
  }
}

TEST(Opml, DuplicateWithinOneFile) {
  EXPECT_EQ(error_of_opml("<opml><body><outline xmlUrl='https://a/'/></body></opml>"),
            "(no error)");  // parse_opml leaves duplicates to the config loader
  const TempDir dir;
  dir.write("subs.opml",
            "<opml><body>\n<outline xmlUrl='https://a/'/>\n<outline xmlUrl='https://A/'/>\n"
            "</body></opml>");
  try {
    load_config_text("opml: [subs.opml]\n", "c.yaml", dir.path());
    FAIL() << "no error";
  } catch (const ConfigError& error) {
    EXPECT_STREQ(error.what(),
                 "subs.opml:3:1: duplicate feed: the same URL is already configured at "
                 "subs.opml:2:1");
  }
}

}  // namespace
}  // namespace feedsentry::config
