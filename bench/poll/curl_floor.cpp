// curl_floor: what libcurl alone costs per conditional fetch on this machine, driven the
// leanest way a poller can: one multi handle, curl_multi_perform + curl_multi_poll, easy handles
// kept per slot (only the URL and the validator headers change between requests), keep-alive,
// the limits bench/poll gives both clients (64 in flight, 2 per host:port). No parsing, no
// state, no scheduling: the floor under any libcurl-based poller, feedsentry's included.
//
//   bench_curl_floor --urls URLS.txt [--steady-rate R --steady-feeds N] [--json OUT]
//
// Three passes. "cold": every URL, as fast as it goes (200s; each response's ETag and
// Last-Modified are kept). "peak": every URL again, all due at once, validators sent (304s).
// "steady" (with --steady-rate): the first N URLs, R fetches per second, woken on 50 ms ticks
// as feedsentry's scheduler is (bench/poll's steady run is 10,000 feeds a minute, 167/s).
// Per pass: fetches, statuses, wall time, the process's CPU seconds (getrusage, user +
// system) per 1,000 fetches and as % of one core. Talks only to the URLs it is given.
#include <curl/curl.h>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <string>
#include <vector>

namespace {

struct Feed {
  std::string url;
  std::string host;  // host:port
  std::string etag;
  std::string last_modified;
};

struct Slot {
  CURL* easy = nullptr;
  curl_slist* headers = nullptr;
  std::size_t feed = 0;
  bool busy = false;
};

double cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& t) { return t.tv_sec + t.tv_usec / 1e6; };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

std::string host_of(const std::string& url) {
  const auto start = url.find("://");
  const auto from = start == std::string::npos ? 0 : start + 3;
  return url.substr(from, url.find('/', from) - from);
}

// Keeps the validators of the response being received in the slot's feed.
std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
  auto* feed = static_cast<Feed*>(user);
  const std::string line(data, size * count);
  auto value = [&](std::size_t name_length) {
    std::string v = line.substr(name_length);
    while (!v.empty() && (v.back() == '\r' || v.back() == '\n')) v.pop_back();
    while (!v.empty() && v.front() == ' ') v.erase(0, 1);
    return v;
  };
  if (line.size() > 5 && curl_strnequal(line.c_str(), "etag:", 5)) feed->etag = value(5);
  if (line.size() > 14 && curl_strnequal(line.c_str(), "last-modified:", 14)) {
    feed->last_modified = value(14);
  }
  return size * count;
}

std::size_t on_body(char*, std::size_t size, std::size_t count, void* bytes) {
  *static_cast<std::size_t*>(bytes) += size * count;
  return size * count;
}

}  // namespace

struct PassResult {
  std::string name;
  std::size_t fetches = 0;
  std::map<long, std::size_t> statuses;  // -1: transfer failed
  double wall_seconds = 0;
  double cpu_seconds = 0;
};

