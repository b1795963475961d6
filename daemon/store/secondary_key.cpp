#include "store/secondary_key.h"

#include "core/text.h"

namespace feedsentry::store {

namespace {
// Separates the two parts inside the hash input, so ("ab", "c") and ("a", "bc") differ.
// U+001F UNIT SEPARATOR cannot occur in a URL and is not kept in a normalized title.
constexpr char kFieldSeparator = '\x1f';
// Versions the key format: a future change of normalization cannot collide with old keys.
constexpr std::string_view kFormatPrefix = "s1:";
}  // namespace

std::string normalize_title_for_key(std::string_view title) {
  std::string normalized;
  normalized.reserve(title.size());
  bool pending_space = false;
  for (const char c : core::trim_ascii(title)) {
    if (core::is_ascii_space(c) || c == kFieldSeparator) {
      pending_space = true;
      continue;
    }
    if (pending_space) normalized += ' ';
    pending_space = false;
    normalized += c;
  }
  return core::to_lower_ascii(normalized);
}

std::string secondary_key(std::string_view canonical_link, std::string_view title) {
  const std::string link(core::trim_ascii(canonical_link));
  const std::string normalized_title = normalize_title_for_key(title);
  if (link.empty() || normalized_title.empty()) return {};
  const std::string input = link + kFieldSeparator + normalized_title;
  return std::string(kFormatPrefix) + core::to_hex(core::stable_hash(input));
}

}  // namespace feedsentry::store
