#include "watchlist/sdn_csv.h"

#include <charconv>
#include <unordered_map>

#include "core/line_index.h"
#include "core/text.h"
#include "core/utf8.h"

namespace feedsentry::watchlist {
namespace {

tl::unexpected<core::Error> parse_error(std::string_view file, int line, int column,
                                        std::string message) {
  return core::fail(core::ErrorCode::kParse, std::move(message),
                    core::file_line_column(file, line, column));
}

// Reads one row starting at `pos`; `line` and `line_start` track the position for errors.
class CsvScanner {
 public:
  CsvScanner(std::string_view text, std::string_view file) : text_(text), file_(file) {}

  bool at_end() const { return pos_ >= text_.size(); }

  // Skips empty lines; false at the end of the text.
  bool skip_blank_lines() {
    while (pos_ < text_.size()) {
      if (text_[pos_] == '\n') {
        next_line(pos_ + 1);
      } else if (text_[pos_] == '\r' && (pos_ + 1 == text_.size() || text_[pos_ + 1] == '\n')) {
        next_line(pos_ + 2);
      } else {
        return true;
      }
    }
    return false;
  }

  core::Result<CsvRow> row() {
    CsvRow row;
    row.line = line_;
    for (;;) {
      row.columns.push_back(column());
      auto field = text_[pos_] == '"' ? quoted() : unquoted();
      if (!field) return tl::unexpected(field.error());
      row.fields.push_back(std::move(*field));
      if (pos_ >= text_.size()) return row;
      const char c = text_[pos_];
      if (c == ',') {
        ++pos_;
        if (pos_ >= text_.size()) {  // "a," at the very end: one more, empty field
          row.columns.push_back(column());
          row.fields.emplace_back();
          return row;
        }
        continue;
      }
      if (c == '\n') {
        next_line(pos_ + 1);
        return row;
      }
      if (c == '\r' && (pos_ + 1 == text_.size() || text_[pos_ + 1] == '\n')) {
        next_line(pos_ + 2);
        return row;
      }
      return parse_error(file_, line_, column(),
                         "unexpected character after a field (quote a field that holds "
                         "quotes, commas or line breaks)");
    }
  }

 private:
  int column() const { return static_cast<int>(pos_ - line_start_) + 1; }
  void next_line(std::size_t pos) {
    pos_ = std::min(pos, text_.size());
    line_start_ = pos_;
    ++line_;
  }

  core::Result<std::string> quoted() {
    const int start_line = line_;
    const int start_column = column();
    std::string value;
    ++pos_;
    for (;;) {
      if (pos_ >= text_.size()) {
        return parse_error(file_, start_line, start_column, "quoted field is not closed");
      }
      const char c = text_[pos_];
      if (c == '"') {
        if (pos_ + 1 < text_.size() && text_[pos_ + 1] == '"') {
          value.push_back('"');
          pos_ += 2;
          continue;
        }
        ++pos_;
        break;
      }
      if (c == '\n') {  // a line break inside quotes is part of the value
        value.push_back(c);
        next_line(pos_ + 1);
        continue;
      }
      value.push_back(c);
      ++pos_;
    }
    if (pos_ < text_.size() && text_[pos_] != ',' && text_[pos_] != '\r' && text_[pos_] != '\n') {
      return parse_error(file_, line_, column(), "unexpected character after a closing quote");
    }
    if (core::trim_ascii(value) == "-0-") value.clear();
    return value;
  }

  core::Result<std::string> unquoted() {
    const std::size_t start = pos_;
    while (pos_ < text_.size() && text_[pos_] != ',' && text_[pos_] != '\n' &&
           !(text_[pos_] == '\r' && (pos_ + 1 == text_.size() || text_[pos_ + 1] == '\n'))) {
      if (text_[pos_] == '"') {
        return parse_error(file_, line_, column(), "quote inside an unquoted field");
      }
      ++pos_;
    }
    const std::string_view value = core::trim_ascii(text_.substr(start, pos_ - start));
    if (value == "-0-") return std::string();  // OFAC's null, written "-0- "
    return std::string(value);
  }

  std::string_view text_;
  std::string_view file_;
  std::size_t pos_ = 0;
  std::size_t line_start_ = 0;
  int line_ = 1;
};

// Field names per file, for messages.
constexpr std::string_view kSdnColumns =
    "ent_num, SDN_Name, SDN_Type, Program, Title, Call_Sign, Vess_type, Tonnage, GRT, "
    "Vess_flag, Vess_owner, Remarks";
constexpr std::string_view kAltColumns = "ent_num, alt_num, alt_type, alt_name, alt_remarks";
constexpr std::string_view kAddColumns =
    "ent_num, add_num, address, city/state/province/postal, country, add_remarks";
constexpr std::string_view kCommentColumns = "ent_num, remarks_extended";

std::string_view columns_of(std::size_t field_count) {
  switch (field_count) {
    case 12:
      return kSdnColumns;
    case 5:
      return kAltColumns;
    case 6:
      return kAddColumns;
    case 2:
      return kCommentColumns;
  }
  return {};
}

core::Result<std::uint64_t> read_number(const CsvRow& row, std::size_t field, std::string_view file,
                                        std::string_view what) {
  const std::string& text = row.fields[field];
  std::uint64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size()) {
    std::string message =
        std::string(what) + " '" + core::sanitize_utf8(text) + "' is not a number";
    if (row.line == 1 && field == 0) message += " (OFAC's files have no header row)";
    return parse_error(file, row.line, row.columns[field], message);
  }
  return value;
}

void add_country(SdnEntry& entry, const std::string& country) {
  if (country.empty()) return;
  for (const std::string& known : entry.countries) {
    if (known == country) return;
  }
  entry.countries.push_back(country);
}

}  // namespace

