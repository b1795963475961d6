#pragma once
// Metrics registry: counters, gauges and fixed-bucket histograms with label sets, plus gauges
// and counters computed at scrape time by a callback, rendered in the Prometheus text format
// 0.0.4 (render()).
//
// Threading and lifetime: every member function of Registry is thread-safe. Registering a
// series (counter(), gauge(), histogram()) takes a mutex and returns a handle; updates through a
// handle are lock-free relaxed atomics with no lookup, cheap enough for hot paths. Register
// once at start-up and keep the handle. A handle points into the Registry, which must outlive
// every handle taken from it. A default-constructed handle is a valid no-op, so a component can
// hold handles without a registry (tests). Callbacks run inside render(), on the rendering
// thread, with the registry's mutex held: they must be quick and must not call into the
// registry. Programmer errors (an invalid name, a name reused with another type, help or
// bucket layout, unsorted buckets) throw std::invalid_argument.
#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace feedsentry::metrics {

// Label name/value pairs of one series, e.g. {{"feed", "BBC World"}, {"status", "304"}}. The
// order does not matter: the registry sorts by name.
using Labels = std::vector<std::pair<std::string, std::string>>;

namespace detail {
struct CounterCell {
  std::atomic<std::uint64_t> value{0};
};
struct GaugeCell {
  std::atomic<double> value{0.0};
};
struct HistogramCell {
  explicit HistogramCell(const std::vector<double>& upper_bounds);
  const std::vector<double>& bounds;  // owned by the family; the +Inf bucket is implicit
  std::unique_ptr<std::atomic<std::uint64_t>[]> buckets;  // per bucket, not cumulative; +Inf last
  std::atomic<double> sum{0.0};
};
}  // namespace detail

// A monotonically increasing count. Name it `…_total`.
class Counter {
 public:
  Counter() = default;
  void inc(std::uint64_t amount = 1) const {
    if (cell_ != nullptr) cell_->value.fetch_add(amount, std::memory_order_relaxed);
  }
  std::uint64_t value() const {
    return cell_ == nullptr ? 0 : cell_->value.load(std::memory_order_relaxed);
  }

 private:
  friend class Registry;
  explicit Counter(detail::CounterCell* cell) : cell_(cell) {}
  detail::CounterCell* cell_ = nullptr;
};

// A value that goes up and down (queue length, feeds degraded).
class Gauge {
 public:
  Gauge() = default;
  void set(double value) const {
    if (cell_ != nullptr) cell_->value.store(value, std::memory_order_relaxed);
  }
  void add(double amount) const {
    if (cell_ != nullptr) cell_->value.fetch_add(amount, std::memory_order_relaxed);
  }
  void inc() const { add(1.0); }
  void dec() const { add(-1.0); }
  double value() const {
    return cell_ == nullptr ? 0.0 : cell_->value.load(std::memory_order_relaxed);
  }

 private:
  friend class Registry;
  explicit Gauge(detail::GaugeCell* cell) : cell_(cell) {}
  detail::GaugeCell* cell_ = nullptr;
};

// Observations counted into fixed buckets (`le` = upper bound, inclusive), with their sum.
class Histogram {
 public:
  Histogram() = default;
  void observe(double value) const;
  // Totals for tests and status pages: observations and their sum.
  std::uint64_t count() const;
  double sum() const;

 private:
  friend class Registry;
  explicit Histogram(detail::HistogramCell* cell) : cell_(cell) {}
  detail::HistogramCell* cell_ = nullptr;
};

// Bucket layouts. Upper bounds must be finite and strictly increasing; +Inf is always added.
// `count` bounds: start, start*factor, start*factor^2, …
std::vector<double> exponential_buckets(double start, double factor, std::size_t count);
// Feed fetch duration in seconds: 5 ms … 60 s.
std::vector<double> fetch_duration_buckets();
// Publication-to-delivery latency in seconds: 1 s … 1 day.
std::vector<double> delivery_latency_buckets();

class Registry {
 public:
  Registry();
  ~Registry();
  Registry(const Registry&) = delete;
  Registry& operator=(const Registry&) = delete;

  // The series `name{labels}`, created on first use; the same name and labels give a handle to
  // the same series. All series of a name share its type and help text.
  Counter counter(std::string_view name, std::string_view help, const Labels& labels = {});
  Gauge gauge(std::string_view name, std::string_view help, const Labels& labels = {});
  Histogram histogram(std::string_view name, std::string_view help,
                      const std::vector<double>& upper_bounds, const Labels& labels = {});

  // A series whose value is computed at each render() (RSS, outbox pending, uptime).
  // Registering the same name and labels again replaces the callback.
  void gauge_callback(std::string_view name, std::string_view help, std::function<double()> value,
                      const Labels& labels = {});
  void counter_callback(std::string_view name, std::string_view help, std::function<double()> value,
                        const Labels& labels = {});

  // Every family, sorted by name, its series sorted by labels, in the Prometheus text
  // exposition format 0.0.4 (serve with Content-Type kContentType).
  std::string render() const;

 private:
  struct Family;
  struct Series;
  Family& family(std::string_view name, std::string_view help, int type,
                 const std::vector<double>* upper_bounds);
  Series& series(Family& family, Labels sorted_labels);

  mutable std::mutex mutex_;
  std::map<std::string, std::unique_ptr<Family>, std::less<>> families_;
};

inline constexpr std::string_view kContentType = "text/plain; version=0.0.4; charset=utf-8";

// Text-format helpers, exposed for tests.
// HELP text: backslash and line feed escaped.
std::string escape_help(std::string_view text);
// Label value: backslash, double quote and line feed escaped.
std::string escape_label_value(std::string_view value);
// A sample value or `le` bound: shortest round-trip form, "+Inf", "-Inf" or "NaN".
std::string format_value(double value);
// [a-zA-Z_:][a-zA-Z0-9_:]*
bool is_valid_metric_name(std::string_view name);
// [a-zA-Z_][a-zA-Z0-9_]*, not starting with "__".
bool is_valid_label_name(std::string_view name);

}  // namespace feedsentry::metrics
