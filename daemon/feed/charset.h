#pragma once
// Charset detection and conversion of raw feed bytes to UTF-8 (iconv). Order of
// evidence: BOM, the UTF-16/32 byte pattern of "<?xml" (XML 1.0 Appendix F), the XML
// declaration's encoding, the HTTP charset from the caller, then UTF-8. Labels follow the
// WHATWG Encoding Standard (iso-8859-1/latin1/us-ascii decode as windows-1252, euc-kr as
// CP949, Shift_JIS as CP932, gb2312/gbk as GB18030, big5 as Big5-HKSCS).
//
// Never throws and always returns text: invalid bytes become U+FFFD. `had_errors` marks
// what makes the document not well-formed (bytes invalid in the charset used, an unknown
// encoding label, a declaration that contradicts the BOM or byte pattern), so the caller
// sets bozo from it.
//
// The returned text keeps the document's XML declaration as written, so it may still say
// encoding="windows-1251" although the text is now UTF-8: whoever parses it must be told
// the input is UTF-8 (pugi::encoding_utf8) rather than trust the declaration.
#include <string>
#include <string_view>

namespace feedsentry::feed {

struct DecodedText {
  std::string utf8;         // the document as UTF-8, BOM removed
  std::string encoding;     // canonical name of the charset used ("utf-8", "windows-1251", ...)
  bool had_errors = false;  // invalid bytes were replaced, the declared charset was unknown,
                            // or the declaration contradicts the BOM / byte pattern
  std::string error;        // why had_errors is set
  // True when decoding has already proved that the text holds no C0 control other than
  // tab, LF and CR (the UTF-8 path checks for them in the same pass); false when unknown.
  bool no_control_characters = false;
};

// `http_charset` is the charset parameter of the Content-Type, or empty.
DecodedText decode_to_utf8(std::string_view bytes, std::string_view http_charset = {});

// decode_to_utf8 without the copy of the common case: when the bytes (after any BOM) are
// already valid UTF-8, the returned text is a view into `bytes` and `result.utf8` stays
// empty; otherwise it is a view of `result.utf8`. The other fields are filled as above.
std::string_view decode_to_utf8_view(std::string_view bytes, std::string_view http_charset,
                                     DecodedText& result);

// Maps a label such as "utf8", "win-1251", "x-euc-kr", "latin1" to a canonical iconv
// name in lower case ("utf-8", "windows-1251", "cp949", "windows-1252"); returns "" for an
// unknown label. Case, surrounding whitespace and quotes are ignored. "utf-16" and
// "utf-32" carry no byte order; decode_to_utf8 resolves it from the bytes.
std::string canonical_charset(std::string_view label);

}  // namespace feedsentry::feed