core::Result<std::vector<CsvRow>> parse_ofac_csv(std::string_view raw, std::string_view file_name,
                                                 std::size_t field_count) {
  std::string_view text = raw;
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  while (!text.empty() && text.back() == '\x1A') text.remove_suffix(1);  // DOS end-of-file
  const std::string clean = core::is_valid_utf8(text) ? std::string() : core::sanitize_utf8(text);
  if (!clean.empty()) text = clean;
  std::vector<CsvRow> rows;
  CsvScanner scanner(text, file_name);
  while (scanner.skip_blank_lines()) {
    auto row = scanner.row();
    if (!row) return tl::unexpected(row.error());
    if (row->fields.size() != field_count) {
      return parse_error(file_name, row->line, 0,
                         "expected " + std::to_string(field_count) + " fields (" +
                             std::string(columns_of(field_count)) + "), found " +
                             std::to_string(row->fields.size()));
    }
    rows.push_back(std::move(*row));
  }
  return rows;
}

std::vector<std::string> split_programs(std::string_view field) {
  std::vector<std::string> programs;
  field = core::trim_ascii(field);
  if (field.starts_with('[')) field.remove_prefix(1);
  if (field.ends_with(']')) field.remove_suffix(1);
  constexpr std::string_view kSeparator = "] [";
  while (!field.empty()) {
    const std::size_t split = field.find(kSeparator);
    const std::string_view tag = core::trim_ascii(field.substr(0, split));
    if (!tag.empty()) programs.emplace_back(tag);
    if (split == std::string_view::npos) break;
    field.remove_prefix(split + kSeparator.size());
  }
  return programs;
}

core::Result<SdnList> parse_sdn_csv(const SdnCsvFiles& files) {
  SdnList list;
  auto sdn_rows = parse_ofac_csv(files.sdn, files.sdn_name, 12);
  if (!sdn_rows) return tl::unexpected(sdn_rows.error());
  if (sdn_rows->empty()) {
    return core::fail(core::ErrorCode::kParse, "holds no entries (an incomplete download?)",
                      files.sdn_name);
  }
  std::unordered_map<std::uint64_t, std::size_t> index;
  for (const CsvRow& row : *sdn_rows) {
    auto number = read_number(row, 0, files.sdn_name, "ent_num");
    if (!number) return tl::unexpected(number.error());
    SdnEntry entry;
    entry.number = *number;
    entry.name = row.fields[1];
    if (core::trim_ascii(entry.name).empty()) {
      return parse_error(files.sdn_name, row.line, row.columns[1], "SDN_Name is empty");
    }
    const std::string& type = row.fields[2];
    if (type.empty()) {
      entry.type = PartyType::kEntity;  // OFAC writes entities' type as the null "-0- "
    } else if (const auto parsed = parse_party_type(type)) {
      entry.type = *parsed;
    } else {
      return parse_error(
          files.sdn_name, row.line, row.columns[2],
          "SDN_Type '" + type + "' is not individual, vessel, aircraft or -0- (entity)");
    }
    entry.programs = split_programs(row.fields[3]);
    entry.title = row.fields[4];
    entry.vessel_type = row.fields[6];
    entry.vessel_flag = row.fields[9];
    entry.remarks = row.fields[11];
    if (!index.emplace(entry.number, list.entries.size()).second) {
      return parse_error(files.sdn_name, row.line, row.columns[0],
                         "ent_num " + std::to_string(entry.number) + " appears twice");
    }
    list.entries.push_back(std::move(entry));
  }
  const auto entry_of = [&](std::uint64_t number) -> SdnEntry* {
    const auto found = index.find(number);
    if (found == index.end()) {
      ++list.orphan_rows;
      return nullptr;
    }
    return &list.entries[found->second];
  };

  if (!files.alt.empty()) {
    auto rows = parse_ofac_csv(files.alt, files.alt_name, 5);
    if (!rows) return tl::unexpected(rows.error());
    for (const CsvRow& row : *rows) {
      auto number = read_number(row, 0, files.alt_name, "ent_num");
      if (!number) return tl::unexpected(number.error());
      auto alt_number = read_number(row, 1, files.alt_name, "alt_num");
      if (!alt_number) return tl::unexpected(alt_number.error());
      if (core::trim_ascii(row.fields[3]).empty()) {
        return parse_error(files.alt_name, row.line, row.columns[3], "alt_name is empty");
      }
      if (SdnEntry* entry = entry_of(*number)) {
        entry->aliases.push_back({*alt_number, row.fields[2], row.fields[3], false});
        ++list.alias_count;
      }
    }
  }
  if (!files.add.empty()) {
    auto rows = parse_ofac_csv(files.add, files.add_name, 6);
    if (!rows) return tl::unexpected(rows.error());
    for (const CsvRow& row : *rows) {
      auto number = read_number(row, 0, files.add_name, "ent_num");
      if (!number) return tl::unexpected(number.error());
      if (SdnEntry* entry = entry_of(*number)) {
        add_country(*entry, row.fields[4]);
        ++list.address_count;
      }
    }
  }
  if (!files.comments.empty()) {
    auto rows = parse_ofac_csv(files.comments, files.comments_name, 2);
    if (!rows) return tl::unexpected(rows.error());
    for (const CsvRow& row : *rows) {
      auto number = read_number(row, 0, files.comments_name, "ent_num");
      if (!number) return tl::unexpected(number.error());
      // The continuation of a Remarks value cut at 1,000 characters: it goes on mid-word.
      if (SdnEntry* entry = entry_of(*number)) entry->remarks += row.fields[1];
    }
  }
  for (SdnEntry& entry : list.entries) entry.imo_numbers = find_imo_numbers(entry.remarks);
  return list;
}

}  // namespace feedsentry::watchlist
