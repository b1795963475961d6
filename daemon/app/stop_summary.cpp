#include "app/stop_summary.h"

#include <spdlog/spdlog.h>

#include "app/pipeline.h"

namespace feedsentry::app {

std::string stop_summary_line(std::size_t delivered_this_run,
                              const std::vector<store::OutboxCounts>& outbox) {
  std::int64_t pending = 0;
  std::int64_t dead = 0;
  std::string pending_per_output;
  for (const store::OutboxCounts& output : outbox) {
    pending += output.pending;
    dead += output.dead;
    if (output.pending == 0) continue;
    pending_per_output += pending_per_output.empty() ? "; pending: " : ", ";
    pending_per_output += output.output + " " + std::to_string(output.pending);
  }
  return "stopped: " + std::to_string(delivered_this_run) + " delivered this run, " +
         std::to_string(pending) + " pending, " + std::to_string(dead) + " dead letters" +
         pending_per_output;
}

void log_stop_summary(const config::Config& config, std::size_t delivered_this_run) {
  auto database = open_state(config, StateConnection::kFurther);
  if (!database) {
    spdlog::error("stopped: {} delivered this run; outbox not readable: {}", delivered_this_run,
                  database.error().describe());
    return;
  }
  auto counts = store::OutboxStore(*database).counts();
  if (!counts) {
    spdlog::error("stopped: {} delivered this run; outbox not readable: {}", delivered_this_run,
                  counts.error().describe());
    return;
  }
  spdlog::info("{}", stop_summary_line(delivered_this_run, *counts));
}

}  // namespace feedsentry::app
