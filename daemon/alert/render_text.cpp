#include "alert/render_text.h"

#include <algorithm>
#include <cstdio>

#include "core/text.h"
#include "core/time_format.h"
#include "core/url.h"
#include "core/utf8.h"

namespace feedsentry::alert::detail {
namespace {

constexpr std::string_view kEllipsis = "…";
constexpr std::size_t kHeadlineMax = 300;
constexpr std::size_t kSummaryMax = 300;
constexpr std::size_t kTermMax = 60;
constexpr std::size_t kTermsShown = 12;
constexpr std::size_t kListShown = 10;
constexpr std::size_t kNameMax = 120;

// Cuts `text` to the longest code-point-aligned prefix whose measure is ≤ budget.
std::string_view prefix_within(std::string_view text, std::size_t budget, Measure measure) {
  if (measure == byte_length) return core::truncate_utf8(text, budget);
  std::size_t used = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t next = pos;
    const char32_t cp = core::next_code_point(text, next);
    const std::size_t units = cp > 0xFFFF ? 2 : 1;
    if (used + units > budget) break;
    used += units;
    pos = next;
  }
  return text.substr(0, pos);
}

std::string truncate_with(std::string_view text, std::size_t max, Measure measure) {
  if (measure(text) <= max) return std::string(text);
  const std::size_t ellipsis = measure(kEllipsis);
  if (max < ellipsis) return std::string(prefix_within(text, max, measure));
  std::string out(prefix_within(text, max - ellipsis, measure));
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out + std::string(kEllipsis);
}

std::string score_text(double score) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%.2f", std::clamp(score, 0.0, 1.0));
  return buffer;
}

// "a, b, c and 4 more"
std::string join_list(const std::vector<std::string>& items, std::string_view separator,
                      std::size_t shown) {
  std::string out;
  const std::size_t count = std::min(items.size(), shown);
  for (std::size_t i = 0; i < count; ++i) {
    if (i > 0) out += separator;
    out += items[i];
  }
  if (items.size() > shown) out += " and " + std::to_string(items.size() - shown) + " more";
  return out;
}

std::string safe_link(std::string_view link) {
  const std::string clean(core::trim_ascii(link));
  if (!core::is_http_url(clean) || !core::is_valid_utf8(clean)) return {};
  const bool has_bad = std::any_of(clean.begin(), clean.end(), [](char c) {
    return static_cast<unsigned char>(c) <= 0x20 || c == 0x7f;
  });
  if (has_bad || clean.size() > 2000) return {};  // an overlong link cannot be shown anyway
  return clean;
}

}  // namespace

std::size_t utf16_length(std::string_view text) {
  std::size_t units = 0;
  std::size_t pos = 0;
  while (pos < text.size()) units += core::next_code_point(text, pos) > 0xFFFF ? 2 : 1;
  return units;
}

std::string truncate_text(std::string_view text, std::size_t max_units) {
  return truncate_with(text, max_units, utf16_length);
}

std::string truncate_bytes(std::string_view text, std::size_t max_bytes) {
  return truncate_with(text, max_bytes, byte_length);
}

std::string clean_line(std::string_view text) {
  const std::string valid = core::sanitize_utf8(text);
  std::string out;
  out.reserve(valid.size());
  std::size_t pos = 0;
  bool pending_space = false;
  while (pos < valid.size()) {
    const std::size_t start = pos;
    const char32_t cp = core::next_code_point(valid, pos);
    // C0/C1 controls, line/paragraph separators, and bidi overrides/isolates that could make
    // a headline render over our own labels; ordinary RTL text is kept as it is.
    const bool is_space = cp < 0x20 || cp == ' ' || (cp >= 0x7f && cp < 0xa0) || cp == 0x2028 ||
                          cp == 0x2029 || (cp >= 0x202a && cp <= 0x202e) ||
                          (cp >= 0x2066 && cp <= 0x2069);
    if (is_space) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    out.append(valid, start, pos - start);
  }
  return out;
}

std::string fit_escaped(std::string_view plain, std::size_t limit, const Escaper& escape,
                        Measure measure) {
  std::string escaped = escape(plain);
  if (measure(escaped) <= limit) return escaped;
  std::size_t budget = std::min(limit, measure(plain));
  while (budget > 0) {
    escaped = escape(truncate_with(plain, budget, measure));
    const std::size_t length = measure(escaped);
    if (length <= limit) return escaped;
    budget = budget > length - limit ? budget - std::max<std::size_t>(1, (length - limit) / 2) : 0;
  }
  return {};
}

std::string join_fitting(std::vector<Line> lines, std::size_t limit, std::string_view separator,
                         Measure measure) {
  auto join = [&] {
    std::string out;
    bool first = true;
    for (const Line& line : lines) {
      if (line.text.empty()) continue;
      if (!first) out += separator;
      out += line.text;
      first = false;
    }
    return out;
  };
  std::string out = join();
  while (measure(out) > limit) {
    auto victim = lines.end();
    for (auto it = lines.begin(); it != lines.end(); ++it) {
      if (it->priority > 0 && !it->text.empty() &&
          (victim == lines.end() || it->priority >= victim->priority)) {
        victim = it;
      }
    }
    if (victim == lines.end()) return std::string(prefix_within(out, limit, measure));
    victim->text.clear();
    out = join();
  }
  return out;
}

