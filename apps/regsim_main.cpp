// regsim: the headless command-line program. Its command lines (CLI11) are defined here, the only
// translation unit that includes CLI11; the commands themselves are in run_ and sweep_commands.cpp.
#include <CLI/CLI.hpp>
#include <cctype>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

#include "apps/commands.h"
#include "experiments/version.h"
#include "sim/limits.h"

namespace {

namespace ra = regsim::apps;

constexpr int kExitUsage = 2;
/// Threads or jobs a command may ask for: far above any machine's cores (each thread costs
/// stack and scheduler memory; 10^9 once allocated 7.8 GB before failing).
constexpr int kMaxThreads = 1024;

const char* kFooter =
    R"(Run 'regsim COMMAND --help' for the options of a command. Options take their value as
'--out DIR' or '--out=DIR'. Runs: README.md; sweeps, designs and clusters: docs/experiments.md.

Exit codes: 0 success, 1 runtime error, 2 bad command line or config, 3 a sweep finished but some
of its runs failed.)";

/// --set key=value and --seed N, kept in command-line order (the last value of a key wins).
void add_overrides(CLI::App& cmd, std::vector<std::string>& sets, bool with_seed) {
  cmd.add_option_function<std::string>(
         "--set", [&sets](const std::string& kv) { sets.push_back(kv); },
         "overrides any key of 'regsim params', e.g. --set market.kappa=0 (repeatable)")
      ->type_name("KEY=VALUE")
      ->trigger_on_parse()
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  if (!with_seed) return;
  cmd.add_option_function<std::int64_t>(
         "--seed", [&sets](std::int64_t n) { sets.push_back("world.seed=" + std::to_string(n)); },
         "shorthand for --set world.seed=N")
      ->type_name("N")
      ->check(CLI::Range(std::int64_t{0}, std::int64_t{9'000'000'000'000'000}))
      ->trigger_on_parse()
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
}

CLI::App* add_run(CLI::App& app, ra::RunArgs& a) {
  auto* cmd = app.add_subcommand("run", "run an experiment and write its outputs");
  cmd->footer(
      R"(Runs CONFIG (the embedded default, experiments/baseline.toml, when omitted) and writes
metrics.csv, tracks.csv, cities.csv, cells.csv, nodes.csv, graph.csv (firms.csv with --firms) and
manifest.json to DIR. Prints a progress bar on a terminal
and a short summary. Save and branch: --save-state FILE --save-at YEAR saves the run part-way;
--from FILE continues it (to --years N), writing the outputs of the whole run. Exit codes: 0 success, 1 runtime error, 2 bad command line or config.)");
  cmd->add_option("CONFIG", a.config, "experiment file (TOML; 'regsim params' lists the keys)")
      ->type_name("");
  cmd->add_option("--out", a.out,
                  "output directory (created if missing; files replaced atomically)")
      ->type_name("DIR")
      ->capture_default_str();
  add_overrides(*cmd, a.sets, true);
  cmd->add_option("--threads", a.threads,
                  "worker threads inside the run (0: all cores); results do not depend on it")
      ->type_name("N")
      ->check(CLI::Range(0, kMaxThreads));
  cmd->add_flag_function(
      "--firms", [&a](std::int64_t) { a.sets.push_back("output.firms=true"); },
      "also write firms.csv: one row per live firm every output.firms_every ticks (default 4)");
  cmd->add_option_function<std::int64_t>(
         "--years", [&a](std::int64_t n) { a.sets.push_back("world.years=" + std::to_string(n)); },
         "shorthand for --set world.years=N (with --from: the year the continued run ends)")
      ->type_name("N");
  cmd->add_option("--save-state", a.save_state,
                  "save the whole state (with the tables so far) to FILE after --save-at years")
      ->type_name("FILE");
  cmd->add_option("--save-at", a.save_at,
                  "years run before the state is saved (0: before the first tick; default: the "
                  "end)")
      ->type_name("YEAR")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--from", a.from,
                  "continue the run saved in FILE (--save-state) instead of starting one; --set "
                  "changes keys that may change during a run, from its next tick")
      ->type_name("FILE");
  cmd->add_flag("--quiet", a.quiet, "no progress bar and no summary");
  cmd->add_flag("--profile", a.profile,
                "print the wall time of each phase of a tick (docs/performance.md)");
  return cmd;
}

CLI::App* add_validate(CLI::App& app, ra::RunArgs& a) {
  auto* cmd = app.add_subcommand("validate", "check a config without running it");
  cmd->footer(
      R"(Unknown keys, wrong types and out-of-range values are reported with file, line and key,
all together. Exit codes: 0 valid, 2 not.)");
  cmd->add_option("CONFIG", a.config, "experiment file (TOML)")->type_name("")->required();
  add_overrides(*cmd, a.sets, true);
  return cmd;
}

CLI::App* add_sweep(CLI::App& app, ra::SweepArgs& a) {
  auto* cmd = app.add_subcommand("sweep", "run every run of a sweep file (docs/experiments.md)");
  cmd->add_option("SWEEP", a.positional, "sweep file (TOML)")
      ->type_name("")
      ->required()
      ->expected(1);
  cmd->add_option("--out", a.out, "output directory of the store and the CSV files")
      ->type_name("DIR");
  cmd->add_option("--jobs", a.jobs, "runs at once (default: all cores; 1 under --mpi)")
      ->type_name("N")
      ->check(CLI::Range(1, kMaxThreads));
  auto* resume = cmd->add_flag("--resume", a.resume, "continue a killed or partial sweep in DIR");
  cmd->add_flag("--retry-failed", a.retry_failed, "with --resume: run failed runs again")
      ->needs(resume);
  cmd->add_option_function<std::string>(
         "--shard",
         [&a](const std::string& text) {
           if (auto error = ra::parse_shard(text, a.shard)) throw CLI::ValidationError(*error);
         },
         "run only the run ids with id % N == i (Slurm job arrays; join with 'regsim merge')")
      ->type_name("i/N");
  auto* mpi = cmd->add_flag("--mpi", a.mpi, "spread the runs over MPI ranks (mpirun -np K ...)");
  add_overrides(*cmd, a.sets, false);
  cmd->add_flag("--dry-run", a.dry_run, "validate and list the first runs; run nothing")
      ->excludes(mpi);
  cmd->add_flag("--quiet", a.quiet, "no progress and no closing lines");
  cmd->footer(R"(Runs N runs at once, each single-threaded; results stream to DIR/results.sqlite and
DIR/summary.csv is written at the end. Exit codes: 0 all runs ok, 1 runtime error, 2 bad input
(sweep file, command line, a DIR holding another sweep), 3 finished but some runs failed.)");
  return cmd;
}

CLI::App* add_analyze(CLI::App& app, ra::SweepArgs& a) {
  auto* cmd = app.add_subcommand("analyze", "tables and plots of a sweep's results");
  cmd->footer(
      R"(Per-factor means with 95% intervals, paired differences (common random numbers), Sobol
indices with bootstrap intervals: CSV tables and PNG plots in DIR/analysis/.)");
  cmd->add_option("DIR", a.positional, "directory of a sweep (finished or not)")
      ->type_name("")
      ->required()
      ->expected(1);
  cmd->add_flag("--no-plots", a.no_plots, "tables only");
  cmd->add_flag("--quiet", a.quiet, "print nothing but errors");
  return cmd;
}

CLI::App* add_merge(CLI::App& app, ra::SweepArgs& a) {
  auto* cmd = app.add_subcommand("merge", "join the shards of one sweep into a new DIR");
  cmd->footer(
      R"(Checks that the DIRs hold the same sweep and reports missing runs (complete them with
'regsim sweep SWEEP --out DIR --resume'). Exit code 3 when runs failed or are missing.)");
  cmd->add_option("DIRS", a.positional, "sweep directories of one sweep")
      ->type_name("")
      ->required();
  cmd->add_option("--out", a.out, "the new directory")->type_name("DIR")->required();
  cmd->add_flag("--quiet", a.quiet, "report only missing or failed runs");
  return cmd;
}

/// The first argument of the command being parsed that names none of its options, or "".
std::string unknown_flag(const CLI::App& app, int argc, char** argv) {
  const auto commands = app.get_subcommands();
  if (commands.empty()) return "";
  for (int i = 2; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg.size() < 2 || arg[0] != '-' || std::isdigit(static_cast<unsigned char>(arg[1])))
      continue;
    if (commands.back()->get_option_no_throw(arg.substr(0, arg.find('='))) == nullptr) return arg;
  }
  return "";
}