int main(int argc, char** argv) {
  std::string urls_path, json_path;
  double steady_rate = 0;
  std::size_t steady_feeds = 0;
  bool usage_error = argc % 2 == 0;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--urls") {
      urls_path = argv[i + 1];
    } else if (flag == "--json") {
      json_path = argv[i + 1];
    } else if (flag == "--steady-rate") {
      steady_rate = std::stod(argv[i + 1]);
    } else if (flag == "--steady-feeds") {
      steady_feeds = std::stoul(argv[i + 1]);
    } else {
      usage_error = true;
    }
  }
  if (urls_path.empty() || usage_error) {
    std::cerr << "usage: bench_curl_floor --urls URLS.txt [--steady-rate R --steady-feeds N] "
                 "[--json OUT]\n";
    return 2;
  }
  std::vector<Feed> all_feeds;
  std::ifstream in(urls_path);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) all_feeds.push_back({line, host_of(line), "", ""});
  }
  if (all_feeds.empty()) {
    std::cerr << "bench_curl_floor: no URLs in " << urls_path << "\n";
    return 2;
  }
  constexpr std::size_t kConcurrency = 64;
  constexpr int kPerHost = 2;

  curl_global_init(CURL_GLOBAL_DEFAULT);
  CURLM* multi = curl_multi_init();
  curl_multi_setopt(multi, CURLMOPT_MAX_HOST_CONNECTIONS, static_cast<long>(kPerHost));
  curl_multi_setopt(multi, CURLMOPT_MAXCONNECTS, static_cast<long>(kConcurrency));
  std::vector<Slot> slots(kConcurrency);
  std::size_t body_bytes = 0;
  for (Slot& slot : slots) {
    slot.easy = curl_easy_init();
    curl_easy_setopt(slot.easy, CURLOPT_HEADERFUNCTION, &on_header);
    curl_easy_setopt(slot.easy, CURLOPT_WRITEFUNCTION, &on_body);
    curl_easy_setopt(slot.easy, CURLOPT_WRITEDATA, &body_bytes);
    curl_easy_setopt(slot.easy, CURLOPT_ACCEPT_ENCODING, "");
    curl_easy_setopt(slot.easy, CURLOPT_USERAGENT, "curl_floor/1");
    curl_easy_setopt(slot.easy, CURLOPT_NOSIGNAL, 1L);
  }

  std::vector<PassResult> results;
  for (const std::string pass : {"cold", "peak", "steady"}) {
    if (pass == "steady" && steady_rate <= 0) break;
    const double rate = pass == "steady" ? steady_rate : 0.0;
    std::vector<Feed>& feeds = all_feeds;
    const std::size_t count =
        pass == "steady" && steady_feeds > 0 ? std::min(steady_feeds, feeds.size()) : feeds.size();
    std::map<std::string, int> in_flight_per_host;
    std::map<long, std::size_t> statuses;
    std::size_t next = 0, done = 0, waiting_for_host = 0;
    std::vector<std::size_t> deferred;
    const double cpu_start = cpu_seconds();
    const auto wall_start = std::chrono::steady_clock::now();

    auto start = [&](Slot& slot, std::size_t index) {
      Feed& feed = feeds[index];
      slot.feed = index;
      slot.busy = true;
      ++in_flight_per_host[feed.host];
      curl_slist_free_all(slot.headers);
      slot.headers = nullptr;
      if (!feed.etag.empty()) {
        slot.headers = curl_slist_append(slot.headers, ("If-None-Match: " + feed.etag).c_str());
      }
      if (!feed.last_modified.empty()) {
        slot.headers =
            curl_slist_append(slot.headers, ("If-Modified-Since: " + feed.last_modified).c_str());
      }
      curl_easy_setopt(slot.easy, CURLOPT_URL, feed.url.c_str());
      curl_easy_setopt(slot.easy, CURLOPT_HTTPHEADER, slot.headers);
      curl_easy_setopt(slot.easy, CURLOPT_HEADERDATA, &feed);
      curl_multi_add_handle(multi, slot.easy);
    };
    // Feeds become due one by one at `rate` per second (without a rate: all now).
    auto due_count = [&] {
      if (rate <= 0) return count;
      const double elapsed =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
      return std::min(count, static_cast<std::size_t>(elapsed * rate) + 1);
    };
    auto fill = [&] {
      const std::size_t due = due_count();
      for (Slot& slot : slots) {
        if (slot.busy) continue;
        std::size_t pick = count;
        for (auto it = deferred.begin(); it != deferred.end(); ++it) {
          if (in_flight_per_host[feeds[*it].host] < kPerHost) {
            pick = *it;
            deferred.erase(it);
            break;
          }
        }
        while (pick == count && next < due) {
          if (in_flight_per_host[feeds[next].host] < kPerHost) {
            pick = next++;
          } else {
            deferred.push_back(next++);
            ++waiting_for_host;
          }
        }
        if (pick == count) return;
        start(slot, pick);
      }
    };

    fill();
    while (done < count) {
      int running = 0;
      curl_multi_perform(multi, &running);
      int queued = 0;
      while (CURLMsg* message = curl_multi_info_read(multi, &queued)) {
        if (message->msg != CURLMSG_DONE) continue;
        CURL* easy = message->easy_handle;
        long status = 0;
        curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
        ++statuses[message->data.result == CURLE_OK ? status : -1];
        curl_multi_remove_handle(multi, easy);
        for (Slot& slot : slots) {
          if (slot.easy != easy) continue;
          slot.busy = false;
          --in_flight_per_host[feeds[slot.feed].host];
        }
        ++done;
      }
      fill();
      if (done < count) {
        int wait_ms = 1000;
        if (rate > 0 && next < count) {
          // Woken on 50 ms ticks, as feedsentry's scheduler is (poll.wake_granularity): the
          // feeds due within a tick start together, one wake-up for several fetches.
          const double tick = 0.05;
          const double due_at = std::ceil(next / rate / tick) * tick;
          const auto next_due = wall_start + std::chrono::duration<double>(due_at);
          wait_ms =
              static_cast<int>(std::max<long>(0, std::chrono::ceil<std::chrono::milliseconds>(
                                                     next_due - std::chrono::steady_clock::now())
                                                     .count()));
        }
        curl_multi_poll(multi, nullptr, 0, wait_ms, nullptr);
      }
    }
    PassResult result{pass, done, statuses, 0, cpu_seconds() - cpu_start};
    result.wall_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
    std::printf("libcurl alone, %s: %zu fetches (", pass.c_str(), done);
    for (const auto& [status, n] : statuses) std::printf(" %ld x %zu", status, n);
    std::printf(" ) in %.2f s = %.0f/s, %.4f CPU s per 1,000 fetches, %.2f %% of a core\n",
                result.wall_seconds, done / result.wall_seconds, result.cpu_seconds / done * 1000,
                result.cpu_seconds / result.wall_seconds * 100);
    std::fflush(stdout);
    results.push_back(std::move(result));
  }
  if (!json_path.empty()) {
    std::ofstream out(json_path);
    out << "{";
    for (std::size_t i = 0; i < results.size(); ++i) {
      const PassResult& r = results[i];
      out << (i ? ", " : "") << "\"" << r.name << "\": {\"fetches\": " << r.fetches
          << ", \"wall_seconds\": " << r.wall_seconds << ", \"cpu_seconds\": " << r.cpu_seconds
          << ", \"statuses\": {";
      std::size_t k = 0;
      for (const auto& [status, n] : r.statuses) {
        out << (k++ ? ", " : "") << "\"" << status << "\": " << n;
      }
      out << "}}";
    }
    out << "}\n";
  }
  for (Slot& slot : slots) {
    curl_slist_free_all(slot.headers);
    curl_easy_cleanup(slot.easy);
  }
  curl_multi_cleanup(multi);
  curl_global_cleanup();
  return 0;
}
