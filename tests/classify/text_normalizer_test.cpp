#include "classify/text_normalizer.h"

#include <gtest/gtest.h>
#include <utf8proc.h>

#include <cctype>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "core/utf8.h"

namespace feedsentry::classify {
namespace {

std::string norm(std::string_view text) {
  return std::string(normalize(text).text());
}

TEST(TextNormalizer, LowercasesAsciiWithOneToOneOffsets) {
  const NormalizedText text = normalize("North KOREA_2");
  EXPECT_EQ(text.text(), "north korea_2");
  for (std::size_t i = 0; i <= text.size(); ++i) EXPECT_EQ(text.original_offset(i), i);
  EXPECT_EQ(text.original_span(6, 11), (OriginalSpan{6, 11}));
}

TEST(TextNormalizer, FoldsCyrillicCase) {
  EXPECT_EQ(norm("САНКЦИИ против КНДР"), "санкции против кндр");
}

TEST(TextNormalizer, FoldsUkrainianLetters) {
  EXPECT_EQ(norm("ІЇЄҐ Україна"), "іїєґ україна");
}

TEST(TextNormalizer, FullCaseFoldsSharpS) {
  EXPECT_EQ(norm("STRASSE"), "strasse");
  EXPECT_EQ(norm("Straße"), "strasse");
  EXPECT_EQ(norm("STRAẞE"), "strasse");  // capital sharp s
}

TEST(TextNormalizer, ComposesDecomposedInput) {
  EXPECT_EQ(norm("caf\x65\xCC\x81"), norm("café"));
  EXPECT_EQ(norm("CAF\x45\xCC\x81"), "café");
  EXPECT_EQ(norm("caf\x65\xCC\x81").size(), std::string("café").size());
}

TEST(TextNormalizer, DecomposedInputMapsToWholeOriginalCharacter) {
  const NormalizedText text = normalize("xe\xCC\x81y");  // x, e + U+0301, y
  ASSERT_EQ(text.text(), "x\xC3\xA9y");
  EXPECT_EQ(text.original_span(1, 3), (OriginalSpan{1, 4}));
  EXPECT_EQ(text.original_span(3, 4), (OriginalSpan{4, 5}));
}

TEST(TextNormalizer, ComposesHangulJamo) {
  EXPECT_EQ(norm("\xE1\x84\x87\xE1\x85\xAE\xE1\x86\xA8"), "북");  // ᄇ ᅮ ᆨ
}

TEST(TextNormalizer, FoldsYoToYe) {
  EXPECT_EQ(norm("ёлка Ёлка"), "елка елка");
  EXPECT_EQ(norm("е\xCC\x88лка"), "елка");  // е + combining diaeresis
}

TEST(TextNormalizer, CollapsesWhitespaceRunsWithOffsets) {
  const std::string input =
      "a \t\n\xC2\xA0 b\xE2\x80\x83"
      "c";  // NBSP and em space inside
  const NormalizedText text = normalize(input);
  ASSERT_EQ(text.text(), "a b c");
  EXPECT_EQ(text.original_offset(1), 1u);
  EXPECT_EQ(text.original_offset(2), input.find('b'));
  EXPECT_EQ(text.original_span(2, 3), (OriginalSpan{input.find('b'), input.find('b') + 1}));
  EXPECT_EQ(text.original_span(4, 5), (OriginalSpan{input.size() - 1, input.size()}));
  EXPECT_EQ(text.original_size(), input.size());
}

TEST(TextNormalizer, KeepsNoBreakSpacesBetweenCyrillicWords) {
  EXPECT_EQ(norm("\xC2\xA0Ёлка\xC2\xA0x\xC2\xA0\xC2\xA0СНГ\xE2\x80\xAF\xD0\x91"), " елка x снг б");
}

TEST(TextNormalizer, MapsTypographicApostrophesAndDashes) {
  EXPECT_EQ(norm("Korea’s ‘x’ Pyongyangʼs"), "korea's 'x' pyongyang's");
  EXPECT_EQ(norm("Hwasong\xE2\x80\x91"
                 "17 \xE2\x80\x94 KN\xE2\x80\x93"
                 "23"),
            "hwasong-17 - kn-23");
}

TEST(TextNormalizer, DropsInvisibleCharacters) {
  EXPECT_EQ(norm("sanc\xC2\xADtions\xE2\x80\x8B"), "sanctions");
}

TEST(TextNormalizer, ReplacesInvalidUtf8) {
  EXPECT_EQ(norm("a\xFF"
                 "b\xC3"),
            "a\xEF\xBF\xBD"
            "b\xEF\xBF\xBD");
  const NormalizedText text = normalize("\xC3(");
  EXPECT_EQ(text.text(), "\xEF\xBF\xBD(");
  EXPECT_EQ(text.original_span(0, 3), (OriginalSpan{0, 1}));
}

TEST(TextNormalizer, ExpansionSpanCoversWholeSourceCharacter) {
  const NormalizedText text = normalize("Groß");
  ASSERT_EQ(text.text(), "gross");
  EXPECT_EQ(text.original_span(0, 4), (OriginalSpan{0, 5}));  // "gros" ends inside ß
  EXPECT_EQ(text.original_span(3, 5), (OriginalSpan{3, 5}));
}

TEST(TextNormalizer, GrowsOutputForExpandingText) {
  std::string input;
  for (int k = 0; k < 5000; ++k) input += "\xD6\x87";  // Armenian ligature և folds to եւ
  Normalizer normalizer;
  normalizer.normalize("short");
  const NormalizedText& text = normalizer.normalize(input);
  ASSERT_EQ(text.size(), 5000u * 4);
  EXPECT_EQ(text.text().substr(0, 4), "\xD5\xA5\xD6\x82");
  EXPECT_EQ(text.original_offset(4 * 4321 + 3), 2u * 4321);
  EXPECT_EQ(text.original_span(4, 6), (OriginalSpan{2, 4}));
}

TEST(TextNormalizer, EmptyInput) {
  const NormalizedText text = normalize("");
  EXPECT_TRUE(text.empty());
  EXPECT_EQ(text.original_span(0, 0), (OriginalSpan{0, 0}));
}

TEST(TextNormalizer, NormalizerReusesBuffersAcrossCalls) {
  Normalizer normalizer;
  const std::string long_text(10000, 'A');
  EXPECT_EQ(normalizer.normalize(long_text).size(), 10000u);
  const NormalizedText& text = normalizer.normalize("Б");
  EXPECT_EQ(text.text(), "б");
  EXPECT_EQ(text.original_span(0, 2), (OriginalSpan{0, 2}));
  EXPECT_EQ(text.original_size(), 2u);
}

TEST(TextNormalizer, ClassifiesWordAndHangulCharacters) {
  EXPECT_TRUE(is_word_char(U'a'));
  EXPECT_TRUE(is_word_char(U'_'));
  EXPECT_TRUE(is_word_char(U'7'));
  EXPECT_TRUE(is_word_char(U'ж'));
  EXPECT_TRUE(is_word_char(U'북'));
  EXPECT_TRUE(is_word_char(0x0301));  // combining acute
  EXPECT_FALSE(is_word_char(U'-'));
  EXPECT_FALSE(is_word_char(U'\''));
  EXPECT_FALSE(is_word_char(U' '));
  EXPECT_TRUE(is_hangul(U'한'));
  EXPECT_TRUE(is_hangul(0x1100));
  EXPECT_TRUE(is_hangul(0x3131));
  EXPECT_FALSE(is_hangul(U'ж'));
}

// Reference: whole-string utf8proc_map, then the documented extra folds code point by code
// point. The fast paths (ASCII, two-byte table, NFC segments) must agree with it.
std::string reference_normalize(const std::string& input) {
  utf8proc_uint8_t* mapped = nullptr;
  const utf8proc_ssize_t length = utf8proc_map(
      reinterpret_cast<const utf8proc_uint8_t*>(input.data()),
      static_cast<utf8proc_ssize_t>(input.size()), &mapped,
      static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD));
  EXPECT_GE(length, 0);
  const std::string folded(reinterpret_cast<const char*>(mapped), static_cast<std::size_t>(length));
  std::free(mapped);
  std::string out;
  bool in_space = false;
  std::size_t pos = 0;
  while (pos < folded.size()) {
    char32_t cp = core::next_code_point(folded, pos);
    const bool space = (cp >= 0x09 && cp <= 0x0D) || cp == 0x20 || cp == 0x85 || cp == 0xA0 ||
                       cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 ||
                       cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
    if (space) {
      if (!in_space) out.push_back(' ');
      in_space = true;
      continue;
    }
    if (cp == 0xAD || (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 || cp == 0xFEFF) continue;
    in_space = false;
    if (cp == 0x2018 || cp == 0x2019 || cp == 0x2BC) cp = U'\'';
    if (cp >= 0x2010 && cp <= 0x2015) cp = U'-';
    if (cp == 0x451 || cp == 0x401) cp = 0x435;
    core::append_utf8(out, cp);
  }
  return out;
}

TEST(TextNormalizer, AgreesWithUtf8procOnRandomText) {
  const std::vector<char32_t> pool = {
      U'a',   U'Z',   U' ',   U'\n',  U'-',   0xA0,    0xC9,   0xDF,   0x130,  0x1E9E, 0x390,
      0x3A3,  0x3C2,  0x401,  0x419,  0x439,  0x451,   0x457,  0x404,  0x435,  0x438,  0x300,
      0x301,  0x306,  0x308,  0x323,  0x345,  0x1100,  0x1161, 0x11A8, 0xAC00, 0xBD81, 0x2019,
      0x2014, 0x2000, 0x3000, 0xAD,   0x200B, 0xFB03,  0x212B, 0x2126, 0xF900, 0x1F71, 0x0CD5,
      0x0CC6, 0x09C7, 0x09BE, 0x3099, 0x304B, 0x1D15E, 0xFF21, 0x1E9B, 0x1F80, 0x0344, 0x0F73};
  std::mt19937 random(42);
  for (int round = 0; round < 3000; ++round) {
    std::string input;
    const int length = static_cast<int>(random() % 12);
    for (int k = 0; k < length; ++k) core::append_utf8(input, pool[random() % pool.size()]);
    ASSERT_EQ(normalize(input).text(), reference_normalize(input)) << "input: " << input;
  }
}

TEST(TextNormalizer, AgreesWithUtf8procOnLongMixedText) {
  // Long ASCII stretches exercise the block path; the rest interrupts it at every offset.
  const std::vector<std::string> pool = {
      "North Korea ", "SANCTIONS", "  ",   "\t\n",      " ",      "x",
      "Pyongyang’s ", "САНКЦИИ ",  "Ёлка", "e\xCC\x81", "Straße", "\xC2\xA0",
      "북한의 ",      "—",         "\xFF", "0123456789"};
  std::mt19937 random(7);
  for (int round = 0; round < 2000; ++round) {
    std::string input;
    const int length = static_cast<int>(random() % 60);
    for (int k = 0; k < length; ++k) input += pool[random() % pool.size()];
    const std::string valid = core::sanitize_utf8(input);
    const NormalizedText text = normalize(input);
    ASSERT_EQ(text.text(), reference_normalize(valid)) << "input: " << input;
    for (std::size_t k = 0; k < text.size(); ++k) {  // offsets: ordered, on character starts
      ASSERT_LE(text.original_offset(k), text.original_offset(k + 1));
      ASSERT_NE(static_cast<unsigned char>(input[text.original_offset(k)]) & 0xC0, 0x80);
    }
    ASSERT_EQ(text.original_offset(text.size()), input.size());
  }
}

TEST(TextNormalizer, LongAsciiTextKeepsEveryOffset) {
  const std::string alphabet = "aZq \t\n\r.,-'M";
  std::mt19937 random(11);
  std::string input;
  for (int k = 0; k < 5000; ++k) input.push_back(alphabet[random() % alphabet.size()]);
  std::string expected_text;
  std::vector<std::size_t> expected_offsets;
  for (std::size_t k = 0; k < input.size(); ++k) {
    const bool space = input[k] == ' ' || input[k] == '\t' || input[k] == '\n' || input[k] == '\r';
    if (space && !expected_text.empty() && expected_text.back() == ' ') continue;
    expected_text.push_back(space ? ' ' : static_cast<char>(std::tolower(input[k])));
    expected_offsets.push_back(k);
  }
  const NormalizedText text = normalize(input);
  ASSERT_EQ(text.text(), expected_text);
  for (std::size_t k = 0; k < expected_offsets.size(); ++k) {
    ASSERT_EQ(text.original_offset(k), expected_offsets[k]) << "at " << k;
  }
  EXPECT_EQ(text.original_offset(text.size()), input.size());
}

}  // namespace
}  // namespace feedsentry::classify
