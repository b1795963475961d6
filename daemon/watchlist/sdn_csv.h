#pragma once
// OFAC's legacy CSV set (sdn.csv, alt.csv, add.csv and optional sdn_comments.csv) into an
// SdnList. The shape is that of the real files: no header row, CRLF line ends, text fields
// in double quotes with "" for a quote, the unquoted null `-0- `, a trailing 0x1A byte,
// program tags joined by "] [". Pure functions over text the caller owns; an expected
// problem (a malformed row) is an error value located at file:line:col, never an exception.
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "watchlist/sdn_entry.h"

namespace feedsentry::watchlist {

// One record: its fields (nulls as "") and the 1-based line and column each field starts at.
struct CsvRow {
  int line = 0;
  std::vector<std::string> fields;
  std::vector<int> columns;
};

// Splits one OFAC CSV file into rows of exactly `field_count` fields. `file_name` is used
// in error locations only.
core::Result<std::vector<CsvRow>> parse_ofac_csv(std::string_view text, std::string_view file_name,
                                                 std::size_t field_count);

// "NPWMD] [DPRK3" → {"NPWMD", "DPRK3"}; tags may contain spaces ("CAATSA - RUSSIA").
std::vector<std::string> split_programs(std::string_view field);

// The files' text and the names to report them by. An empty view means "not there";
// only `sdn` is required.
struct SdnCsvFiles {
  std::string_view sdn{};
  std::string_view alt{};
  std::string_view add{};
  std::string_view comments{};
  std::string sdn_name = "sdn.csv";
  std::string alt_name = "alt.csv";
  std::string add_name = "add.csv";
  std::string comments_name = "sdn_comments.csv";
};

// Joins the files on ent_num. Errors: malformed rows, a non-numeric ent_num, an unknown
// SDN_Type, a repeated ent_num in sdn.csv, an sdn.csv with no rows.
core::Result<SdnList> parse_sdn_csv(const SdnCsvFiles& files);

}  // namespace feedsentry::watchlist
