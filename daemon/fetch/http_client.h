#pragma once
// The seam between the fetch module and its users (poller, webhook sinks): tests inject a
// fake, the daemon injects a Fetcher.
#include <functional>

#include "fetch/request.h"
#include "fetch/response.h"

namespace feedsentry::fetch {

using FetchCallback = std::function<void(Response)>;

class HttpClient {
 public:
  virtual ~HttpClient() = default;
  // Starts `request`; `on_done` runs exactly once with the outcome, never inline.
  virtual void fetch(Request request, FetchCallback on_done) = 0;
};

}  // namespace feedsentry::fetch
