#include "feed/charset.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace feedsentry::feed {
namespace {

using namespace std::string_literals;

// Widens ASCII markup to UTF-16/32 so the tests can state documents readably.
std::string widen(std::string_view ascii, int unit, bool big_endian) {
  std::string out;
  for (const char c : ascii) {
    std::string code(static_cast<std::size_t>(unit), '\0');
    code[big_endian ? code.size() - 1 : 0] = c;
    out += code;
  }
  return out;
}

std::string xml_with(std::string_view encoding, std::string_view body) {
  return "<?xml version=\"1.0\" encoding=\"" + std::string(encoding) + "\"?><t>" +
         std::string(body) + "</t>";
}

std::string decoded_body(const DecodedText& decoded) {
  const std::size_t open = decoded.utf8.find("<t>");
  const std::size_t close = decoded.utf8.rfind("</t>");
  if (open == std::string::npos || close == std::string::npos) return "<no body>";
  return decoded.utf8.substr(open + 3, close - open - 3);
}

}  // namespace

TEST(Charset, EmptyInputIsEmptyUtf8) {
  const DecodedText decoded = decode_to_utf8("");
  EXPECT_EQ(decoded.utf8, "");
  EXPECT_EQ(decoded.encoding, "utf-8");
  EXPECT_FALSE(decoded.had_errors);
}

TEST(Charset, CopiesValidUtf8Unchanged) {
  const std::string document = "<rss><title>Пхеньян 북한 ✓ 😀</title></rss>";
  const DecodedText decoded = decode_to_utf8(document);
  EXPECT_EQ(decoded.utf8, document);
  EXPECT_EQ(decoded.encoding, "utf-8");
  EXPECT_FALSE(decoded.had_errors);
  EXPECT_EQ(decoded.error, "");
}

TEST(Charset, RemovesUtf8Bom) {
  const DecodedText decoded = decode_to_utf8("\xEF\xBB\xBF<rss>\xC3\xA9</rss>");
  EXPECT_EQ(decoded.utf8, "<rss>é</rss>");
  EXPECT_EQ(decoded.encoding, "utf-8");
  EXPECT_FALSE(decoded.had_errors);
}

TEST(Charset, DecodesUtf16LeBom) {
  const std::string document =
      "\xFF\xFE"s + widen("<rss>", 2, false) + "\xA9\x03"s + widen("</rss>", 2, false);
  const DecodedText decoded = decode_to_utf8(document);
  EXPECT_EQ(decoded.utf8, "<rss>Ω</rss>");
  EXPECT_EQ(decoded.encoding, "utf-16le");
  EXPECT_FALSE(decoded.had_errors);
}

TEST(Charset, DecodesUtf16BeBomWithSurrogatePair) {
  const std::string document =
      "\xFE\xFF"s + widen("<a>", 2, true) + "\x20\xAC\xD8\x34\xDD\x1E"s + widen("</a>", 2, true);
  const DecodedText decoded = decode_to_utf8(document);
  EXPECT_EQ(decoded.utf8, "<a>€𝄞</a>");
  EXPECT_EQ(decoded.encoding, "utf-16be");
  EXPECT_FALSE(decoded.had_errors);
}

TEST(Charset, DecodesUtf32LeBomRatherThanUtf16Le) {
  const std::string document =
      "\xFF\xFE\x00\x00"s + widen("<a>", 4, false) + "\x16\x04\x00\x00"s + widen("</a>", 4, false);
  const DecodedText decoded = decode_to_utf8(document);
  EXPECT_EQ(decoded.utf8, "<a>Ж</a>");
  EXPECT_EQ(decoded.encoding, "utf-32le");
  EXPECT_FALSE(decoded.had_errors);
}

TEST(Charset, DecodesUtf32BeBom) {
  const std::string document =
      "\x00\x00\xFE\xFF"s + widen("<a>", 4, true) + "\x00\x01\xF6\x00"s + widen("</a>", 4, true);
  const DecodedText decoded = decode_to_utf8(document);
  EXPECT_EQ(decoded.utf8, "<a>😀</a>");
  EXPECT_EQ(decoded.encoding, "utf-32be");
  EXPECT_FALSE(decoded.had_errors);
}

