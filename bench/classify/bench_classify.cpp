// bench_classify: end-to-end classifier figures in one table, single thread.
//  - throughput of Classifier::classify (normalization + matching + expression evaluation)
//    over make_corpus.py's corpus.txt and over the real items of real-news-sample.jsonl.xz
//    (HTML descriptions reduced to text before timing), median of --runs after a warm-up;
//  - load_rule_files + Classifier::compile time of the rule file, and of the rule file plus
//    a synthetic sanctions list of --extra-terms names (and throughput with those terms);
//  - the watch list (issue #7): a generated OFAC SDN CSV set of --extra-terms names (sdn.csv
//    + alt.csv in the real format) parsed, turned into guarded name patterns and compiled
//    into the same automaton; throughput with it beside the default rules' in one run, and
//    its load time (parse, patterns, compile).
// Throughput is timed with the thread's CPU clock (wall time is shown beside it): on a shared
// machine other jobs stretch wall time by several times. The Python baseline's figures come
// in as --baseline-* so the table can show ratios; bench/classify/run measures them first,
// on the same clock. Byte counts for corpus.txt are the file's bytes (newlines included), as
// the baseline counts them.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include <time.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "classify/classifier.h"
#include "classify/rule_loader.h"
#include "feed/text_construct.h"
#include "watchlist/name_patterns.h"
#include "watchlist/sdn_csv.h"

namespace {

namespace classify = feedsentry::classify;
using Clock = std::chrono::steady_clock;

constexpr double kTargetMegabytesPerSecond = 200;
constexpr double kTargetBaselineRatio = 100;
constexpr double kTargetCompileMilliseconds = 250;
constexpr double kTargetExtraCompileMilliseconds = 2000;

struct Options {
  std::string rules = FEEDSENTRY_SOURCE_ROOT "/config/rules/dprk-russia.yaml";
  std::string corpus;
  std::string news = FEEDSENTRY_SOURCE_ROOT "/../shared/data/real-news-sample.jsonl.xz";
  int runs = 7;
  int compile_runs = 9;
  int extra_terms = 30000;
  double baseline_megabytes_per_second = 0;
  double baseline_items_per_second = 0;
  long baseline_flagged = -1;
  std::string save_extra_rules;  // keeps a copy of the synthetic rule file, for profiling
};

[[noreturn]] void usage() {
  std::fputs(
      "usage: bench_classify --corpus corpus.txt [--rules FILE] [--news FILE.jsonl.xz]\n"
      "         [--runs N] [--compile-runs N] [--extra-terms N] [--save-extra-rules FILE]\n"
      "         [--baseline-mbps X --baseline-items-per-second Y --baseline-flagged N]\n",
      stderr);
  std::exit(2);
}

Options parse_options(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string_view flag = argv[i];
    if (i + 1 >= argc) usage();
    const char* value = argv[++i];
    if (flag == "--rules") {
      options.rules = value;
    } else if (flag == "--corpus") {
      options.corpus = value;
    } else if (flag == "--news") {
      options.news = value;
    } else if (flag == "--runs") {
      options.runs = std::max(1, std::atoi(value));
    } else if (flag == "--compile-runs") {
      options.compile_runs = std::max(1, std::atoi(value));
    } else if (flag == "--extra-terms") {
      options.extra_terms = std::max(1, std::atoi(value));
    } else if (flag == "--baseline-mbps") {
      options.baseline_megabytes_per_second = std::atof(value);
    } else if (flag == "--baseline-items-per-second") {
      options.baseline_items_per_second = std::atof(value);
    } else if (flag == "--save-extra-rules") {
      options.save_extra_rules = value;
    } else if (flag == "--baseline-flagged") {
      options.baseline_flagged = std::atol(value);
    } else {
      usage();
    }
  }
  if (options.corpus.empty()) usage();
  return options;
}

double thread_cpu_seconds() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

struct Elapsed {
  double wall = 0;
  double cpu = 0;
};

