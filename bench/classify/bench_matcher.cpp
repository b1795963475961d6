// bench_matcher [NEWS_JSONL_XZ] [DEV_JSONL]: single-core throughput of classify::normalize and
// TermMatcher::find_all over real news items (title + description, read with `xz -dc`), for
// term sets of 60, 1,000 and 30,000 terms, plus compile time and memory of each matcher.
// Figures are the best of 5 timed passes after one warm-up (shared VMs are noisy: compare
// figures from the same run). "total" = normalize + match per item. Build from the repo root:
//   g++ -std=c++20 -O2 -DNDEBUG -Idaemon bench/classify/bench_matcher.cpp
//       daemon/classify/*.cpp daemon/core/utf8.cpp -lutf8proc -o /tmp/bench_matcher
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "classify/term_matcher.h"
#include "classify/text_normalizer.h"
#include "core/utf8.h"

namespace {

using feedsentry::classify::NormalizedText;
using feedsentry::classify::Normalizer;
using feedsentry::classify::TermHit;
using feedsentry::classify::TermMatcher;
using feedsentry::classify::TermSpec;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

std::string read_command(const std::string& command) {
  std::string data;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return data;
  char buffer[1 << 16];
  std::size_t count;
  while ((count = fread(buffer, 1, sizeof buffer, pipe)) > 0) data.append(buffer, count);
  pclose(pipe);
  return data;
}

unsigned hex_value(std::string_view hex) {
  unsigned value = 0;
  for (char c : hex) {
    value <<= 4;
    if (c >= '0' && c <= '9')
      value |= static_cast<unsigned>(c - '0');
    else if (c >= 'a' && c <= 'f')
      value |= static_cast<unsigned>(c - 'a' + 10);
    else if (c >= 'A' && c <= 'F')
      value |= static_cast<unsigned>(c - 'A' + 10);
  }
  return value;
}

// The string value of "field" in one JSON line; enough JSON for this data set.
std::string json_field(std::string_view line, std::string_view field) {
  std::string key(1, '"');
  key.append(field).append("\": \"");
  const std::size_t start = line.find(key);
  if (start == std::string_view::npos) return {};
  std::string value;
  for (std::size_t i = start + key.size(); i < line.size() && line[i] != '"'; ++i) {
    if (line[i] != '\\' || i + 1 >= line.size()) {
      value.push_back(line[i]);
      continue;
    }
    const char escaped = line[++i];
    switch (escaped) {
      case 'n':
        value.push_back('\n');
        break;
      case 't':
        value.push_back('\t');
        break;
      case 'r':
        value.push_back('\r');
        break;
      case 'b':
      case 'f':
        value.push_back(' ');
        break;
      case 'u': {
        char32_t cp = hex_value(line.substr(i + 1, 4));
        i += 4;
        if (cp >= 0xD800 && cp < 0xDC00 && line.substr(i + 1, 2) == "\\u") {
          cp = 0x10000 + ((cp - 0xD800) << 10) + (hex_value(line.substr(i + 3, 4)) - 0xDC00);
          i += 6;
        }
        feedsentry::core::append_utf8(value, cp);
        break;
      }
      default:
        value.push_back(escaped);
    }
  }
  return value;
}

std::vector<std::string> load_items(const std::string& command, std::string_view body_field,
                                    std::string_view language_prefix = {}) {
  const std::string data = read_command(command);
  std::vector<std::string> items;
  std::size_t pos = 0;
  while (pos < data.size()) {
    std::size_t end = data.find('\n', pos);
    if (end == std::string::npos) end = data.size();
    const std::string_view line(data.data() + pos, end - pos);
    pos = end + 1;
    if (!language_prefix.empty() && json_field(line, "lang").rfind(language_prefix, 0) != 0)
      continue;
    std::string item = json_field(line, "title") + "\n" + json_field(line, body_field);
    if (item.size() > 1) items.push_back(std::move(item));
  }
  return items;
}

std::size_t total_bytes(const std::vector<std::string>& items) {
  std::size_t bytes = 0;
  for (const std::string& item : items) bytes += item.size();
  return bytes;
}

// A realistic hand-written lexicon for the two topics in the five languages.
std::vector<std::string> lexicon() {
  return {"sanction*",
          "north korea",
          "dprk",
          "pyongyang",
          "kim jong un",
          "kim jong-un",
          "ballistic missile*",
          "icbm*",
          "missile launch*",
          "hwasong-*",
          "test-fire*",
          "test fire*",
          "embargo*",
          "asset freeze*",
          "export control*",
          "price cap",
          "oligarch*",
          "blacklist*",
          "ofac",
          "treasury department",
          "russia*",
          "kremlin",
          "санкци*",
          "кндр",
          "северной коре*",
          "пхеньян*",
          "баллистическ*",
          "пуск*",
          "запуск ракет*",
          "эмбарго",
          "ким чен ын",
          "мзс",
          "санкції",
          "північн*",
          "ракет*",
          "запуск*",
          "북한",
          "대북 제재",
          "제재",
          "탄도미사일",
          "미사일",
          "발사",
          "김정은",
          "대륙간탄도미사일",
          "화성",
          "sankcj*",
          "korea północna",
          "korei północnej",
          "kndr",
          "pocisków balistycznych",
          "rakiet*",
          "wystrzel*",
          "embargo",
          "phenian*",
          "zamrożenie aktywów",
          "kim dzong un",
          "rosj*",
          "g7",
          "eu sanctions",
          "un security council"};
}

// Vocabulary of the corpus by frequency (ASCII-lowercased words of 4+ letters), for
// realistic large term sets: frequent words make many hits, the worst case for output.
std::vector<std::string> vocabulary(const std::vector<std::string>& items, bool bigrams) {
  std::unordered_map<std::string, std::size_t> counts;
  Normalizer normalizer;
  for (const std::string& item : items) {
    const std::string_view text = normalizer.normalize(item).text();
    std::string previous;
    std::size_t i = 0;
    while (i < text.size()) {
      while (i < text.size() && !(text[i] >= 'a' && text[i] <= 'z')) ++i;
      const std::size_t start = i;
      while (i < text.size() && text[i] >= 'a' && text[i] <= 'z') ++i;
      if (i - start < 4) {
        previous.clear();
        continue;
      }
      std::string word(text.substr(start, i - start));
      if (bigrams && !previous.empty()) ++counts[previous + " " + word];
      if (!bigrams) ++counts[word];
      previous = std::move(word);
    }
  }
  std::vector<std::pair<std::size_t, std::string>> ranked;
  for (auto& [word, count] : counts) ranked.emplace_back(count, word);
  std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  std::vector<std::string> words;
  for (auto& [count, word] : ranked) words.push_back(std::move(word));
  return words;
}

std::vector<TermSpec> make_terms(const std::vector<std::string>& strings) {
  std::vector<TermSpec> terms;
  for (const std::string& text : strings)
    terms.push_back({text, static_cast<std::uint32_t>(terms.size())});
  return terms;
}

struct Result {
  double normalize_mbps = 0;
  double match_mbps = 0;
  double total_mbps = 0;
  std::size_t hits = 0;
};

Result measure(const TermMatcher& matcher, const std::vector<std::string>& items) {
  const double megabytes = static_cast<double>(total_bytes(items)) / 1e6;
  std::vector<NormalizedText> normalized(items.size());
  for (std::size_t k = 0; k < items.size(); ++k)
    feedsentry::classify::normalize(items[k], normalized[k]);
  Normalizer normalizer;
  std::vector<TermHit> hits;
  hits.reserve(1024);
  Result result;
  double best_normalize = 1e9, best_match = 1e9, best_total = 1e9;
  for (int pass = 0; pass < 6; ++pass) {
    std::size_t checksum = 0;
    auto start = Clock::now();
    for (const std::string& item : items) checksum += normalizer.normalize(item).size();
    if (pass > 0) best_normalize = std::min(best_normalize, seconds_since(start));

    start = Clock::now();
    for (const NormalizedText& text : normalized) {
      hits.clear();
      matcher.find_all(text, hits);
      checksum += hits.size();
    }
    if (pass > 0) best_match = std::min(best_match, seconds_since(start));

    start = Clock::now();
    std::size_t hit_count = 0;
    for (const std::string& item : items) {
      hits.clear();
      matcher.find_all(normalizer.normalize(item), hits);
      hit_count += hits.size();
    }
    if (pass > 0) best_total = std::min(best_total, seconds_since(start));
    result.hits = hit_count;
    if (checksum == 42) std::puts("");  // keeps the work observable
  }
  result.normalize_mbps = megabytes / best_normalize;
  result.match_mbps = megabytes / best_match;
  result.total_mbps = megabytes / best_total;
  return result;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string news = argc > 1 ? argv[1] : "/work/shared/data/real-news-sample.jsonl.xz";
  const std::string dev = argc > 2 ? argv[2] : "/work/shared/data/news-dev.jsonl";

  std::vector<std::pair<std::string, std::vector<std::string>>> corpora;
  corpora.emplace_back("real news en/pl", load_items("xz -dc '" + news + "'", "description"));
  // The sample has no Cyrillic or Hangul; repeat the dev set's ru/uk/ko items instead (all
  // about sanctions or launches, so hits are far denser than in a real feed).
  std::vector<std::string> foreign;
  for (const char* language : {"ru", "uk", "ko"}) {
    for (std::string& item : load_items("cat '" + dev + "'", "summary", language)) {
      foreign.push_back(std::move(item));
    }
  }
  std::vector<std::string> repeated;
  while (!foreign.empty() && total_bytes(repeated) < 8'000'000) {
    repeated.insert(repeated.end(), foreign.begin(), foreign.end());
  }
  corpora.emplace_back(
      "on-topic ru/uk/ko x" +
          std::to_string(repeated.size() / std::max<std::size_t>(foreign.size(), 1)),
      std::move(repeated));
  for (const auto& [name, items] : corpora) {
    std::printf("corpus %-26s %7zu items %7.1f MB\n", name.c_str(), items.size(),
                static_cast<double>(total_bytes(items)) / 1e6);
  }

  const std::vector<std::string>& english = corpora[0].second;
  const std::vector<std::string> words = vocabulary(english, false);
  const std::vector<std::string> pairs = vocabulary(english, true);
  std::vector<std::pair<std::string, std::vector<std::string>>> sets;
  sets.emplace_back("lexicon", lexicon());
  std::vector<std::string> thousand = lexicon();
  for (std::size_t k = 2000; thousand.size() < 1000 && k < words.size(); k += 3)
    thousand.push_back(words[k]);
  sets.emplace_back("lexicon+words", thousand);
  std::vector<std::string> vocab = lexicon();
  for (std::size_t k = 300; vocab.size() < 20000 && k < words.size(); ++k)
    vocab.push_back(words[k]);
  for (std::size_t k = 300; vocab.size() < 30000 && k < pairs.size(); ++k)
    vocab.push_back(pairs[k] + "*");
  sets.emplace_back("vocabulary", vocab);
  std::vector<std::string> synthetic = lexicon();
  std::uint64_t seed = 88172645463325252ULL;
  while (synthetic.size() < 30000) {
    seed ^= seed << 13, seed ^= seed >> 7, seed ^= seed << 17;
    std::string term;
    for (std::uint64_t length = 5 + seed % 8, bits = seed >> 8; length-- > 0; bits /= 26) {
      term.push_back(static_cast<char>('a' + bits % 26));
    }
    synthetic.push_back(term);
  }
  sets.emplace_back("random strings", synthetic);

  std::printf("\n%-22s %-26s %8s %8s %8s %9s %9s %9s %9s\n", "terms", "corpus", "compile", "memory",
              "states", "norm MB/s", "match", "total", "hits");
  for (const auto& [set_name, strings] : sets) {
    const std::vector<TermSpec> terms = make_terms(strings);
    const auto start = Clock::now();
    const TermMatcher matcher = TermMatcher::compile(terms);
    const double compile_ms = seconds_since(start) * 1e3;
    for (const auto& [corpus_name, items] : corpora) {
      const Result result = measure(matcher, items);
      std::printf("%-22s %-26s %6.1fms %6.2fMB %8zu %9.0f %9.0f %9.0f %9zu\n",
                  (set_name + " (" + std::to_string(matcher.term_count()) + ")").c_str(),
                  corpus_name.c_str(), compile_ms,
                  static_cast<double>(matcher.memory_bytes()) / 1e6, matcher.state_count(),
                  result.normalize_mbps, result.match_mbps, result.total_mbps, result.hits);
    }
  }
  return 0;
}
