// bench_parse DIR [RUNS]: in-process parse throughput of feed::parse_feed over every
// *.xml file in DIR (full work: charset, XML, dates, HTML to text, identity), beside the
// pugixml-only ceiling (parse + read 6 fields per item) in the same run. Files are read
// into memory first; figures are medians over RUNS timed runs after one warm-up.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <pugixml.hpp>

#include "feed/parse.h"

namespace {

using Clock = std::chrono::steady_clock;

std::vector<std::string> load_documents(const std::filesystem::path& directory) {
  std::vector<std::filesystem::path> paths;
  for (const auto& entry : std::filesystem::directory_iterator(directory)) {
    if (entry.path().extension() == ".xml") paths.push_back(entry.path());
  }
  std::sort(paths.begin(), paths.end());
  std::vector<std::string> documents;
  for (const auto& path : paths) {
    std::ifstream file(path, std::ios::binary);
    documents.emplace_back(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
  }
  return documents;
}

std::size_t run_feedsentry(const std::vector<std::string>& documents) {
  std::size_t items = 0;
  for (const std::string& document : documents) {
    items += feedsentry::feed::parse_feed(document).feed.items.size();
  }
  return items;
}

std::size_t touch(const char* text) {
  return text[0] != 0 ? 1 : 0;
}

// The ceiling: what pugixml alone costs to read six fields of every item.
std::size_t run_pugixml(const std::vector<std::string>& documents, std::size_t& checksum) {
  std::size_t items = 0;
  for (const std::string& document : documents) {
    pugi::xml_document tree;
    tree.load_buffer(document.data(), document.size());
    const pugi::xml_node root = tree.document_element();
    if (std::string_view(root.name()) == "rss") {
      for (pugi::xml_node item : root.child("channel").children("item")) {
        ++items;
        checksum += touch(item.child_value("title")) + touch(item.child_value("link")) +
                    touch(item.child_value("guid")) + touch(item.child_value("pubDate")) +
                    touch(item.child_value("description")) + touch(item.child_value("category"));
      }
    } else {
      for (pugi::xml_node entry : root.children("entry")) {
        ++items;
        checksum += touch(entry.child_value("title")) +
                    touch(entry.child("link").attribute("href").value()) +
                    touch(entry.child_value("id")) + touch(entry.child_value("updated")) +
                    touch(entry.child_value("summary")) + touch(entry.child_value("content"));
      }
    }
  }
  return items;
}

template <typename Work>
double median_seconds(int runs, Work&& work) {
  work();  // warm-up
  std::vector<double> times;
  for (int run = 0; run < runs; ++run) {
    const auto start = Clock::now();
    work();
    times.push_back(std::chrono::duration<double>(Clock::now() - start).count());
  }
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: bench_parse DIR [RUNS]\n");
    return 2;
  }
  const int runs = argc > 2 ? std::max(1, std::atoi(argv[2])) : 5;
  const std::vector<std::string> documents = load_documents(argv[1]);
  std::size_t bytes = 0;
  for (const auto& document : documents) bytes += document.size();

  std::size_t items = 0;
  const double ours = median_seconds(runs, [&] { items = run_feedsentry(documents); });
  std::size_t checksum = 0;
  std::size_t ceiling_items = 0;
  const double ceiling =
      median_seconds(runs, [&] { ceiling_items = run_pugixml(documents, checksum); });

  std::printf("corpus: %zu feeds, %zu items, %.1f MB; median of %d runs\n", documents.size(), items,
              static_cast<double>(bytes) / 1e6, runs);
  std::printf("RESULT|feedsentry parse_feed|%.1f MB/s|%.0f items/s\n",
              static_cast<double>(bytes) / ours / 1e6, static_cast<double>(items) / ours);
  std::printf("RESULT|pugixml parse + 6 fields (ceiling)|%.1f MB/s|%.0f items/s\n",
              static_cast<double>(bytes) / ceiling / 1e6,
              static_cast<double>(ceiling_items) / ceiling);
  std::printf("feedsentry / ceiling: %.1f%% (checksum %zu)\n", 100.0 * ceiling / ours, checksum);
  return 0;
}
