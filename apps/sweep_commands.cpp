// The sweep, analyze and merge commands of regsim (their command lines are parsed in regsim_main).
#include <cstdio>
#include <exception>
#include <string>
#include <vector>

#include "apps/commands.h"
#include "experiments/output.h"
#include "experiments/sweep/analysis.h"
#include "experiments/sweep/drivers.h"
#include "experiments/sweep/plan.h"
#include "experiments/sweep/spec_file.h"

namespace regsim::apps {

namespace {

using experiments::SweepSpec;

constexpr std::uint64_t kMaxShards = 1'000'000;

/// A whole non-negative decimal number no larger than `max`, or nullopt.
std::optional<std::uint64_t> parse_count(const std::string& text, std::uint64_t max) {
  if (text.empty() || text.size() > 7 || text.find_first_not_of("0123456789") != std::string::npos)
    return std::nullopt;
  const auto v = std::stoull(text);
  return v <= max ? std::optional<std::uint64_t>(v) : std::nullopt;
}

void print_plan(const SweepSpec& spec) {
  std::printf("%s: %s design, %llu scenarios x %d replications = %llu runs\n",
              spec.source.sweep_name.c_str(), experiments::design_name(spec.kind),
              static_cast<unsigned long long>(spec.scenario_count()), spec.replications,
              static_cast<unsigned long long>(spec.run_count()));
  const std::uint64_t shown = std::min<std::uint64_t>(spec.run_count(), 10);
  for (std::uint64_t id = 0; id < shown; ++id) {
    const experiments::RunPlan p = experiments::plan_run(spec, id);
    std::string line = "  run " + std::to_string(id) + " seed " + std::to_string(p.seed) + ":";
    for (std::size_t f = 0; f < spec.factors.size(); ++f)
      line += " " + spec.factors[f].key + "=" + experiments::format_value(p.values[f]);
    std::printf("%s\n", line.c_str());
  }
  if (shown < spec.run_count()) std::printf("  ...\n");
}

}  // namespace

std::optional<std::string> parse_shard(const std::string& text, experiments::Shard& shard) {
  const auto slash = text.find('/');
  const auto index = parse_count(text.substr(0, slash), kMaxShards);
  const auto count =
      slash == std::string::npos ? std::nullopt : parse_count(text.substr(slash + 1), kMaxShards);
  if (!index || !count || *count == 0 || *index >= *count)
    return "--shard expects i/N with 0 <= i < N <= " + std::to_string(kMaxShards) + ", got '" +
           text + "'";
  shard.index = *index;
  shard.count = *count;
  return std::nullopt;
}

int sweep_command(const SweepArgs& a) {
  if (a.out.empty() && !a.dry_run) throw UsageError("sweep needs --out DIR (or --dry-run)");
  if (!a.dry_run) experiments::check_output_dir(a.out);
  experiments::SweepOptions o;
  o.out_dir = a.out;
  o.jobs = a.jobs;
  o.resume = a.resume;
  o.retry_failed = a.retry_failed;
  o.quiet = a.quiet;
  o.shard = a.shard;
  if (a.mpi)
    return experiments::run_sweep_mpi(a.positional.at(0), a.sets,
                                      o);  // explains a build without MPI
  const SweepSpec spec =
      experiments::load_sweep(experiments::read_sweep_source(a.positional.at(0), a.sets));
  if (a.dry_run) {
    print_plan(spec);
    return 0;
  }
  return experiments::run_sweep(spec, o);
}

int analyze_command(const SweepArgs& a) {
  experiments::AnalyzeOptions o;
  o.plots = !a.no_plots;
  o.quiet = a.quiet;
  return experiments::analyze_sweep(a.positional.at(0), o);
}

int merge_command(const SweepArgs& a) {
  experiments::check_output_dir(a.out);
  std::vector<std::filesystem::path> inputs(a.positional.begin(), a.positional.end());
  return experiments::merge_sweeps(inputs, a.out, a.quiet);
}

}  // namespace regsim::apps
