// Transfer::configure: how a Request becomes libcurl easy options.
#include <algorithm>
#include <string>

#include "feedsentry/version.h"
#include "fetch/detail/transfer.h"
#include "fetch/request_headers.h"

namespace feedsentry::fetch::detail {
namespace {

// Sets options in order and stops at the first failure, which becomes the transfer's result.
class OptionSetter {
 public:
  explicit OptionSetter(CURL* easy) : easy_(easy) {}
  template <typename Value>
  void operator()(CURLoption option, Value value) {
    if (result_ == CURLE_OK) result_ = curl_easy_setopt(easy_, option, value);
  }
  CURLcode result() const { return result_; }

 private:
  CURL* easy_;
  CURLcode result_ = CURLE_OK;
};

std::string user_agent_for(const Request& request, const FetcherOptions& options) {
  if (!request.user_agent.empty()) return request.user_agent;
  if (!options.user_agent.empty()) return options.user_agent;
  return std::string("feedsentry/") + kVersion;
}

}  // namespace

CURLcode Transfer::configure(const FetcherOptions& options) {
  OptionSetter set(easy_.get());
  set(CURLOPT_ERRORBUFFER, error_buffer_.data());
  set(CURLOPT_WRITEFUNCTION, &Transfer::on_body_data);
  set(CURLOPT_WRITEDATA, static_cast<void*>(this));
  set(CURLOPT_HEADERFUNCTION, &Transfer::on_header_data);
  set(CURLOPT_HEADERDATA, static_cast<void*>(this));
  set(CURLOPT_NOSIGNAL, 1L);

  set(CURLOPT_URL, request_.url.c_str());
  set(CURLOPT_PROTOCOLS_STR, "http,https,file");
  // A feed must never redirect us into reading local files.
  set(CURLOPT_REDIR_PROTOCOLS_STR, "http,https");

  const std::string& method = request_.method;
  if (method.empty() || method == "GET") {
    set(CURLOPT_HTTPGET, 1L);
  } else if (method == "HEAD") {
    set(CURLOPT_NOBODY, 1L);
  } else {
    if (method == "POST") {
      set(CURLOPT_POST, 1L);
    } else {
      set(CURLOPT_CUSTOMREQUEST, method.c_str());
    }
    if (method == "POST" || method == "PUT" || method == "PATCH" || !request_.body.empty()) {
      // Not copied by curl: request_ lives as long as the easy handle.
      set(CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request_.body.size()));
      set(CURLOPT_POSTFIELDS, request_.body.data());
    }
  }

  curl_slist* list = header_list_.release();
  for (const std::string& line : request_header_lines(request_)) {
    curl_slist* extended = curl_slist_append(list, line.c_str());
    if (extended == nullptr) break;
    list = extended;
  }
  header_list_.reset(list);
  if (header_list_) set(CURLOPT_HTTPHEADER, header_list_.get());

  set(CURLOPT_ACCEPT_ENCODING, "");  // every encoding this libcurl can decode
  set(CURLOPT_FOLLOWLOCATION, request_.max_redirects > 0 ? 1L : 0L);
  set(CURLOPT_MAXREDIRS, static_cast<long>(std::max(request_.max_redirects, 0)));
  set(CURLOPT_SUPPRESS_CONNECT_HEADERS, 1L);

  set(CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(request_.connect_timeout.count()));
  set(CURLOPT_TIMEOUT_MS, static_cast<long>(request_.total_timeout.count()));
  set(CURLOPT_LOW_SPEED_LIMIT, request_.low_speed_limit);
  set(CURLOPT_LOW_SPEED_TIME, static_cast<long>(request_.low_speed_time.count()));
  set(CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(request_.max_body));

  set(CURLOPT_USERAGENT, user_agent_for(request_, options).c_str());  // copied by curl
  set(CURLOPT_SSL_VERIFYPEER, request_.verify_tls ? 1L : 0L);
  set(CURLOPT_SSL_VERIFYHOST, request_.verify_tls ? 2L : 0L);
  set(CURLOPT_DNS_CACHE_TIMEOUT, static_cast<long>(options.dns_cache_ttl.count()));
  set(CURLOPT_TCP_KEEPALIVE, 1L);
  return set.result();
}

}  // namespace feedsentry::fetch::detail
