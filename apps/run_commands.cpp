// The run, validate, params and view commands of regsim, and the exit codes of every command.
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <exception>
#include <filesystem>
#include <string>
#include <vector>

#include "agents/param_table.h"
#include "apps/commands.h"
#include "experiments/default_config.h"
#include "experiments/output.h"
#include "experiments/run/driver.h"
#include "experiments/run/report.h"
#include "sim/limits.h"
#include "state/state.h"

namespace regsim::apps {

namespace {

constexpr int kExitRuntime = 1, kExitUsage = 2;

agents::RunConfig load(const RunArgs& a) {
  if (a.config.empty())
    return agents::load_run_config_text(experiments::default_config_text(),
                                        "(default: experiments/baseline.toml)", a.sets);
  return agents::load_run_config(a.config, a.sets);
}

void progress_bar(int tick, int total) {
  constexpr int kWidth = 40;
  const int filled = total > 0 ? tick * kWidth / total : kWidth;
  std::string bar(static_cast<std::size_t>(filled), '#');
  bar.resize(kWidth, '.');
  std::fprintf(stderr, "\r[%s] %3d%%  tick %d/%d", bar.c_str(), total ? 100 * tick / total : 100,
               tick, total);
  if (tick >= total) std::fputc('\n', stderr);
  std::fflush(stderr);
}

/// The range column of `regsim params`: [min, max] for numbers, the choices for names.
std::string range_text(const agents::ParamSpec& s) {
  std::string range;
  if (s.type == agents::ParamType::Real || s.type == agents::ParamType::Integer)
    range.append("[")
        .append(agents::format_number(s.min))
        .append(", ")
        .append(agents::format_number(s.max))
        .append("]");
  for (const auto& c : s.choices) {
    if (!range.empty()) range += '|';
    range += c;
  }
  return range;
}

/// --save-state FILE inside the output directory would vanish when the directory is swapped in.
void check_state_path(const RunArgs& a) {
  if (a.save_at && a.save_state.empty()) throw UsageError("--save-at needs --save-state FILE");
  if (a.save_state.empty()) return;
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path file = fs::weakly_canonical(fs::absolute(a.save_state), ec);
  const fs::path out = fs::weakly_canonical(fs::absolute(a.out), ec);
  const auto rel = file.lexically_relative(out);
  if (!rel.empty() && *rel.begin() != ".." && rel != ".")
    throw UsageError("--save-state " + a.save_state + " is inside the output directory " + a.out +
                     ", which the run replaces as a whole: save the state elsewhere");
  if (fs::is_directory(file, ec))
    throw UsageError("--save-state " + a.save_state + " is a directory: name a file");
}

}  // namespace

int run_command(const RunArgs& a) {
  if (a.out.empty()) throw UsageError("--out is empty: name an output directory");
  if (!a.from.empty() && !a.config.empty())
    throw UsageError("give either CONFIG or --from FILE (a saved state holds its config)");
  check_state_path(a);
  experiments::check_output_dir(a.out);  // a file, an unwritable place: before the config
  experiments::RunOptions options;
  options.out_dir = a.out;
  options.threads = a.threads;
  options.profile = a.profile;
  options.argv = a.argv;
  options.save_state = a.save_state;
  options.save_at = a.save_at.value_or(-1);
  const bool tty = !a.quiet && ::isatty(STDERR_FILENO);
  const auto progress = tty ? experiments::ProgressFn(progress_bar) : nullptr;
  experiments::RunSummary summary;
  bool firms = false;
  if (a.from.empty()) {
    const auto config = load(a);
    firms = config.params.output.firms;
    summary = experiments::run_experiment(config, options, progress);
  } else {
    state::Saved saved = state::load_state_file(a.from);
    firms = saved.model.params.output.firms;
    const int tick = saved.model.world.tick;
    summary = experiments::continue_experiment(
        std::move(saved), a.sets, a.from + " (state at tick " + std::to_string(tick) + ")", options,
        progress);
  }
  if (!a.quiet) {
    std::printf("%s", experiments::format_summary(summary).c_str());
    std::printf(
        "outputs in %s/ (metrics, tracks, cities, cells, %snodes, graph .csv; manifest.json)\n",
        a.out.c_str(), firms ? "firms, " : "");
    if (!a.save_state.empty())
      std::printf("state after year %d in %s\n", a.save_at.value_or(summary.years),
                  a.save_state.c_str());
  }
  if (summary.profile)
    std::printf(
        "%s",
        experiments::format_profile(*summary.profile, summary.ticks, summary.wall_seconds).c_str());
  return 0;
}

int validate_command(const RunArgs& a) {
  const auto config = load(a);
  std::printf("%s: ok (%d cities, %zu tracks, %d years, %zu scheduled changes)\n", a.config.c_str(),
              config.params.world.cities, config.params.tracks.size(), config.params.world.years,
              config.schedule.size());
  return 0;
}

int params_command() {
  const agents::ModelParams defaults;
  const agents::ParamTable table(defaults.tracks);
  for (const auto& s : table.specs()) {
    const auto value = s.get(defaults);
    const auto* real = std::get_if<double>(&value);
    const std::string shown = s.required ? "required"
                              : real     ? agents::format_number(*real)
                                         : sim::to_string(value);
    std::string doc = s.doc;
    for (const auto& old : s.aliases) doc += " (old key: " + old + ")";
    std::printf("%-36s %-14s %-26s %s\n", s.key.c_str(), shown.c_str(), range_text(s).c_str(),
                doc.c_str());
  }
  return 0;
}

/// `regsim view ...` hands over to `regsim-view` beside this binary (git-style), so that regsim
/// itself never links SFML.
namespace {

/// Replaces this process with `program` installed beside regsim (a git-style subcommand), passing
/// the arguments after the command name; returns only when it cannot be started.
int exec_beside(const char* program, int argc, char** argv, const char* what, const char* hint) {
  std::error_code ec;
  std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) self = argv[0];
  const std::string path = (self.parent_path() / program).string();
  std::vector<char*> args{const_cast<char*>(path.c_str())};
  for (int i = 2; i < argc; ++i) args.push_back(argv[i]);
  args.push_back(nullptr);
  ::execv(path.c_str(), args.data());
  std::fprintf(stderr, "regsim: cannot start %s %s: %s\n%s\n", what, path.c_str(),
               std::strerror(errno), hint);
  return kExitRuntime;
}

}  // namespace

