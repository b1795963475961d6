#include <string_view>
#include <vector>

#include "app/cli.h"

int main(int argc, char** argv) {
  std::vector<std::string_view> arguments(argv + 1, argv + argc);
  return feedsentry::app::run_cli(arguments);
}
