#include "fetch/status_classifier.h"

namespace feedsentry::fetch {

ErrorClass classify_status(long status, BodyClass body, bool expect_feed) {
  if (status == 0) return ErrorClass::kNone;
  if (status == 304) return ErrorClass::kNone;
  if (status >= 200 && status < 300) {
    return expect_feed && body != BodyClass::kNotHtml ? ErrorClass::kBotWall : ErrorClass::kNone;
  }
  if (status == 403 || status == 503) {
    return expect_feed && body == BodyClass::kChallengePage ? ErrorClass::kBotWall
                                                            : ErrorClass::kHttpStatus;
  }
  if (status >= 400) return ErrorClass::kHttpStatus;
  if (status >= 300) return ErrorClass::kRedirect;
  return ErrorClass::kProtocol;  // a final 1xx: the server never completed its answer
}

}  // namespace feedsentry::fetch
