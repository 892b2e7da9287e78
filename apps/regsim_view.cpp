// regsim-view: the live classroom view. The model steps between frames; the view draws a Snapshot
// and turns input into ParamChange commands applied by step() between ticks.
#include <imgui.h>
#include <stb_image_write.h>
#include <unistd.h>

#include <SFML/Graphics.hpp>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <exception>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "apps/app_args.h"
#include "experiments/default_config.h"
#include "experiments/output.h"
#include "sim/config.h"
#include "sim/limits.h"
#include "visual/commands.h"
#include "visual/controls.h"
#include "visual/display.h"
#include "visual/frame.h"
#include "visual/imgui_sfml.h"
#include "visual/layout.h"
#include "visual/map_panel.h"
#include "visual/scenarios.h"
#include "visual/session.h"
#include "visual/text.h"
#include "visual/ui.h"

namespace {

namespace rv = regsim::visual;

using regsim::apps::kExitRuntime;
using regsim::apps::kExitUsage;
constexpr regsim::apps::AppName kApp{"regsim-view", "view"};
constexpr int kMaxTicksPerFrame = 8;    ///< catch-up limit when a frame was slow
constexpr double kStepBudgetMs = 30.0;  ///< stop stepping within a frame after this long

const char* kUsage = R"(regsim-view: live classroom view of a regsim run (also: regsim view ...)

Usage:
  regsim view [CONFIG] [--set key=value]... [--seed N] [--size WxH] [--paused] [--speed TPS]
  regsim view [CONFIG] --screenshot FILE.png --frames N [--ticks-per-frame K] [--size WxH]
              [--pin CITY] [--map MODE[:TRACK]] [--fork TICK[:KEY=VALUE]] [--show-branch]
              [--state-hash] [--show-help]

Opens a window on CONFIG (the embedded default experiment, experiments/baseline.toml, when
omitted). Press H in the window for the keyboard shortcuts.

Options:
  --set key=value      overrides a config key (as in regsim run)
  --seed N             overrides world.seed
  --size WxH           window size in pixels (default 1280x720)
  --paused             start paused
  --speed TPS          quarters simulated per second, 1 to 40 (default 2)
  --screenshot FILE    render --frames frames, stepping --ticks-per-frame ticks each (default 1),
                       save the window to FILE (PNG) and exit
  --pin CITY           pin the detail panel of CITY: its index as in cities.csv (from 0)
                       or its name ("City 6", "Shenzhen")
  --map MODE[:TRACK]   colour the map by: track (main track, the default), lists (who lists
                       and builds TRACK), cu (utilisation of TRACK), debt, pressure, or
                       column:NAME[:TRACK] (any per-city column of the state, e.g.
                       column:cities.jobs); e.g. --map lists:low_altitude (M and , . switch
                       in the window)
  --fork TICK[:KEY=VALUE]
                       fork and compare at tick TICK (as the F key): save the state, run a
                       second branch with the levers as they are, and change KEY to VALUE in
                       this run only; e.g. --fork 40:market.kappa=0
  --show-branch        after --fork, the map and the tracks show the other branch (B key)
  --state-hash         at exit, print the state hash of this run (and of the other branch
                       after a fork), as regsim run writes final_state_hash in manifest.json
  --show-help          show the help overlay
)";

struct Options {
  std::string config;
  std::vector<std::string> sets;
  unsigned width = 1280, height = 720;
  bool paused = false, show_help = false;
  double speed = 2.0;
  std::string screenshot;
  int frames = 0, ticks_per_frame = 1;
  std::string pin;          ///< a city index (as in cities.csv) or name
  std::string map;          ///< map mode, MODE[:TRACK]
  int fork_tick = -1;       ///< --fork: the tick to fork at (-1: none)
  std::string fork_change;  ///< --fork: KEY=VALUE for this run after the fork, or ""
  bool state_hash = false, show_branch = false;
};

[[noreturn]] void usage_error(const std::string& message) {
  regsim::apps::usage_error(kApp, message);
}

