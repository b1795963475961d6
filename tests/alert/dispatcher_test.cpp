// The dispatcher against real webhook receivers on 127.0.0.1 and a real SQLite outbox:
// delivery, retry with Retry-After, backoff, dead letters, order after an outage, isolation
// of a slow output, the file sink, and resuming pending rows after a restart.
#include "alert/dispatcher.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "alert/alert_json.h"
#include "fetch/fetcher.h"
#include "store/outbox_store.h"
#include "support/http_server.h"

namespace feedsentry::alert {
namespace {

using test_support::HttpServer;
using test_support::RecordedRequest;
using test_support::ScriptedResponse;

class DispatcherTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/feedsentry-dispatch-XXXXXX";
    directory_ = mkdtemp(pattern);
  }
  void TearDown() override { std::filesystem::remove_all(directory_); }

  store::Database open_db() {
    auto db = store::Database::open(directory_ / "state.db");
    if (!db) throw std::runtime_error(db.error().describe());
    return std::move(*db);
  }

  // Writes one alert with a pending delivery to each of `outputs`; returns the alert id.
  std::int64_t add_alert(const std::string& headline, const std::vector<std::string>& outputs) {
    store::Database db = open_db();
    store::OutboxStore outbox(db);
    Alert alert;
    alert.story_id = "story-" + headline;
    alert.headline = headline;
    alert.link = "https://news.example.com/" + std::to_string(++counter_);
    alert.source = "Test Wire";
    alert.detected_at = core::SystemClock().now();
    alert.topics.push_back({"sanctions", "Sanctions", 0.9, {"sanctions"}});
    const auto now_ms = core::to_unix_millis(core::SystemClock().now());
    const auto id =
        outbox.insert_alert({alert.story_id, std::nullopt, now_ms, alert_to_json(alert)}).value();
    for (const std::string& output : outputs) {
      outbox.enqueue(id, output, now_ms, [](std::int64_t row) { return "k" + std::to_string(row); })
          .value();
    }
    return id;
  }

  static OutputPlan webhook(const std::string& name, const std::string& url) {
    OutputPlan plan;
    plan.spec = make_output_spec(name, "webhook", {{"url", url}, {"rate_limit", "off"}}).value();
    plan.retry.first_delay = std::chrono::milliseconds(40);
    plan.retry.max_delay = std::chrono::milliseconds(200);
    return plan;
  }

  // Runs a dispatcher over `plans` until `done(events)` holds or `timeout`; returns events.
  std::vector<DeliveryEvent> dispatch(
      std::vector<OutputPlan> plans,
      const std::function<bool(const std::vector<DeliveryEvent>&)>& done,
      std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
    boost::asio::io_context io;
    fetch::Fetcher fetcher(io);
    core::SystemClock clock;
    std::vector<DeliveryEvent> events;
    Dispatcher dispatcher(io, fetcher, open_db(), clock, std::move(plans));
    boost::asio::steady_timer deadline(io, timeout);
    bool finished = false;
    const auto finish = [&] {
      if (finished) return;
      finished = true;
      deadline.cancel();
      dispatcher.drain(std::chrono::seconds(2), [&] {
        fetcher.cancel_all();
        io.stop();
      });
    };
    dispatcher.set_observer([&](const DeliveryEvent& event) {
      events.push_back(event);
      if (done(events)) finish();
    });
    deadline.async_wait([&](const boost::system::error_code& error) {
      if (!error) finish();
    });
    dispatcher.start();
    io.run();
    return events;
  }

  static std::size_t count(const std::vector<DeliveryEvent>& events, DeliveryEvent::Kind kind,
                           const std::string& output = {}) {
    return static_cast<std::size_t>(std::count_if(events.begin(), events.end(), [&](const auto& e) {
      return e.kind == kind && (output.empty() || e.output == output);
    }));
  }

  static std::string headline_of(const RecordedRequest& request) {
    return nlohmann::json::parse(request.body).value("headline", "");
  }

  std::filesystem::path directory_;
  int counter_ = 0;
};

