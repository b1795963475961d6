#include "feed/xml_repair.h"

#include <vector>

namespace feedsentry::feed {
namespace {

bool is_name_char(char c) {
  return !(c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '>' || c == '/' || c == '<' ||
           c == '=' || c == '"' || c == '\'');
}

// Finds the '>' that ends a tag starting at `pos`, skipping quoted attribute values.
// Returns npos when the document ends first.
std::size_t find_tag_end(std::string_view doc, std::size_t pos) {
  char quote = 0;
  for (; pos < doc.size(); ++pos) {
    const char c = doc[pos];
    if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '>') {
      return pos;
    } else if (c == '<') {
      return std::string_view::npos;  // an unterminated tag runs into the next one
    }
  }
  return std::string_view::npos;
}

// The end of a DOCTYPE, which may hold an internal subset in brackets.
std::size_t find_doctype_end(std::string_view doc, std::size_t pos) {
  int depth = 0;
  char quote = 0;
  for (; pos < doc.size(); ++pos) {
    const char c = doc[pos];
    if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '[') {
      ++depth;
    } else if (c == ']') {
      --depth;
    } else if (c == '>' && depth <= 0) {
      return pos;
    }
  }
  return std::string_view::npos;
}

void close_element(std::string& out, std::string_view name) {
  out += "</";
  out += name;
  out += '>';
}

}  // namespace

std::string balance_tags(std::string_view doc) {
  std::string out;
  out.reserve(doc.size() + 64);
  std::vector<std::string_view> open;
  std::size_t pos = 0;
  while (pos < doc.size()) {
    const std::size_t lt = doc.find('<', pos);
    if (lt == std::string_view::npos) {
      out.append(doc.substr(pos));
      break;
    }
    out.append(doc.substr(pos, lt - pos));
    const std::string_view rest = doc.substr(lt);
    std::size_t end = std::string_view::npos;
    if (rest.starts_with("<!--")) {
      const std::size_t close = doc.find("-->", lt + 4);
      if (close == std::string_view::npos) break;
      end = close + 2;
      out.append(doc.substr(lt, end + 1 - lt));
    } else if (rest.starts_with("<![CDATA[")) {
      const std::size_t close = doc.find("]]>", lt + 9);
      if (close == std::string_view::npos) {
        // Truncated CDATA: keep its text, close the section.
        out.append(doc.substr(lt));
        out += "]]>";
        pos = doc.size();
        break;
      }
      end = close + 2;
      out.append(doc.substr(lt, end + 1 - lt));
    } else if (rest.starts_with("<!")) {
      end = find_doctype_end(doc, lt + 2);
      if (end == std::string_view::npos) break;
      out.append(doc.substr(lt, end + 1 - lt));
    } else if (rest.starts_with("<?")) {
      const std::size_t close = doc.find("?>", lt + 2);
      if (close == std::string_view::npos) break;
      end = close + 1;
      out.append(doc.substr(lt, end + 1 - lt));
    } else if (rest.starts_with("</")) {
      end = find_tag_end(doc, lt + 2);
      if (end == std::string_view::npos) break;
      std::size_t name_end = lt + 2;
      while (name_end < end && is_name_char(doc[name_end])) ++name_end;
      const std::string_view name = doc.substr(lt + 2, name_end - lt - 2);
      std::size_t match = open.size();
      while (match > 0 && open[match - 1] != name) --match;
      if (match > 0) {
        while (open.size() > match) {
          close_element(out, open.back());
          open.pop_back();
        }
        close_element(out, name);
        open.pop_back();
      }  // else: a stray end tag is dropped
    } else if (rest.size() > 1 && is_name_char(rest[1])) {
      end = find_tag_end(doc, lt + 1);
      if (end == std::string_view::npos) {
        // An unterminated start tag: drop it, the text after it survives.
        const std::size_t next = doc.find('<', lt + 1);
        if (next == std::string_view::npos) break;
        pos = next;
        continue;
      }
      std::size_t name_end = lt + 1;
      while (name_end < end && is_name_char(doc[name_end])) ++name_end;
      out.append(doc.substr(lt, end + 1 - lt));
      if (doc[end - 1] != '/') open.push_back(doc.substr(lt + 1, name_end - lt - 1));
    } else {
      out += "&lt;";  // a bare '<' in text
      end = lt;
    }
    pos = end + 1;
  }
  while (!open.empty()) {
    close_element(out, open.back());
    open.pop_back();
  }
  return out;
}

}  // namespace feedsentry::feed