TEST(Charset, AutodetectsUtf16LeWithoutBom) {
  const std::string text = "<?xml version=\"1.0\" encoding=\"utf-16\"?><rss/>";
  const DecodedText decoded = decode_to_utf8(widen(text, 2, false));
  EXPECT_EQ(decoded.utf8, text);
  EXPECT_EQ(decoded.encoding, "utf-16le");
  EXPECT_FALSE(decoded.had_errors);
}

TEST(Charset, AutodetectsUtf16BeWithoutBom) {
  const std::string text = "<?xml version=\"1.0\" encoding=\"utf-16be\"?><rss/>";
  const DecodedText decoded = decode_to_utf8(widen(text, 2, true));
  EXPECT_EQ(decoded.utf8, text);
  EXPECT_EQ(decoded.encoding, "utf-16be");
  EXPECT_FALSE(decoded.had_errors);
}

TEST(Charset, AutodetectsUtf32LeWithoutBom) {
  const std::string text = "<?xml version=\"1.0\" encoding=\"utf-32\"?><rss/>";
  const DecodedText decoded = decode_to_utf8(widen(text, 4, false));
  EXPECT_EQ(decoded.utf8, text);
  EXPECT_EQ(decoded.encoding, "utf-32le");
  EXPECT_FALSE(decoded.had_errors);
}

TEST(Charset, AutodetectsUtf32BeWithoutBom) {
  const std::string text = "<?xml version=\"1.0\"?><rss/>";
  const DecodedText decoded = decode_to_utf8(widen(text, 4, true));
  EXPECT_EQ(decoded.utf8, text);
  EXPECT_EQ(decoded.encoding, "utf-32be");
  EXPECT_FALSE(decoded.had_errors);
}

TEST(Charset, AcceptsPythonUtf16AliasInUtf16Document) {
  // feedparser's encoding/u16.xml: "u16" is a codec alias, not an error.
  const std::string text = "<?xml version=\"1.0\" encoding=\"u16\"?><rss/>";
  const DecodedText decoded = decode_to_utf8(widen(text, 2, true));
  EXPECT_EQ(decoded.utf8, text);
  EXPECT_FALSE(decoded.had_errors);
}

TEST(Charset, BomBeatsContradictingDeclaration) {
  const std::string text = "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss/>";
  const DecodedText decoded = decode_to_utf8("\xFF\xFE"s + widen(text, 2, false));
  EXPECT_EQ(decoded.utf8, text);
  EXPECT_EQ(decoded.encoding, "utf-16le");
  EXPECT_TRUE(decoded.had_errors);
  EXPECT_NE(decoded.error.find("contradicts the byte order mark"), std::string::npos);
}

TEST(Charset, FlagsUnknownLabelInUtf16Document) {
  const std::string text = "<?xml version=\"1.0\" encoding=\"bogus\"?><rss/>";
  const DecodedText decoded = decode_to_utf8(widen(text, 2, false));
  EXPECT_EQ(decoded.utf8, text);
  EXPECT_TRUE(decoded.had_errors);
  EXPECT_EQ(decoded.error, "unknown encoding 'bogus'");
}

TEST(Charset, ReadsDeclarationInDoubleQuotes) {
  const DecodedText decoded = decode_to_utf8(xml_with("koi8-r", "\xF0\xD2\xC9\xD7\xC5\xD4"));
  EXPECT_EQ(decoded_body(decoded), "Привет");
  EXPECT_EQ(decoded.encoding, "koi8-r");
  EXPECT_FALSE(decoded.had_errors);
}

TEST(Charset, ReadsDeclarationInSingleQuotes) {
  const DecodedText decoded = decode_to_utf8(
      "<?xml version='1.0' encoding='windows-1251'?><t>\xCF\xF0\xE8\xE2\xE5\xF2</t>");
  EXPECT_EQ(decoded_body(decoded), "Привет");
  EXPECT_EQ(decoded.encoding, "windows-1251");
}

