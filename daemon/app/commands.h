#pragma once
// The subcommands behind app::run_cli, one function each; arguments exclude the command.
#include <span>
#include <string_view>

namespace feedsentry::app {

int run_parse_command(std::span<const std::string_view> arguments);
int run_classify_command(std::span<const std::string_view> arguments);
int run_eval_command(std::span<const std::string_view> arguments);
int run_check_config_command(std::span<const std::string_view> arguments);
int run_run_command(std::span<const std::string_view> arguments);
int run_once_command(std::span<const std::string_view> arguments);
int run_stories_command(std::span<const std::string_view> arguments);
int run_outbox_command(std::span<const std::string_view> arguments);
int run_watchlist_command(std::span<const std::string_view> arguments);

}  // namespace feedsentry::app
