// A model stepped from Python: parameter changes between ticks, tables so far in memory.
#pragma once

#include <tbb/task_arena.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "agents/model.h"
#include "agents/param_table.h"
#include "experiments/run/recorder.h"
#include "python/convert.h"
#include "state/state.h"

namespace regsim::python {

/// The model behind regsim.Model. Commands queued by set() are applied by step() at the start
/// of the next tick, as the live view applies its levers; before the first step, set() changes
/// the setting the world is built with instead (as set={...} in the constructor would).
class SteppedModel {
 public:
  SteppedModel(std::optional<std::string> config, std::vector<std::string> overrides, int threads);
  /// A model continuing a saved state (its tables so far and pending changes included).
  SteppedModel(state::Saved saved, const std::string& name, int threads);
  SteppedModel(const SteppedModel&) = delete;
  SteppedModel& operator=(const SteppedModel&) = delete;

  /// Runs n ticks without the GIL; raises ValueError past the end of the run.
  void step(int n);
  void set(const std::string& key, py::handle value);
  py::object get(const std::string& key) const;
  /// The columns of a table so far ("metrics", "tracks", "cities").
  py::list table(const std::string& name) const;
  int tick() const { return model_.world.tick; }
  int total_ticks() const { return model_.total_ticks(); }
  std::uint64_t state_hash() const { return agents::hash_state(model_.world); }
  /// Changes queued for the next tick, as (key, value) pairs.
  py::list pending() const;
  /// Every change applied so far, schedule and set() alike, as (tick, key, value).
  py::list applied() const;
  /// The whole state with the tables so far and the pending changes (state/state.h).
  std::string state_bytes() const;
  /// state_bytes() written to `path` atomically.
  void save(const std::string& path) const;
  /// A model at the same point that continues exactly as this one would.
  std::unique_ptr<SteppedModel> copy() const;
  /// A model from a file written by save() or regsim run --save-state.
  static std::unique_ptr<SteppedModel> load(const std::string& path, int threads);

 private:
  void build(agents::RunConfig config);
  void restore(state::Saved saved, const std::string& name);

  std::optional<std::string> config_path_;
  std::vector<std::string> overrides_;
  mutable tbb::task_arena arena_;
  agents::Model model_;
  std::unique_ptr<agents::ParamTable> table_;
  std::vector<agents::ParamChange> pending_;
  experiments::MemorySink sink_;
  std::unique_ptr<experiments::Recorder> recorder_;
  int threads_ = 0;
  bool loaded_ = false;  ///< from a state: set() before a step cannot rebuild the world
};

/// Loads a run config: the file, or the embedded default when there is none.
agents::RunConfig load_config(const std::optional<std::string>& path,
                              const std::vector<std::string>& overrides);

}  // namespace regsim::python