TEST(Charset, ToleratesWhitespaceBeforeDeclaration) {
  const DecodedText decoded =
      decode_to_utf8("\n  " + xml_with("koi8-r", "\xF0\xD2\xC9\xD7\xC5\xD4"));
  EXPECT_EQ(decoded_body(decoded), "Привет");
}

TEST(Charset, KeepsXmlDeclarationInOutput) {
  const DecodedText decoded = decode_to_utf8(xml_with("windows-1251", "\xCF"));
  EXPECT_EQ(decoded.utf8, "<?xml version=\"1.0\" encoding=\"windows-1251\"?><t>П</t>");
}

TEST(Charset, UsesHttpCharsetWithoutDeclaration) {
  const DecodedText decoded =
      decode_to_utf8("<?xml version=\"1.0\"?><t>\xCF\xF0\xE8\xE2\xE5\xF2</t>", "windows-1251");
  EXPECT_EQ(decoded_body(decoded), "Привет");
  EXPECT_EQ(decoded.encoding, "windows-1251");
  EXPECT_FALSE(decoded.had_errors);
}

TEST(Charset, DeclarationBeatsHttpCharset) {
  const DecodedText decoded =
      decode_to_utf8(xml_with("koi8-r", "\xF0\xD2\xC9\xD7\xC5\xD4"), "windows-1251");
  EXPECT_EQ(decoded_body(decoded), "Привет");
  EXPECT_EQ(decoded.encoding, "koi8-r");
  EXPECT_FALSE(decoded.had_errors);
}

TEST(Charset, BomBeatsHttpCharsetWithoutError) {
  const DecodedText decoded = decode_to_utf8("\xEF\xBB\xBF<t>\xC3\xA9</t>", "windows-1251");
  EXPECT_EQ(decoded.utf8, "<t>é</t>");
  EXPECT_FALSE(decoded.had_errors);
}

TEST(Charset, UnknownDeclaredLabelFallsBackToHttpCharset) {
  const DecodedText decoded = decode_to_utf8(xml_with("x-bogus", "\xCF"), "cp1251");
  EXPECT_EQ(decoded_body(decoded), "П");
  EXPECT_EQ(decoded.encoding, "windows-1251");
  EXPECT_TRUE(decoded.had_errors);
  EXPECT_EQ(decoded.error, "unknown encoding 'x-bogus'");
}

TEST(Charset, UnknownDeclaredLabelFallsBackToUtf8) {
  const DecodedText decoded = decode_to_utf8(xml_with("x-bogus", "\xC3\xA9"));
  EXPECT_EQ(decoded_body(decoded), "é");
  EXPECT_EQ(decoded.encoding, "utf-8");
  EXPECT_TRUE(decoded.had_errors);
  EXPECT_EQ(decoded.error, "unknown encoding 'x-bogus'");
}

TEST(Charset, UnknownHttpCharsetFallsBackToUtf8) {
  const DecodedText decoded = decode_to_utf8("<t>\xC3\xA9</t>", "x-klingon");
  EXPECT_EQ(decoded.utf8, "<t>é</t>");
  EXPECT_TRUE(decoded.had_errors);
  EXPECT_EQ(decoded.error, "unknown encoding 'x-klingon'");
}

TEST(Charset, Utf16DeclarationInAsciiDocumentIsIgnored) {
  // .NET writers often declare utf-16 on text they then save as UTF-8.
  const DecodedText decoded = decode_to_utf8(xml_with("utf-16", "\xC3\xA9"));
  EXPECT_EQ(decoded_body(decoded), "é");
  EXPECT_EQ(decoded.encoding, "utf-8");
  EXPECT_TRUE(decoded.had_errors);
}

