#include "fetch/detail/transfer.h"

#include <algorithm>

#include "core/text.h"
#include "core/url.h"
#include "fetch/body_classifier.h"
#include "fetch/detail/curl_error_class.h"
#include "fetch/status_classifier.h"

namespace feedsentry::fetch::detail {
namespace {

bool has_repeated_url(std::vector<std::string> urls) {
  std::sort(urls.begin(), urls.end());
  return std::adjacent_find(urls.begin(), urls.end()) != urls.end();
}

std::string status_failure_message(long status, ErrorClass error, BodyClass body) {
  const std::string prefix = "HTTP " + std::to_string(status);
  switch (error) {
    case ErrorClass::kBotWall:
      return prefix + (body == BodyClass::kChallengePage
                           ? ": a bot-wall challenge page instead of a feed"
                           : ": an HTML page instead of a feed");
    case ErrorClass::kRedirect:
      return prefix + ": redirect not followed (limit reached or no usable Location)";
    case ErrorClass::kProtocol:
      return prefix + ": no final response";
    default:
      return prefix;
  }
}

}  // namespace

Transfer::Transfer(Request request, FetchCallback on_done, const FetcherOptions& options,
                   CurlEasy recycled)
    : request_(std::move(request)),
      on_done_(std::move(on_done)),
      started_(std::chrono::steady_clock::now()),
      easy_(recycled ? std::move(recycled) : CurlEasy(curl_easy_init())) {
  setup_result_ = easy_ ? configure(options) : CURLE_OUT_OF_MEMORY;
}

CurlEasy Transfer::release_easy() {
  if (easy_) curl_easy_reset(easy_.get());
  return std::move(easy_);
}

std::size_t Transfer::on_body_data(char* data, std::size_t size, std::size_t count, void* self) {
  const std::size_t bytes = size * count;
  return static_cast<Transfer*>(self)->accept_body({data, bytes}) ? bytes : 0;
}

std::size_t Transfer::on_header_data(char* data, std::size_t size, std::size_t count, void* self) {
  const std::size_t bytes = size * count;
  static_cast<Transfer*>(self)->on_header_line({data, bytes});
  return bytes;
}

void Transfer::on_header_line(std::string_view line) {
  const std::optional<long> status = headers_.add_line(line);
  if (!status) return;
  encoded_.reset();
  if (*status < 200) return;
  // A new response (hop) begins: whatever body came before belonged to a redirect.
  body_.clear();
  if (*status < 300 || *status >= 400) return;
  char* url = nullptr;
  curl_easy_getinfo(easy_.get(), CURLINFO_EFFECTIVE_URL, &url);
  hop_urls_.emplace_back(url != nullptr ? url : "");
}

// Called for every body chunk, so the header lookup happens once per hop.
bool Transfer::body_is_encoded() const {
  if (!encoded_) {
    const std::string encoding = headers_.value("content-encoding");
    encoded_ = !encoding.empty() && !core::equals_ignore_case(encoding, "identity");
  }
  return *encoded_;
}

curl_off_t Transfer::wire_bytes() const {
  curl_off_t bytes = 0;
  curl_easy_getinfo(easy_.get(), CURLINFO_SIZE_DOWNLOAD_T, &bytes);
  return bytes;
}

bool Transfer::accept_body(std::string_view data) {
  const std::size_t decoded = body_.size() + data.size();
  // Without Content-Encoding the bytes we see are the wire bytes, so max_body applies to them
  // exactly; with it, the wire count comes from curl and the decoded count guards against
  // decompression bombs.
  const bool encoded = body_is_encoded();
  if (decoded > request_.max_decompressed) {
    limit_exceeded_ = "decompressed body exceeds max_decompressed (" +
                      std::to_string(request_.max_decompressed) + " bytes)";
  } else if (!encoded && decoded > request_.max_body) {
    limit_exceeded_ = "body exceeds max_body (" + std::to_string(request_.max_body) + " bytes)";
  } else if (encoded && wire_bytes() > static_cast<curl_off_t>(request_.max_body)) {
    limit_exceeded_ =
        "compressed body exceeds max_body (" + std::to_string(request_.max_body) + " bytes)";
  }
  if (!limit_exceeded_.empty()) return false;  // curl aborts with CURLE_WRITE_ERROR
  body_.append(data);
  return true;
}

Response Transfer::response_basics() const {
  Response response;
  response.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - started_);
  response.etag = headers_.value("etag");
  response.last_modified = headers_.value("last-modified");
  response.content_type = headers_.value("content-type");
  response.cache_control = headers_.value("cache-control");
  response.expires = headers_.value("expires");
  response.retry_after = headers_.value("retry-after");
  if (!easy_) return response;
  curl_easy_getinfo(easy_.get(), CURLINFO_RESPONSE_CODE, &response.status);
  long redirects = 0;
  curl_easy_getinfo(easy_.get(), CURLINFO_REDIRECT_COUNT, &redirects);
  response.redirects = static_cast<int>(redirects);
  char* url = nullptr;
  curl_easy_getinfo(easy_.get(), CURLINFO_EFFECTIVE_URL, &url);
  response.effective_url = url != nullptr ? url : request_.url;
  return response;
}

std::string Transfer::transport_failure_message(CURLcode result) const {
  if (!limit_exceeded_.empty()) return limit_exceeded_;
  if (result == CURLE_FILESIZE_EXCEEDED) {
    return "announced Content-Length exceeds max_body (" + std::to_string(request_.max_body) +
           " bytes)";
  }
  if (result == CURLE_TOO_MANY_REDIRECTS) {
    return has_repeated_url(hop_urls_)
               ? "redirect loop"
               : "more than " + std::to_string(request_.max_redirects) + " redirects";
  }
  // curl's messages name at most the host (or a file path); should a curl version quote a
  // URL it was given or redirected to, the quote is redacted all the same.
  std::string message = error_buffer_[0] != '\0' ? std::string(error_buffer_.data())
                                                 : std::string(curl_easy_strerror(result));
  message = core::without_url(std::move(message), request_.url);
  for (const std::string& hop : hop_urls_) message = core::without_url(std::move(message), hop);
  return message;
}

Response Transfer::finish(CURLcode result) {
  Response response = response_basics();
  if (result != CURLE_OK) {
    // A partial body is never handed on.
    response.error = classify_curl_code(result, !limit_exceeded_.empty());
    response.error_message = transport_failure_message(result);
    return response;
  }
  if (body_is_encoded() && wire_bytes() > static_cast<curl_off_t>(request_.max_body)) {
    response.error = ErrorClass::kTooLarge;
    response.error_message =
        "compressed body exceeds max_body (" + std::to_string(request_.max_body) + " bytes)";
    return response;
  }
  response.body = std::move(body_);
  const BodyClass body_class = request_.expect_feed
                                   ? classify_body(response.content_type, response.body)
                                   : BodyClass::kNotHtml;
  response.error = classify_status(response.status, body_class, request_.expect_feed);
  if (!response.ok()) {
    response.error_message = status_failure_message(response.status, response.error, body_class);
    return response;
  }
  if (response.redirects > 0) {
    response.permanent_redirect_url =
        permanent_redirect_target(headers_.hop_statuses(), response.effective_url);
  }
  return response;
}

Response Transfer::cancelled() const {
  Response response = response_basics();
  response.error = ErrorClass::kCancelled;
  response.error_message = "cancelled";
  return response;
}

}  // namespace feedsentry::fetch::detail