// Wall time and this thread's CPU time. On a shared machine other jobs take the core in
// bursts; CPU time counts only what this thread ran, so it is the figure held against targets.
class Stopwatch {
 public:
  Elapsed elapsed() const {
    return {std::chrono::duration<double>(Clock::now() - wall_start_).count(),
            thread_cpu_seconds() - cpu_start_};
  }

 private:
  Clock::time_point wall_start_ = Clock::now();
  double cpu_start_ = thread_cpu_seconds();
};

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  const std::size_t middle = values.size() / 2;
  return values.size() % 2 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
}

std::string read_file(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    std::fprintf(stderr, "bench_classify: cannot read %s\n", path.c_str());
    std::exit(1);
  }
  std::ostringstream data;
  data << file.rdbuf();
  return data.str();
}

std::string read_command(const std::string& command) {
  std::string data;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return data;
  char buffer[1 << 16];
  std::size_t count;
  while ((count = fread(buffer, 1, sizeof buffer, pipe)) > 0) data.append(buffer, count);
  if (pclose(pipe) != 0) {
    std::fprintf(stderr, "bench_classify: '%s' failed\n", command.c_str());
    std::exit(1);
  }
  return data;
}

// Owns the text that `items` views.
struct Corpus {
  std::vector<std::string> storage;
  std::vector<classify::ItemText> items;
  std::size_t bytes = 0;
};

// corpus.txt holds "title — text" per line; the first " — " separates the two fields.
Corpus load_corpus_lines(const std::string& path) {
  Corpus corpus;
  corpus.storage.push_back(read_file(path));
  const std::string_view data = corpus.storage.front();
  corpus.bytes = data.size();
  constexpr std::string_view kSeparator = " \u2014 ";
  std::size_t pos = 0;
  while (pos < data.size()) {
    std::size_t end = data.find('\n', pos);
    if (end == std::string_view::npos) end = data.size();
    const std::string_view line = data.substr(pos, end - pos);
    pos = end + 1;
    const std::size_t split = line.find(kSeparator);
    if (split == std::string_view::npos) {
      corpus.items.push_back({line, {}, {}});
    } else {
      corpus.items.push_back({line.substr(0, split), line.substr(split + kSeparator.size()), {}});
    }
  }
  return corpus;
}

// "" when the field is missing or null, as some real items have it.
std::string string_field(const nlohmann::json& item, const char* key) {
  const auto found = item.find(key);
  return found != item.end() && found->is_string() ? found->get<std::string>() : std::string();
}

// Real items: title as published, description reduced from HTML to text as the feed parser
// would. Counted bytes are the classified text (title + text of the description).
Corpus load_news(const std::string& path) {
  const std::string data = read_command("xz -dc '" + path + "'");
  std::vector<std::pair<std::string, std::string>> fields;
  std::size_t pos = 0;
  while (pos < data.size()) {
    std::size_t end = data.find('\n', pos);
    if (end == std::string::npos) end = data.size();
    const nlohmann::json item =
        nlohmann::json::parse(data.begin() + pos, data.begin() + end, nullptr, false);
    pos = end + 1;
    if (!item.is_object()) continue;
    std::string title = string_field(item, "title");
    std::string description = string_field(item, "description");
    fields.emplace_back(std::move(title),
                        feedsentry::feed::text_from_html(std::move(description)).text);
  }
  Corpus corpus;
  for (auto& [title, text] : fields) {
    corpus.bytes += title.size() + text.size();
    corpus.storage.push_back(std::move(title));
    corpus.storage.push_back(std::move(text));
  }
  for (std::size_t k = 0; k + 1 < corpus.storage.size(); k += 2) {
    corpus.items.push_back({corpus.storage[k], corpus.storage[k + 1], {}});
  }
  return corpus;
}

struct Throughput {
  double megabytes_per_second = 0;  // CPU time, median
  double items_per_second = 0;      // CPU time, median
  double wall_megabytes_per_second = 0;
  double min_mbps = 0;  // CPU time, slowest and fastest run
  double max_mbps = 0;
  std::size_t matched_items = 0;
  std::map<std::string, std::size_t> per_topic;
  std::map<std::string, std::size_t> per_country;
};