TEST(Charset, HttpUtf16WithoutBomResolvesByteOrder) {
  const DecodedText decoded = decode_to_utf8(widen(" <a/>", 2, true), "utf-16");
  EXPECT_EQ(decoded.utf8, " <a/>");
  EXPECT_EQ(decoded.encoding, "utf-16be");
  EXPECT_FALSE(decoded.had_errors);
}

TEST(Charset, ReplacesInvalidUtf8AndNamesOffset) {
  const DecodedText decoded = decode_to_utf8(
      "<t>Espa\xF1"
      "a</t>");
  EXPECT_EQ(decoded.utf8,
            "<t>Espa\xEF\xBF\xBD"
            "a</t>");
  EXPECT_EQ(decoded.encoding, "utf-8");
  EXPECT_TRUE(decoded.had_errors);
  EXPECT_EQ(decoded.error, "invalid utf-8 byte sequence at offset 7");
}

TEST(Charset, InvalidUtf8OffsetCountsTheBom) {
  const DecodedText decoded = decode_to_utf8("\xEF\xBB\xBF<t>\xFF\xFE</t>");
  EXPECT_EQ(decoded.utf8, "<t>\xEF\xBF\xBD\xEF\xBF\xBD</t>");
  EXPECT_TRUE(decoded.had_errors);
  EXPECT_EQ(decoded.error, "invalid utf-8 byte sequence at offset 6 (2 replaced with U+FFFD)");
}

TEST(Charset, DeclaredUtf8WithLegacyBytesIsReplacedNotReinterpreted) {
  const DecodedText decoded =
      decode_to_utf8(xml_with("utf-8", "\xCF\xF0\xE8\xE2\xE5\xF2"), "windows-1251");
  EXPECT_EQ(decoded.encoding, "utf-8");
  EXPECT_TRUE(decoded.had_errors);
  EXPECT_EQ(decoded_body(decoded).find("\xEF\xBF\xBD"), 0u);
}

TEST(Charset, ReplacesInvalidBytesInLegacyCharset) {
  // 0xFF is not a Shift_JIS lead byte; the trailing 0x82 is a truncated sequence.
  const std::string document = xml_with("shift_jis", "\x93\xFA\xFF\x96\x7B") + "\x82";
  const DecodedText decoded = decode_to_utf8(document);
  EXPECT_EQ(decoded.encoding, "cp932");
  EXPECT_EQ(decoded_body(decoded), "日\xEF\xBF\xBD本");
  EXPECT_TRUE(decoded.utf8.ends_with("</t>\xEF\xBF\xBD"));
  EXPECT_TRUE(decoded.had_errors);
  EXPECT_EQ(decoded.error, "invalid cp932 byte sequence at offset 47 (2 replaced with U+FFFD)");
}

TEST(Charset, ReplacesTruncatedUtf16Unit) {
  const DecodedText decoded = decode_to_utf8("\xFF\xFE"s + widen("<a/>", 2, false) + "\x41"s);
  EXPECT_EQ(decoded.utf8, "<a/>\xEF\xBF\xBD");
  EXPECT_TRUE(decoded.had_errors);
}

TEST(Charset, DecodesWindows1251) {
  EXPECT_EQ(decoded_body(decode_to_utf8(xml_with("windows-1251", "\xCF\xF0\xE8\xE2\xE5\xF2"))),
            "Привет");
}

TEST(Charset, DecodesKoi8rRussianTitle) {
  EXPECT_EQ(decoded_body(decode_to_utf8(xml_with("KOI8-R", "\xF0\xD2\xC9\xD7\xC5\xD4"))), "Привет");
}

TEST(Charset, DecodesKoi8uUkrainianLetter) {
  const DecodedText decoded = decode_to_utf8(xml_with("koi8-u", "\xF0\xD2\xC9\xD7\xA6\xD4"));
  EXPECT_EQ(decoded_body(decoded), "Привіт");
  EXPECT_EQ(decoded.encoding, "koi8-u");
}

TEST(Charset, DecodesEucKrAsCp949) {
  const DecodedText decoded = decode_to_utf8(xml_with("euc-kr", "\xB3\xE2"));
  EXPECT_EQ(decoded_body(decoded), "년");
  EXPECT_EQ(decoded.encoding, "cp949");
  EXPECT_FALSE(decoded.had_errors);
}

