#pragma once
// `--env-file FILE`: variable assignments in systemd's EnvironmentFile= syntax
// (systemd.exec(5)), so the file the unit reads is the file the CLI reads, with the same
// values:
//   NAME=value     leading and trailing blanks dropped; `\x` keeps x; `\` at the end of a
//                  line continues it; quotes after the first character are kept as written
//   NAME='value'   verbatim, may span lines, no escapes
//   NAME="value"   may span lines; `\"` `\\` `\`` `\$` escape, `\` + newline continues,
//                  any other `\x` is kept as both characters
//   # or ;         at the start of a line: a comment, to the end of that line (as systemd
//                  254 and later read it; older versions continued one ending in `\`)
// Stricter than systemd, which skips such lines with a warning the operator rarely sees:
// a line without '=', a name that is not [A-Za-z_][A-Za-z0-9_]* (`export NAME=` included:
// systemd does not accept the shell keyword) and an unterminated quote are errors,
// Error::describe() is "file:line: message"; messages never contain a value or the line
// itself: the file holds secrets.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"

namespace feedsentry::config {

struct EnvAssignment {
  std::string name;
  std::string value;
};

// The assignments in file order (a later one of the same name wins when applied).
// `file_name` prefixes error messages.
core::Result<std::vector<EnvAssignment>> parse_env_file(std::string_view text,
                                                        std::string_view file_name);

// Reads and parses `path`; a missing or unreadable file is an error naming it.
core::Result<std::vector<EnvAssignment>> read_env_file(const std::string& path);

}  // namespace feedsentry::config
