#include "metrics/registry.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <stdexcept>

namespace feedsentry::metrics {
namespace {

enum Type { kCounter, kGauge, kHistogram };

std::string_view type_name(int type) {
  switch (type) {
    case kCounter:
      return "counter";
    case kGauge:
      return "gauge";
    default:
      return "histogram";
  }
}

[[noreturn]] void invalid(std::string message) {
  throw std::invalid_argument(std::move(message));
}

Labels sorted_labels(const Labels& labels, bool histogram) {
  Labels sorted = labels;
  std::sort(sorted.begin(), sorted.end());
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    const std::string& name = sorted[i].first;
    if (!is_valid_label_name(name)) invalid("invalid metric label name '" + name + "'");
    if (histogram && name == "le") invalid("the label 'le' is reserved for histogram buckets");
    if (i > 0 && sorted[i - 1].first == name) invalid("label '" + name + "' given twice");
  }
  return sorted;
}

void append_labels(std::string& out, const Labels& labels, std::string_view le = {}) {
  if (labels.empty() && le.empty()) return;
  out += '{';
  bool first = true;
  for (const auto& [name, value] : labels) {
    if (!first) out += ',';
    first = false;
    out += name;
    out += "=\"";
    out += escape_label_value(value);
    out += '"';
  }
  if (!le.empty()) {
    if (!first) out += ',';
    out += "le=\"";
    out += le;
    out += '"';
  }
  out += '}';
}

void append_sample(std::string& out, std::string_view name, const Labels& labels,
                   std::string_view value, std::string_view le = {}) {
  out += name;
  append_labels(out, labels, le);
  out += ' ';
  out += value;
  out += '\n';
}

void validate_bounds(const std::vector<double>& bounds) {
  if (bounds.empty()) invalid("a histogram needs at least one bucket bound");
  for (std::size_t i = 0; i < bounds.size(); ++i) {
    if (!std::isfinite(bounds[i])) invalid("histogram bucket bounds must be finite");
    if (i > 0 && !(bounds[i - 1] < bounds[i])) {
      invalid("histogram bucket bounds must be strictly increasing");
    }
  }
}

}  // namespace

namespace detail {
HistogramCell::HistogramCell(const std::vector<double>& upper_bounds)
    : bounds(upper_bounds),
      buckets(std::make_unique<std::atomic<std::uint64_t>[]>(upper_bounds.size() + 1)) {}
}  // namespace detail

void Histogram::observe(double value) const {
  if (cell_ == nullptr) return;
  const auto& bounds = cell_->bounds;
  // First bound >= value (le is inclusive); NaN and values above every bound land in +Inf.
  const std::size_t index =
      std::isnan(value)
          ? bounds.size()
          : static_cast<std::size_t>(std::lower_bound(bounds.begin(), bounds.end(), value) -
                                     bounds.begin());
  cell_->buckets[index].fetch_add(1, std::memory_order_relaxed);
  cell_->sum.fetch_add(value, std::memory_order_relaxed);
}

std::uint64_t Histogram::count() const {
  if (cell_ == nullptr) return 0;
  std::uint64_t total = 0;
  for (std::size_t i = 0; i <= cell_->bounds.size(); ++i) {
    total += cell_->buckets[i].load(std::memory_order_relaxed);
  }
  return total;
}

double Histogram::sum() const {
  return cell_ == nullptr ? 0.0 : cell_->sum.load(std::memory_order_relaxed);
}

std::vector<double> exponential_buckets(double start, double factor, std::size_t count) {
  if (!(start > 0) || !(factor > 1) || count == 0) {
    invalid("exponential_buckets needs start > 0, factor > 1 and count > 0");
  }
  std::vector<double> bounds;
  bounds.reserve(count);
  double bound = start;
  for (std::size_t i = 0; i < count; ++i, bound *= factor) bounds.push_back(bound);
  return bounds;
}

std::vector<double> fetch_duration_buckets() {
  return {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};
}

std::vector<double> delivery_latency_buckets() {
  return {1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600, 7200, 21600, 86400};
}

struct Registry::Series {
  Labels labels;
  std::unique_ptr<detail::CounterCell> counter;
  std::unique_ptr<detail::GaugeCell> gauge;
  std::unique_ptr<detail::HistogramCell> histogram;
  std::function<double()> callback;
};

struct Registry::Family {
  std::string name;
  std::string help;
  int type = kCounter;
  std::vector<double> upper_bounds;  // histograms only; never changes after creation
  std::map<Labels, std::unique_ptr<Series>> series;
};

Registry::Registry() = default;
Registry::~Registry() = default;

Registry::Family& Registry::family(std::string_view name, std::string_view help, int type,
                                   const std::vector<double>* upper_bounds) {
  if (!is_valid_metric_name(name)) invalid("invalid metric name '" + std::string(name) + "'");
  if (type == kCounter && !name.ends_with("_total")) {
    invalid("counter name '" + std::string(name) + "' must end with _total");
  }
  if (type == kHistogram) validate_bounds(*upper_bounds);
  auto found = families_.find(name);
  if (found == families_.end()) {
    auto created = std::make_unique<Family>();
    created->name = std::string(name);
    created->help = std::string(help);
    created->type = type;
    if (upper_bounds != nullptr) created->upper_bounds = *upper_bounds;
    found = families_.emplace(created->name, std::move(created)).first;
  }
  Family& existing = *found->second;
  if (existing.type != type) {
    invalid("metric '" + std::string(name) + "' already registered as a " +
            std::string(type_name(existing.type)));
  }
  if (existing.help != help) {
    invalid("metric '" + std::string(name) + "' already registered with another help text");
  }
  if (type == kHistogram && existing.upper_bounds != *upper_bounds) {
    invalid("histogram '" + std::string(name) + "' already registered with other buckets");
  }
  return existing;
}

