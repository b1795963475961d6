#include "feed/xml_repair.h"

#include <gtest/gtest.h>

namespace feedsentry::feed {

TEST(XmlRepair, ClosesUnclosedInnerElementBeforeParentEnds) {
  EXPECT_EQ(balance_tags("<a><d>b<br>c</d></a>"), "<a><d>b<br>c</br></d></a>");
}

TEST(XmlRepair, DropsStrayEndTag) {
  EXPECT_EQ(balance_tags("<a>x</b>y</a>"), "<a>xy</a>");
}

TEST(XmlRepair, ClosesTruncatedDocument) {
  EXPECT_EQ(balance_tags("<rss><item><title>trunc"),
            "<rss><item><title>trunc</title></item></rss>");
}

TEST(XmlRepair, CutsTruncatedTagAndClosesCdata) {
  EXPECT_EQ(balance_tags("<a>x<b attr=\"1"), "<a>x</a>");
  EXPECT_EQ(balance_tags("<a><![CDATA[text"), "<a><![CDATA[text]]></a>");
}

TEST(XmlRepair, LeavesCommentsCdataAndDoctypeAlone) {
  const std::string document =
      "<!DOCTYPE rss [<!ENTITY x \"y\">]><rss><!-- </rss> --><![CDATA[</x>]]></rss>";
  EXPECT_EQ(balance_tags(document), document);
}

TEST(XmlRepair, EscapesBareLessThan) {
  EXPECT_EQ(balance_tags("<a>1 < 2</a>"), "<a>1 &lt; 2</a>");
}

TEST(XmlRepair, QuotedGreaterThanDoesNotEndTag) {
  EXPECT_EQ(balance_tags("<a t=\"x>y\">z</a>"), "<a t=\"x>y\">z</a>");
}

}  // namespace feedsentry::feed