long parse_long(const std::string& flag, const std::string& text, long lo, long hi) {
  return regsim::apps::parse_long(kApp, flag, text, lo, hi);
}

void parse_size(const std::string& text, Options& o) {
  const auto x = text.find('x');
  if (x == std::string::npos) usage_error("--size expects WxH, e.g. 1920x1080");
  o.width = static_cast<unsigned>(parse_long("--size", text.substr(0, x), 320, 8192));
  o.height = static_cast<unsigned>(parse_long("--size", text.substr(x + 1), 240, 8192));
}

/// A --screenshot FILE that cannot be written is a usage error before the window opens: a name
/// without .png (the only format written), a directory, a missing or unwritable directory.
void check_screenshot_path(const std::string& file) {
  namespace fs = std::filesystem;
  const fs::path path(file);
  std::string ext = path.extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (ext != ".png") usage_error("--screenshot writes PNG: name a FILE.png, got '" + file + "'");
  std::error_code ec;
  if (fs::is_directory(path, ec)) usage_error("--screenshot: " + file + " is a directory");
  const fs::path dir = path.parent_path().empty() ? fs::path(".") : path.parent_path();
  if (!fs::is_directory(dir, ec)) usage_error("--screenshot: no directory " + dir.string());
  if (::access(dir.c_str(), W_OK | X_OK) != 0)
    usage_error("--screenshot: cannot write in " + dir.string() + ": " +
                regsim::experiments::os_reason(errno));
}

Options parse_args(int argc, char** argv) {
  Options o;
  regsim::apps::walk_args(
      kApp, kUsage, argc, argv, o.config, [&](const std::string& arg, auto&& value) {
        if (arg == "--set") {
          o.sets.push_back(value());
        } else if (arg == "--seed") {
          o.sets.push_back(
              rv::cat("world.seed=", std::to_string(parse_long(arg, value(), 0, 1L << 53))));
        } else if (arg == "--size") {
          parse_size(value(), o);
        } else if (arg == "--paused") {
          o.paused = true;
        } else if (arg == "--show-help") {
          o.show_help = true;
        } else if (arg == "--speed") {
          o.speed = static_cast<double>(parse_long(arg, value(), 1, 40));
        } else if (arg == "--screenshot") {
          o.screenshot = value();
        } else if (arg == "--frames") {
          o.frames = static_cast<int>(parse_long(arg, value(), 1, 100000));
        } else if (arg == "--ticks-per-frame") {
          o.ticks_per_frame = static_cast<int>(parse_long(arg, value(), 0, 10000));
        } else if (arg == "--pin") {
          o.pin = value();
        } else if (arg == "--map") {
          o.map = value();
        } else if (arg == "--fork") {
          const std::string v = value();
          const auto colon = v.find(':');
          o.fork_tick = static_cast<int>(parse_long(arg, v.substr(0, colon), 0, 1000000));
          if (colon != std::string::npos) o.fork_change = v.substr(colon + 1);
        } else if (arg == "--state-hash") {
          o.state_hash = true;
        } else if (arg == "--show-branch") {
          o.show_branch = true;
        } else {
          return false;
        }
        return true;
      });
  if (!o.screenshot.empty()) check_screenshot_path(o.screenshot);
  if (!o.screenshot.empty() && o.frames == 0) usage_error("--screenshot needs --frames N");
  if (o.screenshot.empty() && o.frames > 0) usage_error("--frames is only used with --screenshot");
  if (o.show_branch && o.fork_tick < 0) usage_error("--show-branch needs --fork");
  return o;
}

rv::ConfigSource source_for(const Options& o) {
  rv::ConfigSource s;
  s.overrides = o.sets;
  if (o.config.empty()) {
    s.text = regsim::experiments::default_config_text();
    s.name = "baseline.toml (built in)";
  } else {
    s.path = o.config;
    s.name = o.config;
  }
  return s;
}

/// Everything the loop owns besides the window.
struct App {
  Options options;
  rv::Session session;
  rv::ViewState view;
  rv::Fonts fonts;
  rv::Theme theme;
  rv::Layout layout;
  rv::ImGuiSfml gui;
  float font_px_built = 0;
  double tick_debt = 0;  ///< fractional ticks owed at the current speed
  bool forked_by_option = false;

