#include "core/url.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <vector>

#include "core/text.h"

namespace feedsentry::core {
namespace {

bool is_scheme_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.';
}

// RFC 3986 5.2.4.
std::string remove_dot_segments(std::string_view path) {
  std::vector<std::string_view> segments;
  const bool absolute = !path.empty() && path.front() == '/';
  std::size_t pos = absolute ? 1 : 0;
  bool trailing_slash = false;
  while (pos <= path.size()) {
    const std::size_t slash = path.find('/', pos);
    const std::string_view segment =
        path.substr(pos, slash == std::string_view::npos ? std::string_view::npos : slash - pos);
    trailing_slash = false;
    if (segment == ".") {
      trailing_slash = true;
    } else if (segment == "..") {
      if (!segments.empty()) segments.pop_back();
      trailing_slash = true;
    } else {
      segments.push_back(segment);
    }
    if (slash == std::string_view::npos) break;
    pos = slash + 1;
  }
  std::string out = absolute ? "/" : "";
  for (std::size_t i = 0; i < segments.size(); ++i) {
    if (i > 0) out += '/';
    out += segments[i];
  }
  if (trailing_slash && !out.empty() && out.back() != '/') out += '/';
  return out;
}

std::string merge_paths(const UrlParts& base, std::string_view reference_path) {
  if (base.has_authority && base.path.empty()) return "/" + std::string(reference_path);
  const std::size_t slash = base.path.rfind('/');
  if (slash == std::string_view::npos) return std::string(reference_path);
  return std::string(base.path.substr(0, slash + 1)) + std::string(reference_path);
}

std::string assemble(std::string_view scheme, bool has_authority, std::string_view authority,
                     std::string_view path, bool has_query, std::string_view query,
                     bool has_fragment, std::string_view fragment) {
  std::string out;
  out.reserve(scheme.size() + authority.size() + path.size() + query.size() + fragment.size() + 8);
  if (!scheme.empty()) (out += scheme) += ':';
  if (has_authority) (out += "//") += authority;
  out += path;
  if (has_query) (out += '?') += query;
  if (has_fragment) (out += '#') += fragment;
  return out;
}

bool is_tracking_parameter(std::string_view name) {
  static constexpr std::array<std::string_view, 14> kExact = {
      "fbclid", "gclid",  "dclid", "msclkid", "mc_cid", "mc_eid", "igshid",
      "yclid",  "_hsenc", "_hsmi", "ocid",    "cmpid",  "smid",   "ito"};
  if (starts_with_ignore_case(name, "utm_")) return true;
  return std::find(kExact.begin(), kExact.end(), to_lower_ascii(name)) != kExact.end();
}

}  // namespace

UrlParts split_url(std::string_view url) {
  UrlParts parts;
  std::size_t pos = 0;
  const std::size_t colon = url.find(':');
  if (colon != std::string_view::npos && colon > 0 &&
      std::isalpha(static_cast<unsigned char>(url[0])) &&
      std::all_of(url.begin(), url.begin() + colon, is_scheme_char) &&
      url.find_first_of("/?#") > colon) {
    parts.scheme = url.substr(0, colon);
    pos = colon + 1;
  }
  if (url.substr(pos, 2) == "//") {
    pos += 2;
    const std::size_t end = std::min(url.find_first_of("/?#", pos), url.size());
    parts.authority = url.substr(pos, end - pos);
    parts.has_authority = true;
    pos = end;
  }
  const std::size_t path_end = std::min(url.find_first_of("?#", pos), url.size());
  parts.path = url.substr(pos, path_end - pos);
  pos = path_end;
  if (pos < url.size() && url[pos] == '?') {
    const std::size_t end = std::min(url.find('#', pos), url.size());
    parts.query = url.substr(pos + 1, end - pos - 1);
    parts.has_query = true;
    pos = end;
  }
  if (pos < url.size() && url[pos] == '#') {
    parts.fragment = url.substr(pos + 1);
    parts.has_fragment = true;
  }
  return parts;
}

std::string resolve_url(std::string_view base, std::string_view reference) {
  reference = trim_ascii(reference);
  base = trim_ascii(base);
  const UrlParts ref = split_url(reference);
  if (!ref.scheme.empty() || base.empty()) {
    if (ref.scheme.empty()) return std::string(reference);
    return assemble(ref.scheme, ref.has_authority, ref.authority, remove_dot_segments(ref.path),
                    ref.has_query, ref.query, ref.has_fragment, ref.fragment);
  }
  const UrlParts b = split_url(base);
  if (ref.has_authority) {
    return assemble(b.scheme, true, ref.authority, remove_dot_segments(ref.path), ref.has_query,
                    ref.query, ref.has_fragment, ref.fragment);
  }
  if (ref.path.empty()) {
    return assemble(b.scheme, b.has_authority, b.authority, b.path, ref.has_query || b.has_query,
                    ref.has_query ? ref.query : b.query, ref.has_fragment, ref.fragment);
  }
  const std::string path = ref.path.front() == '/' ? remove_dot_segments(ref.path)
                                                   : remove_dot_segments(merge_paths(b, ref.path));
  return assemble(b.scheme, b.has_authority, b.authority, path, ref.has_query, ref.query,
                  ref.has_fragment, ref.fragment);
}

bool is_http_url(std::string_view url) {
  const UrlParts parts = split_url(trim_ascii(url));
  return parts.has_authority && !parts.authority.empty() &&
         (equals_ignore_case(parts.scheme, "http") || equals_ignore_case(parts.scheme, "https"));
}

