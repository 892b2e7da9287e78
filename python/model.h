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

namespace regsim::python {

/// The model behind regsim.Model. Commands queued by set() are applied by step() at the start
/// of the next tick, as the live view applies its levers; before the first step, set() changes
/// the setting the world is built with instead (as set={...} in the constructor would).
class SteppedModel {
 public:
  SteppedModel(std::optional<std::string> config, std::vector<std::string> overrides, int threads);
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

 private:
  void build(agents::RunConfig config);

  std::optional<std::string> config_path_;
  std::vector<std::string> overrides_;
  tbb::task_arena arena_;
  agents::Model model_;
  std::unique_ptr<agents::ParamTable> table_;
  std::vector<agents::ParamChange> pending_;
  experiments::MemorySink sink_;
  std::unique_ptr<experiments::Recorder> recorder_;
};

/// Loads a run config: the file, or the embedded default when there is none.
agents::RunConfig load_config(const std::optional<std::string>& path,
                              const std::vector<std::string>& overrides);

}  // namespace regsim::python
