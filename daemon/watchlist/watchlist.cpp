#include "watchlist/watchlist.h"

#include <chrono>
#include <fstream>
#include <sstream>

#include "core/text.h"
#include "watchlist/sdn_csv.h"
#include "watchlist/sdn_xml.h"

namespace feedsentry::watchlist {
namespace {

using Clock = std::chrono::steady_clock;

double milliseconds_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

core::Result<std::string> read_file(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return core::fail(core::ErrorCode::kIo, "cannot read the file", path.string());
  std::ostringstream text;
  text << file.rdbuf();
  if (file.bad()) return core::fail(core::ErrorCode::kIo, "read error", path.string());
  return text.str();
}

}  // namespace

std::filesystem::path find_sdn_file(const std::filesystem::path& dir, std::string_view name) {
  std::error_code error;
  const std::filesystem::path exact = dir / name;
  if (std::filesystem::is_regular_file(exact, error)) return exact;
  for (std::filesystem::directory_iterator it(dir, error), end; !error && it != end;
       it.increment(error)) {
    if (core::equals_ignore_case(it->path().filename().string(), name) &&
        it->is_regular_file(error)) {
      return it->path();
    }
  }
  return {};
}

FileStamp stamp_file(const std::filesystem::path& dir, const std::string& name) {
  FileStamp stamp;
  stamp.dir = dir;
  stamp.name = name;
  stamp.path = find_sdn_file(dir, name);
  if (!stamp.path.empty()) {
    std::error_code error;
    stamp.modified = std::filesystem::last_write_time(stamp.path, error);
    stamp.size = std::filesystem::file_size(stamp.path, error);
    if (error) stamp.size = 0;
  }
  return stamp;
}

bool files_changed(const std::vector<FileStamp>& stamps) {
  for (const FileStamp& stamp : stamps) {
    if (stamp_file(stamp.dir, stamp.name) != stamp) return true;
  }
  return false;
}

core::Result<Watchlist> load_watchlist(const Options& options) {
  const std::filesystem::path& dir = options.sdn_dir;
  std::error_code error;
  if (!std::filesystem::is_directory(dir, error)) {
    return core::fail(core::ErrorCode::kIo, "is not a directory", dir.string());
  }
  Watchlist watchlist;
  SdnFormat format = options.format;
  if (format == SdnFormat::kAuto) {
    if (!find_sdn_file(dir, "sdn.csv").empty()) {
      format = SdnFormat::kCsv;
    } else if (!find_sdn_file(dir, "sdn.xml").empty()) {
      format = SdnFormat::kXml;
    } else {
      return core::fail(core::ErrorCode::kIo,
                        "holds neither sdn.csv nor SDN.XML (download them from OFAC's "
                        "Sanctions List Service)",
                        dir.string());
    }
  }
  watchlist.format = format;
  Clock::time_point start = Clock::now();
  if (format == SdnFormat::kCsv) {
    for (const char* name : {"sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv"}) {
      watchlist.files.push_back(stamp_file(dir, name));
    }
    if (watchlist.files[0].path.empty()) {
      return core::fail(core::ErrorCode::kIo, "sdn.csv is missing", dir.string());
    }
    std::string texts[4];
    for (std::size_t k = 0; k < 4; ++k) {
      if (watchlist.files[k].path.empty()) continue;
      auto text = read_file(watchlist.files[k].path);
      if (!text) return tl::unexpected(text.error());
      texts[k] = std::move(*text);
    }
    watchlist.times.read = milliseconds_since(start);
    start = Clock::now();
    SdnCsvFiles files{texts[0], texts[1], texts[2], texts[3]};
    const auto shown = [&](std::size_t k) { return watchlist.files[k].path.string(); };
    files.sdn_name = shown(0);
    files.alt_name = shown(1);
    files.add_name = shown(2);
    files.comments_name = shown(3);
    auto list = parse_sdn_csv(files);
    if (!list) return tl::unexpected(list.error());
    watchlist.list = std::move(*list);
  } else {
    watchlist.files.push_back(stamp_file(dir, "sdn.xml"));
    const std::filesystem::path& path = watchlist.files[0].path;
    if (path.empty()) return core::fail(core::ErrorCode::kIo, "SDN.XML is missing", dir.string());
    auto text = read_file(path);
    if (!text) return tl::unexpected(text.error());
    watchlist.times.read = milliseconds_since(start);
    start = Clock::now();
    auto list = parse_sdn_xml(*text, path.string());
    if (!list) return tl::unexpected(list.error());
    watchlist.list = std::move(*list);
  }
  watchlist.times.parse = milliseconds_since(start);
  start = Clock::now();
  watchlist.selected = select_entries(watchlist.list, options.selection);
  std::vector<const SdnEntry*> entries;
  entries.reserve(watchlist.selected.size());
  for (const std::size_t k : watchlist.selected) entries.push_back(&watchlist.list.entries[k]);
  watchlist.patterns = build_patterns(entries);
  watchlist.times.patterns = milliseconds_since(start);
  return watchlist;
}

}  // namespace feedsentry::watchlist
