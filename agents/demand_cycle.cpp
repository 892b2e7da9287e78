// Demand cycles (market.demand_cycles): the annual log AR(1) component of a track's demand.
#include "agents/demand_cycle.h"

#include "sim/random.h"

namespace regsim::agents {

double demand_cycle_innovation(std::uint64_t seed, std::uint32_t run, int year,
                               std::uint32_t track) {
  sim::Stream s(
      sim::StreamKey{seed, run, year * sim::kTicksPerYear, track, sim::Purpose::DemandCycle});
  return sim::std_normal(s);
}

double demand_cycle(std::uint64_t seed, std::uint32_t run, sim::Tick tick, std::uint32_t track,
                    const sim::TrackParams& t) {
  if (tick < 0 || t.cycle_sd <= 0) return 0.0;
  double z = 0.0;
  for (int y = 1; y <= sim::year_of(tick); ++y)
    z = t.cycle_rho * z + t.cycle_sd * demand_cycle_innovation(seed, run, y, track);
  return z;
}

}  // namespace regsim::agents
