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

#include "core/result.h"

namespace feedsentry::config {

using EnvironmentLookup = std::function<std::optional<std::string>(const std::string& name)>;

// The process environment (getenv).
std::optional<std::string> process_environment(const std::string& name);

core::Result<std::string> substitute_env(std::string_view text,
                                         const EnvironmentLookup& lookup = process_environment);

}  // namespace feedsentry::config
