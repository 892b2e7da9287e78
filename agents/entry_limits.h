// Bounds on firm entry: a tick that would draw more entrants than firms.max_entrants allows, or
// grow the firm table past the machine's memory, stops the run with an error naming the keys.
#pragma once

#include <cstdint>

#include "agents/model_params.h"
#include "sim/world.h"

namespace regsim::agents {

/// Estimated bytes per firm: the 20 columns of sim::Firms (about 130 bytes), doubled for vector
/// growth and the per-firm scratch of the phases.
inline constexpr double kBytesPerFirm = 256.0;

/// Throws sim::ConfigException (exit code 2) when `count` entrants drawn for `track` in `city`
/// (-1: mobile entry, the city is chosen later) exceed firms.max_entrants, or when `new_firms`
/// more firms would need more memory than the machine has.
void check_entrants(const sim::World& w, const ModelParams& p, std::uint64_t count, int city,
                    std::size_t track, std::uint64_t new_firms);

}  // namespace regsim::agents