TEST_F(DispatcherTest, A2xxIsRecordedAsDelivered) {
  HttpServer receiver;
  receiver.on("/hook", ScriptedResponse::with_status(204));
  add_alert("first", {"hook"});
  const auto events = dispatch({webhook("hook", receiver.url("/hook"))}, [](const auto& e) {
    return count(e, DeliveryEvent::Kind::kDelivered) == 1;
  });
  ASSERT_EQ(count(events, DeliveryEvent::Kind::kDelivered), 1u);
  const auto requests = receiver.requests_to("/hook");
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].method, "POST");
  EXPECT_EQ(headline_of(requests[0]), "first");
  store::Database db = open_db();
  const auto rows = store::OutboxStore(db).list({store::DeliveryState::kDelivered, "", 10}).value();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].attempts, 1);
}

TEST_F(DispatcherTest, A429RetryAfterIsHonouredBeforeTheNextAttempt) {
  HttpServer receiver;
  std::atomic<int> calls{0};
  receiver.on("/hook", [&](const RecordedRequest&) {
    if (calls++ == 0) return ScriptedResponse::with_status(429).header("Retry-After", "1");
    return ScriptedResponse::with_status(200);
  });
  add_alert("limited", {"hook"});
  const auto events = dispatch({webhook("hook", receiver.url("/hook"))}, [](const auto& e) {
    return count(e, DeliveryEvent::Kind::kDelivered) == 1;
  });
  ASSERT_EQ(count(events, DeliveryEvent::Kind::kRetry), 1u);
  ASSERT_EQ(count(events, DeliveryEvent::Kind::kDelivered), 1u);
  EXPECT_GE(events[1].at - events[0].at, std::chrono::milliseconds(950))
      << "the retry came before Retry-After";
}

TEST_F(DispatcherTest, A500RetriesWithBackoffThenSucceeds) {
  HttpServer receiver;
  std::atomic<int> calls{0};
  receiver.on("/hook", [&](const RecordedRequest&) {
    return ScriptedResponse::with_status(calls++ < 2 ? 500 : 200);
  });
  add_alert("flaky", {"hook"});
  const auto events = dispatch({webhook("hook", receiver.url("/hook"))}, [](const auto& e) {
    return count(e, DeliveryEvent::Kind::kDelivered) == 1;
  });
  EXPECT_EQ(count(events, DeliveryEvent::Kind::kRetry), 2u);
  EXPECT_EQ(count(events, DeliveryEvent::Kind::kDelivered), 1u);
  EXPECT_EQ(receiver.requests_to("/hook").size(), 3u);
  store::Database db = open_db();
  EXPECT_EQ(store::OutboxStore(db)
                .list({store::DeliveryState::kDelivered, "", 10})
                .value()
                .at(0)
                .attempts,
            3);
}

TEST_F(DispatcherTest, A400GoesToTheDeadLettersAndTheNextAlertStillGoesOut) {
  HttpServer receiver;
  std::atomic<int> calls{0};
  receiver.on("/hook", [&](const RecordedRequest&) {
    return ScriptedResponse::with_status(calls++ == 0 ? 400 : 200);
  });
  add_alert("rejected", {"hook"});
  add_alert("accepted", {"hook"});
  const auto events = dispatch({webhook("hook", receiver.url("/hook"))}, [](const auto& e) {
    return count(e, DeliveryEvent::Kind::kDelivered) == 1;
  });
  EXPECT_EQ(count(events, DeliveryEvent::Kind::kDead), 1u);
  EXPECT_EQ(receiver.requests_to("/hook").size(), 2u) << "a dead letter is not retried";
  store::Database db = open_db();
  const auto dead = store::OutboxStore(db).list({store::DeliveryState::kDead, "", 10}).value();
  ASSERT_EQ(dead.size(), 1u);
  EXPECT_NE(dead[0].last_error.find("400"), std::string::npos) << dead[0].last_error;
}