  App(Options o, rv::ConfigSource source) : options(std::move(o)), session(std::move(source)) {}
};

void rebuild_fonts_if_needed(App& app) {
  if (std::fabs(app.layout.font_px - app.font_px_built) < 0.5f) return;
  app.gui.load_fonts(app.fonts.regular_path, app.fonts.bold_path, app.layout.font_px,
                     app.layout.title_px, app.layout.small_px);
  rv::apply_ui_style(app.layout.scale);
  app.font_px_built = app.layout.font_px;
}

void handle_key(App& app, const sf::Event::KeyEvent& key) {
  if (ImGui::GetIO().WantTextInput) return;
  if (const auto action = rv::action_for_key(key.code, key.shift, key.control))
    rv::perform(*action, app.session, app.view);
}

void handle_click(App& app, sf::Vector2f at) {
  if (!app.layout.map.contains(at.x, at.y)) return;
  const auto geometry = rv::map_geometry(rv::shown_snapshot(app.session, app.view), app.layout.map,
                                         app.layout, app.view.map.mode);
  app.view.pinned = rv::city_at(geometry, at, 4 * app.layout.scale);
}

void handle_events(App& app, sf::RenderWindow& window) {
  sf::Event event;
  while (window.pollEvent(event)) {
    app.gui.process_event(event);
    const ImGuiIO& io = ImGui::GetIO();
    if (event.type == sf::Event::Closed) {
      app.view.quit = true;
    } else if (event.type == sf::Event::Resized) {
      const sf::Vector2u size(std::max(320u, event.size.width), std::max(240u, event.size.height));
      window.setView(sf::View(sf::FloatRect(0, 0, static_cast<float>(event.size.width),
                                            static_cast<float>(event.size.height))));
      app.layout = rv::compute_layout(size.x, size.y);
    } else if (event.type == sf::Event::KeyPressed) {
      handle_key(app, event.key);
    } else if (event.type == sf::Event::MouseButtonPressed &&
               event.mouseButton.button == sf::Mouse::Left && !io.WantCaptureMouse) {
      handle_click(app, sf::Vector2f(static_cast<float>(event.mouseButton.x),
                                     static_cast<float>(event.mouseButton.y)));
    }
  }
}

/// --fork: forks once the run reaches the tick, then sends the change to this run.
void fork_if_due(App& app) {
  const Options& o = app.options;
  rv::Session& session = app.session;
  if (o.fork_tick < 0 || app.forked_by_option || session.snapshot().tick < o.fork_tick) return;
  app.forked_by_option = true;
  if (!session.branch()) rv::perform(rv::Action::Fork, session, app.view);
  if (!o.fork_change.empty())
    rv::send_command(session, app.view,
                     rv::command_for_text(session.table(), o.fork_change, session.snapshot().tick),
                     false);
  app.view.paused = o.paused;
  app.view.show_branch = o.show_branch;
}

/// Steps as many ticks as the speed asks for since the last frame, within a time budget.
void advance(App& app, double dt_seconds) {
  rv::ViewState& v = app.view;
  const auto start = std::chrono::steady_clock::now();
  int ticks = 0;
  if (!app.options.screenshot.empty()) {
    ticks = app.options.ticks_per_frame;
  } else if (!v.paused) {
    app.tick_debt += dt_seconds * v.ticks_per_second;
    ticks = std::min(kMaxTicksPerFrame, static_cast<int>(app.tick_debt));
    app.tick_debt = std::min(app.tick_debt - ticks, 1.0);
  }
  ticks += v.steps_requested;
  v.steps_requested = 0;
  fork_if_due(app);
  for (int i = 0; i < ticks && !app.session.finished(); ++i) {
    app.session.step();
    fork_if_due(app);
    const std::chrono::duration<double, std::milli> spent =
        std::chrono::steady_clock::now() - start;
    if (app.options.screenshot.empty() && spent.count() > kStepBudgetMs) {
      app.tick_debt = 0;
      break;
    }
  }
  if (app.session.finished() && app.options.screenshot.empty()) v.paused = true;
}

