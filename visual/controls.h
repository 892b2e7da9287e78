// The view's own state (pause, speed, pinned city...) and the actions keys and buttons trigger.
// Actions that change the model go through Session::send as ParamChange commands.
#pragma once

#include <SFML/Window/Keyboard.hpp>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "visual/commands.h"
#include "visual/map_modes.h"
#include "visual/scenarios.h"
#include "visual/session.h"

namespace regsim::visual {

inline constexpr double kMinSpeed = 0.5, kMaxSpeed = 40.0;  ///< ticks per second

struct ViewState {
  bool paused = false;
  double ticks_per_second = 2.0;  ///< a 30-year run takes a minute
  bool show_help = false;
  int hovered = -1, pinned = -1;  ///< city indices, -1 = none
  int hot_track = 0;              ///< track chosen for "announce a hot track"
  /// What the map's colours show. View state only: it survives restarts and scenario switches
  /// (the track is kept in range).
  MapChoice map;
  float map_controls_width = 0;  ///< width of the map's menus last frame (pixels)
  /// After a fork: the map, the tracks and the city details show the other branch (B key).
  bool show_branch = false;
  std::vector<Scenario> scenarios;
  std::string scenario_label;  ///< what is loaded ("(default) baseline.toml", a path...)
  std::string status;          ///< last notice or error, shown in the top bar
  bool status_is_error = false;
  std::map<std::string, float> editing;  ///< slider values while being dragged

  // Requests that replace the snapshot; the loop handles them between frames.
  std::optional<std::uint64_t> restart_seed;
  std::optional<std::size_t> load_scenario;  ///< index into scenarios
  int steps_requested = 0;
  bool save_screenshot = false;  ///< save the next frame to a PNG in the working directory
  bool quit = false;
};

enum class Action {
  TogglePause,
  Step,
  RestartNewSeed,
  RestartSameSeed,
  ToggleHelp,
  Faster,
  Slower,
  FrictionDown,
  FrictionUp,
  AnnounceHotTrack,
  Unpin,
  SaveScreenshot,
  NextMapMode,
  PreviousMapMode,
  NextMapTrack,
  PreviousMapTrack,
  Fork,
  ShowOtherBranch,
  Quit,
};

struct Shortcut {
  const char* keys;
  const char* description;
  Action action;
};

/// Every keyboard shortcut, as listed in the help overlay.
const std::vector<Shortcut>& shortcut_list();
/// The action bound to a key, if any.
std::optional<Action> action_for_key(sf::Keyboard::Key key, bool shift, bool control);
/// What the map, the tracks and the city details show: the other branch of a fork when the view
/// asks for it and there is one, else this run.
const Snapshot& shown_snapshot(const Session& session, const ViewState& view);
const History& shown_history(const Session& session, const ViewState& view);
/// Runs an action: view-state changes directly, model changes as commands, restarts as requests.
void perform(Action action, Session& session, ViewState& view);

/// Handles the requests that replace the snapshot (restart, scenario switch) between frames;
/// `sets` are the command line's --set overrides, kept for a new scenario. Errors go to the
/// status line. The view's own choices (map mode and track, speed, pause) stay as they are.
void apply_requests(Session& session, ViewState& view, const std::vector<std::string>& sets);

/// The value a control shows: a slider being dragged, else a command waiting for the next tick,
/// else the value in force.
double effective_value(const Session& session, const ViewState& view, const std::string& key);
/// Sends a command made by command_for_*: queues it, remembers it for restarts (levers only) and
/// reports the result in the status line.
void send_command(Session& session, ViewState& view, const CommandResult& result,
                  bool keep_on_restart = true);

}  // namespace regsim::visual