// `outbox retry` keeps the creation time, so the fresh retry budget must count from the retry:
// a row created two days ago and retried now still gets its hour of retries.
TEST_F(DispatcherTest, ARowRetriedByAnOperatorGetsItsBudgetFromTheRetry) {
  HttpServer receiver;
  std::atomic<int> calls{0};
  receiver.on("/hook", [&](const RecordedRequest&) {
    return ScriptedResponse::with_status(calls++ == 0 ? 500 : 200);
  });
  add_alert("old news", {"hook"});
  {
    store::Database db = open_db();
    const auto now_ms = core::to_unix_millis(core::SystemClock().now());
    ASSERT_TRUE(db.execute_script("UPDATE outbox SET created_ms = " +
                                  std::to_string(now_ms - 48 * 3600 * 1000)));
    store::OutboxStore outbox(db);
    ASSERT_TRUE(outbox.mark_dead(1, now_ms, 5, "HTTP 400"));
    ASSERT_EQ(outbox.retry_dead({1}, now_ms).value().moved, 1u);
  }
  OutputPlan plan = webhook("hook", receiver.url("/hook"));
  plan.retry.max_age = std::chrono::hours(1);
  const auto events = dispatch({plan}, [](const auto& e) {
    return count(e, DeliveryEvent::Kind::kDelivered) + count(e, DeliveryEvent::Kind::kDead) == 1;
  });
  EXPECT_EQ(count(events, DeliveryEvent::Kind::kRetry), 1u);
  EXPECT_EQ(count(events, DeliveryEvent::Kind::kDead), 0u) << "the budget ran from creation";
  EXPECT_EQ(count(events, DeliveryEvent::Kind::kDelivered), 1u);
}

TEST_F(DispatcherTest, AnEndpointDownForAWhileGetsEverythingInOrderAfterwards) {
  HttpServer receiver;
  std::atomic<int> calls{0};
  receiver.on("/hook", [&](const RecordedRequest&) {
    return ScriptedResponse::with_status(calls++ < 4 ? 503 : 200);
  });
  for (int i = 1; i <= 6; ++i) add_alert("alert " + std::to_string(i), {"hook"});
  const auto events = dispatch({webhook("hook", receiver.url("/hook"))}, [](const auto& e) {
    return count(e, DeliveryEvent::Kind::kDelivered) == 6;
  });
  ASSERT_EQ(count(events, DeliveryEvent::Kind::kDelivered), 6u);
  std::vector<std::string> delivered;
  for (const auto& request : receiver.requests_to("/hook"))
    delivered.push_back(headline_of(request));
  // The first four attempts (all of "alert 1") failed; then one each, in creation order.
  ASSERT_EQ(delivered.size(), 10u);
  for (int i = 0; i < 4; ++i) EXPECT_EQ(delivered[i], "alert 1");
  for (int i = 1; i <= 6; ++i) EXPECT_EQ(delivered[3 + i], "alert " + std::to_string(i));
}

TEST_F(DispatcherTest, RetriesAfterAnOutageWaitAShareOfTheOutageNotTheGrownBackoff) {
  HttpServer receiver;
  std::atomic<int> calls{0};
  receiver.on("/hook", [&](const RecordedRequest&) {
    return ScriptedResponse::with_status(calls++ < 9 ? 503 : 200);
  });
  add_alert("outage", {"hook"});
  OutputPlan plan = webhook("hook", receiver.url("/hook"));
  // Backoff alone would reach 20 ms x 2^8 = 5 s by the ninth failure; the bound keeps
  // every wait within max(30 ms, 25 % of the outage so far).
  plan.retry.first_delay = std::chrono::milliseconds(20);
  plan.retry.max_delay = std::chrono::hours(1);
  plan.retry.recovery_floor = std::chrono::milliseconds(30);
  plan.retry.recovery_share = 0.25;
  const auto events = dispatch(
      {plan}, [](const auto& e) { return count(e, DeliveryEvent::Kind::kDelivered) == 1; });
  ASSERT_EQ(count(events, DeliveryEvent::Kind::kRetry), 9u);
  ASSERT_EQ(count(events, DeliveryEvent::Kind::kDelivered), 1u);
  const core::SystemTime first_failure = events.front().at;
  for (const DeliveryEvent& event : events) {
    if (event.kind != DeliveryEvent::Kind::kRetry) continue;
    ASSERT_TRUE(event.next_attempt.has_value());
    const auto wait = *event.next_attempt - event.at;
    EXPECT_LE(wait, recovery_bound(plan.retry, std::chrono::duration_cast<core::Duration>(
                                                   event.at - first_failure)))
        << "a retry waited longer than the outage's share";
  }
}