// One timed pass over the corpus; the first pass also counts matches per topic and country.
Elapsed classify_pass(const classify::Classifier& classifier, const Corpus& corpus,
                      classify::Workspace& workspace, Throughput& result, bool count_topics) {
  std::size_t matched = 0;
  const Stopwatch stopwatch;
  for (const classify::ItemText& item : corpus.items) {
    const classify::Classification classification = classifier.classify(item, workspace);
    if (!classification.matched()) continue;
    ++matched;
    if (!count_topics) continue;
    for (const classify::TopicMatch& topic : classification.topics) ++result.per_topic[topic.id];
    for (const std::string& country : classification.countries) ++result.per_country[country];
  }
  const Elapsed elapsed = stopwatch.elapsed();
  result.matched_items = matched;
  return elapsed;
}

// Passes of the classifiers alternate, so the noise of a shared machine hits each of them
// alike and their ratio holds; pass 0 is the warm-up.
std::vector<Throughput> measure(const std::vector<const classify::Classifier*>& classifiers,
                                const Corpus& corpus, int runs) {
  std::vector<Throughput> results(classifiers.size());
  std::vector<std::vector<double>> cpu_times(classifiers.size());
  std::vector<std::vector<double>> wall_times(classifiers.size());
  std::vector<classify::Workspace> workspaces(classifiers.size());
  for (int pass = 0; pass <= runs; ++pass) {
    for (std::size_t c = 0; c < classifiers.size(); ++c) {
      const Elapsed elapsed =
          classify_pass(*classifiers[c], corpus, workspaces[c], results[c], pass == 0);
      if (pass == 0) continue;
      cpu_times[c].push_back(elapsed.cpu);
      wall_times[c].push_back(elapsed.wall);
    }
  }
  const double megabytes = static_cast<double>(corpus.bytes) / 1e6;
  for (std::size_t c = 0; c < classifiers.size(); ++c) {
    const std::vector<double>& times = cpu_times[c];
    const double seconds = median(times);
    results[c].megabytes_per_second = megabytes / seconds;
    results[c].items_per_second = static_cast<double>(corpus.items.size()) / seconds;
    results[c].wall_megabytes_per_second = megabytes / median(wall_times[c]);
    results[c].min_mbps = megabytes / *std::max_element(times.begin(), times.end());
    results[c].max_mbps = megabytes / *std::min_element(times.begin(), times.end());
  }
  return results;
}

struct CompileTime {  // CPU time, medians
  double load_ms = 0;
  double compile_ms = 0;
  double total_ms = 0;
  double wall_total_ms = 0;
  std::size_t lexicons = 0;
  std::size_t terms = 0;
  std::size_t topics = 0;
};

// Medians of load_rule_files, Classifier::compile and their sum, over `runs` cold starts.
CompileTime time_compile(const std::vector<std::string>& paths, int runs,
                         classify::Classifier* keep = nullptr) {
  std::vector<double> load, compile, total, wall_total;
  CompileTime result;
  for (int run = 0; run < runs; ++run) {
    const Stopwatch stopwatch;
    const classify::RuleSet rules = classify::load_rule_files(paths);
    const Elapsed loaded = stopwatch.elapsed();
    classify::Classifier classifier = classify::Classifier::compile(rules);
    const Elapsed both = stopwatch.elapsed();
    load.push_back(loaded.cpu * 1e3);
    compile.push_back((both.cpu - loaded.cpu) * 1e3);
    total.push_back(both.cpu * 1e3);
    wall_total.push_back(both.wall * 1e3);
    result.lexicons = rules.lexicons.size();
    result.terms = classifier.term_count();
    result.topics = classifier.topic_count();
    if (keep != nullptr && run + 1 == runs) *keep = std::move(classifier);
  }
  result.load_ms = median(load);
  result.compile_ms = median(compile);
  result.total_ms = median(total);
  result.wall_total_ms = median(wall_total);
  return result;
}

