#include "feed/mojibake.h"

#include <gtest/gtest.h>

namespace feedsentry::feed {
namespace {

std::string repaired(std::string text) {
  repair_mojibake(text);
  return text;
}

TEST(Mojibake, AsciiAndNonLatinTextAreUntouched) {
  EXPECT_EQ(repaired("plain ascii"), "plain ascii");
  EXPECT_EQ(repaired("Пхеньян 북한 don’t"), "Пхеньян 북한 don’t");
  EXPECT_FALSE(may_hold_mojibake("Пхеньян 북한 don’t, and a long ASCII tail to reach chunks"));
  EXPECT_TRUE(may_hold_mojibake("a long ASCII head to reach the chunked scan: caf\u00E9"));
}

TEST(Mojibake, UndoesUtf8DecodedAsLatin1) {
  EXPECT_EQ(repaired("Caf\u00C3\u00A9"), "Caf\u00E9");
  EXPECT_EQ(repaired("\u00E2\u0080\u0099"), "\u2019");
  EXPECT_EQ(repaired("\u00C2\u00A9 2026"), "\u00A9 2026");
}

TEST(Mojibake, KeepsLatin1ThatIsNotUtf8) {
  EXPECT_EQ(repaired("Caf\u00E9 cr\u00E8me"), "Caf\u00E9 cr\u00E8me");
  EXPECT_EQ(repaired("Gr\u00F6\u00DFe \u00A0 \u00AB\u00BB"), "Gr\u00F6\u00DFe \u00A0 \u00AB\u00BB");
  // Mixed with a character above U+00FF, the text cannot be a Latin-1 round trip.
  EXPECT_EQ(repaired("\u00C3\u00A9 \u2019"), "\u00C3\u00A9 \u2019");
}

TEST(Mojibake, MapsC1ControlsAsWindows1252) {
  EXPECT_EQ(repaired("don\u0092t \u0080 \u009F"), "don\u2019t \u20AC \u0178");
  EXPECT_EQ(repaired("\u0081\u008D\u008F\u0090\u009D"), "\u0081\u008D\u008F\u0090\u009D");
  EXPECT_EQ(windows_1252_for_c1(0x96), 0x2013u);
  EXPECT_EQ(windows_1252_for_c1(0x81), 0x81u);
  EXPECT_EQ(windows_1252_for_c1(0x41), 0x41u);
}

}  // namespace
}  // namespace feedsentry::feed