/// The city under the pointer, from the pointer position the window's events reported (the same
/// one ImGui places the tooltip at); none while ImGui has the mouse or in a screenshot.
void update_hover(App& app, const rv::MapGeometry& geometry) {
  app.view.hovered = -1;
  const ImGuiIO& io = ImGui::GetIO();
  if (!app.options.screenshot.empty() || io.WantCaptureMouse || !ImGui::IsMousePosValid()) return;
  const sf::Vector2f at(io.MousePos.x, io.MousePos.y);
  if (app.layout.map.contains(at.x, at.y))
    app.view.hovered = rv::city_at(geometry, at, 4 * app.layout.scale);
}

/// Saves the frame in the back buffer as a PNG written whole or not at all: encoded in memory
/// (stb_image_write) and written through an exclusive temporary renamed over `path` (SFML's
/// saveToFile writes in place, so a failure or a kill left half a file). Returns "" or the reason.
std::string save_screenshot(const sf::RenderWindow& window, const std::string& path) {
  const unsigned width = window.getSize().x, height = window.getSize().y;
  sf::Texture texture;
  if (!texture.create(width, height)) return "cannot capture the window";
  texture.update(window);  // before display(): the back buffer holds this frame
  const sf::Image image = texture.copyToImage();
  std::string png;
  const auto append = [](void* out, void* data, int size) {
    static_cast<std::string*>(out)->append(static_cast<const char*>(data),
                                           static_cast<std::size_t>(size));
  };
  const int w = static_cast<int>(width), h = static_cast<int>(height);
  if (stbi_write_png_to_func(append, &png, w, h, 4, image.getPixelsPtr(), 4 * w) == 0)
    return "cannot encode the PNG";
  try {
    regsim::experiments::write_bytes_atomic(path, png);
  } catch (const std::exception& e) {
    return e.what();
  }
  return "";
}

int run(App& app) {
  sf::ContextSettings settings;
  settings.antialiasingLevel = 4;
  const std::string title = "regsim live \xE2\x80\x94 " + app.session.source().name;
  sf::RenderWindow window(sf::VideoMode(app.options.width, app.options.height),
                          sf::String::fromUtf8(title.begin(), title.end()), sf::Style::Default,
                          settings);
  const bool screenshot = !app.options.screenshot.empty();
  window.setFramerateLimit(screenshot ? 0 : 60);
  app.layout = rv::compute_layout(window.getSize().x, window.getSize().y);
  int exit_code = 0;
  // ImGui windows that size themselves settle on their second frame.
  const int frames = screenshot ? std::max(app.options.frames, 2) : 0;
  sf::Clock clock;
  for (int frame = 0; window.isOpen() && !app.view.quit; ++frame) {
    handle_events(app, window);
    if (app.view.quit) break;
    rebuild_fonts_if_needed(app);
    const sf::Time dt = clock.restart();
    if (!screenshot || frame < app.options.frames) advance(app, dt.asSeconds());
    const auto geometry = rv::map_geometry(rv::shown_snapshot(app.session, app.view),
                                           app.layout.map, app.layout, app.view.map.mode);
    update_hover(app, geometry);
    app.gui.new_frame(window, dt);
    window.clear(app.theme.background);
    rv::draw_panels(window, app.fonts, app.theme, app.layout, app.session, app.view, geometry);
    rv::draw_ui(app.layout, app.gui.fonts(), app.session, app.view);
    app.gui.render(window);
    rv::apply_requests(app.session, app.view, app.options.sets);  // restarts, scenarios
    if (app.view.save_screenshot) {                               // F12
      app.view.save_screenshot = false;
      const std::string file = rv::cat("regsim-view-", std::to_string(app.session.seed()), "-t",
                                       std::to_string(app.session.snapshot().tick), ".png");
      const std::string error = save_screenshot(window, file);
      app.view.status = error.empty() ? rv::cat("saved ", file) : error;
      app.view.status_is_error = !error.empty();
    }
    if (screenshot && frame + 1 >= frames) {
      if (const std::string error = save_screenshot(window, app.options.screenshot);
          !error.empty()) {
        std::fprintf(stderr, "regsim-view: %s\n", error.c_str());
        exit_code = kExitRuntime;
      }
      break;
    }
    window.display();
  }
  window.close();
  app.gui.shutdown();  // after closing the window (STYLE.md section 14)
  return exit_code;
}

