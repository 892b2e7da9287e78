// The human text of a run: the closing summary and the phase profile table.
#pragma once

#include <string>

#include "experiments/run/driver.h"

namespace regsim::experiments {

/// The summary as the short human text the CLI prints.
std::string format_summary(const RunSummary& s);

/// The phase table of a profiled run: wall seconds, share and milliseconds per tick per phase.
std::string format_profile(const agents::PhaseProfile& p, int ticks, double wall_seconds);

}  // namespace regsim::experiments