TEST_F(DispatcherTest, ASlowEndpointDoesNotDelayTheOthers) {
  HttpServer slow;
  HttpServer fast;
  ScriptedResponse stalled = ScriptedResponse::with_status(200);
  // The slow endpoint answers only after the fast one must have finished: the guarantee is
  // "the fast lane does not wait for the slow one", so the bound is the stall itself.
  stalled.delay_before_headers = std::chrono::seconds(8);
  slow.on("/hook", stalled);
  fast.on("/hook", ScriptedResponse::with_status(200));
  for (int i = 1; i <= 5; ++i) add_alert("alert " + std::to_string(i), {"slow", "fast"});
  const auto started = std::chrono::system_clock::now();
  const auto events = dispatch(
      {webhook("slow", slow.url("/hook")), webhook("fast", fast.url("/hook"))},
      [](const auto& e) { return count(e, DeliveryEvent::Kind::kDelivered, "fast") == 5; });
  ASSERT_EQ(count(events, DeliveryEvent::Kind::kDelivered, "fast"), 5u);
  EXPECT_EQ(count(events, DeliveryEvent::Kind::kDelivered, "slow"), 0u);
  EXPECT_LT(events.back().at - started, stalled.delay_before_headers)
      << "the fast output waited for the slow one";
}

TEST_F(DispatcherTest, PendingRowsResumeAfterARestart) {
  HttpServer receiver;
  std::atomic<bool> up{false};
  receiver.on("/hook", [&](const RecordedRequest&) {
    return ScriptedResponse::with_status(up ? 200 : 503);
  });
  add_alert("survivor", {"hook"});
  auto plan = webhook("hook", receiver.url("/hook"));
  const auto first =
      dispatch({plan}, [](const auto& e) { return count(e, DeliveryEvent::Kind::kRetry) == 1; });
  ASSERT_EQ(count(first, DeliveryEvent::Kind::kRetry), 1u);
  up = true;
  const auto second = dispatch(
      {plan}, [](const auto& e) { return count(e, DeliveryEvent::Kind::kDelivered) == 1; });
  EXPECT_EQ(count(second, DeliveryEvent::Kind::kDelivered), 1u);
  store::Database db = open_db();
  const auto delivered =
      store::OutboxStore(db).list({store::DeliveryState::kDelivered, "", 10}).value();
  ASSERT_EQ(delivered.size(), 1u);
  EXPECT_EQ(delivered[0].attempts, 2) << "the attempt count survives the restart";
}

TEST_F(DispatcherTest, TheFileSinkAppendsOneJsonLinePerAlertAndReopens) {
  add_alert("one", {"log"});
  add_alert("two", {"log"});
  const auto path = directory_ / "logs" / "alerts.jsonl";
  OutputPlan plan;
  plan.spec = make_output_spec("log", "file", {{"path", path.string()}}).value();
  const auto events = dispatch(
      {plan}, [](const auto& e) { return count(e, DeliveryEvent::Kind::kDelivered) == 2; });
  ASSERT_EQ(count(events, DeliveryEvent::Kind::kDelivered), 2u);
  std::ifstream in(path);
  std::vector<std::string> headlines;
  for (std::string line; std::getline(in, line);) {
    headlines.push_back(nlohmann::json::parse(line).value("headline", ""));
  }
  EXPECT_EQ(headlines, (std::vector<std::string>{"one", "two"}));

  // logrotate moves the file away; after the reopen the next alert starts a new file.
  std::filesystem::rename(path, directory_ / "logs" / "alerts.jsonl.1");
  add_alert("three", {"log"});
  const auto more = dispatch(
      {plan}, [](const auto& e) { return count(e, DeliveryEvent::Kind::kDelivered) == 1; });
  ASSERT_EQ(count(more, DeliveryEvent::Kind::kDelivered), 1u);
  std::ifstream fresh(path);
  std::string line;
  ASSERT_TRUE(std::getline(fresh, line));
  EXPECT_EQ(nlohmann::json::parse(line).value("headline", ""), "three");
}

