// The table of every configurable parameter: key, type, range, doc; used by configs, --set,
// schedules, the live view's commands and the manifest.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "agents/model_params.h"
#include "sim/config.h"
#include "sim/types.h"

namespace regsim::agents {

enum class ParamType { Real, Integer, Boolean, Choice, Text };

struct ParamSpec {
  std::string key;
  ParamType type = ParamType::Real;
  double min = 0.0, max = 0.0;       ///< inclusive range for Real and Integer
  std::vector<std::string> choices;  ///< allowed names for Choice
  std::string doc;
  bool schedulable = true;  ///< may change during a run (schedule, view commands)
  std::function<sim::ScalarValue(const ModelParams&)> get;
  std::function<void(ModelParams&, const sim::ScalarValue&)> set;  ///< value already checked
  bool required = false;  ///< no default: every config must set it (regsim params says so)
  /// Older keys of the same parameter, accepted wherever a key is (configs, --set, schedules,
  /// sweep files, live commands) without a warning: experiment files, sweep stores and lesson
  /// plans written with them keep working. Outputs (manifest, params dumps) use `key`.
  std::vector<std::string> aliases{};
};

/// The parameter table for a given track list (track keys are "tracks.<name>.<field>").
class ParamTable {
 public:
  explicit ParamTable(const std::vector<sim::TrackParams>& tracks);
  /// The parameter with this key or alias, else nullptr.
  const ParamSpec* find(const std::string& key) const;
  const std::vector<ParamSpec>& specs() const { return specs_; }
  /// Every key and every old key (ParamSpec::aliases): the names find() accepts, and so the
  /// names that decide which tables a config, schedule or sweep file may hold ([policy] is one).
  std::vector<std::string> names() const;
  /// Checks type and range, and converts (integers are accepted for reals). Returns an error
  /// message, or nullopt when the value is good and `out` holds the converted value.
  static std::optional<std::string> check(const ParamSpec& spec, const sim::ScalarValue& value,
                                          sim::ScalarValue& out);

 private:
  std::vector<ParamSpec> specs_;
};

/// A change of one parameter at the start of a tick (from a schedule or a live command).
struct ParamChange {
  sim::Tick tick = 0;
  std::string key;
  sim::ScalarValue value;
};

/// A fully resolved run configuration.
struct RunConfig {
  ModelParams params;
  std::vector<ParamChange> schedule;  ///< sorted by tick, stable in file order
  std::string source;                 ///< the config path, or "(default)"
};

/// Loads a config file (or the built-in default when path is empty), applies `overrides`
/// ("key=value" strings from --set, reported as coming from "--set"), validates everything and
/// throws sim::ConfigException listing every error.
RunConfig load_run_config(const std::string& path, const std::vector<std::string>& overrides);
/// The same from TOML text (used by tests and the embedded default).
RunConfig load_run_config_text(const std::string& text, const std::string& name,
                               const std::vector<std::string>& overrides);

/// Applies a checked change to the params (used for schedules and live commands).
/// Returns an error message when the key is unknown, not schedulable or the value is bad.
std::optional<std::string> apply_change(ModelParams& params, const std::string& key,
                                        const sim::ScalarValue& value);

/// Every parameter as JSON object members, in table order ("key": value), for the manifest.
std::string params_to_json(const ModelParams& params, int indent);
/// Every parameter as a TOML document that load_run_config reads back to the same params.
std::string params_to_toml(const ModelParams& params);

}  // namespace regsim::agents
