#pragma once
// Shared fixture of the Fetcher integration tests: a scripted server on 127.0.0.1, an
// io_context on its own thread, and a Fetcher living on that thread (created and destroyed
// there, as its contract requires). Every wait is bounded.
#include <chrono>
#include <future>
#include <memory>
#include <string_view>

#include <gtest/gtest.h>

#include "fetch/fetcher.h"
#include "support/http_server.h"
#include "support/io_thread.h"

namespace feedsentry::fetch {

using test_support::HttpServer;
using test_support::RecordedRequest;
using test_support::ResponseOutcome;
using test_support::ScriptedResponse;
using namespace std::chrono_literals;

class FetcherTest : public ::testing::Test {
 protected:
  FetcherTest() {
    EXPECT_TRUE(io_.run([this] { fetcher_ = std::make_unique<Fetcher>(io_.context()); }));
  }
  ~FetcherTest() override {
    EXPECT_TRUE(io_.run([this] { fetcher_.reset(); }));
  }

  Request get(std::string_view path) const {
    Request request;
    request.url = server_.url(path);
    return request;
  }

  // Starts `request` on the io thread; the future resolves when its callback runs.
  std::future<Response> start(Request request) {
    auto promise = std::make_shared<std::promise<Response>>();
    std::future<Response> future = promise->get_future();
    io_.post([this, request = std::move(request), promise]() mutable {
      fetcher_->fetch(std::move(request),
                      [promise](Response response) { promise->set_value(std::move(response)); });
    });
    return future;
  }

  static Response await(std::future<Response>& future, std::chrono::milliseconds timeout = 10s) {
    if (future.wait_for(timeout) != std::future_status::ready) {
      ADD_FAILURE() << "the fetch callback did not run within " << timeout.count() << " ms";
      Response missing;
      missing.error = ErrorClass::kOther;
      missing.error_message = "test: no completion";
      return missing;
    }
    return future.get();
  }

  Response fetch(Request request, std::chrono::milliseconds timeout = 10s) {
    std::future<Response> future = start(std::move(request));
    return await(future, timeout);
  }

  std::size_t in_flight() {
    std::size_t count = 0;
    EXPECT_TRUE(io_.run([&] { count = fetcher_->in_flight(); }));
    return count;
  }

  HttpServer server_;
  test_support::IoThread io_;
  std::unique_ptr<Fetcher> fetcher_;
};

}  // namespace feedsentry::fetch
