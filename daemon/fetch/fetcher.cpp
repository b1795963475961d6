#include "fetch/fetcher.h"

#include <exception>
#include <utility>
#include <vector>

#include <spdlog/spdlog.h>
#include <boost/asio/post.hpp>

#include "core/url.h"
#include "fetch/detail/curl_multi_loop.h"
#include "fetch/detail/transfer.h"

namespace feedsentry::fetch {

namespace detail {

// Idle easy handles, already reset and out of the multi handle. Bounded: a burst of
// transfers leaves at most kMaxIdle behind.
class EasyPool {
 public:
  CurlEasy take() {
    if (idle_.empty()) return {};
    CurlEasy easy = std::move(idle_.back());
    idle_.pop_back();
    return easy;
  }
  void give(CurlEasy easy) {
    if (easy && idle_.size() < kMaxIdle) idle_.push_back(std::move(easy));
  }
  void clear() { idle_.clear(); }

 private:
  static constexpr std::size_t kMaxIdle = 256;
  std::vector<CurlEasy> idle_;
};

}  // namespace detail

Fetcher::Fetcher(boost::asio::io_context& io, FetcherOptions options)
    : io_(io), options_(std::move(options)), easy_pool_(std::make_unique<detail::EasyPool>()) {
  detail::ensure_curl_initialized();
  // The loop is owned by this Fetcher and destroyed in ~Fetcher, so `this` outlives every
  // call of the handler.
  loop_ = std::make_shared<detail::CurlMultiLoop>(
      io_, options_, [this](CURL* easy, CURLcode result) { on_transfer_done(easy, result); });
}

Fetcher::~Fetcher() {
  cancel_all();
  easy_pool_->clear();
  loop_.reset();
}

void Fetcher::fetch(Request request, FetchCallback on_done) {
  auto transfer = std::make_unique<detail::Transfer>(std::move(request), std::move(on_done),
                                                     options_, easy_pool_->take());
  if (const CURLcode setup = transfer->setup_result(); setup != CURLE_OK) {
    Response response = transfer->finish(setup);
    complete(std::move(transfer), std::move(response));
    return;
  }
  CURL* const easy = transfer->easy();
  if (const CURLMcode added = loop_->add(easy); added != CURLM_OK) {
    Response response = transfer->finish(CURLE_FAILED_INIT);
    response.error_message = curl_multi_strerror(added);
    complete(std::move(transfer), std::move(response));
    return;
  }
  transfers_.emplace(easy, std::move(transfer));
}

void Fetcher::cancel_all() {
  auto cancelled = std::exchange(transfers_, {});
  for (auto& [easy, transfer] : cancelled) {
    loop_->remove(static_cast<CURL*>(easy));
    Response response = transfer->cancelled();
    complete(std::move(transfer), std::move(response));
  }
}

void Fetcher::on_transfer_done(void* easy, int curl_code) {
  auto node = transfers_.extract(easy);
  if (node.empty()) {
    spdlog::error("fetch: curl finished a transfer this fetcher does not know");
    return;
  }
  Response response = node.mapped()->finish(static_cast<CURLcode>(curl_code));
  complete(std::move(node.mapped()), std::move(response));
}

void Fetcher::complete(std::unique_ptr<detail::Transfer> transfer, Response response) {
  if (spdlog::should_log(spdlog::level::debug)) {  // redact_url costs even when not logged
    const Request& request = transfer->request();
    spdlog::debug("fetch {} {} -> {} {} in {} ms{}{}", request.method,
                  core::redact_url(request.url), response.status, error_class_name(response.error),
                  response.elapsed.count(), response.error_message.empty() ? "" : ": ",
                  response.error_message);
  }
  FetchCallback on_done = transfer->take_callback();
  // The handle is out of the multi handle (finished, failed to start, or removed by
  // cancel_all), so it can serve the next transfer, which the callback may start.
  easy_pool_->give(transfer->release_easy());
  transfer.reset();
  if (!on_done) return;
  // Posted, never run inline: the callback may call back into this Fetcher (or destroy it)
  // without re-entering curl.
  boost::asio::post(io_, [on_done = std::move(on_done), response = std::move(response)]() mutable {
    try {
      on_done(std::move(response));
    } catch (const std::exception& error) {
      spdlog::error("fetch: completion handler threw: {}", error.what());
    } catch (...) {
      spdlog::error("fetch: completion handler threw a non-exception");
    }
  });
}

}  // namespace feedsentry::fetch