// Deterministic xorshift64: the same names on every run and machine.
class Random {
 public:
  std::uint64_t next() {
    state_ ^= state_ << 13;
    state_ ^= state_ >> 7;
    state_ ^= state_ << 17;
    return state_;
  }
  template <std::size_t N>
  const char* pick(const char* const (&table)[N]) {
    return table[next() % N];
  }

 private:
  std::uint64_t state_ = 0x9E3779B97F4A7C15ULL;
};

// Syllables are written capitalised and plain so names look like names in either script.
constexpr const char* kLatinFirst[] = {"Ka",  "Ro",  "Vi",  "Len", "Mar", "Dor", "Tes", "Ni",
                                       "Gar", "Bel", "Sto", "Mir", "Zan", "Pol", "Tri", "Fen",
                                       "Lu",  "Sha", "Vel", "Kor", "Dan", "Ost", "Rin", "Bog"};
constexpr const char* kLatinNext[] = {"ka",  "ro",  "vi",  "len", "mar", "dor", "tes", "ni",
                                      "gar", "bel", "sto", "mir", "zan", "pol", "tri", "fen",
                                      "lu",  "sha", "vel", "kor", "dan", "ost", "rin", "bog"};
constexpr const char* kLatinSurnameEnd[] = {"ov", "ova", "enko", "sky", "in", "ev", "yan", "ko"};
constexpr const char* kLatinGiven[] = {"Ivan",   "Oleg",   "Sergei", "Dmitry", "Anna",
                                       "Elena",  "Pak",    "Choe",   "Ri",     "Jong",
                                       "Viktor", "Andrei", "Yulia",  "Mikhail"};
constexpr const char* kCompanyWord[] = {"Trading", "Shipping", "Holdings", "Logistics",
                                        "Energy",  "Invest",   "Marine",   "Technologies"};
constexpr const char* kCompanyForm[] = {"LLC", "Ltd", "JSC", "Co", "FZE", "Pte Ltd"};
constexpr const char* kCyrillicFirst[] = {"Ка",  "Ро",  "Ви",  "Лен", "Мар", "Дор",
                                          "Тес", "Ни",  "Гар", "Бел", "Сто", "Мир",
                                          "Зан", "Пол", "Три", "Фен", "Лу",  "Ша"};
constexpr const char* kCyrillicNext[] = {"ка",  "ро",  "ви",  "лен", "мар", "дор",
                                         "тес", "ни",  "гар", "бел", "сто", "мир",
                                         "зан", "пол", "три", "фен", "лу",  "ша"};
constexpr const char* kCyrillicSurnameEnd[] = {"ов", "ова", "енко", "ский", "ин", "ев"};
constexpr const char* kCyrillicGiven[] = {"Иван", "Олег",  "Сергей", "Дмитрий",
                                          "Анна", "Елена", "Виктор", "Юлия"};
constexpr const char* kCyrillicCompanyEnd[] = {"транс", "нефть", "строй", "флот", "экспорт"};
constexpr const char* kCyrillicCompanyForm[] = {"ООО", "АО", "ПАО"};

std::string make_stem(Random& random, bool cyrillic) {
  std::string stem = cyrillic ? random.pick(kCyrillicFirst) : random.pick(kLatinFirst);
  const int syllables = 1 + static_cast<int>(random.next() % 2);
  for (int k = 0; k < syllables; ++k) {
    stem += cyrillic ? random.pick(kCyrillicNext) : random.pick(kLatinNext);
  }
  return stem;
}

