// Drives the real Dispatcher (outbox in SQLite with fsync per commit, libcurl on asio) to a
// webhook receiver and prints figures as one JSON object:
//   burst:  N alerts already in the outbox, rate limits off -> alerts/s until all delivered
//   paced:  alerts written one at a time (like the poller's outbox writer) at R per second to
//           an idle receiver -> latency from the row's commit to the receiver's 2xx, p50/p99
// Usage: bench_dispatch --url URL --mode burst|paced [--alerts N] [--rate R]
#include <stdlib.h>

#include <algorithm>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "alert/alert_json.h"
#include "alert/dispatcher.h"
#include "fetch/fetcher.h"
#include "store/outbox_store.h"
#include "store/transaction.h"

using namespace feedsentry;

namespace {

store::DatabaseOptions fsync_every_commit() {
  store::DatabaseOptions options;
  options.durability = store::Durability::kPowerLoss;
  return options;
}

std::string payload(int n) {
  alert::Alert alert;
  alert.story_id = "bench-" + std::to_string(n);
  alert.headline = "US Treasury sanctions North Korean shipping network #" + std::to_string(n);
  alert.link = "https://news.example.com/story/" + std::to_string(n);
  alert.source = "Bench Wire";
  alert.summary = "The Treasury designated three individuals and a Moscow-based company.";
  alert.detected_at = core::SystemClock().now();
  alert.topics.push_back({"sanctions", "Sanctions on North Korea or Russia", 0.95, {"sanctions"}});
  alert.countries = {"KP", "RU"};
  return alert::alert_to_json(alert);
}

void write_alert(store::Database& db, int n) {
  auto transaction = store::Transaction::begin(db).value();
  store::OutboxStore outbox(db);
  const auto now = core::to_unix_millis(core::SystemClock().now());
  const auto id = outbox.insert_alert({"bench-" + std::to_string(n), std::nullopt, now, payload(n)})
                      .value();
  outbox.enqueue(id, "hook", now, [](std::int64_t row) { return "b" + std::to_string(row); })
      .value();
  if (!transaction.commit()) throw std::runtime_error("commit failed");
}

double percentile(std::vector<double> values, double fraction) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  return values[std::min(values.size() - 1, static_cast<std::size_t>(fraction * values.size()))];
}

}  // namespace

int main(int argc, char** argv) {
  std::string url, mode = "burst";
  int alerts = 5000;
  double rate = 50;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string key = argv[i];
    if (key == "--url") url = argv[i + 1];
    if (key == "--mode") mode = argv[i + 1];
    if (key == "--alerts") alerts = std::stoi(argv[i + 1]);
    if (key == "--rate") rate = std::stod(argv[i + 1]);
  }
  if (url.empty()) {
    std::cerr << "usage: bench_dispatch --url URL --mode burst|paced [--alerts N] [--rate R]\n";
    return 2;
  }
  char pattern[] = "/tmp/feedsentry-bench-dispatch-XXXXXX";
  const std::filesystem::path dir = mkdtemp(pattern);
  const auto db_path = dir / "state.db";
  store::Database writer = store::Database::open(db_path, fsync_every_commit()).value();
  if (mode == "burst") {
    for (int n = 0; n < alerts; ++n) write_alert(writer, n);
  }

  boost::asio::io_context io;
  fetch::Fetcher fetcher(io);
  core::SystemClock clock;
  alert::OutputPlan plan;
  plan.spec = alert::make_output_spec("hook", "webhook", {{"url", url}, {"rate_limit", "off"}})
                  .value();
  alert::Dispatcher dispatcher(io, fetcher, store::Database::open(db_path, fsync_every_commit()).value(),
                               clock, {plan});
  std::vector<double> latencies_ms;
  int delivered = 0, failed = 0;
  auto guard = boost::asio::make_work_guard(io);
  dispatcher.set_observer([&](const alert::DeliveryEvent& event) {
    if (event.kind != alert::DeliveryEvent::Kind::kDelivered) {
      ++failed;
      return;
    }
    ++delivered;
    latencies_ms.push_back(
        std::chrono::duration<double, std::milli>(event.at - event.created).count());
    if (delivered == alerts) {
      dispatcher.drain(std::chrono::seconds(5), [&] {
        fetcher.cancel_all();
        guard.reset();
        io.stop();
      });
    }
  });
  const auto started = std::chrono::steady_clock::now();
  dispatcher.start();
  std::thread producer;
  if (mode == "paced") {
    producer = std::thread([&] {
      const auto gap = std::chrono::duration<double>(1.0 / rate);
      auto next = std::chrono::steady_clock::now();
      for (int n = 0; n < alerts; ++n) {
        std::this_thread::sleep_until(next);
        write_alert(writer, n);
        dispatcher.notify();
        next += std::chrono::duration_cast<std::chrono::steady_clock::duration>(gap);
      }
    });
  }
  io.run();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (producer.joinable()) producer.join();
  nlohmann::json result = {{"mode", mode},
                           {"alerts", alerts},
                           {"delivered", delivered},
                           {"failed_attempts", failed},
                           {"seconds", seconds},
                           {"alerts_per_second", delivered / seconds},
                           {"latency_p50_ms", percentile(latencies_ms, 0.50)},
                           {"latency_p99_ms", percentile(latencies_ms, 0.99)}};
  std::cout << result.dump() << "\n";
  std::filesystem::remove_all(dir);
  return delivered == alerts ? 0 : 1;
}
