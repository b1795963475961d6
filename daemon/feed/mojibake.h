#pragma once
// Internal to feed/: repairs for the two encoding accidents feed text most often carries,
// both left behind by software that treats text as ISO-8859-1. Applied to the text of
// each element, as feedparser does. Pure functions over valid UTF-8.
#include <string>
#include <string_view>

namespace feedsentry::feed {

// The windows-1252 character for a C1 control U+0080–U+009F, which is almost always a
// windows-1252 byte that went through a Latin-1 pipeline; `code_point` itself for the
// five that windows-1252 leaves undefined and for anything outside the C1 range.
char32_t windows_1252_for_c1(char32_t code_point);

// False when repair_mojibake certainly leaves `text` alone: it has no character in
// U+0080–U+00FF. Meant as the cheap test before a copy.
bool may_hold_mojibake(std::string_view text);

// 1. UTF-8 decoded as ISO-8859-1 and encoded again ("Ã©" for "é"): when every character
//    is below U+0100 and their ISO-8859-1 bytes are valid UTF-8, the text becomes that
//    UTF-8. Real text in Latin-1 almost never forms such sequences.
// 2. windows-1252 decoded as ISO-8859-1: U+0080–U+009F become windows_1252_for_c1.
void repair_mojibake(std::string& text);

}  // namespace feedsentry::feed
