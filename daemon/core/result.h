#pragma once
// Result<T>: the value-or-error channel for expected failures (network, parse, I/O).
// Exceptions are reserved for startup/config/programmer errors; see docs/STYLE.md.
#include <string>
#include <utility>

#include <tl/expected.hpp>

namespace feedsentry::core {

enum class ErrorCode {
  kInvalidArgument,
  kIo,
  kParse,
  kUnsupported,
  kTooLarge,
  kInUse,  // held by another process, e.g. a listening port already taken
};

struct Error {
  ErrorCode code = ErrorCode::kInvalidArgument;
  std::string message;
  std::string location;  // "file:line:col", a URL, or empty

  std::string describe() const { return location.empty() ? message : location + ": " + message; }
};

template <typename T>
using Result = tl::expected<T, Error>;

inline tl::unexpected<Error> fail(ErrorCode code, std::string message, std::string location = {}) {
  return tl::unexpected<Error>(Error{code, std::move(message), std::move(location)});
}

}  // namespace feedsentry::core