TEST(Charset, DecodesUhcExtensionUnderEucKrLabel) {
  // 0x8141 is outside EUC-KR proper but in CP949: U+AC02.
  EXPECT_EQ(decoded_body(decode_to_utf8(xml_with("euc-kr", "\x81\x41"))), "갂");
}

TEST(Charset, DecodesShiftJis) {
  const DecodedText decoded = decode_to_utf8(xml_with("Shift_JIS", "\x93\xFA\x96\x7B\x8C\xEA"));
  EXPECT_EQ(decoded_body(decoded), "日本語");
  EXPECT_EQ(decoded.encoding, "cp932");
}

TEST(Charset, DecodesEucJp) {
  const DecodedText decoded = decode_to_utf8(xml_with("EUC-JP", "\xC6\xFC\xCB\xDC\xB8\xEC"));
  EXPECT_EQ(decoded_body(decoded), "日本語");
  EXPECT_EQ(decoded.encoding, "euc-jp");
}

TEST(Charset, DecodesNecCircledDigitInEucJp) {
  const DecodedText decoded = decode_to_utf8(xml_with("euc-jp", "\xAD\xA1"));
  EXPECT_EQ(decoded_body(decoded), "①");
  EXPECT_FALSE(decoded.had_errors);
}

TEST(Charset, DecodesIso2022Jp) {
  EXPECT_EQ(decoded_body(decode_to_utf8(
                xml_with("iso-2022-jp", "\x1B\x24\x42\x25\x46\x25\x39\x25\x48\x1B\x28\x42"))),
            "テスト");
}

TEST(Charset, DecodesGb18030FourByteSequence) {
  const DecodedText decoded =
      decode_to_utf8(xml_with("gb18030", "\xD6\xD0\xCE\xC4\x95\x32\x82\x36"));
  EXPECT_EQ(decoded_body(decoded), "中文𠀀");
  EXPECT_EQ(decoded.encoding, "gb18030");
}

TEST(Charset, DecodesGb2312LabelAsGb18030) {
  const DecodedText decoded = decode_to_utf8(xml_with("gb2312", "\xD6\xD0\xCE\xC4"));
  EXPECT_EQ(decoded_body(decoded), "中文");
  EXPECT_EQ(decoded.encoding, "gb18030");
}

TEST(Charset, DecodesBig5) {
  const DecodedText decoded = decode_to_utf8(xml_with("big5", "\xA4\xA4\xA4\xE5"));
  EXPECT_EQ(decoded_body(decoded), "中文");
  EXPECT_EQ(decoded.encoding, "big5-hkscs");
  EXPECT_FALSE(decoded.had_errors);
}

TEST(Charset, DecodesBig5EuroSign) {
  const DecodedText decoded = decode_to_utf8(xml_with("big5", "\xA4\xA4\xA3\xE1\xA4\xE5"));
  EXPECT_EQ(decoded_body(decoded), "中€文");
  EXPECT_FALSE(decoded.had_errors);
}

TEST(Charset, DecodesIso88592) {
  EXPECT_EQ(decoded_body(decode_to_utf8(xml_with("iso-8859-2", "\xA3\xF3\x64\xBC"))), "Łódź");
}

TEST(Charset, DecodesIso88591LabelAsWindows1252) {
  const DecodedText decoded =
      decode_to_utf8(xml_with("iso-8859-1", "\x93quoted\x94 \x96 \x80 \xE9"));
  EXPECT_EQ(decoded_body(decoded), "“quoted” – € é");
  EXPECT_EQ(decoded.encoding, "windows-1252");
  EXPECT_FALSE(decoded.had_errors);
}

TEST(Charset, DecodesUsAsciiLabelAsWindows1252) {
  EXPECT_EQ(decoded_body(decode_to_utf8(xml_with("us-ascii", "don\x92t"))), "don’t");
}

