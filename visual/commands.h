// Turning the view's controls into ParamChange commands: pure functions, tested without a window.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "agents/param_table.h"
#include "sim/config.h"
#include "sim/types.h"

namespace regsim::visual {

enum class LeverKind { Slider, Switch, Choice };

/// One control of the levers panel, bound to a parameter key.
struct Lever {
  std::string key;    ///< parameter key, e.g. "market.kappa"
  std::string label;  ///< short label shown beside the control
  std::string help;   ///< one sentence shown on hover
  LeverKind kind = LeverKind::Slider;
  double min = 0, max = 1;           ///< slider range (within the parameter's own range)
  std::vector<std::string> choices;  ///< for Choice levers, from the parameter table
  bool at_restart = false;           ///< cannot change during a run: applied when restarting
};

/// The classroom levers, in panel order; ranges and choices come from the parameter table.
std::vector<Lever> classroom_levers(const agents::ParamTable& table);

/// A command, or why none could be made.
struct CommandResult {
  std::optional<agents::ParamChange> change;
  std::string error;
  explicit operator bool() const { return change.has_value(); }
};

/// Slider values are rounded to 3 decimals, so that the command equals `--set key=<value>`.
double round_slider_value(double value);

/// A live change of a real or integer parameter to `value`, to apply at the start of `tick`.
CommandResult command_for_slider(const agents::ParamTable& table, const std::string& key,
                                 double value, sim::Tick tick);
/// A live change of a boolean parameter.
CommandResult command_for_switch(const agents::ParamTable& table, const std::string& key, bool on,
                                 sim::Tick tick);
/// A live change of a choice parameter to one of its names.
CommandResult command_for_choice(const agents::ParamTable& table, const std::string& key,
                                 const std::string& choice, sim::Tick tick);
/// A live change written as "key=value" (as --set), e.g. "market.kappa=0", checked against the
/// table like any lever.
CommandResult command_for_text(const agents::ParamTable& table, const std::string& text,
                               sim::Tick tick);
/// "Announce a hot track now": the centre endorses `track` (tracks.<track>.signal = 1).
CommandResult command_for_hot_track(const agents::ParamTable& table, const std::string& track,
                                    sim::Tick tick);

/// The `--set` text of a value ("world.heterogeneity=0.25"), for levers applied at restart.
std::string override_text(const std::string& key, const sim::ScalarValue& value);
/// Short human text of an applied change, for markers and the ticker ("κ → 0.2").
std::string change_label(const agents::ParamChange& change);
/// The value of a parameter as a double (booleans 0/1, choices their index), for controls.
double numeric_value(const agents::ParamTable& table, const agents::ModelParams& params,
                     const std::string& key);
/// The value of a choice parameter, or "" when the key is not a choice.
std::string choice_value(const agents::ParamTable& table, const agents::ModelParams& params,
                         const std::string& key);
/// A [[schedule]] TOML block per change, so a session can be replayed with `regsim run`.
std::string commands_as_schedule(const std::vector<agents::ParamChange>& commands);

}  // namespace regsim::visual
