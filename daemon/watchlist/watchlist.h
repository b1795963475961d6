#pragma once
// The watch list of issue #7: OFAC's SDN files in a directory (the CSV set or SDN.XML),
// read, filtered by program and party type, and turned into the classifier's watch-list
// patterns (name_patterns.h). load_watchlist() is the thin file edge over the pure parsers
// (sdn_csv.h, sdn_xml.h); a bad file is an error value at file:line(:col). The returned
// Watchlist owns everything; FileStamps let a reload notice that the files changed.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/result.h"
#include "watchlist/name_patterns.h"
#include "watchlist/sdn_entry.h"
#include "watchlist/selection.h"

namespace feedsentry::watchlist {

enum class SdnFormat : std::uint8_t { kAuto, kCsv, kXml };

struct Options {
  std::filesystem::path sdn_dir;
  SdnFormat format = SdnFormat::kAuto;  // auto: sdn.csv if present, else SDN.XML
  Selection selection;
};

// What a reload compares: one file the list was (or would be) read from.
struct FileStamp {
  std::filesystem::path dir;
  std::string name;  // as looked up, case-insensitively: "sdn.csv", "alt.csv", "sdn.xml", …
  std::filesystem::path path;  // as found; empty when the file was not there
  std::filesystem::file_time_type modified{};
  std::uintmax_t size = 0;
  friend bool operator==(const FileStamp&, const FileStamp&) = default;
};

struct LoadTimes {  // milliseconds, wall clock
  double read = 0;
  double parse = 0;
  double patterns = 0;
};

struct Watchlist {
  SdnFormat format = SdnFormat::kCsv;
  SdnList list;                       // every entry of the files
  std::vector<std::size_t> selected;  // indexes into list.entries kept by the selection
  BuiltPatterns patterns;             // entity i is list.entries[selected[i]]
  std::vector<FileStamp> files;
  LoadTimes times;
};

core::Result<Watchlist> load_watchlist(const Options& options);

// `dir/name`, matching the name case-insensitively (OFAC publishes "SDN.CSV" and "sdn.csv");
// empty when there is none.
std::filesystem::path find_sdn_file(const std::filesystem::path& dir, std::string_view name);

// Stamps the files as they are now; a file that is absent gets an empty path.
FileStamp stamp_file(const std::filesystem::path& dir, const std::string& name);
// True when any file was added, removed, resized or modified since it was stamped.
bool files_changed(const std::vector<FileStamp>& stamps);

}  // namespace feedsentry::watchlist
