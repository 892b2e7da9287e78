// Entry bounds: entrants per cell and tick, and the firm table against the machine's memory.
#include "agents/entry_limits.h"

#include <string>

#include "sim/config.h"
#include "sim/limits.h"

namespace regsim::agents {

namespace {

[[noreturn]] void stop(const sim::World& w, const std::string& key, const std::string& message) {
  sim::ConfigErrors errors;
  errors.add(sim::Source{"tick " + std::to_string(w.tick), 0}, key, message);
  throw sim::ConfigException(errors);
}

}  // namespace

void check_entrants(const sim::World& w, const ModelParams& p, std::uint64_t count, int city,
                    std::size_t track, std::uint64_t new_firms) {
  const std::string& name = p.tracks[track].name;
  if (count > static_cast<std::uint64_t>(p.firms.max_entrants)) {
    const std::string where =
        city >= 0 ? "city " + w.geo.names[static_cast<std::size_t>(city)] + ", track " + name
                  : "mobile entry, track " + name;
    stop(w, "firms.max_entrants",
         where + ": " + std::to_string(count) + " entrants drawn in one tick, above the limit of " +
             std::to_string(p.firms.max_entrants) + " (entry scales with firms.entry_rate, " +
             "firms.mobile_rate and tracks." + name + ".entry_weight, and falls with tracks." +
             name + ".capex; raise firms.max_entrants only if the machine can hold the firms)");
  }
  // Read once per process: opening the cgroup files for every cell with entrants cost about a
  // tenth of a default run's CPU time (docs/performance.md).
  static const std::uint64_t memory = sim::usable_memory_bytes();
  const double need =
      (static_cast<double>(w.firms.size()) + static_cast<double>(new_firms)) * kBytesPerFirm;
  if (memory > 0 && need > static_cast<double>(memory) / 2)
    stop(w, "firms",
         std::to_string(w.firms.size() + new_firms) + " firms would need about " +
             sim::format_bytes(need) + ", more than half of this machine's " +
             sim::format_bytes(static_cast<double>(memory)) + " (entry into track " + name +
             " is far above any calibrated rate)");
}

}  // namespace regsim::agents