// Sanctions-list style entries: "Viktor Korbelov", "Korbelov*", "Stomar Shipping LLC",
// "ООО Марфентранс", "Елена Ростова". About one in ten is a prefix term ending in '*'.
std::vector<std::string> make_listed_names(int count) {
  Random random;
  std::unordered_set<std::string> seen;
  std::vector<std::string> names;
  while (static_cast<int>(names.size()) < count) {
    const bool cyrillic = random.next() % 3 == 0;
    const std::uint64_t kind = random.next() % 10;
    std::string name;
    if (kind < 6) {  // person
      const std::string surname =
          make_stem(random, cyrillic) +
          (cyrillic ? random.pick(kCyrillicSurnameEnd) : random.pick(kLatinSurnameEnd));
      name = kind == 0
                 ? surname + "*"
                 : std::string(cyrillic ? random.pick(kCyrillicGiven) : random.pick(kLatinGiven)) +
                       " " + surname;
    } else if (cyrillic) {  // company
      name = std::string(random.pick(kCyrillicCompanyForm)) + " " + make_stem(random, true) +
             random.pick(kCyrillicCompanyEnd);
    } else {
      name = make_stem(random, false) + " " + random.pick(kCompanyWord) + " " +
             random.pick(kCompanyForm);
    }
    if (seen.insert(name).second) names.push_back(std::move(name));
  }
  return names;
}

// An SDN CSV set of `count` entries in OFAC's real shape (no header, CRLF, `-0- ` nulls,
// `] [` programs, trailing 0x1A) shaped like the real list: about half individuals
// ("SURNAME, Given Patronymic"), 40% companies with legal forms, 10% vessels with IMO numbers;
// a third of the entries have an alias (some in Cyrillic).
struct SdnCsvSet {
  std::string sdn;
  std::string alt;
};

SdnCsvSet make_sdn_csv(int count) {
  Random random;
  SdnCsvSet set;
  std::unordered_set<std::string> seen;
  const char* const programs[] = {
      "DPRK3",           "NPWMD] [DPRK3", "RUSSIA-EO14024", "UKRAINE-EO13661",
      "CAATSA - RUSSIA", "SDGT",          "IRAN",           "UKRAINE-EO13662] [RUSSIA-EO14024"};
  const auto upper = [](std::string text) {
    for (char& c : text) {
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
    }
    return text;
  };
  int alt_number = 1;
  for (int number = 10000; static_cast<int>(seen.size()) < count; ++number) {
    const std::uint64_t kind = random.next() % 20;
    std::string name, type = "-0- ", alias, remarks = "-0- ";
    if (kind < 10) {
      const std::string surname = upper(make_stem(random, false) + random.pick(kLatinSurnameEnd));
      name = surname + ", " + random.pick(kLatinGiven) + " " + make_stem(random, false) + "ovich";
      type = "\"individual\"";
      if (random.next() % 3 == 0) {
        alias = std::string(random.pick(kCyrillicGiven)) + " " + make_stem(random, true) +
                random.pick(kCyrillicSurnameEnd);
      }
    } else if (kind < 18) {
      name = upper(make_stem(random, false) + " " + random.pick(kCompanyWord) + " " +
                   random.pick(kCompanyForm));
      if (random.next() % 3 == 0) {
        alias = std::string("OOO ") + upper(make_stem(random, false) + make_stem(random, false));
      }
    } else {
      name = upper(make_stem(random, false) + " " + make_stem(random, false));
      type = "\"vessel\"";
      remarks = "\"Vessel Registration Identification IMO " +
                std::to_string(8000000 + random.next() % 1999999) + ".\"";
    }
    if (!seen.insert(name).second) continue;
    set.sdn += std::to_string(number) + ",\"" + name + "\"," + type + ",\"" +
               random.pick(programs) + "\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ," + remarks + "\r\n";
    if (!alias.empty()) {
      set.alt += std::to_string(number) + "," + std::to_string(alt_number++) + ",\"aka\",\"" +
                 alias + "\",-0- \r\n";
    }
  }
  set.sdn += '\x1A';
  set.alt += '\x1A';
  return set;
}

struct WatchlistBuild {
  classify::Classifier classifier;
  std::size_t entries = 0;
  std::size_t aliases = 0;
  std::size_t patterns = 0;
  double parse_ms = 0;  // CPU ms
  double patterns_ms = 0;
  double compile_ms = 0;
  double wall_total_ms = 0;
};

