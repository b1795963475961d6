#include "config/env_substitution.h"

#include <cstdlib>

namespace feedsentry::config {
namespace {

bool is_name_start(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
}
bool is_name_char(char c) {
  return is_name_start(c) || (c >= '0' && c <= '9');
}

// The one substitution loop. `unset` null: an unset ${NAME} is an error; otherwise it is kept
// as written and its name collected.
core::Result<std::string> substitute(std::string_view text, const EnvironmentLookup& lookup,
                                     std::vector<std::string>* unset) {
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t dollar = text.find('$', pos);
    if (dollar == std::string_view::npos || dollar + 1 == text.size()) {
      out.append(text.substr(pos));
      break;
    }
    out.append(text.substr(pos, dollar - pos));
    const char next = text[dollar + 1];
    if (next == '$') {
      out += '$';
      pos = dollar + 2;
      continue;
    }
    if (next != '{') {
      out += '$';
      pos = dollar + 1;
      continue;
    }
    const std::size_t close = text.find('}', dollar + 2);
    if (close == std::string_view::npos) {
      return core::fail(core::ErrorCode::kInvalidArgument,
                        "unterminated '${' (write $$ for a literal '$')");
    }
    const std::string_view inside = text.substr(dollar + 2, close - dollar - 2);
    const std::size_t separator = inside.find(":-");
    const std::string name(inside.substr(0, separator));
    if (!is_environment_variable_name(name)) {
      return core::fail(core::ErrorCode::kInvalidArgument,
                        "'${" + std::string(inside.substr(0, separator)) +
                            "}' is not a valid environment variable name (letters, digits, _)");
    }
    const std::optional<std::string> value = lookup(name);
    if (separator != std::string_view::npos) {
      out += value && !value->empty() ? *value : std::string(inside.substr(separator + 2));
    } else if (value) {
      out += *value;
    } else if (unset != nullptr) {
      out += "${" + name + "}";
      unset->push_back(name);
    } else {
      return core::fail(core::ErrorCode::kInvalidArgument, "environment variable " + name +
                                                               " is not set (write ${" + name +
                                                               ":-default} to allow that)");
    }
    pos = close + 1;
  }
  return out;
}

}  // namespace

bool is_environment_variable_name(std::string_view name) {
  if (name.empty() || !is_name_start(name.front())) return false;
  for (const char c : name) {
    if (!is_name_char(c)) return false;
  }
  return true;
}

std::optional<std::string> process_environment(const std::string& name) {
  const char* value = std::getenv(name.c_str());
  if (value == nullptr) return std::nullopt;
  return std::string(value);
}

core::Result<std::string> substitute_env(std::string_view text, const EnvironmentLookup& lookup) {
  return substitute(text, lookup, nullptr);
}

core::Result<PartialSubstitution> substitute_env_keeping_unset(std::string_view text,
                                                               const EnvironmentLookup& lookup) {
  PartialSubstitution result;
  const EnvironmentLookup noting_lookup = [&](const std::string& name) {
    result.from_environment = true;
    return lookup(name);
  };
  auto substituted = substitute(text, noting_lookup, &result.unset);
  if (!substituted) return tl::unexpected(substituted.error());
  result.text = std::move(*substituted);
  return result;
}

}  // namespace feedsentry::config