/// Prints the error and the usage of the command that failed; bad command lines exit with 2.
/// CLI11 reports a missing argument before an unknown one; the unknown flag is named first.
int report(const CLI::App& app, const CLI::ParseError& e, int argc, char** argv) {
  if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version
  const std::string unknown = e.get_name() == "RequiredError" ? unknown_flag(app, argc, argv) : "";
  if (!unknown.empty()) {
    std::fprintf(stderr, "regsim: The following argument was not expected: %s\n\n",
                 regsim::sim::shorten_for_message(unknown, 200).c_str());
  } else {  // CLI11 quotes the arguments it refuses: cut and escaped like every user value
    std::fprintf(stderr, "regsim: %s\n\n",
                 regsim::sim::shorten_for_message(e.what(), 1000).c_str());
  }
  std::cerr << app.help();  // the help of the subcommand being parsed, when there is one
  return kExitUsage;
}

/// Registers every command and its options; returns the exit code of the command that ran.
int run_program(int argc, char** argv) {
  CLI::App app("regsim: agent-based simulator of regional competition for industrial tracks",
               "regsim");
  app.footer(kFooter);
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("regsim ") + regsim::experiments::version() +
                                        " (commit " + regsim::experiments::git_commit() + ")");
  ra::RunArgs run_args, validate_args;
  ra::SweepArgs sweep_args;
  run_args.argv.assign(argv, argv + argc);
  auto* run = add_run(app, run_args);
  auto* validate = add_validate(app, validate_args);
  auto* params = app.add_subcommand("params", "list every config key: default, range, meaning");
  params->footer("Keys marked 'required' have no default: every config sets them.");
  app.add_subcommand("view", "live classroom view (runs regsim-view; 'regsim view --help')");
  app.add_subcommand("classroom",
                     "students govern cities from their browsers (runs regsim-classroom; "
                     "'regsim classroom --help')");
  auto* sweep = add_sweep(app, sweep_args);
  auto* analyze = add_analyze(app, sweep_args);
  auto* merge = add_merge(app, sweep_args);
  try {
    auto named = [&](const CLI::App* sub) { return sub->check_name(argv[1]); };
    if (argc >= 2 && argv[1][0] != '-' && app.get_subcommands(named).empty())
      throw CLI::ExtrasError(std::string("unknown command '") + argv[1] + "'",
                             CLI::ExitCodes::ExtrasError);
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return report(app, e, argc, argv);
  }
  const std::string help = "regsim " + app.get_subcommands().at(0)->get_name() + " --help";
  return ra::guarded(help, [&] {
    if (run->parsed()) return ra::run_command(run_args);
    if (validate->parsed()) return ra::validate_command(validate_args);
    if (params->parsed()) return ra::params_command();
    if (sweep->parsed()) return ra::sweep_command(sweep_args);
    if (analyze->parsed()) return ra::analyze_command(sweep_args);
    if (merge->parsed()) return ra::merge_command(sweep_args);
    return kExitUsage;
  });
}

}  // namespace

int main(int argc, char** argv) {
  // `regsim view ...` and `regsim classroom ...` pass every argument through untouched.
  if (argc >= 2 && std::strcmp(argv[1], "view") == 0) return ra::view_command(argc, argv);
  if (argc >= 2 && std::strcmp(argv[1], "classroom") == 0) return ra::classroom_command(argc, argv);
  if (argc >= 2 && argc <= 3 && std::strcmp(argv[1], "help") == 0) {  // regsim help [COMMAND]
    std::vector<char*> args = {argv[0], argv[argc - 1], const_cast<char*>("--help")};
    if (argc == 2) args.erase(args.begin() + 1);
    return run_program(static_cast<int>(args.size()), args.data());
  }
  return run_program(argc, argv);
}