std::string canonical_url(std::string_view url) {
  const UrlParts parts = split_url(trim_ascii(url));
  if (!parts.has_authority) return std::string(trim_ascii(url));
  std::string scheme = to_lower_ascii(parts.scheme);
  if (scheme == "http") scheme = "https";
  std::string host = to_lower_ascii(parts.authority);
  if (const std::size_t at = host.rfind('@'); at != std::string::npos) host.erase(0, at + 1);
  if (host.starts_with("www.")) host.erase(0, 4);
  if (host.ends_with(":80") || host.ends_with(":443")) host.erase(host.rfind(':'));
  std::string query;
  std::size_t pos = 0;
  while (parts.has_query && pos <= parts.query.size()) {
    const std::size_t amp = std::min(parts.query.find('&', pos), parts.query.size());
    const std::string_view pair = parts.query.substr(pos, amp - pos);
    const std::string_view name = pair.substr(0, pair.find('='));
    if (!pair.empty() && !is_tracking_parameter(name)) {
      if (!query.empty()) query += '&';
      query += pair;
    }
    pos = amp + 1;
  }
  const std::string path = parts.path.empty() ? "/" : remove_dot_segments(parts.path);
  return assemble(scheme, true, host, path, !query.empty(), query, false, {});
}

bool looks_like_credential(std::string_view segment) {
  std::size_t letters = 0;
  std::size_t digits = 0;
  std::size_t separators = 0;
  std::size_t longest_token_run = 0;  // hex digits and base64 characters in a row
  std::size_t run = 0;
  for (std::size_t index = 0; index < segment.size(); ++index) {
    const char c = segment[index];
    if (c == '%' && index + 2 < segment.size()) {
      // A percent escape is one encoded byte of a word (a non-ASCII slug), not three
      // token characters; it ends a token run.
      index += 2;
      run = 0;
      continue;
    }
    const auto byte = static_cast<unsigned char>(c);
    const bool letter = std::isalpha(byte) != 0;
    const bool digit = std::isdigit(byte) != 0;
    letters += letter ? 1 : 0;
    digits += digit ? 1 : 0;
    const bool separator = c == '-' || c == '_' || c == '.' || c == '~';
    separators += separator ? 1 : 0;
    // Base64 (standard and URL-safe, padding included) minus the word separators, so that
    // "north-korea-launches-satellite" is many short runs, not one long one.
    run = (letter || digit || c == '+' || c == '=') ? run + 1 : 0;
    longest_token_run = std::max(longest_token_run, run);
  }
  if (segment.size() >= 16 && letters > 0 && digits > 0 && separators == 0) return true;
  // A UUID (or any dashed hex key): its dashes are not word separators.
  const bool dashed_hex = std::all_of(segment.begin(), segment.end(), [](char c) {
    return std::isxdigit(static_cast<unsigned char>(c)) != 0 || c == '-';
  });
  if (dashed_hex && letters + digits >= 16 && letters > 0 && digits > 0) return true;
  // A long unbroken run counts only if it is not just a long word: tokens mix in digits or
  // mixed case, which prose does not.
  if (longest_token_run < 20) return false;
  bool upper = false;
  bool lower = false;
  for (const char c : segment) {
    upper = upper || std::isupper(static_cast<unsigned char>(c)) != 0;
    lower = lower || std::islower(static_cast<unsigned char>(c)) != 0;
  }
  return digits > 0 || (upper && lower);
}

namespace {

std::string_view host_of(std::string_view authority) {
  const std::size_t at = authority.rfind('@');
  return at == std::string_view::npos ? authority : authority.substr(at + 1);
}

std::string redacted_path(std::string_view path) {
  std::string out;
  out.reserve(path.size());
  std::size_t pos = 0;
  while (pos <= path.size()) {
    const std::size_t slash = std::min(path.find('/', pos), path.size());
    const std::string_view segment = path.substr(pos, slash - pos);
    out += looks_like_credential(segment) ? std::string_view("[redacted]") : segment;
    if (slash == path.size()) break;
    out += '/';
    pos = slash + 1;
  }
  return out;
}

std::string redacted_query(std::string_view query) {
  std::string out;
  std::size_t pos = 0;
  while (pos <= query.size()) {
    const std::size_t amp = std::min(query.find('&', pos), query.size());
    const std::string_view pair = query.substr(pos, amp - pos);
    if (!pair.empty()) {
      if (!out.empty()) out += '&';
      const std::size_t equals = pair.find('=');
      const std::string_view key = pair.substr(0, equals);
      // A key without a value may itself be the token ("?abcdef0123…").
      out += looks_like_credential(key) ? std::string_view("[redacted]") : key;
      out += "=…";
    }
    pos = amp + 1;
  }
  return out;
}

}  // namespace

std::string redact_url(std::string_view url, UrlSecrecy secrecy) {
  const UrlParts parts = split_url(trim_ascii(url));
  if (equals_ignore_case(parts.scheme, "file")) {
    // A local path names a file the operator chose; it carries no credential.
    return "file://" + std::string(parts.path);
  }
  if (!parts.has_authority) return "[redacted]";
  std::string out = std::string(parts.scheme) + "://" + std::string(host_of(parts.authority));
  if (secrecy == UrlSecrecy::kSecret) return out + "/…/[redacted]";
  out += redacted_path(parts.path);
  if (parts.has_query) (out += '?') += redacted_query(parts.query);
  return out;
}

std::string without_url(std::string text, std::string_view url) {
  url = trim_ascii(url);
  if (url.empty()) return text;
  const std::string redacted = redact_url(url);
  for (std::size_t at = text.find(url); at != std::string::npos;
       at = text.find(url, at + redacted.size())) {
    text.replace(at, url.size(), redacted);
  }
  return text;
}

}  // namespace feedsentry::core
