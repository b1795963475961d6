#pragma once
// One request in flight: its easy handle configured from the Request, the header and body
// callbacks that enforce the size limits, and the conversion of what curl reports into a
// Response. Internal to the fetch module.
//
// Lifetime: heap-allocated, never moved (curl holds `this` as callback data), owned by the
// Fetcher until its transfer is finished or cancelled; the easy handle and every callback
// registration die with it, after it has been removed from the multi handle.
#include <array>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <curl/curl.h>

#include "fetch/detail/curl_handle.h"
#include "fetch/fetcher_options.h"
#include "fetch/header_collector.h"
#include "fetch/http_client.h"
#include "fetch/request.h"
#include "fetch/response.h"

namespace feedsentry::fetch::detail {

class Transfer {
 public:
  // `recycled`: an easy handle of an earlier transfer (see release_easy), or null for a new
  // one. Reusing handles saves their allocation and set-up per request.
  Transfer(Request request, FetchCallback on_done, const FetcherOptions& options,
           CurlEasy recycled = {});
  Transfer(const Transfer&) = delete;
  Transfer& operator=(const Transfer&) = delete;

  CURL* easy() const { return easy_.get(); }
  const Request& request() const { return request_; }
  // CURLE_OK when the handle is ready to be added; otherwise pass it to finish().
  CURLcode setup_result() const { return setup_result_; }

  // The Response for a transfer curl has finished (or could not start) with `result`.
  Response finish(CURLcode result);
  Response cancelled() const;
  FetchCallback take_callback() { return std::move(on_done_); }
  // Hands the easy handle back for reuse, reset to defaults (so it keeps no pointer into
  // this Transfer), once it is out of the multi handle. Null if there was none.
  CurlEasy release_easy();

 private:
  static std::size_t on_body_data(char* data, std::size_t size, std::size_t count, void* self);
  static std::size_t on_header_data(char* data, std::size_t size, std::size_t count, void* self);

  CURLcode configure(const FetcherOptions& options);
  void on_header_line(std::string_view line);
  bool accept_body(std::string_view data);
  bool body_is_encoded() const;
  curl_off_t wire_bytes() const;
  Response response_basics() const;
  std::string transport_failure_message(CURLcode result) const;

  Request request_;
  FetchCallback on_done_;
  std::chrono::steady_clock::time_point started_;
  CurlEasy easy_;
  CurlHeaderList header_list_;
  HeaderCollector headers_;
  std::vector<std::string> hop_urls_;    // of redirect (3xx) hops: loop detection
  mutable std::optional<bool> encoded_;  // Content-Encoding of the current hop, once looked up
  std::string body_;
  std::string limit_exceeded_;  // why the body was refused; empty while within the limits
  std::array<char, CURL_ERROR_SIZE> error_buffer_{};
  CURLcode setup_result_ = CURLE_OK;
};

}  // namespace feedsentry::fetch::detail
