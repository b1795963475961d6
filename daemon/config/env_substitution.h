#pragma once
// ${NAME} substitution in config values, as a pure function over an injected lookup:
//   ${NAME}            the variable's value; an error if it is not set
//   ${NAME:-fallback}  the value, or `fallback` when the variable is unset or empty
//   $$                 a literal '$'
// A '$' not followed by '{' or '$' is kept as is. Names are [A-Za-z_][A-Za-z0-9_]*.
// Error messages name the variable but never include any value (values may be secrets).
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace feedsentry::config {

using EnvironmentLookup = std::function<std::optional<std::string>(const std::string& name)>;

// [A-Za-z_][A-Za-z0-9_]*: the names ${NAME} and --env-file accept.
bool is_environment_variable_name(std::string_view name);

// The process environment (getenv).
std::optional<std::string> process_environment(const std::string& name);

core::Result<std::string> substitute_env(std::string_view text,
                                         const EnvironmentLookup& lookup = process_environment);

// For values only some commands need (an output's webhook URL or token): a `${NAME}` whose
// variable is not set is no error here. It stays in `text` exactly as written and its name is
// listed in `unset`, so the caller decides later whether the value is needed. Syntax errors
// are still errors.
struct PartialSubstitution {
  std::string text;
  std::vector<std::string> unset;
  bool from_environment = false;  // some ${NAME} was in the text, set or not
};
core::Result<PartialSubstitution> substitute_env_keeping_unset(
    std::string_view text, const EnvironmentLookup& lookup = process_environment);

}  // namespace feedsentry::config