// Live reload: a removed output stops (its rows stay pending), an added one delivers what
// is waiting for it, a changed one takes its new URL from the next delivery.
TEST_F(DispatcherTest, ReconfigureAddsRemovesAndChangesOutputsWithoutLosingRows) {
  HttpServer old_receiver;
  HttpServer new_receiver;
  old_receiver.on("/a", ScriptedResponse::with_status(200));
  new_receiver.on("/a", ScriptedResponse::with_status(200));
  new_receiver.on("/c", ScriptedResponse::with_status(200));
  add_alert("first", {"a", "b"});

  boost::asio::io_context io;
  fetch::Fetcher fetcher(io);
  core::SystemClock clock;
  std::vector<DeliveryEvent> events;
  Dispatcher dispatcher(
      io, fetcher, open_db(), clock,
      {webhook("a", old_receiver.url("/a")), webhook("b", old_receiver.url("/b"))});
  Dispatcher::ReloadSummary summary;
  bool reloaded = false;
  boost::asio::steady_timer deadline(io, std::chrono::seconds(10));
  const auto finish = [&] {
    deadline.cancel();
    dispatcher.drain(std::chrono::seconds(2), [&] {
      fetcher.cancel_all();
      io.stop();
    });
  };
  dispatcher.set_observer([&](const DeliveryEvent& event) {
    events.push_back(event);
    if (!reloaded && event.output == "a" && event.kind == DeliveryEvent::Kind::kDelivered) {
      // b (answering 404 at the old receiver: dead) goes away before it is tried again; c
      // arrives with a row already waiting; a moves to the new receiver.
      reloaded = true;
      add_alert("second", {"a", "c"});
      summary = dispatcher.reconfigure(
          {webhook("a", new_receiver.url("/a")), webhook("c", new_receiver.url("/c"))});
      dispatcher.notify();
    }
    if (count(events, DeliveryEvent::Kind::kDelivered, "a") == 2 &&
        count(events, DeliveryEvent::Kind::kDelivered, "c") == 1) {
      finish();
    }
  });
  deadline.async_wait([&](const boost::system::error_code& error) {
    if (!error) finish();
  });
  dispatcher.start();
  io.run();

  EXPECT_EQ(summary.added, 1u);
  EXPECT_EQ(summary.removed, 1u);
  EXPECT_EQ(summary.changed, 1u);
  EXPECT_EQ(dispatcher.output_count(), 2u);
  ASSERT_EQ(old_receiver.requests_to("/a").size(), 1u);
  ASSERT_EQ(new_receiver.requests_to("/a").size(), 1u);
  EXPECT_EQ(headline_of(new_receiver.requests_to("/a")[0]), "second");
  ASSERT_EQ(new_receiver.requests_to("/c").size(), 1u);
  EXPECT_EQ(headline_of(new_receiver.requests_to("/c")[0]), "second");
  // b's row is neither delivered nor lost: still in the outbox for when b comes back.
  store::Database db = open_db();
  std::int64_t b_open = 0;
  const std::vector<store::OutboxCounts> counts = store::OutboxStore(db).counts().value();
  for (const store::OutboxCounts& output : counts) {
    if (output.output == "b") b_open = output.pending + output.dead;
  }
  EXPECT_EQ(b_open, 1);
}

}  // namespace
}  // namespace feedsentry::alert