int view_command(int argc, char** argv) {
  return exec_beside("regsim-view", argc, argv, "the live view",
                     "The view is built when SFML and Dear ImGui are installed "
                     "(scripts/install-deps.sh) and REGSIM_BUILD_VISUAL is ON.");
}

int classroom_command(int argc, char** argv) {
  return exec_beside("regsim-classroom", argc, argv, "the classroom server",
                     "It is built when cpp-httplib and nlohmann-json are installed "
                     "(scripts/install-deps.sh) and REGSIM_BUILD_CLASSROOM is ON.");
}

int guarded(const std::string& help, const std::function<int()>& command) {
  try {
    return command();
  } catch (const UsageError& e) {
    std::fprintf(stderr, "regsim: %s\nRun '%s' for more information.\n",
                 sim::shorten_for_message(e.what(), 4000).c_str(), help.c_str());
    return kExitUsage;
  } catch (const sim::ConfigException& e) {
    std::fprintf(stderr, "%s", e.what());
    return kExitUsage;
  } catch (const experiments::StoreConflict& e) {
    std::fprintf(stderr, "regsim: %s\n", sim::shorten_for_message(e.what(), 4000).c_str());
    return kExitUsage;
  } catch (const experiments::OutputConflict& e) {
    std::fprintf(stderr, "regsim: %s\n", sim::shorten_for_message(e.what(), 4000).c_str());
    return kExitUsage;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "regsim: error: %s\n", sim::shorten_for_message(e.what(), 4000).c_str());
    return kExitRuntime;
  }
}

}  // namespace regsim::apps