Registry::Series& Registry::series(Family& family, Labels key) {
  auto found = family.series.find(key);
  if (found == family.series.end()) {
    auto created = std::make_unique<Series>();
    created->labels = key;
    found = family.series.emplace(std::move(key), std::move(created)).first;
  }
  return *found->second;
}

Counter Registry::counter(std::string_view name, std::string_view help, const Labels& labels) {
  std::lock_guard lock(mutex_);
  Labels key = sorted_labels(labels, false);  // validated before anything is created
  Series& entry = series(family(name, help, kCounter, nullptr), std::move(key));
  if (entry.callback) invalid("metric '" + std::string(name) + "' series is a callback");
  if (!entry.counter) entry.counter = std::make_unique<detail::CounterCell>();
  return Counter(entry.counter.get());
}

Gauge Registry::gauge(std::string_view name, std::string_view help, const Labels& labels) {
  std::lock_guard lock(mutex_);
  Labels key = sorted_labels(labels, false);  // validated before anything is created
  Series& entry = series(family(name, help, kGauge, nullptr), std::move(key));
  if (entry.callback) invalid("metric '" + std::string(name) + "' series is a callback");
  if (!entry.gauge) entry.gauge = std::make_unique<detail::GaugeCell>();
  return Gauge(entry.gauge.get());
}

Histogram Registry::histogram(std::string_view name, std::string_view help,
                              const std::vector<double>& upper_bounds, const Labels& labels) {
  std::lock_guard lock(mutex_);
  Labels key = sorted_labels(labels, true);  // validated before anything is created
  Family& owner = family(name, help, kHistogram, &upper_bounds);
  Series& entry = series(owner, std::move(key));
  if (!entry.histogram)
    entry.histogram = std::make_unique<detail::HistogramCell>(owner.upper_bounds);
  return Histogram(entry.histogram.get());
}

void Registry::gauge_callback(std::string_view name, std::string_view help,
                              std::function<double()> value, const Labels& labels) {
  if (!value) invalid("metric '" + std::string(name) + "': empty callback");
  std::lock_guard lock(mutex_);
  Labels key = sorted_labels(labels, false);  // validated before anything is created
  Series& entry = series(family(name, help, kGauge, nullptr), std::move(key));
  if (entry.gauge) invalid("metric '" + std::string(name) + "' series is not a callback");
  entry.callback = std::move(value);
}

void Registry::counter_callback(std::string_view name, std::string_view help,
                                std::function<double()> value, const Labels& labels) {
  if (!value) invalid("metric '" + std::string(name) + "': empty callback");
  std::lock_guard lock(mutex_);
  Labels key = sorted_labels(labels, false);  // validated before anything is created
  Series& entry = series(family(name, help, kCounter, nullptr), std::move(key));
  if (entry.counter) invalid("metric '" + std::string(name) + "' series is not a callback");
  entry.callback = std::move(value);
}

std::string Registry::render() const {
  std::string out;
  std::lock_guard lock(mutex_);
  for (const auto& [name, family] : families_) {
    out += "# HELP ";
    out += name;
    out += ' ';
    out += escape_help(family->help);
    out += "\n# TYPE ";
    out += name;
    out += ' ';
    out += type_name(family->type);
    out += '\n';
    for (const auto& [labels, series] : family->series) {
      if (series->callback) {
        double value = 0;
        try {
          value = series->callback();
        } catch (...) {
          value = std::nan("");  // a failing callback must not break the scrape
        }
        append_sample(out, name, labels, format_value(value));
      } else if (series->counter) {
        append_sample(out, name, labels,
                      std::to_string(series->counter->value.load(std::memory_order_relaxed)));
      } else if (series->gauge) {
        append_sample(out, name, labels,
                      format_value(series->gauge->value.load(std::memory_order_relaxed)));
      } else if (series->histogram) {
        const detail::HistogramCell& cell = *series->histogram;
        const std::string bucket_name = name + "_bucket";
        std::uint64_t cumulative = 0;
        for (std::size_t i = 0; i <= cell.bounds.size(); ++i) {
          cumulative += cell.buckets[i].load(std::memory_order_relaxed);
          const std::string le = i < cell.bounds.size() ? format_value(cell.bounds[i]) : "+Inf";
          append_sample(out, bucket_name, labels, std::to_string(cumulative), le);
        }
        // _count is the +Inf bucket, so the two always agree even during concurrent updates.
        append_sample(out, name + "_sum", labels,
                      format_value(cell.sum.load(std::memory_order_relaxed)));
        append_sample(out, name + "_count", labels, std::to_string(cumulative));
      }
    }
  }
  return out;
}

std::string escape_help(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

std::string escape_label_value(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (const char c : value) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

std::string format_value(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
  char buffer[64];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

bool is_valid_metric_name(std::string_view name) {
  if (name.empty()) return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
    const bool digit = c >= '0' && c <= '9';
    if (!letter && !(digit && i > 0)) return false;
  }
  return true;
}

bool is_valid_label_name(std::string_view name) {
  if (name.empty() || name.starts_with("__")) return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    const bool digit = c >= '0' && c <= '9';
    if (!letter && !(digit && i > 0)) return false;
  }
  return true;
}

}  // namespace feedsentry::metrics
