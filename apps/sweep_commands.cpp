// Command-line parsing for regsim sweep, analyze and merge.
#include "apps/sweep_commands.h"

#include <cstdio>
#include <cstring>
#include <exception>
#include <string>
#include <vector>

#include "experiments/sweep/analysis.h"
#include "experiments/sweep/drivers.h"
#include "experiments/sweep/plan.h"
#include "experiments/sweep/spec_file.h"

namespace regsim::experiments {

namespace {

constexpr int kExitUsage = 2;

struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct CliArgs {
  std::string command;
  std::vector<std::string> positional, sets;
  std::string out;
  int jobs = 0;
  bool resume = false, retry_failed = false, quiet = false, mpi = false, dry_run = false;
  bool no_plots = false;
  Shard shard;
};

int parse_count(const std::string& flag, const std::string& text, long lo, long hi) {
  std::size_t used = 0;
  long v = 0;
  try {
    v = std::stol(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used == 0 || used != text.size() || v < lo || v > hi)
    throw UsageError(flag + " expects an integer in [" + std::to_string(lo) + ", " +
                     std::to_string(hi) + "], got '" + text + "'");
  return static_cast<int>(v);
}

Shard parse_shard(const std::string& text) {
  const auto slash = text.find('/');
  if (slash == std::string::npos) throw UsageError("--shard expects i/N, got '" + text + "'");
  Shard s;
  s.count =
      static_cast<std::uint64_t>(parse_count("--shard N", text.substr(slash + 1), 1, 1'000'000));
  s.index =
      static_cast<std::uint64_t>(parse_count("--shard i", text.substr(0, slash), 0, 1'000'000));
  if (s.index >= s.count) throw UsageError("--shard i/N needs 0 <= i < N, got '" + text + "'");
  return s;
}

CliArgs parse(int argc, char** argv) {
  CliArgs a;
  a.command = argv[1];
  for (int i = 2; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw UsageError(arg + " needs a value");
      return argv[++i];
    };
    if (arg == "--out") {
      a.out = value();
    } else if (arg == "--jobs") {
      a.jobs = parse_count(arg, value(), 1, 4096);
    } else if (arg == "--set") {
      a.sets.push_back(value());
    } else if (arg == "--shard") {
      a.shard = parse_shard(value());
    } else if (arg == "--resume") {
      a.resume = true;
    } else if (arg == "--retry-failed") {
      a.retry_failed = true;
    } else if (arg == "--mpi") {
      a.mpi = true;
    } else if (arg == "--dry-run") {
      a.dry_run = true;
    } else if (arg == "--no-plots") {
      a.no_plots = true;
    } else if (arg == "--quiet") {
      a.quiet = true;
    } else if (!arg.empty() && arg[0] == '-') {
      throw UsageError("unknown option " + arg);
    } else {
      a.positional.push_back(arg);
    }
  }
  return a;
}

void print_plan(const SweepSpec& spec) {
  std::printf("%s: %s design, %llu scenarios x %d replications = %llu runs\n",
              spec.source.sweep_name.c_str(), design_name(spec.kind),
              static_cast<unsigned long long>(spec.scenario_count()), spec.replications,
              static_cast<unsigned long long>(spec.run_count()));
  const std::uint64_t shown = std::min<std::uint64_t>(spec.run_count(), 10);
  for (std::uint64_t id = 0; id < shown; ++id) {
    const RunPlan p = plan_run(spec, id);
    std::string line = "  run " + std::to_string(id) + " seed " + std::to_string(p.seed) + ":";
    for (std::size_t f = 0; f < spec.factors.size(); ++f)
      line += " " + spec.factors[f].key + "=" + format_value(p.values[f]);
    std::printf("%s\n", line.c_str());
  }
  if (shown < spec.run_count()) std::printf("  ...\n");
}

int cmd_sweep(const CliArgs& a) {
  if (a.positional.size() != 1) throw UsageError("sweep needs one SWEEP.toml file");
  if (a.out.empty() && !a.dry_run) throw UsageError("sweep needs --out DIR");
  if (a.retry_failed && !a.resume) throw UsageError("--retry-failed goes with --resume");
  SweepOptions o;
  o.out_dir = a.out;
  o.jobs = a.jobs;
  o.resume = a.resume;
  o.retry_failed = a.retry_failed;
  o.quiet = a.quiet;
  o.shard = a.shard;
  if (a.mpi && a.dry_run) throw UsageError("--dry-run does not combine with --mpi");
  if (a.mpi) return run_sweep_mpi(a.positional[0], a.sets, o);  // explains a build without MPI
  const SweepSpec spec = load_sweep(read_sweep_source(a.positional[0], a.sets));
  if (a.dry_run) {
    print_plan(spec);
    return 0;
  }
  return run_sweep(spec, o);
}

int cmd_analyze(const CliArgs& a) {
  if (a.positional.size() != 1) throw UsageError("analyze needs one sweep DIR");
  AnalyzeOptions o;
  o.plots = !a.no_plots;
  o.quiet = a.quiet;
  return analyze_sweep(a.positional[0], o);
}

int cmd_merge(const CliArgs& a) {
  if (a.positional.empty()) throw UsageError("merge needs the sweep DIRs to merge");
  if (a.out.empty()) throw UsageError("merge needs --out DIR");
  std::vector<std::filesystem::path> inputs(a.positional.begin(), a.positional.end());
  return merge_sweeps(inputs, a.out, a.quiet);
}

}  // namespace

bool is_sweep_command(const char* command) {
  return !std::strcmp(command, "sweep") || !std::strcmp(command, "analyze") ||
         !std::strcmp(command, "merge");
}

const char* sweep_cli_help() {
  return R"(  regsim sweep SWEEP.toml --out DIR [--jobs N] [--resume [--retry-failed]] [--shard i/N]
               [--mpi] [--set key=value]... [--dry-run] [--quiet]
  regsim analyze DIR [--no-plots] [--quiet]
  regsim merge DIR1 DIR2 ... --out DIR

sweep     runs every run of a sweep file (docs/experiments.md), N at a time (default: all
          cores), each single-threaded; results stream to DIR/results.sqlite and DIR/summary.csv
          is written at the end. --resume continues a killed sweep; --shard i/N runs only the
          run ids with id % N == i (Slurm job arrays); --mpi spreads runs over MPI ranks.
          Exit code 3 when the sweep finished but some runs failed.
analyze   per-factor means with 95% CIs, paired differences (common random numbers), Sobol
          indices with bootstrap CIs; CSV tables and PNG plots in DIR/analysis/.
merge     joins the DIRs of shards of one sweep into a new DIR with one summary.csv.
)";
}

int sweep_cli_main(int argc, char** argv) {
  try {
    const CliArgs a = parse(argc, argv);
    if (a.command == "sweep") return cmd_sweep(a);
    if (a.command == "analyze") return cmd_analyze(a);
    return cmd_merge(a);
  } catch (const UsageError& e) {
    std::fprintf(stderr, "regsim: %s\nTry 'regsim --help'.\n", e.what());
    return kExitUsage;
  } catch (const sim::ConfigException& e) {
    std::fprintf(stderr, "%s", e.what());
    return kExitUsage;
  } catch (const StoreConflict& e) {
    std::fprintf(stderr, "regsim: %s\n", e.what());
    return kExitUsage;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "regsim: error: %s\n", e.what());
    return 1;
  }
}

}  // namespace regsim::experiments
