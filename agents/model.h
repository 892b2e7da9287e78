// A running model: parameters in force, the world, and one tick of the reference model.
#pragma once

#include <array>
#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "agents/metrics.h"
#include "agents/param_table.h"
#include "agents/phases/phase.h"
#include "sim/market.h"
#include "sim/world.h"

namespace regsim::agents {

/// Wall time spent in each phase of step() (MODEL.md section 3), when profiling is on; indexed
/// by Phase.
struct PhaseProfile {
  static constexpr std::size_t kPhases = kPhaseCount;
  static const char* name(std::size_t phase);  ///< phase_name of Phase(phase)
  std::array<double, kPhases> seconds{};
  double init_seconds = 0;  ///< make_model
};

/// A city government's choices made outside the model (a student in the classroom role-play).
struct CityChoice {
  std::vector<sim::TrackId> priorities;  ///< listed tracks: distinct, at most list_size
  double subsidy_rate = 0;               ///< capex subsidy share; clipped to [0, state_aid_cap]
  bool bailouts = true;  ///< bail out distressed firms as far as the debt room allows
};

/// Per city, choices that replace the model's decision rules in the plan and exit phases;
/// nullopt (or a city beyond the end) follows the model's rule. Empty: no city is held.
struct ExternalDecisions {
  std::vector<std::optional<CityChoice>> city;
  const CityChoice* find(std::size_t i) const {
    return i < city.size() && city[i] ? &*city[i] : nullptr;
  }
};

/// Everything one run owns. Two Models never share state, so a sweep runs many at once.
struct Model {
  ModelParams params;                 ///< the parameters in force (schedules change them)
  std::vector<ParamChange> schedule;  ///< pending changes, sorted by tick
  std::size_t next_change = 0;
  sim::World world;
  std::unique_ptr<sim::MarketSolver> solver;
  Metrics metrics;                        ///< the latest tick's national and track metrics
  std::vector<ParamChange> applied;       ///< log of every change applied (schedule and commands)
  std::unique_ptr<PhaseProfile> profile;  ///< null unless profiling (phase timers cost ~1 us/tick)
  ExternalDecisions external;  ///< cities governed from outside (classroom); usually none

  int total_ticks() const { return params.world.years * sim::kTicksPerYear; }
  bool finished() const { return world.tick >= total_ticks(); }
};

/// Builds the world of a run (tick 0 state) from a resolved config; `run` is the replicate index.
Model make_model(const RunConfig& config, std::uint32_t run = 0);

/// The market solver `market` selects (conduct, solver name and conduct numbers); throws
/// std::runtime_error naming an unknown conduct or solver or a value out of range.
std::unique_ptr<sim::MarketSolver> make_solver(const sim::MarketParams& market);

/// One tick of MODEL.md section 3, applying `commands` (live changes) before the phases.
void step(Model& m, std::span<const ParamChange> commands = {});

/// 64-bit hash of the world state: every column and scalar of World whose lifetime is not Cache
/// (persistent state, year accumulators and tick flows; sim::Columns lists them), in list order,
/// each vector as its length then its elements' bytes (doubles by bit pattern).
std::uint64_t hash_state(const sim::World& w);

}  // namespace regsim::agents
