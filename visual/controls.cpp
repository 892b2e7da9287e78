// The view's own state and the actions keys and buttons trigger.
#include "visual/controls.h"

#include <algorithm>
#include <exception>

#include "visual/events.h"
#include "visual/text.h"

namespace regsim::visual {

const std::vector<Shortcut>& shortcut_list() {
  static const std::vector<Shortcut> list = {
      {"Space", "play / pause", Action::TogglePause},
      {"S", "step one quarter", Action::Step},
      {"+  /  -", "faster / slower", Action::Faster},
      {"R", "restart with a new seed", Action::RestartNewSeed},
      {"T", "restart with the same seed (compare a lever)", Action::RestartSameSeed},
      {"[  /  ]", "friction \xCE\xBA down / up by 0.1", Action::FrictionDown},
      {"A", "announce the chosen hot track now", Action::AnnounceHotTrack},
      {"H  or  F1", "show / hide this help", Action::ToggleHelp},
      {"Esc", "unpin the city, close help", Action::Unpin},
      {"M  /  Shift+M", "map colours: next / previous mode", Action::NextMapMode},
      {",  /  .", "map: previous / next track (lists, utilisation)", Action::NextMapTrack},
      {"F", "fork: run a branch with the levers as now beside this run; again: end it",
       Action::Fork},
      {"B", "after a fork: map and tracks show the other branch / this run",
       Action::ShowOtherBranch},
      {"F12", "save a screenshot (PNG, current folder)", Action::SaveScreenshot},
      {"Ctrl+Q", "quit", Action::Quit},
  };
  return list;
}

std::optional<Action> action_for_key(sf::Keyboard::Key key, bool shift, bool control) {
  using K = sf::Keyboard;
  if (control) return key == K::Q ? std::optional(Action::Quit) : std::nullopt;
  switch (key) {
    case K::Space:
      return Action::TogglePause;
    case K::S:
      return Action::Step;
    case K::R:
      return Action::RestartNewSeed;
    case K::T:
      return Action::RestartSameSeed;
    case K::H:
    case K::F1:
      return Action::ToggleHelp;
    case K::Add:
    case K::Equal:  // '+' is shift+'=' on most layouts
      return Action::Faster;
    case K::Subtract:
    case K::Hyphen:
      return shift ? std::nullopt : std::optional(Action::Slower);
    case K::LBracket:
      return Action::FrictionDown;
    case K::RBracket:
      return Action::FrictionUp;
    case K::A:
      return Action::AnnounceHotTrack;
    case K::Escape:
      return Action::Unpin;
    case K::F12:
      return Action::SaveScreenshot;
    case K::F:
      return Action::Fork;
    case K::B:
      return Action::ShowOtherBranch;
    case K::M:
      return shift ? Action::PreviousMapMode : Action::NextMapMode;
    case K::Comma:
      return Action::PreviousMapTrack;
    case K::Period:
      return Action::NextMapTrack;
    default:
      return std::nullopt;
  }
}

const Snapshot& shown_snapshot(const Session& session, const ViewState& view) {
  const Branch* b = session.branch();
  return b && view.show_branch ? b->snapshot : session.snapshot();
}

const History& shown_history(const Session& session, const ViewState& view) {
  const Branch* b = session.branch();
  return b && view.show_branch ? b->history : session.history();
}

double effective_value(const Session& session, const ViewState& view, const std::string& key) {
  if (const auto it = view.editing.find(key); it != view.editing.end()) return it->second;
  for (auto it = session.pending().rbegin(); it != session.pending().rend(); ++it) {
    if (it->key != key) continue;
    agents::ModelParams params = session.snapshot().params;
    if (!agents::apply_change(params, key, it->value))
      return numeric_value(session.table(), params, key);
  }
  return numeric_value(session.table(), session.snapshot().params, key);
}

void send_command(Session& session, ViewState& view, const CommandResult& result,
                  bool keep_on_restart) {
  if (!result) {
    view.status = result.error;
    view.status_is_error = true;
    return;
  }
  const agents::ParamChange& change = *result.change;
  const bool from_start = !session.snapshot().stepped;
  try {
    session.send(change);
  } catch (const std::exception& e) {
    view.status = e.what();
    view.status_is_error = true;
    return;
  }
  if (keep_on_restart) session.set_restart_value(change.key, change.value);
  view.status = from_start ? cat(change_label(change), " from the start")
                           : cat(change_label(change), " at ", tick_label(session.snapshot().tick));
  view.status_is_error = false;
}

namespace {

void nudge_friction(Session& session, ViewState& view, double delta) {
  const double now = effective_value(session, view, "market.kappa");
  const double next = std::clamp(round_slider_value(now + delta), 0.0, 1.0);
  send_command(session, view,
               command_for_slider(session.table(), "market.kappa", next, session.snapshot().tick));
}

void toggle_fork(Session& session, ViewState& view) {
  view.status_is_error = false;
  view.show_branch = false;
  if (session.branch()) {
    session.end_fork();
    view.status = "Comparison closed: this run goes on";
  } else if (session.finished()) {
    view.status = "The run has finished: restart (T) before forking";
    view.status_is_error = true;
  } else {
    session.fork();
    view.paused = true;
    view.status = cat("Forked at ", tick_label(session.snapshot().tick),
                      ": move a lever, then Space. Dashed line: the levers as they were");
  }
}

}  // namespace

void perform(Action action, Session& session, ViewState& view) {
  switch (action) {
    case Action::TogglePause:
      view.paused = !view.paused;
      break;
    case Action::Step:
      view.paused = true;
      ++view.steps_requested;
      break;
    case Action::RestartNewSeed:
      view.restart_seed = session.seed() + 1;
      break;
    case Action::RestartSameSeed:
      view.restart_seed = session.seed();
      break;
    case Action::ToggleHelp:
      view.show_help = !view.show_help;
      break;
    case Action::Faster:
      view.ticks_per_second = std::min(kMaxSpeed, view.ticks_per_second * 1.5);
      break;
    case Action::Slower:
      view.ticks_per_second = std::max(kMinSpeed, view.ticks_per_second / 1.5);
      break;
    case Action::FrictionDown:
      nudge_friction(session, view, -0.1);
      break;
    case Action::FrictionUp:
      nudge_friction(session, view, 0.1);
      break;
    case Action::AnnounceHotTrack: {
      const auto& tracks = session.snapshot().tracks;
      if (view.hot_track >= 0 && static_cast<std::size_t>(view.hot_track) < tracks.size())
        send_command(session, view,
                     command_for_hot_track(session.table(),
                                           tracks[static_cast<std::size_t>(view.hot_track)].name,
                                           session.snapshot().tick),
                     false);
      break;
    }
    case Action::Unpin:
      if (view.show_help)
        view.show_help = false;
      else
        view.pinned = -1;
      break;
    case Action::SaveScreenshot:
      view.save_screenshot = true;
      break;
    case Action::NextMapMode:
    case Action::PreviousMapMode:
      view.map.mode = next_map_mode(view.map.mode, action == Action::NextMapMode ? 1 : -1);
      break;
    case Action::NextMapTrack:
    case Action::PreviousMapTrack: {
      const int n = static_cast<int>(session.snapshot().tracks.size());
      const int step = action == Action::NextMapTrack ? 1 : -1;
      if (n > 0) view.map.track = ((view.map.track + step) % n + n) % n;
      if (!map_needs_track(session.snapshot(), view.map)) view.map.mode = MapMode::Lists;
      break;
    }
    case Action::Fork:
      toggle_fork(session, view);
      break;
    case Action::ShowOtherBranch:
      view.show_branch = session.branch() && !view.show_branch;
      if (!session.branch()) {
        view.status = "No other branch: fork first (F)";
        view.status_is_error = true;
      }
      break;
    case Action::Quit:
      view.quit = true;
      break;
  }
}

void apply_requests(Session& session, ViewState& view, const std::vector<std::string>& sets) {
  try {
    if (view.load_scenario) {
      const Scenario& sc = view.scenarios.at(*view.load_scenario);
      ConfigSource source;
      source.path = sc.path.string();
      source.name = sc.label;
      source.overrides = sets;
      session.load(std::move(source));
      view.scenario_label = sc.label;
      view.status = "loaded " + sc.label;
      view.status_is_error = false;
      view.pinned = -1;
    } else if (view.restart_seed) {
      session.restart(*view.restart_seed);
      view.status = cat("restarted, seed ", std::to_string(*view.restart_seed));
      view.status_is_error = false;
      view.paused = false;
    }
  } catch (const std::exception& e) {
    view.status = e.what();
    while (!view.status.empty() && view.status.back() == '\n') view.status.pop_back();
    view.status_is_error = true;
  }
  view.load_scenario.reset();
  view.restart_seed.reset();
  const int tracks = static_cast<int>(session.snapshot().tracks.size());
  view.map.track = std::clamp(view.map.track, 0, std::max(0, tracks - 1));
  view.hot_track = std::clamp(view.hot_track, 0, std::max(0, tracks - 1));
}

}  // namespace regsim::visual
