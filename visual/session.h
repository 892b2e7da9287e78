// A live run for the view: the model, the commands waiting for the next tick, the latest
// snapshot and the history and ticker built from snapshots. No window and no SFML here.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "agents/model.h"
#include "agents/param_table.h"
#include "visual/events.h"
#include "visual/history.h"
#include "visual/snapshot.h"

namespace regsim::visual {

/// Where a run's config comes from: a file, or TOML text (the embedded default).
struct ConfigSource {
  std::string path;                    ///< config file; empty = use `text`
  std::string text;                    ///< TOML text when `path` is empty
  std::string name;                    ///< shown in the window ("experiments/baseline.toml")
  std::vector<std::string> overrides;  ///< "key=value" from --set / --seed on the command line
};

/// Loads a config from its source with extra overrides (applied after the source's own).
/// Throws sim::ConfigException listing every error.
agents::RunConfig load_config(const ConfigSource& source,
                              const std::vector<std::string>& extra_overrides = {});

/// The other branch of a fork (fork and compare): a copy of the model taken at the fork
/// (state::copy_model, the saved-state format in memory) that goes on with the levers then in
/// force (and the config's schedule), stepped beside the session's own run, with its own
/// snapshot and history.
struct Branch {
  agents::Model model;
  Snapshot snapshot;
  History history;  ///< the run's history up to the fork, then this branch's
  std::vector<agents::ParamChange> pending;  ///< commands queued before the fork
  sim::Tick at = 0;                          ///< the tick both branches start from
  std::size_t log_at = 0;  ///< the length of the session's command log at the fork
};

class Session {
 public:
  static constexpr std::size_t kMaxEvents = 300;

  /// Builds the model; throws sim::ConfigException when the config is invalid.
  explicit Session(ConfigSource source);

  const Snapshot& snapshot() const { return snapshot_; }
  const History& history() const { return history_; }
  const History& previous() const { return previous_; }  ///< the run before the last restart
  const std::deque<TickerEvent>& events() const { return events_; }  ///< newest first
  const agents::ParamTable& table() const { return *table_; }
  const agents::Model& model() const { return model_; }
  /// Outlines of world.map, loaded at start and kept across restarts on the same map; null for
  /// a synthetic world or a map without outlines.
  const std::shared_ptr<MapOutlines>& outlines() const { return outlines_; }
  const ConfigSource& source() const { return source_; }
  bool finished() const { return model_.finished(); }
  std::uint64_t seed() const { return model_.world.seed; }

  /// Queues a command; it is applied by step(model, commands) at the start of the next tick.
  /// Before the first step nothing has happened yet, so the change becomes part of the world's
  /// setting instead: the model is rebuilt as with `--set key=value` (the warm start inside
  /// make_model already reads some levers, such as market.kappa). Throws sim::ConfigException.
  void send(agents::ParamChange change);
  const std::vector<agents::ParamChange>& pending() const { return pending_; }
  /// Every command applied in this run, with the tick it applied at.
  const std::vector<agents::ParamChange>& command_log() const { return log_; }
  /// The overrides the current world was built with beyond the source's own ("key=value").
  const std::vector<std::string>& build_overrides() const { return build_overrides_; }
  /// Runs one tick (no-op when finished), then takes the snapshot and updates history and ticker.
  void step();

  /// Values used from tick 0 by the next restart (restart-only levers, and levers moved live
  /// so that a restart keeps what the class chose). Set to the config's value to clear it.
  void set_restart_value(const std::string& key, const sim::ScalarValue& value);
  void clear_restart_values() { restart_values_.clear(); }
  const std::map<std::string, sim::ScalarValue>& restart_values() const { return restart_values_; }
  /// The overrides a restart with `seed` would use: the source's, the restart values, the seed.
  std::vector<std::string> restart_overrides(std::uint64_t seed) const;
  /// Rebuilds the world from the source with the restart overrides; the run so far becomes
  /// previous(). Throws sim::ConfigException (the session is unchanged then).
  void restart(std::uint64_t seed);
  /// Switches to another config (a scenario); restart values are cleared. Throws like restart.
  void load(ConfigSource source);

  /// Fork and compare: saves the state now and from then on runs a second branch beside this
  /// run. The branch keeps the levers in force at the fork (and the commands already queued);
  /// commands sent afterwards go to this run only, so the two differ by the levers moved after
  /// the fork. A restart or scenario switch ends the comparison.
  void fork();
  /// Ends the comparison: the other branch is dropped and this run goes on.
  void end_fork() { branch_.reset(); }
  /// The other branch, or null when not forked.
  const Branch* branch() const { return branch_ ? &*branch_ : nullptr; }
  /// The commands this run took since the fork, applied or waiting (what tells the branches
  /// apart); empty when not forked.
  std::vector<agents::ParamChange> changes_since_fork() const;

 private:
  void start(agents::RunConfig config);
  void refresh_outlines(const agents::RunConfig& config);

  ConfigSource source_;
  agents::Model model_;
  std::unique_ptr<agents::ParamTable> table_;
  std::shared_ptr<MapOutlines> outlines_;
  Snapshot snapshot_;
  History history_, previous_;
  std::deque<TickerEvent> events_;
  std::vector<agents::ParamChange> pending_, log_;
  std::vector<std::string> build_overrides_;
  std::map<std::string, sim::ScalarValue> restart_values_;
  std::optional<Branch> branch_;
};

}  // namespace regsim::visual
