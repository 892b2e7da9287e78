// Sweep analysis: scenario and factor means, paired differences and Sobol tables of a store.
#include "experiments/sweep/analysis.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <string>

#include "experiments/output.h"
#include "experiments/sweep/metrics.h"
#include "experiments/sweep/plan.h"
#include "experiments/sweep/plots.h"
#include "experiments/sweep/spec.h"
#include "experiments/sweep/spec_file.h"
#include "experiments/sweep/store.h"

namespace regsim::experiments {

namespace fs = std::filesystem;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kMaxIntegerLevels = 20;  ///< integer ranges up to this wide are not binned

/// Every stored metric of every run: [scenario][replication][metric], NaN where missing.
struct Table {
  std::uint64_t scenarios = 0;
  std::size_t reps = 0, metrics = 0;
  std::vector<double> y;
  std::uint64_t ok = 0;
  double at(std::uint64_t s, std::size_t r, std::size_t m) const {
    return y[(s * reps + r) * metrics + m];
  }
};

Table load_table(const SweepStore& store, const SweepSpec& spec) {
  Table t;
  t.scenarios = spec.scenario_count();
  t.reps = static_cast<std::size_t>(spec.replications);
  t.metrics = summary_metric_names().size();
  t.y.assign(t.scenarios * t.reps * t.metrics, kNaN);
  store.for_each_ok_run([&](std::uint64_t id, const std::vector<double>& m) {
    if (id >= spec.run_count()) return;
    std::copy(m.begin(), m.end(), t.y.begin() + static_cast<std::ptrdiff_t>(id * t.metrics));
    ++t.ok;
  });
  return t;
}

std::string cell(double v) {
  return std::isnan(v) ? "" : format_double(v);
}

/// A set of scenarios sharing one level (or bin) of a factor.
struct Group {
  std::string label;
  std::vector<std::uint64_t> scenarios;
};

double numeric(const sim::ScalarValue& v) {
  if (const auto* d = std::get_if<double>(&v)) return *d;
  if (const auto* i = std::get_if<std::int64_t>(&v)) return static_cast<double>(*i);
  return kNaN;
}

std::uint64_t grid_stride(const SweepSpec& spec, std::size_t f) {
  std::uint64_t stride = 1;
  for (std::size_t k = f + 1; k < spec.factors.size(); ++k) stride *= spec.factors[k].levels.size();
  return stride;
}

std::vector<Group> level_groups(const Factor& f) {
  std::vector<Group> groups;
  for (const auto& v : f.levels) groups.push_back({format_value(v), {}});
  return groups;
}

std::size_t group_of(std::vector<Group>& groups, const std::string& label) {
  for (std::size_t g = 0; g < groups.size(); ++g)
    if (groups[g].label == label) return g;
  groups.push_back({label, {}});
  return groups.size() - 1;
}

std::vector<Group> factor_groups(const SweepSpec& spec, std::size_t f, int bins) {
  const Factor& factor = spec.factors[f];
  const std::uint64_t n = spec.scenario_count();
  std::vector<Group> groups;
  if (spec.kind == DesignKind::Grid) {
    groups = level_groups(factor);
    const std::uint64_t stride = grid_stride(spec, f);
    for (std::uint64_t s = 0; s < n; ++s)
      groups[(s / stride) % factor.levels.size()].scenarios.push_back(s);
    return groups;
  }
  if (spec.kind == DesignKind::Oat) {
    groups.push_back({format_value(spec.base_values[f]), {0}});
    for (const auto& v : factor.levels) group_of(groups, format_value(v));
    for (std::uint64_t s = 1; s < n; ++s) {
      const auto values = scenario_values(spec, s);
      if (values[f] != spec.base_values[f])
        groups[group_of(groups, format_value(values[f]))].scenarios.push_back(s);
    }
    return groups;
  }
  // lhs and sobol: equal-width bins of a range, each value of a short integer range, or the
  // categories; sobol uses rows A and B only.
  const bool binned = factor.range && !(factor.type == agents::ParamType::Integer &&
                                        factor.hi - factor.lo < kMaxIntegerLevels);
  if (binned) {
    for (int b = 0; b < bins; ++b)
      groups.push_back({format_double(factor.lo + (b + 0.5) * (factor.hi - factor.lo) / bins), {}});
  } else if (factor.range) {
    for (double v = factor.lo; v <= factor.hi; ++v)
      groups.push_back({format_value(static_cast<std::int64_t>(v)), {}});
  } else {
    groups = level_groups(factor);
  }
  const std::size_t block = spec.factors.size() + 2;
  for (std::uint64_t s = 0; s < n; ++s) {
    if (spec.kind == DesignKind::Sobol && s % block >= 2) continue;
    const sim::ScalarValue v = scenario_values(spec, s)[f];
    std::size_t g = 0;
    if (binned) {
      const double x = (numeric(v) - factor.lo) / (factor.hi - factor.lo);
      g = static_cast<std::size_t>(std::clamp(std::floor(x * bins), 0.0, bins - 1.0));
    } else {
      g = group_of(groups, format_value(v));
    }
    groups[g].scenarios.push_back(s);
  }
  return groups;
}

/// Mean over replications of per-replication means of `value(s, r)` over `items`; with one
/// replication the interval is over the items instead.
template <class Item, class Value>
MeanCI replicated_mean(const Table& t, const std::vector<Item>& items, Value value) {
  std::vector<double> samples;
  if (t.reps == 1) {
    for (const auto& it : items) samples.push_back(value(it, 0));
    return mean_ci(samples);
  }
  for (std::size_t r = 0; r < t.reps; ++r) {
    double sum = 0;
    std::size_t n = 0;
    for (const auto& it : items) {
      const double v = value(it, r);
      if (std::isnan(v)) continue;
      sum += v;
      ++n;
    }
    samples.push_back(n > 0 ? sum / static_cast<double>(n) : kNaN);
  }
  return mean_ci(samples);
}

void write_scenario_means(const SweepSpec& spec, const Table& t, const fs::path& path) {
  const auto& names = summary_metric_names();
  AtomicFile out(path);
  CsvLine header;
  header << "scenario";
  for (const auto& f : spec.factors) header << csv_cell(f.key);
  header << "metric"
         << "replications"
         << "mean"
         << "ci_lo"
         << "ci_hi";
  out.line(header.str());
  for (std::uint64_t s = 0; s < t.scenarios; ++s) {
    CsvLine prefix;
    prefix << std::to_string(s);
    for (const auto& v : scenario_values(spec, s)) prefix << csv_cell(format_value(v));
    for (std::size_t m = 0; m < names.size(); ++m) {
      std::vector<double> values;
      for (std::size_t r = 0; r < t.reps; ++r) values.push_back(t.at(s, r, m));
      const MeanCI ci = mean_ci(values);
      CsvLine row = prefix;
      row << names[m] << std::to_string(ci.n) << cell(ci.mean) << cell(ci.lo) << cell(ci.hi);
      out.line(row.str());
    }
  }
  out.commit();
}

void write_factor_means(const SweepSpec& spec, const Table& t, const fs::path& path) {
  const auto& names = summary_metric_names();
  AtomicFile out(path);
  out.line("factor,level,metric,scenarios,replications,mean,ci_lo,ci_hi");
  for (std::size_t f = 0; f < spec.factors.size(); ++f) {
    for (const Group& g : factor_groups(spec, f, spec.bins)) {
      for (std::size_t m = 0; m < names.size(); ++m) {
        const MeanCI ci = replicated_mean(
            t, g.scenarios, [&](std::uint64_t s, std::size_t r) { return t.at(s, r, m); });
        CsvLine row;
        row << csv_cell(spec.factors[f].key) << csv_cell(g.label) << names[m]
            << std::to_string(g.scenarios.size()) << std::to_string(t.reps) << cell(ci.mean)
            << cell(ci.lo) << cell(ci.hi);
        out.line(row.str());
      }
    }
  }
  out.commit();
}

using Pair = std::pair<std::uint64_t, std::uint64_t>;  ///< (scenario, its reference scenario)

/// Level contrasts whose two sides differ only in one factor: grid levels against the first
/// level with every other factor held, oat levels against the base scenario.
std::vector<std::pair<std::string, std::vector<Pair>>> contrasts(const SweepSpec& spec,
                                                                 std::size_t f,
                                                                 std::string& reference) {
  std::vector<std::pair<std::string, std::vector<Pair>>> out;
  const Factor& factor = spec.factors[f];
  if (spec.kind == DesignKind::Grid) {
    reference = format_value(factor.levels[0]);
    const std::uint64_t stride = grid_stride(spec, f), n = spec.scenario_count();
    for (std::size_t l = 1; l < factor.levels.size(); ++l) {
      std::vector<Pair> pairs;
      for (std::uint64_t s = 0; s < n; ++s)
        if ((s / stride) % factor.levels.size() == l) pairs.emplace_back(s, s - l * stride);
      out.emplace_back(format_value(factor.levels[l]), std::move(pairs));
    }
  } else if (spec.kind == DesignKind::Oat) {
    reference = format_value(spec.base_values[f]);
    for (std::uint64_t s = 1; s < spec.scenario_count(); ++s) {
      const auto values = scenario_values(spec, s);
      if (values[f] != spec.base_values[f])
        out.emplace_back(format_value(values[f]), std::vector<Pair>{{s, 0}});
    }
  }
  return out;
}

void write_paired(const SweepSpec& spec, const Table& t, const fs::path& path) {
  const auto& names = summary_metric_names();
  AtomicFile out(path);
  out.line(
      "factor,level,reference,metric,pairs,replications,mean_diff,ci_lo,ci_hi,"
      "share_positive");
  for (std::size_t f = 0; f < spec.factors.size(); ++f) {
    std::string reference;
    for (const auto& [level, pairs] : contrasts(spec, f, reference)) {
      for (std::size_t m = 0; m < names.size(); ++m) {
        auto diff = [&](const Pair& p, std::size_t r) {
          return t.at(p.first, r, m) - t.at(p.second, r, m);
        };
        const MeanCI ci = replicated_mean(t, pairs, diff);
        std::size_t positive = 0, total = 0;
        for (const auto& p : pairs)
          for (std::size_t r = 0; r < t.reps; ++r) {
            const double d = diff(p, r);
            if (std::isnan(d)) continue;
            ++total;
            positive += d > 0 ? 1 : 0;
          }
        CsvLine row;
        row << csv_cell(spec.factors[f].key) << csv_cell(level) << csv_cell(reference) << names[m]
            << std::to_string(pairs.size()) << std::to_string(t.reps) << cell(ci.mean)
            << cell(ci.lo) << cell(ci.hi)
            << cell(total > 0 ? static_cast<double>(positive) / static_cast<double>(total) : kNaN);
        out.line(row.str());
      }
    }
  }
  out.commit();
}

std::vector<SobolIndices> write_sobol(const SweepSpec& spec, const Table& t, const fs::path& path) {
  const auto& names = summary_metric_names();
  std::vector<SobolIndices> all;
  AtomicFile out(path);
  out.line("metric,factor,S1,S1_lo,S1_hi,ST,ST_lo,ST_hi,base_samples");
  for (std::size_t m = 0; m < names.size(); ++m) {
    std::vector<double> y(t.scenarios, kNaN);
    for (std::uint64_t s = 0; s < t.scenarios; ++s) {
      std::vector<double> reps;
      for (std::size_t r = 0; r < t.reps; ++r) reps.push_back(t.at(s, r, m));
      y[s] = mean_ci(reps).mean;  // the scenario's output: its mean over replications
    }
    SobolIndices idx = sobol_indices(y, spec.factors.size(), spec.bootstrap, spec.base_seed + m);
    for (std::size_t f = 0; f < spec.factors.size(); ++f) {
      CsvLine row;
      row << names[m] << csv_cell(spec.factors[f].key) << cell(idx.s1[f]) << cell(idx.s1_lo[f])
          << cell(idx.s1_hi[f]) << cell(idx.st[f]) << cell(idx.st_lo[f]) << cell(idx.st_hi[f])
          << std::to_string(idx.samples);
      out.line(row.str());
    }
    all.push_back(std::move(idx));
  }
  out.commit();
  return all;
}

void print_sobol(const SweepSpec& spec, const std::vector<SobolIndices>& all) {
  const auto& names = summary_metric_names();
  for (const char* metric : {"final_cu", "mean_price_index", "final_similarity", "subsidy_gdp"}) {
    const auto m =
        static_cast<std::size_t>(std::find(names.begin(), names.end(), metric) - names.begin());
    std::printf("Sobol indices of %s (S1 [95%% CI], ST [95%% CI]):\n", metric);
    for (std::size_t f = 0; f < spec.factors.size(); ++f) {
      const SobolIndices& x = all[m];
      std::printf("  %-32s S1 %6.3f [%6.3f, %6.3f]  ST %6.3f [%6.3f, %6.3f]\n",
                  spec.factors[f].key.c_str(), x.s1[f], x.s1_lo[f], x.s1_hi[f], x.st[f], x.st_lo[f],
                  x.st_hi[f]);
    }
  }
}

}  // namespace

