#pragma once
// Command-line front end: dispatches `feedsentry <subcommand> ...` and owns the usage
// texts. Each subcommand returns the process exit status; none calls exit().
#include <span>
#include <string_view>

namespace feedsentry::app {

int run_cli(std::span<const std::string_view> arguments);

}  // namespace feedsentry::app
