#pragma once
// Internal to the renderers: the platform-neutral wording of an alert (plain, cleaned,
// pre-truncated pieces), plus length measuring, boundary-safe truncation and fitting of
// escaped text to a platform limit. Each render_<platform>.cpp escapes and assembles.
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "alert/alert.h"
#include "core/clock.h"
#include "core/text.h"

namespace feedsentry::alert::detail {

// Chat platforms count "characters" in UTF-16 code units (JavaScript string length) or code
// points; UTF-16 units are never fewer, so limits checked with it hold for both.
std::size_t utf16_length(std::string_view text);
inline std::size_t byte_length(std::string_view text) {
  return text.size();
}
using Measure = std::size_t (*)(std::string_view);

// At most `max_units` UTF-16 units, cut on a code point boundary, with "…" when cut.
std::string truncate_text(std::string_view text, std::size_t max_units);
// The same, measured in bytes.
std::string truncate_bytes(std::string_view text, std::size_t max_bytes);

// Valid UTF-8, control characters (newlines too) turned into spaces, runs of spaces collapsed,
// trimmed: feed text arrives as one line per piece.
std::string clean_line(std::string_view text);

using Escaper = std::function<std::string(std::string_view)>;

// escape(prefix of `plain`) no longer than `limit` by `measure`: escaping grows the text, so
// the plain text is cut first and escaped afterwards, never splitting an escape sequence.
std::string fit_escaped(std::string_view plain, std::size_t limit, const Escaper& escape,
                        Measure measure = utf16_length);

struct Line {
  std::string text;
  int priority = 0;  // 0 = always kept; higher numbers are dropped first when over the limit
};
// Joins lines with `separator`, dropping the least important lines (latest first among equals)
// until the result fits `limit`. Priority-0 lines must fit by construction; if they do not,
// the result is cut to the limit on a code point boundary as a last resort.
std::string join_fitting(std::vector<Line> lines, std::size_t limit, std::string_view separator,
                         Measure measure = utf16_length);

// "2023-09-01 14:00 UTC"
std::string format_time(core::SystemTime time);
// "2023-09-01T14:00:00Z"
std::string format_iso(core::SystemTime time);

// Plain wording, each piece cleaned and pre-truncated; empty when there is nothing to say.
struct AlertText {
  std::string label;          // top topic title, e.g. "Sanctions on DPRK or Russia"
  std::string headline;       // ≤ 300
  std::string link;           // the article URL when it is http(s), else empty
  std::string source_line;    // "Treasury · 2023-09-01 14:00 UTC"
  std::string topics;         // "Sanctions on DPRK or Russia (0.92), Launch (0.81)"
  std::string countries;      // "KP, RU"
  std::string matched;        // "“sanctions”, “ballistic missile”"
  std::string watchlist;      // "Intellekt LLC (RUSSIA-EO14024); Jon Jin Yong (DPRK3)"
  std::string summary;        // ≤ 300
  std::string also_reported;  // "Yonhap, NK News"
};
AlertText describe(const Alert& alert);

// The latest copy of a follow-up: who reported it, its title and link (falling back to the
// alert's own), for the short "Also reported by X: <headline>" message.
struct FollowupText {
  std::string source;
  std::string headline;
  std::string link;
};
FollowupText describe_followup(const Alert& alert);

inline constexpr std::string_view kLabelTopics = "Topics";
inline constexpr std::string_view kLabelCountries = "Countries";
inline constexpr std::string_view kLabelMatched = "Matched";
inline constexpr std::string_view kLabelWatchlist = "Names SDN-listed";
inline constexpr std::string_view kLabelAlso = "Also reported by";

using core::escape_html;

// How a platform marks up the "Label: value" detail lines: the markup around "Label:" and
// the escaping of the value.
struct LabelStyle {
  std::string_view open;   // "**", "*", "<b>"
  std::string_view close;  // "**", "*", "</b>"
  std::string (*escape)(std::string_view);
};
// "<open>Label:<close> value", the value escaped; empty when the value is.
std::string labelled(const LabelStyle& style, std::string_view label, const std::string& value);
inline constexpr LabelStyle kHtmlLabels{"<b>", "</b>", escape_html};  // Telegram, Matrix

// <a href="url">label</a> with the label escaped and fitted to 1,000 units by `measure`;
// only the label when there is no URL (Telegram and Matrix HTML).
std::string html_anchor(std::string_view url, std::string_view label_plain,
                        Measure measure = utf16_length);
// A URL for Slack-style <url|label> links: '|', '<' and '>' would end it early.
std::string angle_link_url(std::string_view url);

// A backslash before every character of `special` anywhere, and before one of `line_start`
// as the first character (Markdown heading/list markers act only at a line start).
// A URL for the (...) part of a Markdown link, which would end at ')': parentheses
// percent-encoded.
std::string markdown_link_target(std::string_view url);

std::string backslash_escape(std::string_view text, std::string_view special,
                             std::string_view line_start);
// Percent-encodes everything but RFC 3986 unreserved characters (for path segments).
std::string percent_encode(std::string_view text);

}  // namespace feedsentry::alert::detail