int analyze_sweep(const fs::path& dir, const AnalyzeOptions& options) {
  const auto store = SweepStore::open_existing(dir);
  const SweepSpec spec = load_sweep(store->source());
  const Table table = load_table(*store, spec);
  // Tables and plots are staged and swapped in together: DIR/analysis/ is never half new.
  StagedDir stage(dir / "analysis", "scenario_means.csv");
  const fs::path out = stage.file("");
  std::vector<std::string> written = {"scenario_means.csv", "factor_means.csv"};
  write_scenario_means(spec, table, out / "scenario_means.csv");
  write_factor_means(spec, table, out / "factor_means.csv");
  const bool contrasts_exist = spec.kind == DesignKind::Grid || spec.kind == DesignKind::Oat;
  if (contrasts_exist && spec.paired) {
    write_paired(spec, table, out / "paired_differences.csv");
    written.emplace_back("paired_differences.csv");
  }
  std::vector<SobolIndices> sobol;
  if (spec.kind == DesignKind::Sobol) {
    sobol = write_sobol(spec, table, out / "sobol_indices.csv");
    written.emplace_back("sobol_indices.csv");
  }
  if (!options.quiet) {
    std::printf("%s: %s design, %llu of %llu runs ok\n", spec.name.c_str(), design_name(spec.kind),
                static_cast<unsigned long long>(table.ok),
                static_cast<unsigned long long>(spec.run_count()));
    std::string files;
    for (const auto& w : written) files += (files.empty() ? "" : ", ") + w;
    std::printf("tables in %s/: %s\n", (dir / "analysis").string().c_str(), files.c_str());
    if (!sobol.empty()) print_sobol(spec, sobol);
  }
  if (options.plots) make_plots(out, dir / "analysis", options.quiet);
  stage.commit();
  return 0;
}

}  // namespace regsim::experiments
