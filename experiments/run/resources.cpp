// Memory prediction of a run and its check against the machine (sim::usable_memory_bytes).
#include "experiments/run/resources.h"

#include "agents/entry_limits.h"
#include "sim/config.h"
#include "sim/limits.h"

namespace regsim::experiments {

double predicted_run_bytes(const agents::ModelParams& p) {
  const double cities = p.world.cities, tracks = static_cast<double>(p.tracks.size());
  const double firms = p.world.initial_firms;
  constexpr double kBase = 16e6, kPerPair = 16.0, kPerCell = 200.0;
  return kBase + firms * agents::kBytesPerFirm + cities * cities * kPerPair +
         cities * tracks * kPerCell;
}

void check_run_memory(const agents::ModelParams& p, int runs_at_once, const std::string& where,
                      double kept_bytes) {
  const std::uint64_t memory = sim::usable_memory_bytes();
  const double need = predicted_run_bytes(p) * std::max(1, runs_at_once) + kept_bytes;
  if (memory == 0 || need <= static_cast<double>(memory)) return;
  sim::ConfigErrors errors;
  errors.add(sim::Source{where, 0}, "world",
             "a run of " + std::to_string(p.world.cities) + " cities, " +
                 std::to_string(p.tracks.size()) + " tracks and " +
                 std::to_string(p.world.initial_firms) + " initial firms" +
                 (runs_at_once > 1 ? ", " + std::to_string(runs_at_once) + " at once," : "") +
                 " needs about " + sim::format_bytes(need) +
                 (kept_bytes > 0 ? " (" + sim::format_bytes(kept_bytes) + " of it kept series)"
                                 : std::string()) +
                 ", more than this machine's " + sim::format_bytes(static_cast<double>(memory)));
  throw sim::ConfigException(errors);
}

}  // namespace regsim::experiments