TEST(Charset, MapsUndefinedWindows1252BytesToC1Controls) {
  const DecodedText decoded = decode_to_utf8(xml_with("windows-1252", "\x81\x8D"));
  EXPECT_EQ(decoded_body(decoded), "\xC2\x81\xC2\x8D");
  EXPECT_FALSE(decoded.had_errors);
}

TEST(Charset, BoundsOutputGrowth) {
  const std::string body(3000, '\x80');
  const DecodedText decoded = decode_to_utf8(body, "windows-1252");
  EXPECT_EQ(decoded.utf8.size(), body.size() * 3);  // each byte becomes U+20AC
  EXPECT_LE(decoded.utf8.capacity(), body.size() * 4 + 64);
}

TEST(Charset, CanonicalizesUtf8Labels) {
  for (const char* label : {"utf-8", "UTF-8", "utf8", "UTF8", "utf_8", "unicode-1-1-utf-8"}) {
    EXPECT_EQ(canonical_charset(label), "utf-8") << label;
  }
}

TEST(Charset, CanonicalizesCyrillicLabels) {
  for (const char* label : {"win-1251", "cp1251", "windows1251", "x-cp1251", "Windows-1251"}) {
    EXPECT_EQ(canonical_charset(label), "windows-1251") << label;
  }
  EXPECT_EQ(canonical_charset("koi8r"), "koi8-r");
  EXPECT_EQ(canonical_charset("KOI8-U"), "koi8-u");
}

TEST(Charset, CanonicalizesLatinLabelsToWindows1252) {
  for (const char* label : {"latin1", "latin-1", "l1", "iso_8859-1", "iso8859-1", "8859-1",
                            "ISO-8859-1", "iso_8859-1:1987", "ascii", "us-ascii", "cp1252"}) {
    EXPECT_EQ(canonical_charset(label), "windows-1252") << label;
  }
  EXPECT_EQ(canonical_charset("iso-8859-9"), "windows-1254");
  EXPECT_EQ(canonical_charset("ISO-8859-15"), "iso-8859-15");
}

TEST(Charset, CanonicalizesCjkLabels) {
  for (const char* label : {"euc-kr", "ks_c_5601-1987", "x-euc-kr", "euckr"}) {
    EXPECT_EQ(canonical_charset(label), "cp949") << label;
  }
  for (const char* label : {"shift_jis", "sjis", "x-sjis", "shift-jis", "ms_kanji"}) {
    EXPECT_EQ(canonical_charset(label), "cp932") << label;
  }
  for (const char* label : {"big5", "x-big5", "Big5-HKSCS"}) {
    EXPECT_EQ(canonical_charset(label), "big5-hkscs") << label;
  }
  for (const char* label : {"gb2312", "gbk", "gb_2312-80", "cn-gb", "GB18030"}) {
    EXPECT_EQ(canonical_charset(label), "gb18030") << label;
  }
  EXPECT_EQ(canonical_charset("x-euc-jp"), "euc-jp");
}

TEST(Charset, CanonicalizesUnicodeLabels) {
  for (const char* label : {"utf-16", "ucs-2", "unicode", "u16", "utf_16"}) {
    EXPECT_EQ(canonical_charset(label), "utf-16") << label;
  }
  EXPECT_EQ(canonical_charset("UTF-16LE"), "utf-16le");
  EXPECT_EQ(canonical_charset("utf_32_be"), "utf-32be");
}

TEST(Charset, CanonicalizeTrimsWhitespaceAndQuotes) {
  EXPECT_EQ(canonical_charset("  \"UTF-8\" "), "utf-8");
  EXPECT_EQ(canonical_charset("'koi8-r'"), "koi8-r");
}

TEST(Charset, CanonicalizeRejectsUnknownLabels) {
  for (const char* label : {"", "bogus", "x-bogus", "iso-8859-12", "iso-8859-17", "windows-1259"}) {
    EXPECT_EQ(canonical_charset(label), "") << label;
  }
}

}  // namespace feedsentry::feed