std::string format_time(core::SystemTime time) {
  using namespace std::chrono;
  const auto seconds = floor<std::chrono::seconds>(time);
  const sys_days day = floor<days>(seconds);
  const year_month_day date{day};
  const hh_mm_ss clock{seconds - day};
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u %02ld:%02ld UTC",
                static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                static_cast<unsigned>(date.day()), static_cast<long>(clock.hours().count()),
                static_cast<long>(clock.minutes().count()));
  return buffer;
}

std::string format_iso(core::SystemTime time) {
  return core::format_rfc3339(std::chrono::floor<std::chrono::seconds>(time));
}

AlertText describe(const Alert& alert) {
  AlertText text;
  text.label = alert.topics.empty() ? "News alert"
                                    : truncate_text(clean_line(alert.topics.front().title.empty()
                                                                   ? alert.topics.front().id
                                                                   : alert.topics.front().title),
                                                    80);
  text.headline = truncate_text(clean_line(alert.headline), kHeadlineMax);
  if (text.headline.empty()) text.headline = "(untitled)";
  text.link = safe_link(alert.link);

  std::string source = truncate_text(clean_line(alert.source), kNameMax);
  const std::string when = format_time(alert.published.value_or(alert.detected_at));
  text.source_line = source.empty() ? when : source + " · " + when;

  std::vector<std::string> topics;
  std::vector<std::string> terms;
  for (const TopicHit& topic : alert.topics) {
    const std::string title = clean_line(topic.title.empty() ? topic.id : topic.title);
    topics.push_back(truncate_text(title, 80) + " (" + score_text(topic.score) + ")");
    for (const std::string& term : topic.terms) {
      std::string quoted = "“" + truncate_text(clean_line(term), kTermMax) + "”";
      if (quoted.size() > 6 && std::find(terms.begin(), terms.end(), quoted) == terms.end()) {
        terms.push_back(std::move(quoted));
      }
    }
  }
  text.topics = join_list(topics, ", ", kListShown);
  text.matched = join_list(terms, ", ", kTermsShown);

  std::vector<std::string> countries;
  for (const std::string& country : alert.countries) {
    countries.push_back(truncate_text(clean_line(country), 8));
  }
  text.countries = join_list(countries, ", ", kListShown);

  std::vector<std::string> listed;
  for (const WatchlistHit& hit : alert.watchlist) {
    std::string entry = truncate_text(clean_line(hit.name), kNameMax);
    std::vector<std::string> programs;
    for (const std::string& program : hit.programs) {
      programs.push_back(truncate_text(clean_line(program), 40));
    }
    if (!programs.empty()) entry += " (" + join_list(programs, ", ", 5) + ")";
    listed.push_back(std::move(entry));
  }
  text.watchlist = join_list(listed, "; ", kListShown);

  text.summary = truncate_text(clean_line(alert.summary), kSummaryMax);

  std::vector<std::string> sources;
  for (const AlsoReported& copy : alert.also_reported) {
    std::string name = truncate_text(clean_line(copy.source), kNameMax);
    if (!name.empty() && std::find(sources.begin(), sources.end(), name) == sources.end()) {
      sources.push_back(std::move(name));
    }
  }
  text.also_reported = join_list(sources, ", ", kListShown);
  return text;
}

FollowupText describe_followup(const Alert& alert) {
  FollowupText text;
  const AlsoReported* latest = alert.also_reported.empty() ? nullptr : &alert.also_reported.back();
  text.source = truncate_text(clean_line(latest ? latest->source : alert.source), kNameMax);
  if (text.source.empty()) text.source = "another feed";
  text.headline = truncate_text(
      clean_line(latest && !latest->title.empty() ? latest->title : alert.headline), kHeadlineMax);
  if (text.headline.empty()) text.headline = "(untitled)";
  text.link = safe_link(latest && !latest->link.empty() ? latest->link : alert.link);
  return text;
}

std::string percent_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    const bool unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                            (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
    if (unreserved) {
      out += c;
    } else {
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 0xf];
    }
  }
  return out;
}

std::string backslash_escape(std::string_view text, std::string_view special,
                             std::string_view line_start) {
  std::string out;
  out.reserve(text.size() + 8);
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (special.find(c) != std::string_view::npos ||
        (i == 0 && line_start.find(c) != std::string_view::npos)) {
      out += '\\';
    }
    out += c;
  }
  return out;
}

std::string markdown_link_target(std::string_view url) {
  std::string out;
  for (const char c : url) {
    if (c == ')') {
      out += "%29";
    } else if (c == '(') {
      out += "%28";
    } else {
      out += c;
    }
  }
  return out;
}

std::string labelled(const LabelStyle& style, std::string_view label, const std::string& value) {
  if (value.empty()) return {};
  std::string line;
  line.reserve(style.open.size() + label.size() + style.close.size() + value.size() + 2);
  line.append(style.open).append(label).append(":").append(style.close).append(" ");
  return line + style.escape(value);
}

std::string html_anchor(std::string_view url, std::string_view label_plain, Measure measure) {
  const std::string label = fit_escaped(label_plain, 1000, escape_html, measure);
  return url.empty() ? label : "<a href=\"" + escape_html(url) + "\">" + label + "</a>";
}

std::string angle_link_url(std::string_view url) {
  std::string out;
  out.reserve(url.size());
  for (const char c : url) {
    if (c == '|') {
      out += "%7C";
    } else if (c == '>') {
      out += "%3E";
    } else if (c == '<') {
      out += "%3C";
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace feedsentry::alert::detail