// Parse the CSV set, build the patterns and compile them with the rules: what the daemon
// does at start-up for `watchlist:` (file reading aside).
WatchlistBuild build_watchlist(const std::string& rules_path, const SdnCsvSet& set) {
  namespace watchlist = feedsentry::watchlist;
  WatchlistBuild build;
  const classify::RuleSet rules = classify::load_rule_files({rules_path});
  const Stopwatch stopwatch;
  auto list = watchlist::parse_sdn_csv({.sdn = set.sdn, .alt = set.alt});
  if (!list) {
    std::fprintf(stderr, "bench_classify: %s\n", list.error().describe().c_str());
    std::exit(1);
  }
  const Elapsed parsed = stopwatch.elapsed();
  std::vector<const watchlist::SdnEntry*> entries;
  for (const watchlist::SdnEntry& entry : list->entries) entries.push_back(&entry);
  const watchlist::BuiltPatterns built = watchlist::build_patterns(entries);
  const Elapsed patterned = stopwatch.elapsed();
  build.classifier = classify::Classifier::compile(rules, &built.terms);
  const Elapsed compiled = stopwatch.elapsed();
  build.entries = list->entries.size();
  build.aliases = list->alias_count;
  build.patterns = build.classifier.watchlist_pattern_count();
  build.parse_ms = parsed.cpu * 1e3;
  build.patterns_ms = (patterned.cpu - parsed.cpu) * 1e3;
  build.compile_ms = (compiled.cpu - patterned.cpu) * 1e3;
  build.wall_total_ms = compiled.wall * 1e3;
  return build;
}

