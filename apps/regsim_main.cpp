// regsim: the headless command-line program (run, validate; help and version).
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <exception>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "agents/param_table.h"
#include "apps/sweep_commands.h"
#include "experiments/default_config.h"
#include "experiments/run/driver.h"
#include "experiments/version.h"

namespace {

constexpr int kExitUsage = 2;

const char* kHelp = R"(regsim: agent-based simulator of regional competition for industrial tracks

Usage:
  regsim run [CONFIG] [--out DIR] [--seed N] [--threads N] [--set key=value]... [--quiet]
             [--profile]
  regsim validate CONFIG [--set key=value]...
  regsim params                 list every configuration key with its range and meaning
  regsim view [CONFIG] [...]    live classroom view (runs regsim-view; 'regsim view --help')
  regsim --help | --version

run       runs an experiment (the embedded default, experiments/baseline.toml, when CONFIG is
          omitted) and writes metrics.csv, tracks.csv, cities.csv and manifest.json to DIR
          (default: out/). Prints a progress bar on a terminal and a short summary.
validate  checks a config without running it: unknown keys, wrong types and out-of-range
          values are reported with file, line and key.

Options:
  --out DIR        output directory (created if missing; files are replaced atomically)
  --seed N         overrides world.seed
  --threads N      worker threads inside the run (default: all cores); results do not depend
                   on it
  --set key=value  overrides any key, e.g. --set market.kappa=0 --set policy.evaluation=balanced
  --quiet          no progress bar and no summary
  --profile        print the wall time of each phase of a tick (docs/performance.md)

Exit codes: 0 success, 1 runtime error, 2 bad command line or config.
)";

struct Args {
  std::string command, config, out = "out";
  std::vector<std::string> sets;
  int threads = 0;
  bool quiet = false;
  bool profile = false;
};

[[noreturn]] void usage_error(const std::string& message) {
  std::fprintf(stderr, "regsim: %s\nTry 'regsim --help'.\n", message.c_str());
  std::exit(kExitUsage);
}

int parse_int(const std::string& flag, const std::string& text) {
  try {
    std::size_t used = 0;
    const long v = std::stol(text, &used);
    if (used != text.size() || v < 0 || v > 1'000'000'000) throw std::invalid_argument(text);
    return static_cast<int>(v);
  } catch (const std::exception&) {
    usage_error(flag + " expects a non-negative integer, got '" + text + "'");
  }
}

Args parse_args(int argc, char** argv) {
  Args a;
  if (argc < 2) usage_error("missing command");
  a.command = argv[1];
  for (int i = 2; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) usage_error(arg + " needs a value");
      return argv[++i];
    };
    if (arg == "--out") {
      a.out = value();
    } else if (arg == "--seed") {
      a.sets.push_back("world.seed=" + std::to_string(parse_int(arg, value())));
    } else if (arg == "--threads") {
      a.threads = parse_int(arg, value());
    } else if (arg == "--set") {
      a.sets.push_back(value());
    } else if (arg == "--quiet") {
      a.quiet = true;
    } else if (arg == "--profile") {
      a.profile = true;
    } else if (!arg.empty() && arg[0] == '-') {
      usage_error("unknown option " + arg);
    } else if (a.config.empty()) {
      a.config = arg;
    } else {
      usage_error("unexpected argument " + arg);
    }
  }
  return a;
}

