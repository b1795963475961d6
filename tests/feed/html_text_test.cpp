#include "feed/html_text.h"

#include <random>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

namespace feedsentry::feed {
namespace {

using namespace std::string_literals;

// --- lookup_html_entity ---

TEST(HtmlText, LookupFindsNameWithSemicolon) {
  ASSERT_NE(lookup_html_entity("amp;"), nullptr);
  EXPECT_STREQ(lookup_html_entity("amp;"), "&");
  EXPECT_STREQ(lookup_html_entity("hellip;"), "\u2026");
}

TEST(HtmlText, LookupFindsLegacyNameWithoutSemicolon) {
  EXPECT_STREQ(lookup_html_entity("copy"), "\u00A9");
  EXPECT_STREQ(lookup_html_entity("nbsp"), "\u00A0");
}

TEST(HtmlText, LookupRejectsNonLegacyNameWithoutSemicolon) {
  EXPECT_EQ(lookup_html_entity("hellip"), nullptr);
}

TEST(HtmlText, LookupReturnsNullForUnknownOrEmptyName) {
  EXPECT_EQ(lookup_html_entity("foo;"), nullptr);
  EXPECT_EQ(lookup_html_entity(""), nullptr);
  EXPECT_EQ(lookup_html_entity("Amp;"), nullptr);  // names are case-sensitive
}

TEST(HtmlText, LookupFindsMultiCodePointReplacement) {
  EXPECT_STREQ(lookup_html_entity("ThickSpace;"), "\u205F\u200A");
}

// --- decode_entities ---

TEST(HtmlText, DecodesNamedReferences) {
  EXPECT_EQ(decode_entities("Q&amp;A &lt;b&gt; &quot;x&quot; caf&eacute;"),
            "Q&A <b> \"x\" caf\u00E9");
}

TEST(HtmlText, DecodesRareNamedReferences) {
  EXPECT_EQ(decode_entities("a&ThickSpace;b&CounterClockwiseContourIntegral;"),
            "a\u205F\u200Ab\u2233");
}

TEST(HtmlText, DecodesNbspToNoBreakSpace) {
  EXPECT_EQ(decode_entities("a&nbsp;b"), "a\u00A0b");
}

TEST(HtmlText, DecodesLangAndRangAsHtml4Angles) {
  // feedparser (the conformance reference) keeps the HTML 4.01 characters here.
  EXPECT_EQ(decode_entities("&lang;x&rang;"), "\u2329x\u232A");
}

TEST(HtmlText, DecodesLegacyNameWithoutSemicolon) {
  EXPECT_EQ(decode_entities("AT&ampT &copy 2024"), "AT&T \u00A9 2024");
}

TEST(HtmlText, LegacyNameTakesLongestMatch) {
  EXPECT_EQ(decode_entities("&notit;"), "\u00ACit;");
  EXPECT_EQ(decode_entities("&notin;"), "\u2209");
}

TEST(HtmlText, KeepsNonLegacyNameWithoutSemicolon) {
  EXPECT_EQ(decode_entities("wait&hellip now"), "wait&hellip now");
}

TEST(HtmlText, DecodesDecimalReference) {
  EXPECT_EQ(decode_entities("&#38; &#8217; &#128512;"), "& \u2019 \U0001F600");
}

TEST(HtmlText, DecodesHexReferenceEitherCase) {
  EXPECT_EQ(decode_entities("&#x1F600;&#X41;&#x2019;"), "\U0001F600A\u2019");
}

TEST(HtmlText, ToleratesNumericReferenceWithoutSemicolon) {
  EXPECT_EQ(decode_entities("&#65B &#x42 C"), "AB B C");
}

TEST(HtmlText, RemapsC1ReferencesAsWindows1252) {
  EXPECT_EQ(decode_entities("&#128;&#145;&#146;&#147;&#148;&#150;&#151;&#x99;"),
            "\u20AC\u2018\u2019\u201C\u201D\u2013\u2014\u2122");
}

TEST(HtmlText, KeepsC1ReferenceUndefinedInWindows1252) {
  EXPECT_EQ(decode_entities("&#x81;"), "\u0081");
}

TEST(HtmlText, InvalidNumericReferenceBecomesReplacementChar) {
  EXPECT_EQ(decode_entities("&#0;|&#xD800;|&#xDFFF;|&#x110000;|&#99999999999999999999;"),
            "\uFFFD|\uFFFD|\uFFFD|\uFFFD|\uFFFD");
}

TEST(HtmlText, KeepsUnknownNamedReference) {
  EXPECT_EQ(decode_entities("&foo; &Amp; &amp"), "&foo; &Amp; &");
}

TEST(HtmlText, KeepsBareAmpersand) {
  EXPECT_EQ(decode_entities("fish & chips &"), "fish & chips &");
  EXPECT_EQ(decode_entities("a=1&b=2&c"), "a=1&b=2&c");
}

TEST(HtmlText, KeepsNumericPrefixWithoutDigits) {
  EXPECT_EQ(decode_entities("&#; &#x; &#xG;"), "&#; &#x; &#xG;");
}

TEST(HtmlText, DecodeReturnsTextWithoutAmpersandUnchanged) {
  EXPECT_EQ(decode_entities("plain <b> text\n"), "plain <b> text\n");
  EXPECT_EQ(decode_entities(""), "");
}

TEST(HtmlText, DecodeKeepsEmbeddedNulBytes) {
  EXPECT_EQ(decode_entities("a\0&amp;\0b"s), "a\0&\0b"s);
}

// --- collapse_whitespace ---

TEST(HtmlText, CollapsesAndTrimsAsciiWhitespace) {
  EXPECT_EQ(collapse_whitespace(" \t a \r\n\f\v b  \n"), "a b");
  EXPECT_EQ(collapse_whitespace(" \n\t "), "");
}

TEST(HtmlText, CollapseKeepsNoBreakSpace) {
  EXPECT_EQ(collapse_whitespace("\u00A0 a\u00A0\u00A0b \u00A0"), "\u00A0 a\u00A0\u00A0b \u00A0");
}

// --- html_to_text ---

TEST(HtmlText, RemovesTags) {
  EXPECT_EQ(html_to_text("Example <b>Atom</b>"), "Example Atom");
}

TEST(HtmlText, BlockElementsSeparateWords) {
  EXPECT_EQ(html_to_text("<p>a</p><p>b</p>"), "a b");
  EXPECT_EQ(html_to_text("<ul><li>one</li><li>two</li></ul><h2>three</h2><div>four</div>"),
            "one two three four");
  EXPECT_EQ(html_to_text("<table><tr><td>x</td><td>y</td></tr></table>"), "x y");
}

TEST(HtmlText, InlineElementsDoNotSeparateWords) {
  EXPECT_EQ(html_to_text("un<b>believ</b>able <em>x</em><span>y</span><a href=\"/\">z</a>"),
            "unbelievable xyz");
}

TEST(HtmlText, BrSeparatesWords) {
  EXPECT_EQ(html_to_text("line<br>two<br/>three<BR />four"), "line two three four");
}

TEST(HtmlText, DropsScriptAndStyleContent) {
  EXPECT_EQ(html_to_text("a <script>var s = \"<p>x</p>\";</script>b <style>p{}</style>c"), "a b c");
}

TEST(HtmlText, ScriptEndsOnlyAtItsOwnEndTag) {
  EXPECT_EQ(html_to_text("a<script>if (x</scripts) {}</SCRIPT >b"), "ab");
}

TEST(HtmlText, UnclosedScriptDropsRestOfInput) {
  EXPECT_EQ(html_to_text("kept<script>never closed <p>lost"), "kept");
}

TEST(HtmlText, SelfClosingScriptHasNoContent) {
  EXPECT_EQ(html_to_text("a<script src=\"x.js\"/>b"), "ab");
}

TEST(HtmlText, DropsComments) {
  EXPECT_EQ(html_to_text("a<!-- <p>hidden</p> -- still -->b<!---->c<!-->d"), "abcd");
}

TEST(HtmlText, UnclosedCommentDropsRestOfInput) {
  EXPECT_EQ(html_to_text("a<!-- never closed"), "a");
}

TEST(HtmlText, DropsDoctypeAndProcessingInstructions) {
  EXPECT_EQ(html_to_text("<!DOCTYPE html><?xml version=\"1.0\"?>text"), "text");
}

TEST(HtmlText, CdataMarkersDroppedAndContentKept) {
  EXPECT_EQ(html_to_text("<![CDATA[<p>Hello</p> &amp; bye]]> after"), "Hello & bye after");
}

TEST(HtmlText, CloseMarkerOutsideCdataIsText) {
  EXPECT_EQ(html_to_text("a]]>b [c]"), "a]]>b [c]");
}

TEST(HtmlText, LessThanNotStartingTagIsText) {
  EXPECT_EQ(html_to_text("a < b, x<3, <= and </ 2"), "a < b, x<3, <= and </ 2");
}

TEST(HtmlText, TruncatedTagIsDropped) {
  EXPECT_EQ(html_to_text("text <a href=\"http://x"), "text");
  EXPECT_EQ(html_to_text("text <b"), "text");
  EXPECT_EQ(html_to_text("text <"), "text <");
}

TEST(HtmlText, NestedTags) {
  EXPECT_EQ(html_to_text("<div><p>A <b><i>very</i> nested</b> <a href=x>link</a></p></div>"),
            "A very nested link");
}

TEST(HtmlText, UppercaseTags) {
  EXPECT_EQ(html_to_text("<P>a</P><DIV>b</DIV><Script>c</sCrIpT>d"), "a b d");
}

TEST(HtmlText, QuotedAttributeMayContainGreaterThan) {
  EXPECT_EQ(html_to_text("<a title=\"a>b\">x</a>"), "x");
  EXPECT_EQ(html_to_text("<a title='a>b' data-x=\"c>d\">y</a>"), "y");
}

TEST(HtmlText, QuoteInsideUnquotedValueDoesNotOpenString) {
  EXPECT_EQ(html_to_text("<a title=don't>x</a>y"), "xy");
}

TEST(HtmlText, AttributeValuesAreIgnored) {
  EXPECT_EQ(html_to_text("<img src=\"a.png\" alt=\"picture\">caption"), "caption");
}

TEST(HtmlText, DecodesEntitiesInText) {
  EXPECT_EQ(html_to_text("History of the &lt;blink&gt; tag"), "History of the <blink> tag");
  EXPECT_EQ(html_to_text("<code>&lt;br /></code>"), "<br />");
}

TEST(HtmlText, DecodesEntitiesInPlainText) {
  EXPECT_EQ(html_to_text("Q&amp;A &#8217;s &amp &hellip; & more"), "Q&A \u2019s & \u2026 & more");
}

TEST(HtmlText, DecodedMarkupIsNotReparsed) {
  EXPECT_EQ(html_to_text("&lt;script&gt;x&lt;/script&gt;"), "<script>x</script>");
}

TEST(HtmlText, CollapsesWhitespaceAndKeepsNbsp) {
  EXPECT_EQ(html_to_text("  <p>\n a \t&nbsp; b&#32;&#10;c&Tab;d  </p>\n"), "a \u00A0 b c d");
}

TEST(HtmlText, TrimsWhitespaceFromBlocksAtEnds) {
  EXPECT_EQ(html_to_text("<p> </p><br> x <br><p>\n</p>"), "x");
}

TEST(HtmlText, EmptyAndMarkupOnlyInputGiveEmptyText) {
  EXPECT_EQ(html_to_text(""), "");
  EXPECT_EQ(html_to_text("<p></p><br/><!-- x -->"), "");
}

// The definition the chunked fast paths must agree with: ASCII whitespace runs become one
// space, none at either end.
std::string collapse_byte_wise(std::string_view text) {
  std::string out;
  bool pending = false;
  for (const char c : text) {
    if (c == ' ' || (c >= '\t' && c <= '\r')) {
      pending = !out.empty();
    } else {
      if (pending) out += ' ';
      pending = false;
      out += c;
    }
  }
  return out;
}

TEST(HtmlText, ChunkedWhitespaceCollapsingAgreesWithByteWiseOnRandomText) {
  const std::string_view pieces[] = {
      "word",   "a",    " ",    "  ",  "\t",
      "\n",     "\r\n", "\v\f", "]",   "\u00A0",
      "\u2019", "Пх",   "x y",  " z ", "long-hyphenated-token-without-spaces"};
  std::mt19937 random(1129);
  std::uniform_int_distribution<std::size_t> pick(0, std::size(pieces) - 1);
  std::uniform_int_distribution<int> length(0, 40);
  for (int round = 0; round < 5000; ++round) {
    std::string text;
    for (int i = length(random); i > 0; --i) text += pieces[pick(random)];
    const std::string expected = collapse_byte_wise(text);
    ASSERT_EQ(collapse_whitespace(text), expected) << round;
    ASSERT_EQ(collapse_whitespace(std::string(text)), expected) << round;
    ASSERT_EQ(html_to_text(text), expected) << round;
    ASSERT_EQ(is_collapsed_whitespace(text), text == expected) << round;
  }
}

// Every whitespace flaw at every offset, so that each lands on each lane of a chunk and on
// chunk boundaries.
TEST(HtmlText, CollapsedCheckSeesEveryFlawAtEveryOffset) {
  const std::string clean = "ab cd ef gh ij kl mn op qr st uv wx yz 01 23 45 67 89";
  ASSERT_TRUE(is_collapsed_whitespace(clean));
  for (std::size_t at = 0; at <= clean.size(); ++at) {
    for (const char* flaw : {" ", "\t", "\n", "\r", "\v", "\f"}) {
      std::string flawed = clean;
      flawed.insert(at, flaw);
      EXPECT_EQ(is_collapsed_whitespace(flawed), flawed == collapse_byte_wise(flawed))
          << at << " " << int{flaw[0]};
      EXPECT_EQ(collapse_whitespace(flawed), collapse_byte_wise(flawed)) << at;
    }
  }
}

TEST(HtmlText, ChunkedCopyStopsAtMarkupAndReferencesAnywhere) {
  const std::string prose = "Shares rose sharply in early trading on Friday";
  for (std::size_t at = 0; at <= prose.size(); ++at) {
    std::string with_tag = prose;
    with_tag.insert(at, "<b>x</b>");
    std::string expected = prose;
    expected.insert(at, "x");
    EXPECT_EQ(html_to_text(with_tag), collapse_byte_wise(expected)) << at;
    std::string with_reference = prose;
    with_reference.insert(at, "&amp;");
    expected = prose;
    expected.insert(at, "&");
    EXPECT_EQ(html_to_text(with_reference), collapse_byte_wise(expected)) << at;
  }
}

TEST(HtmlText, SurvivesArbitraryBytes) {
  // Every prefix of a nasty input must parse without reading past its end.
  const std::string nasty =
      "<a b='c\"d>\0<!--<![CDATA[&#x;&#99999999999;&not<script></scr<\xFF\xC3]]>&"s;
  for (std::size_t length = 0; length <= nasty.size(); ++length) {
    const std::string prefix = nasty.substr(0, length);
    const std::string text = html_to_text(prefix);
    EXPECT_LE(text.size(), prefix.size() * 2 + 8);
    EXPECT_EQ(decode_entities(prefix).empty(), prefix.empty());
  }
}

}  // namespace
}  // namespace feedsentry::feed