// A rule file adding the list as a lexicon and a topic that uses it with the default rules'
// sanction_terms. Removed when the object goes away.
class ExtraRuleFile {
 public:
  explicit ExtraRuleFile(const std::vector<std::string>& names) {
    std::string path_template =
        (std::filesystem::temp_directory_path() / "bench_classify_XXXXXX.yaml").string();
    const int descriptor = mkstemps(path_template.data(), 5);
    if (descriptor < 0) {
      std::perror("bench_classify: mkstemps");
      std::exit(1);
    }
    close(descriptor);
    path_ = path_template;
    std::ofstream out(path_);
    out << "version: 1\nlexicons:\n  listed_entities:\n";
    for (const std::string& name : names) out << "    - \"" << name << "\"\n";
    out << "topics:\n"
           "  - id: listed_entity\n"
           "    title: A sanctioned person or company is named\n"
           "    threshold: 0.5\n"
           "    match:\n"
           "      any:\n"
           "        - title: listed_entities\n"
           "        - body:\n"
           "            near: [listed_entities, sanction_terms]\n"
           "            within: 12\n";
  }
  ~ExtraRuleFile() { std::filesystem::remove(path_); }
  ExtraRuleFile(const ExtraRuleFile&) = delete;
  ExtraRuleFile& operator=(const ExtraRuleFile&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

std::string thousands(double value) {
  const std::string digits = std::to_string(static_cast<long long>(value + 0.5));
  std::string grouped;
  for (std::size_t k = 0; k < digits.size(); ++k) {
    if (k > 0 && (digits.size() - k) % 3 == 0) grouped.push_back(',');
    grouped.push_back(digits[k]);
  }
  return grouped;
}

const char* verdict(bool met) {
  return met ? "ok" : "MISSED";
}

std::string join_counts(const std::map<std::string, std::size_t>& counts) {
  std::string text;
  for (const auto& [name, count] : counts) {
    if (!text.empty()) text += ", ";
    text += name + " " + thousands(static_cast<double>(count));
  }
  return text.empty() ? "none" : text;
}

void print_throughput_row(const char* label, const Throughput& result, const std::string& note) {
  char wall[32] = "-";
  if (result.wall_megabytes_per_second > 0) {
    std::snprintf(wall, sizeof wall, "%.1f", result.wall_megabytes_per_second);
  }
  std::printf("  %-34s %8.1f %10s %9s %8s   %s\n", label, result.megabytes_per_second,
              thousands(result.items_per_second).c_str(), wall,
              thousands(static_cast<double>(result.matched_items)).c_str(), note.c_str());
}

std::string target_note(const Throughput& result) {
  char note[128];
  std::snprintf(note, sizeof note, "target >= %.0f MB/s: %s (runs %.0f..%.0f)",
                kTargetMegabytesPerSecond,
                verdict(result.megabytes_per_second >= kTargetMegabytesPerSecond), result.min_mbps,
                result.max_mbps);
  return note;
}

// The bar: the full list must not halve classification throughput.
std::string watchlist_note(const Throughput& listed, const Throughput& plain) {
  const double ratio = listed.megabytes_per_second / plain.megabytes_per_second;
  char note[128];
  std::snprintf(note, sizeof note, "%.2fx the default rules' MB/s (%.2fx wall); target > 0.5x: %s",
                ratio, listed.wall_megabytes_per_second / plain.wall_megabytes_per_second,
                verdict(ratio > 0.5));
  return note;
}

void print_compile_row(const std::string& label, const CompileTime& time, double target_ms) {
  std::printf("  %-34s %6s %8.1f %8.1f %8.1f %8.1f   target < %.0f ms: %s\n", label.c_str(),
              thousands(static_cast<double>(time.terms)).c_str(), time.load_ms, time.compile_ms,
              time.total_ms, time.wall_total_ms, target_ms, verdict(time.total_ms < target_ms));
}

void run(const Options& options) {
  const std::vector<std::string> default_paths = {options.rules};

  classify::Classifier classifier;
  const CompileTime default_compile =
      time_compile(default_paths, options.compile_runs, &classifier);

  const Corpus corpus = load_corpus_lines(options.corpus);
  const Corpus news = load_news(options.news);

  const std::vector<std::string> names = make_listed_names(options.extra_terms);
  const ExtraRuleFile extra_file(names);
  if (!options.save_extra_rules.empty()) {
    std::filesystem::copy_file(extra_file.path(), options.save_extra_rules,
                               std::filesystem::copy_options::overwrite_existing);
  }
  classify::Classifier extended;
  const int extra_compile_runs = std::max(3, options.compile_runs / 2);
  const CompileTime extra_compile =
      time_compile({options.rules, extra_file.path()}, extra_compile_runs, &extended);

  const WatchlistBuild listed = build_watchlist(options.rules, make_sdn_csv(options.extra_terms));

  const std::vector<Throughput> on_corpus =
      measure({&classifier, &extended, &listed.classifier}, corpus, options.runs);
  const Throughput& ours = on_corpus[0];
  const Throughput& ours_extended = on_corpus[1];
  const Throughput& ours_listed = on_corpus[2];
  const std::vector<Throughput> on_news =
      measure({&classifier, &listed.classifier}, news, options.runs);
  const Throughput& real = on_news[0];
  const Throughput& real_listed = on_news[1];

  std::printf(
      "feedsentry classifier benchmark, one thread. MB/s and items/s: thread CPU time, median of "
      "%d runs after 1 warm-up; wall = wall-clock median\n",
      options.runs);
  std::printf("rules %s: %zu lexicons, %zu terms, %zu topics\n\n", options.rules.c_str(),
              default_compile.lexicons, default_compile.terms, default_compile.topics);

  std::printf("%-36s %8s %10s %9s %8s\n", "CLASSIFY (normalize+match+evaluate)", "MB/s", "items/s",
              "wall MB/s", "matched");
  std::printf("corpus.txt: %s items, %.2f MB; each line split at ' \u2014 ' into title/summary\n",
              thousands(static_cast<double>(corpus.items.size())).c_str(),
              static_cast<double>(corpus.bytes) / 1e6);
  print_throughput_row("feedsentry, default rules", ours, target_note(ours));
  if (options.baseline_megabytes_per_second > 0) {
    Throughput baseline;
    baseline.megabytes_per_second = options.baseline_megabytes_per_second;
    baseline.items_per_second = options.baseline_items_per_second;
    baseline.matched_items = static_cast<std::size_t>(std::max(0L, options.baseline_flagged));
    print_throughput_row("Python re baseline, rules.tsv", baseline,
                         "60 regexes, search() each per item");
    const double byte_ratio = ours.megabytes_per_second / baseline.megabytes_per_second;
    const double item_ratio = ours.items_per_second / baseline.items_per_second;
    std::printf("  %-34s %7.0fx %9.0fx %9s %8s   target >= %.0fx: %s\n",
                "ratio feedsentry/baseline", byte_ratio, item_ratio, "", "", kTargetBaselineRatio,
                verdict(byte_ratio >= kTargetBaselineRatio && item_ratio >= kTargetBaselineRatio));
  } else {
    std::printf("  %-34s not run (pass --baseline-mbps, --baseline-items-per-second)\n",
                "Python re baseline, rules.tsv");
  }
  char extended_note[128];
  std::snprintf(extended_note, sizeof extended_note, "%.2fx the default rules' MB/s (%.2fx wall)",
                ours_extended.megabytes_per_second / ours.megabytes_per_second,
                ours_extended.wall_megabytes_per_second / ours.wall_megabytes_per_second);
  const std::string extended_label =
      "feedsentry, default + " + thousands(options.extra_terms) + " names";
  print_throughput_row(extended_label.c_str(), ours_extended, extended_note);
  std::printf("    matched per topic: %s\n", join_counts(ours_extended.per_topic).c_str());
  const std::string listed_label =
      "default + " + thousands(options.extra_terms) + "-entry SDN list";
  print_throughput_row(listed_label.c_str(), ours_listed, watchlist_note(ours_listed, ours));
  std::printf("    matched per topic: %s\n", join_counts(ours_listed.per_topic).c_str());

  std::printf(
      "real-news-sample.jsonl.xz: %s items, %.2f MB of title + description text "
      "(HTML converted before timing)\n",
      thousands(static_cast<double>(news.items.size())).c_str(),
      static_cast<double>(news.bytes) / 1e6);
  print_throughput_row("feedsentry, default rules", real, target_note(real));
  std::printf("    matched per topic: %s; countries: %s\n", join_counts(real.per_topic).c_str(),
              join_counts(real.per_country).c_str());
  print_throughput_row(listed_label.c_str(), real_listed, watchlist_note(real_listed, real));
  std::printf("    matched per topic: %s\n", join_counts(real_listed.per_topic).c_str());

  std::printf("\n%-36s %6s %8s %8s %8s %8s\n", "LOAD + COMPILE RULES (median, CPU ms)", "terms",
              "load", "compile", "total", "wall");
  print_compile_row("default rules (" + std::to_string(options.compile_runs) + " runs)",
                    default_compile, kTargetCompileMilliseconds);
  print_compile_row("default + " + thousands(options.extra_terms) + " names (" +
                        std::to_string(extra_compile_runs) + " runs)",
                    extra_compile, kTargetExtraCompileMilliseconds);
  const double listed_total = listed.parse_ms + listed.patterns_ms + listed.compile_ms;
  std::printf(
      "\nWATCH LIST (one run, CPU ms): %s SDN entries, %s aliases -> %s name patterns; "
      "parse %.1f, patterns %.1f, compile with rules %.1f, total %.1f (wall %.1f)   "
      "target < %.0f ms: %s\n",
      thousands(static_cast<double>(listed.entries)).c_str(),
      thousands(static_cast<double>(listed.aliases)).c_str(),
      thousands(static_cast<double>(listed.patterns)).c_str(), listed.parse_ms, listed.patterns_ms,
      listed.compile_ms, listed_total, listed.wall_total_ms, kTargetExtraCompileMilliseconds,
      verdict(listed_total < kTargetExtraCompileMilliseconds));
}

}  // namespace

int main(int argc, char** argv) {
  try {
    run(parse_options(argc, argv));
  } catch (const std::exception& error) {  // rule errors, unreadable input
    std::fprintf(stderr, "bench_classify: %s\n", error.what());
    return 1;
  }
  return 0;
}
