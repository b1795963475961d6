#pragma once
// RequestTemplates: one shared copy of the fetch limits (timeouts, size caps, user agent,
// TLS, extra headers) per distinct combination, instead of one per feed. With 100,000
// feeds configured alike that is one Request instead of 100,000 (about 30 MB). intern()
// ignores the URL and validators, which are per feed and per poll: equal limits give the
// same pointer, so a pointer comparison tells a reload whether a feed's limits changed.
#include <memory>
#include <string>
#include <unordered_map>

#include "fetch/request.h"

namespace feedsentry::poll {

class RequestTemplates {
 public:
  // The template with `request`'s limits; its url, etag and last_modified are empty.
  std::shared_ptr<const fetch::Request> intern(const fetch::Request& request);
  // Forgets the templates no feed uses any more (after a reload).
  void drop_unused();
  std::size_t size() const { return templates_.size(); }

 private:
  std::unordered_map<std::string, std::shared_ptr<const fetch::Request>> templates_;
};

}  // namespace feedsentry::poll
