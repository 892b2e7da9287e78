// Demand cycles (market.demand_cycles): the annual log AR(1) component of a track's demand.
#pragma once

#include <cstdint>

#include "sim/params.h"
#include "sim/types.h"

namespace regsim::agents {

/// Innovation of year y >= 1 (a standard normal): the first draw of the stream keyed by
/// (seed, run, first tick of y, track, Purpose::DemandCycle).
double demand_cycle_innovation(std::uint64_t seed, std::uint32_t run, int year,
                               std::uint32_t track);

/// The log demand cycle z^C_k(y) of the year containing `tick` (docs/model.md 4.5):
/// z^C(0) = 0 and z^C(y) = rho z^C(y-1) + sd eps_y for y >= 1; 0 before tick 0 and when sd is 0.
/// Stateless: recomputed from the counter-based draws, so it needs no world state and is the same
/// for any thread count (which is why cycle_sd and cycle_rho cannot be scheduled).
double demand_cycle(std::uint64_t seed, std::uint32_t run, sim::Tick tick, std::uint32_t track,
                    const sim::TrackParams& t);

}  // namespace regsim::agents
