#pragma once
// Where a config value was written, and the exception thrown for every config problem at
// startup or reload. what() is "file:line:col: message" (1-based, as editors expect).
#include <stdexcept>
#include <string>

namespace feedsentry::config {

struct SourceLocation {
  std::string file;
  int line = 0;  // 1-based; 0 = the file as a whole
  int column = 0;
  std::string to_string() const;  // "file:line:col", or just "file" when line is 0
};

class ConfigError : public std::runtime_error {
 public:
  ConfigError(SourceLocation where, const std::string& message);
  const SourceLocation& where() const { return where_; }
  const std::string& message() const { return message_; }

 private:
  SourceLocation where_;
  std::string message_;
};

}  // namespace feedsentry::config
