#include "fetch/error_class.h"

namespace feedsentry::fetch {

std::string_view error_class_name(ErrorClass error) {
  switch (error) {
    case ErrorClass::kNone:
      return "none";
    case ErrorClass::kDns:
      return "dns";
    case ErrorClass::kConnect:
      return "connect";
    case ErrorClass::kTls:
      return "tls";
    case ErrorClass::kTimeout:
      return "timeout";
    case ErrorClass::kHttpStatus:
      return "http_status";
    case ErrorClass::kTooLarge:
      return "too_large";
    case ErrorClass::kRedirect:
      return "redirect";
    case ErrorClass::kBotWall:
      return "bot_wall";
    case ErrorClass::kProtocol:
      return "protocol";
    case ErrorClass::kFile:
      return "file";
    case ErrorClass::kCancelled:
      return "cancelled";
    case ErrorClass::kOther:
      return "other";
  }
  return "other";
}

}  // namespace feedsentry::fetch
