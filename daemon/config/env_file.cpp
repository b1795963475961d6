#include "config/env_file.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "config/env_substitution.h"

namespace feedsentry::config {
namespace {

bool is_line_break(char c) {
  return c == '\n' || c == '\r';
}
bool is_env_file_blank(char c) {
  return c == ' ' || c == '\t' || is_line_break(c);
}

// One pass over the text, a state machine shaped like systemd's own parser (env-file.c), so
// quoting, escapes and blanks give the same values the unit gets.
class EnvFileParser {
 public:
  explicit EnvFileParser(std::string_view file_name) : file_name_(file_name) {}

  core::Result<std::vector<EnvAssignment>> parse(std::string_view text) {
    for (const char c : text) {
      if (auto stepped = step(c); !stepped) return tl::unexpected(stepped.error());
      if (c == '\n') ++line_;
    }
    return finish();
  }

 private:
  enum class State {
    kBeforeName,
    kName,
    kBeforeValue,
    kValue,
    kValueEscape,
    kSingleQuoted,
    kDoubleQuoted,
    kDoubleQuotedEscape,
    kComment,
  };

  core::Result<void> step(char c) {
    switch (state_) {
      case State::kBeforeName:
        if (c == '#' || c == ';') {
          state_ = State::kComment;
        } else if (!is_env_file_blank(c)) {
          state_ = State::kName;
          start_line_ = line_;
          name_.assign(1, c);
        }
        return {};
      case State::kName:
        if (is_line_break(c)) return error(start_line_, "expected NAME=value");
        if (c == '=') {
          state_ = State::kBeforeValue;
          value_.clear();
          value_trailing_blanks_ = 0;
        } else {
          name_ += c;
        }
        return {};
      case State::kBeforeValue:
        if (is_line_break(c)) return assign();
        if (c == '\'') {
          state_ = State::kSingleQuoted;
        } else if (c == '"') {
          state_ = State::kDoubleQuoted;
        } else if (c == '\\') {
          state_ = State::kValueEscape;
        } else if (!is_env_file_blank(c)) {
          state_ = State::kValue;
          value_ += c;
        }
        return {};
      case State::kValue:
        if (is_line_break(c)) return assign();
        if (c == '\\') {
          state_ = State::kValueEscape;
          value_trailing_blanks_ = 0;
        } else {
          value_trailing_blanks_ = is_env_file_blank(c) ? value_trailing_blanks_ + 1 : 0;
          value_ += c;
        }
        return {};
      case State::kValueEscape:
        state_ = State::kValue;
        if (!is_line_break(c)) value_ += c;  // an escaped line break joins the lines
        return {};
      case State::kSingleQuoted:
        if (c == '\'') {
          state_ = State::kBeforeValue;
        } else {
          value_ += c;
        }
        return {};
      case State::kDoubleQuoted:
        if (c == '"') {
          state_ = State::kBeforeValue;
        } else if (c == '\\') {
          state_ = State::kDoubleQuotedEscape;
        } else {
          value_ += c;
        }
        return {};
      case State::kDoubleQuotedEscape:
        state_ = State::kDoubleQuoted;
        if (c == '"' || c == '\\' || c == '`' || c == '$') {
          value_ += c;
        } else if (c != '\n') {
          value_ += '\\';
          value_ += c;
        }
        return {};
      case State::kComment:
        if (is_line_break(c)) state_ = State::kBeforeName;
        return {};
    }
    return {};
  }

  core::Result<std::vector<EnvAssignment>> finish() {
    switch (state_) {
      case State::kName:
        return error(start_line_, "expected NAME=value");
      case State::kSingleQuoted:
      case State::kDoubleQuoted:
      case State::kDoubleQuotedEscape:
        return error(start_line_, "the quoted value is not closed");
      case State::kBeforeValue:
      case State::kValue:
      case State::kValueEscape:
        if (auto assigned = assign(); !assigned) return tl::unexpected(assigned.error());
        break;
      case State::kBeforeName:
      case State::kComment:
        break;
    }
    return std::move(assignments_);
  }

  core::Result<void> assign() {
    state_ = State::kBeforeName;
    // Only an unquoted value's trailing blanks are dropped; quoted blanks stay.
    value_.resize(value_.size() - std::min(value_trailing_blanks_, value_.size()));
    value_trailing_blanks_ = 0;
    while (!name_.empty() && is_env_file_blank(name_.back())) name_.pop_back();
    if (name_.starts_with("export ") || name_.starts_with("export\t")) {
      return error(start_line_,
                   "'export' is not EnvironmentFile syntax (systemd ignores the line): "
                   "write NAME=value");
    }
    if (!is_environment_variable_name(name_)) {
      // The name is not shown: a mistyped line may be a secret pasted whole.
      return error(start_line_,
                   "not a valid variable name before '=' (letters, digits and _, not starting "
                   "with a digit)");
    }
    assignments_.push_back({std::move(name_), std::move(value_)});
    name_.clear();
    value_.clear();
    return {};
  }

  tl::unexpected<core::Error> error(int line, const std::string& message) const {
    return core::fail(core::ErrorCode::kParse, message, file_name_ + ":" + std::to_string(line));
  }

  std::string file_name_;
  State state_ = State::kBeforeName;
  int line_ = 1;
  int start_line_ = 1;
  std::string name_;
  std::string value_;
  // Blanks at the end of an unquoted value so far, dropped if nothing else follows.
  std::size_t value_trailing_blanks_ = 0;
  std::vector<EnvAssignment> assignments_;
};

}  // namespace

core::Result<std::vector<EnvAssignment>> parse_env_file(std::string_view text,
                                                        std::string_view file_name) {
  return EnvFileParser(file_name).parse(text);
}

core::Result<std::vector<EnvAssignment>> read_env_file(const std::string& path) {
  std::error_code error;
  if (!std::filesystem::exists(path, error)) {
    return core::fail(core::ErrorCode::kIo, "env file does not exist", path);
  }
  std::ifstream file(path, std::ios::binary);
  if (!file || std::filesystem::is_directory(path, error)) {
    return core::fail(core::ErrorCode::kIo, "cannot read env file", path);
  }
  std::ostringstream text;
  text << file.rdbuf();
  return parse_env_file(text.str(), path);
}

}  // namespace feedsentry::config