regsim::agents::RunConfig load(const Args& a) {
  if (a.config.empty())
    return regsim::agents::load_run_config_text(regsim::experiments::default_config_text(),
                                                "(default: experiments/baseline.toml)", a.sets);
  return regsim::agents::load_run_config(a.config, a.sets);
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

int cmd_run(const Args& a, int argc, char** argv) {
  const auto config = load(a);
  regsim::experiments::RunOptions options;
  options.out_dir = a.out;
  options.threads = a.threads;
  options.profile = a.profile;
  options.argv.assign(argv, argv + argc);
  const bool tty = !a.quiet && ::isatty(STDERR_FILENO);
  const auto summary = regsim::experiments::run_experiment(
      config, options, tty ? regsim::experiments::ProgressFn(progress_bar) : nullptr);
  if (!a.quiet) {
    std::printf("%s", regsim::experiments::format_summary(summary).c_str());
    std::printf("outputs in %s/ (metrics.csv, tracks.csv, cities.csv, manifest.json)\n",
                a.out.c_str());
  }
  if (summary.profile)
    std::printf("%s", regsim::experiments::format_profile(*summary.profile, summary.ticks,
                                                          summary.wall_seconds)
                          .c_str());
  return 0;
}

int cmd_validate(const Args& a) {
  if (a.config.empty()) usage_error("validate needs a CONFIG file");
  const auto config = load(a);
  std::printf("%s: ok (%d cities, %zu tracks, %d years, %zu scheduled changes)\n", a.config.c_str(),
              config.params.world.cities, config.params.tracks.size(), config.params.world.years,
              config.schedule.size());
  return 0;
}

int cmd_params() {
  const regsim::agents::ModelParams defaults;
  const regsim::agents::ParamTable table(defaults.tracks);
  for (const auto& s : table.specs()) {
    std::string range;
    if (s.type == regsim::agents::ParamType::Real || s.type == regsim::agents::ParamType::Integer)
      range.append("[")
          .append(regsim::agents::format_number(s.min))
          .append(", ")
          .append(regsim::agents::format_number(s.max))
          .append("]");
    for (const auto& c : s.choices) {
      if (!range.empty()) range += '|';
      range += c;
    }
    const auto value = s.get(defaults);
    const auto* real = std::get_if<double>(&value);
    const std::string shown =
        real ? regsim::agents::format_number(*real) : regsim::sim::to_string(value);
    std::printf("%-36s %-14s %-26s %s\n", s.key.c_str(), shown.c_str(), range.c_str(),
                s.doc.c_str());
  }
  return 0;
}

/// `regsim view ...` hands over to `regsim-view` beside this binary (git-style), so that regsim
/// itself never links SFML.
int exec_view(int argc, char** argv) {
  std::error_code ec;
  std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) self = argv[0];
  const std::string view = (self.parent_path() / "regsim-view").string();
  std::vector<char*> args{const_cast<char*>(view.c_str())};
  for (int i = 2; i < argc; ++i) args.push_back(argv[i]);
  args.push_back(nullptr);
  ::execv(view.c_str(), args.data());
  std::fprintf(stderr,
               "regsim: cannot start the live view %s: %s\n"
               "The view is built when SFML and Dear ImGui are installed (scripts/install-deps.sh)"
               " and REGSIM_BUILD_VISUAL is ON.\n",
               view.c_str(), std::strerror(errno));
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc >= 2 && !std::strcmp(argv[1], "view")) return exec_view(argc, argv);
  if (argc >= 2 && (!std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h") ||
                    !std::strcmp(argv[1], "help"))) {
    std::printf("%s", kHelp);
    std::printf("\nSweeps (docs/experiments.md):\n%s", regsim::experiments::sweep_cli_help());
    return 0;
  }
  if (argc >= 2 && !std::strcmp(argv[1], "--version")) {
    std::printf("regsim %s (commit %s)\n", regsim::experiments::version(),
                regsim::experiments::git_commit());
    return 0;
  }
  if (argc >= 2 && regsim::experiments::is_sweep_command(argv[1]))
    return regsim::experiments::sweep_cli_main(argc, argv);
  const Args args = parse_args(argc, argv);
  try {
    if (args.command == "run") return cmd_run(args, argc, argv);
    if (args.command == "validate") return cmd_validate(args);
    if (args.command == "params") return cmd_params();
    usage_error("unknown command '" + args.command + "'");
  } catch (const regsim::sim::ConfigException& e) {
    std::fprintf(stderr, "%s", e.what());
    return kExitUsage;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "regsim: error: %s\n", e.what());
    return 1;
  }
}
