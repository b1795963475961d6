#include "alert/dispatcher.h"

#include <spdlog/spdlog.h>

#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <deque>
#include <unordered_set>

#include "alert/alert_json.h"
#include "alert/delivery_verdict.h"
#include "alert/local_sink.h"
#include "alert/rate_limiter.h"
#include "alert/render.h"
#include "store/outbox_store.h"
#include "store/transaction.h"

namespace feedsentry::alert {

namespace {

constexpr std::size_t kResponseBodyLimit = 1u << 20;

enum OutcomeKind : int { kDelivered = 0, kRetry = 1, kDead = 2 };

bool is_local(OutputType type) {
  return type == OutputType::kFile || type == OutputType::kConsole;
}

}  // namespace

struct Dispatcher::Pending {
  store::DeliveryRow row;
  std::optional<Alert> alert;  // nullopt: the stored payload could not be read
  std::string problem;
};

struct Dispatcher::Lane {
  Lane(boost::asio::io_context& io, OutputPlan output)
      : plan(std::move(output)), limiter(plan.spec.rate_limit), timer(io) {
    if (plan.spec.type == OutputType::kFile) file = std::make_unique<FileSink>(plan.spec.path);
  }

  OutputPlan plan;
  RateLimiter limiter;
  std::unique_ptr<FileSink> file;  // used on the worker thread only
  std::deque<Pending> queue;       // creation order; the head is in flight or next
  std::int64_t last_loaded = 0;
  bool loaded_once = false;
  bool more_in_store = false;  // the last load was a full batch
  bool refilling = false;
  bool refill_again = false;
  bool in_flight = false;
  // A delivery's success is being committed: the next one waits for it, so a crash can
  // repeat only the delivery in flight, never one already acknowledged.
  bool recording = false;
  bool retired = false;  // removed by a reload
  // The current failure streak: when its first failure happened and how many attempts have
  // failed since. Retries are bounded by a share of the streak's length (RetryPolicy); a
  // delivery ends the streak.
  std::optional<core::SystemTime> failing_since;
  std::int64_t failures = 0;
  boost::asio::steady_timer timer;
};

Dispatcher::Dispatcher(boost::asio::io_context& io, fetch::HttpClient& http, store::Database db,
                       const core::Clock& clock, std::vector<OutputPlan> outputs,
                       DispatcherOptions options)
    : io_(io), http_(http), db_(std::move(db)), clock_(clock), options_(std::move(options)) {
  for (OutputPlan& output : outputs) {
    lanes_.push_back(std::make_unique<Lane>(io, std::move(output)));
  }
}

Dispatcher::~Dispatcher() {
  worker_.join();
}

void Dispatcher::set_observer(std::function<void(const DeliveryEvent&)> observer) {
  observer_ = std::move(observer);
}

void Dispatcher::start() {
  started_ = true;
  for (std::size_t i = 0; i < lanes_.size(); ++i) refill(i, false);
  arm_rescan();
}

void Dispatcher::notify() {
  boost::asio::post(io_, [this] {
    if (!started_) return;
    for (std::size_t i = 0; i < lanes_.size(); ++i) {
      if (!lanes_[i]->retired) refill(i, false);
    }
  });
}

std::size_t Dispatcher::output_count() const {
  std::size_t count = 0;
  for (const auto& lane : lanes_) count += lane->retired ? 0 : 1;
  return count;
}

Dispatcher::ReloadSummary Dispatcher::reconfigure(std::vector<OutputPlan> outputs) {
  ReloadSummary summary;
  std::vector<bool> kept(lanes_.size(), false);
  for (OutputPlan& output : outputs) {
    std::size_t index = 0;
    while (index < lanes_.size() && lanes_[index]->plan.spec.name != output.spec.name) ++index;
    if (index == lanes_.size()) {
      lanes_.push_back(std::make_unique<Lane>(io_, std::move(output)));
      kept.push_back(true);
      ++summary.added;
      if (started_ && !draining_) refill(index, true);
      continue;
    }
    kept[index] = true;
    Lane& lane = *lanes_[index];
    const bool revived = lane.retired;
    lane.retired = false;
    if (revived) ++summary.added;
    if (lane.plan.spec.rate_limit != output.spec.rate_limit) {
      lane.limiter = RateLimiter(output.spec.rate_limit);
    }
    const bool new_file =
        output.spec.type == OutputType::kFile &&
        (lane.plan.spec.type != OutputType::kFile || lane.plan.spec.path != output.spec.path);
    if (!revived && !(lane.plan.spec == output.spec && lane.plan.retry == output.retry)) {
      ++summary.changed;
    }
    lane.plan = std::move(output);
    if (new_file || lane.plan.spec.type != OutputType::kFile) {
      // The worker owns the sink; writes already queued there finish on the old file.
      auto file = new_file ? std::make_shared<std::unique_ptr<FileSink>>(
                                 std::make_unique<FileSink>(lane.plan.spec.path))
                           : std::make_shared<std::unique_ptr<FileSink>>();
      // The Lane itself, not lanes_[index]: this thread may grow lanes_ meanwhile.
      boost::asio::post(worker_, [target = &lane, file] { target->file = std::move(*file); });
    }
    if (started_ && !draining_) {
      lane.timer.cancel();  // its wait was computed under the old settings
      refill(index, revived);
    }
  }
  for (std::size_t index = 0; index < kept.size(); ++index) {
    Lane& lane = *lanes_[index];
    if (kept[index] || lane.retired) continue;
    lane.retired = true;
    lane.timer.cancel();
    // Rows left in the queue stay pending in the outbox; the head in flight finishes.
    if (!lane.in_flight && !lane.recording) lane.queue.clear();
    ++summary.removed;
  }
  check_settled();
  return summary;
}

void Dispatcher::reopen_files() {
  // The worker gets the Lanes, not lanes_, which this thread may grow meanwhile (Lanes are
  // retired, never destroyed, while the Dispatcher lives).
  std::vector<Lane*> lanes;
  for (auto& lane : lanes_) lanes.push_back(lane.get());
  boost::asio::post(worker_, [lanes = std::move(lanes)] {
    for (Lane* lane : lanes) {
      if (lane->file) lane->file->reopen();
    }
  });
}

void Dispatcher::refill(std::size_t lane_index, bool from_start) {
  Lane& lane = *lanes_[lane_index];
  if (lane.refilling) {
    lane.refill_again = true;
    return;
  }
  lane.refilling = true;
  const std::int64_t after = from_start ? 0 : lane.last_loaded;
  boost::asio::post(worker_, [this, lane_index, after, output = lane.plan.spec.name] {
    auto rows = store::OutboxStore(db_).pending(output, after, options_.batch);
    auto loaded = std::make_shared<std::vector<Pending>>();
    std::string error;
    if (!rows) {
      error = rows.error().describe();
    } else {
      for (store::DeliveryRow& row : *rows) {
        Pending pending;
        auto alert = alert_from_json(row.payload);
        if (alert) {
          alert->id = row.alert_id;
          alert->followup_of = row.followup_of;
          pending.alert = std::move(*alert);
        } else {
          pending.problem = alert.error().message;
        }
        pending.row = std::move(row);
        loaded->push_back(std::move(pending));
      }
    }
    boost::asio::post(io_, [this, lane_index, loaded, error] {
      Lane& lane = *lanes_[lane_index];
      lane.refilling = false;
      lane.loaded_once = true;
      if (!error.empty()) {
        spdlog::error("output {}: cannot read the outbox: {}", lane.plan.spec.name, error);
      }
      std::unordered_set<std::int64_t> queued;
      for (const Pending& pending : lane.queue) queued.insert(pending.row.delivery_id);
      for (Pending& pending : *loaded) {
        if (queued.contains(pending.row.delivery_id)) continue;
        lane.last_loaded = std::max(lane.last_loaded, pending.row.delivery_id);
        lane.queue.push_back(std::move(pending));
      }
      lane.more_in_store = error.empty() && loaded->size() >= options_.batch;
      if (lane.refill_again) {
        lane.refill_again = false;
        refill(lane_index, false);
      }
      pump(lane_index);
    });
  });
}

void Dispatcher::pump(std::size_t lane_index) {
  Lane& lane = *lanes_[lane_index];
  if (lane.retired && !lane.in_flight && !lane.recording) lane.queue.clear();
  if (lane.in_flight || lane.recording || draining_ || lane.retired) {
    check_settled();
    return;
  }
  if (lane.queue.size() < options_.batch / 2 && lane.more_in_store && !lane.refilling) {
    refill(lane_index, false);
  }
  if (lane.queue.empty()) {
    check_settled();
    return;
  }
  Pending& head = lane.queue.front();
  if (!head.alert) {
    lane.in_flight = true;
    on_outcome(lane_index, kDead, std::nullopt, "stored alert unreadable: " + head.problem,
               std::nullopt);
    return;
  }
  const core::SystemTime now = clock_.now();
  core::Duration wait =
      std::max(core::Duration::zero(), std::chrono::duration_cast<core::Duration>(
                                           core::from_unix_millis(head.row.next_attempt_ms) - now));
  if (const auto limited = lane.limiter.delay_before_next(now)) wait = std::max(wait, *limited);
  if (wait > core::Duration::zero()) {
    arm_lane_timer(lane_index, wait);
    check_settled();
    return;
  }
  send(lane_index);
}

void Dispatcher::arm_lane_timer(std::size_t lane_index, core::Duration wait) {
  Lane& lane = *lanes_[lane_index];
  lane.timer.expires_after(wait);
  lane.timer.async_wait([this, lane_index](const boost::system::error_code& error) {
    if (!error) pump(lane_index);
  });
}

void Dispatcher::send(std::size_t lane_index) {
  Lane& lane = *lanes_[lane_index];
  lane.in_flight = true;
  lane.limiter.record_send(clock_.now());
  if (is_local(lane.plan.spec.type)) {
    send_local(lane_index);
  } else {
    send_http(lane_index);
  }
}

void Dispatcher::send_local(std::size_t lane_index) {
  Lane& lane = *lanes_[lane_index];
  const Alert& alert = *lane.queue.front().alert;
  const bool to_file = lane.plan.spec.type == OutputType::kFile;
  std::string line = to_file ? render_json_line(alert) : render_console_line(alert);
  boost::asio::post(worker_, [this, target = &lane, lane_index, to_file, line = std::move(line)] {
    const core::Result<void> written =
        to_file ? target->file->append_line(line) : write_console_line(line);
    std::string problem = written ? std::string() : written.error().describe();
    boost::asio::post(io_, [this, lane_index, problem = std::move(problem)] {
      if (problem.empty()) {
        on_outcome(lane_index, kDelivered, std::nullopt, {}, std::nullopt);
      } else {
        on_outcome(lane_index, kRetry, std::nullopt, problem, std::nullopt);
      }
    });
  });
}

void Dispatcher::send_http(std::size_t lane_index) {
  Lane& lane = *lanes_[lane_index];
  const Pending& head = lane.queue.front();
  DeliveryContext context;
  context.delivery_id = head.row.delivery_id;
  context.now = clock_.now();
  context.original_remote_id = head.row.original_remote_id;
  auto call = render_request(lane.plan.spec, *head.alert, context);
  if (!call) {
    on_outcome(lane_index, kDead, std::nullopt, "cannot render: " + call.error().message,
               std::nullopt);
    return;
  }
  fetch::Request request;
  request.url = std::move(call->url);
  request.method = std::move(call->method);
  request.headers = std::move(call->headers);
  request.body = std::move(call->body);
  request.connect_timeout = options_.connect_timeout;
  request.total_timeout = options_.total_timeout;
  request.max_body = kResponseBodyLimit;
  request.max_decompressed = kResponseBodyLimit;
  request.max_redirects = 0;  // a webhook that redirects is misconfigured: report it
  request.user_agent = options_.user_agent;
  request.expect_feed = false;
  http_.fetch(std::move(request), [this, lane_index](fetch::Response response) {
    Lane& lane = *lanes_[lane_index];
    if (!lane.in_flight) return;  // drained and given up on already
    const Verdict verdict = judge_response(lane.plan.spec, response.status, response.retry_after,
                                           response.body, clock_.now());
    std::string reason = verdict.reason;
    if (response.status == 0 && !response.error_message.empty()) {
      reason = std::string(fetch::error_class_name(response.error)) + ": " + response.error_message;
    }
    const int kind = verdict.kind == Verdict::Kind::kDelivered ? kDelivered
                     : verdict.kind == Verdict::Kind::kRetry   ? kRetry
                                                               : kDead;
    on_outcome(lane_index, kind, verdict.retry_after, std::move(reason), verdict.remote_id);
  });
}

void Dispatcher::on_outcome(std::size_t lane_index, int kind,
                            std::optional<core::Duration> retry_after, std::string reason,
                            std::optional<std::string> remote_id) {
  Lane& lane = *lanes_[lane_index];
  if (!lane.in_flight || lane.queue.empty()) return;  // given up on by drain()
  lane.in_flight = false;
  Pending& head = lane.queue.front();
  const core::SystemTime now = clock_.now();
  const std::int64_t id = head.row.delivery_id;
  const int attempts = head.row.attempts + 1;
  const std::int64_t now_ms = core::to_unix_millis(now);
  // A row an operator re-queued gets its budget afresh: it counts from the retry.
  const core::SystemTime created = core::from_unix_millis(head.row.pending_since_ms());
  const RetryPolicy& policy = lane.plan.retry;

  DeliveryEvent event;
  event.output = lane.plan.spec.name;
  event.delivery_id = id;
  event.created = created;
  if (head.alert) event.published = head.alert->published;
  event.at = now;

  if (kind == kRetry) {
    if (retry_after) lane.limiter.pause_until(now + *retry_after);
    if (!lane.failing_since) lane.failing_since = now;
    ++lane.failures;
    const core::Duration delay = retry_delay(
        policy, attempts, std::chrono::duration_cast<core::Duration>(now - *lane.failing_since),
        retry_after, draw_unit());
    if (retry_budget_exhausted(policy, created, now + delay)) {
      kind = kDead;
      reason = "gave up after " + std::to_string(attempts) + " attempts: " + reason;
    } else {
      head.row.attempts = attempts;
      head.row.next_attempt_ms = core::to_unix_millis(now + delay);
      head.row.last_error = reason;
      if (attempts == 1 || attempts % 10 == 0) {
        spdlog::warn("output {} ({}): delivery {} failed ({}); attempt {} in {} ms",
                     lane.plan.spec.name, redacted_destination(lane.plan.spec), id, reason,
                     attempts + 1, delay.count());
      }
      record([id, attempts, next = head.row.next_attempt_ms, reason](store::Database& db) {
        return store::OutboxStore(db).mark_retry(id, attempts, next, reason);
      });
      event.kind = DeliveryEvent::Kind::kRetry;
      event.next_attempt = now + delay;
      event.reason = reason;
      emit(event);
    }
  }
  if (kind == kDelivered) {
    if (lane.failing_since) {
      const std::chrono::duration<double> failing_for = now - *lane.failing_since;
      spdlog::info("output {} works again after {} failed attempts in {:.1f} s ({}{} pending)",
                   lane.plan.spec.name, lane.failures, failing_for.count(), lane.queue.size() - 1,
                   lane.more_in_store ? "+" : "");
      lane.failing_since.reset();
      lane.failures = 0;
    }
    lane.recording = true;
    record(
        [id, now_ms, remote_id, attempts](store::Database& db) {
          return store::OutboxStore(db).mark_delivered(id, now_ms, remote_id, attempts);
        },
        [this, lane_index] {
          lanes_[lane_index]->recording = false;
          if (draining_) {
            finish_drain_if_idle();
          } else {
            pump(lane_index);
          }
        });
    event.kind = DeliveryEvent::Kind::kDelivered;
    lane.queue.pop_front();
    emit(event);
  } else if (kind == kDead) {
    spdlog::error("output {} ({}): delivery {} moved to the dead letters after {} attempts: {}",
                  lane.plan.spec.name, redacted_destination(lane.plan.spec), id, attempts, reason);
    record([id, now_ms, attempts, reason](store::Database& db) {
      return store::OutboxStore(db).mark_dead(id, now_ms, attempts, reason);
    });
    event.kind = DeliveryEvent::Kind::kDead;
    event.reason = reason;
    lane.queue.pop_front();
    emit(event);
  }
  if (draining_) {
    finish_drain_if_idle();
    return;
  }
  if (!lane.recording) pump(lane_index);
}

void Dispatcher::finish_drain_if_idle() {
  if (!drain_done_) return;
  for (const auto& lane : lanes_) {
    if (lane->in_flight || lane->recording) return;
  }
  auto done = std::move(drain_done_);
  drain_done_ = nullptr;
  if (drain_timer_) drain_timer_->cancel();
  // Let the worker record every outcome before reporting.
  boost::asio::post(worker_, [this, done] { boost::asio::post(io_, done); });
}

void Dispatcher::record(std::function<core::Result<void>(store::Database&)> write,
                        std::function<void()> recorded) {
  boost::asio::post(worker_, [this, write = std::move(write), recorded = std::move(recorded)] {
    pending_writes_.push_back(write);
    if (recorded) pending_recorded_.push_back(recorded);
    if (flush_scheduled_) return;
    flush_scheduled_ = true;
    // Queued behind the writes already posted: one transaction for the whole burst.
    boost::asio::post(worker_, [this] {
      flush_scheduled_ = false;
      auto writes = std::move(pending_writes_);
      pending_writes_.clear();
      auto recorded = std::move(pending_recorded_);
      pending_recorded_.clear();
      apply_writes(writes);
      // Told even when a write failed (it is logged): the lane must not stall; the row stays
      // pending and is delivered again after a restart.
      for (auto& callback : recorded) boost::asio::post(io_, callback);
    });
  });
}

void Dispatcher::apply_writes(
    const std::vector<std::function<core::Result<void>(store::Database&)>>& writes) {
  auto transaction = store::Transaction::begin(db_);
  if (!transaction) {
    spdlog::error("outbox: cannot record {} delivery outcomes: {}", writes.size(),
                  transaction.error().describe());
    return;
  }
  for (const auto& apply : writes) {
    if (auto applied = apply(db_); !applied) {
      spdlog::error("outbox: cannot record a delivery outcome: {}", applied.error().describe());
    }
  }
  if (auto committed = transaction->commit(); !committed) {
    spdlog::error("outbox: cannot record {} delivery outcomes: {}", writes.size(),
                  committed.error().describe());
  }
}

void Dispatcher::arm_rescan() {
  if (!rescan_timer_) rescan_timer_ = std::make_unique<boost::asio::steady_timer>(io_);
  rescan_timer_->expires_after(options_.rescan_every);
  rescan_timer_->async_wait([this](const boost::system::error_code& error) {
    if (error || draining_) return;
    for (std::size_t i = 0; i < lanes_.size(); ++i) {
      const Lane& lane = *lanes_[i];
      if (lane.queue.empty() && !lane.in_flight && !lane.refilling && !lane.retired) {
        refill(i, true);
      }
    }
    arm_rescan();
  });
}

void Dispatcher::when_settled(std::function<void()> done) {
  settled_waiters_.push_back(std::move(done));
  check_settled();
}

void Dispatcher::check_settled() {
  if (settled_waiters_.empty()) return;
  for (const auto& lane : lanes_) {
    if (lane->in_flight || lane->recording || lane->refilling || lane->refill_again) return;
    if (lane->retired) continue;
    if (!lane->loaded_once) return;
    // A head that has never been tried is still to be delivered (perhaps rate-limited);
    // one waiting for a retry is left for later.
    if (!lane->queue.empty() && lane->queue.front().row.attempts == 0) return;
  }
  auto waiters = std::move(settled_waiters_);
  settled_waiters_.clear();
  // Through the worker, so every outcome is recorded before anyone is told.
  boost::asio::post(worker_, [this, waiters = std::move(waiters)] {
    boost::asio::post(io_, [waiters] {
      for (const auto& waiter : waiters) waiter();
    });
  });
}

void Dispatcher::drain(core::Duration timeout, std::function<void()> done) {
  draining_ = true;
  if (rescan_timer_) rescan_timer_->cancel();
  bool any_in_flight = false;
  for (auto& lane : lanes_) {
    lane->timer.cancel();
    any_in_flight = any_in_flight || lane->in_flight || lane->recording;
  }
  if (!any_in_flight) {
    boost::asio::post(worker_, [this, done = std::move(done)] { boost::asio::post(io_, done); });
    return;
  }
  drain_done_ = std::move(done);
  drain_timer_ = std::make_unique<boost::asio::steady_timer>(io_, timeout);
  drain_timer_->async_wait([this](const boost::system::error_code& error) {
    if (error || !drain_done_) return;
    std::size_t unfinished = 0;
    for (auto& lane : lanes_) {
      if (lane->in_flight) ++unfinished;
      lane->in_flight = false;  // their late answers are ignored; the rows stay pending
    }
    spdlog::warn("stopping with {} deliveries unfinished; they stay in the outbox", unfinished);
    auto finished = std::move(drain_done_);
    drain_done_ = nullptr;
    boost::asio::post(worker_, [this, finished] { boost::asio::post(io_, finished); });
  });
}

void Dispatcher::emit(const DeliveryEvent& event) {
  if (observer_) observer_(event);
}

double Dispatcher::draw_unit() {
  return std::uniform_real_distribution<double>(0.0, 1.0)(random_);
}

}  // namespace feedsentry::alert