/// What the teacher did, as `regsim run` arguments and [[schedule]] blocks that replay it.
void print_command_log(const rv::Session& session) {
  if (session.command_log().empty() && session.build_overrides().empty()) return;
  const std::string& path = session.source().path;
  std::printf("# To replay the last run headless: regsim run%s%s", path.empty() ? "" : " ",
              path.c_str());
  for (const std::string& o : session.build_overrides()) std::printf(" --set %s", o.c_str());
  std::printf("\n");
  if (session.command_log().empty()) return;
  std::printf("# with these blocks added to %s:\n%s",
              path.empty() ? "a copy of experiments/baseline.toml" : "the config",
              rv::commands_as_schedule(session.command_log()).c_str());
}

/// The view's state from the command line: pause, speed, help, pinned city, map mode.
void set_up_view(App& app) {
  const Options& o = app.options;
  rv::ViewState& v = app.view;
  v.paused = o.paused;
  v.show_help = o.show_help;
  v.ticks_per_second = o.speed;
  v.scenarios = rv::find_scenarios(rv::default_experiments_dir());
  rv::check_scenarios(v.scenarios, o.sets);
  v.scenario_label = app.session.source().name;
  const rv::Snapshot& s = app.session.snapshot();
  for (std::size_t k = 0; k < s.tracks.size(); ++k)
    if (s.tracks[k].name == "low_altitude") v.hot_track = static_cast<int>(k);
  v.map.track = v.hot_track;  // the track of the baseline's year-8 wave
  std::string error;
  if (!o.pin.empty() && (v.pinned = rv::find_city(s, o.pin, error)) < 0)
    usage_error("--pin: " + error);
  if (!o.fork_change.empty())
    if (const auto c = rv::command_for_text(app.session.table(), o.fork_change, 0); !c)
      usage_error("--fork: " + c.error);
  if (o.map.empty()) return;
  if (!rv::parse_map_mode(o.map, s, v.map, error)) usage_error("--map: " + error);
}

/// --state-hash: the hashes regsim run writes as final_state_hash, for this run and the branch.
void print_state_hashes(const rv::Session& session) {
  const auto line = [](const char* what, const regsim::agents::Model& m) {
    std::printf("%s tick %d state_hash %016llx\n", what, m.world.tick,
                static_cast<unsigned long long>(regsim::agents::hash_state(m.world)));
  };
  line("this_run", session.model());
  if (const rv::Branch* b = session.branch()) line("branch", b->model);
}

}  // namespace

int main(int argc, char** argv) {
  const Options options = parse_args(argc, argv);
  // Without a display SFML aborts the process when it opens the window: ask X11 first.
  if (const std::string problem = rv::x_display_problem(); !problem.empty()) {
    const std::vector<std::string> args(argv + 1, argv + argc);
    std::fprintf(stderr, "%s",
                 rv::no_display_message(problem, !options.screenshot.empty(), args, options.width,
                                        options.height)
                     .c_str());
    return kExitUsage;
  }
  rv::Fonts fonts;
  if (const std::string error = rv::load_fonts(fonts); !error.empty()) {
    std::fprintf(stderr, "regsim-view: %s\n", error.c_str());
    return kExitRuntime;
  }
  return regsim::apps::run_reporting_errors(kApp, [&] {
    App app(options, source_for(options));
    app.fonts = std::move(fonts);
    set_up_view(app);
    const int code = run(app);
    if (options.screenshot.empty()) print_command_log(app.session);
    if (options.state_hash) print_state_hashes(app.session);
    return code;
  });
}
