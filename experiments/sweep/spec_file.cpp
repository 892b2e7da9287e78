// The sweep file parser: reads a sweep file and its base experiment, validates every key strictly.
#include "experiments/sweep/spec_file.h"

#include <algorithm>
#include <filesystem>
#include <set>

#include "experiments/default_config.h"
#include "experiments/sweep/inputs.h"
#include "experiments/sweep/plan.h"
#include "experiments/sweep/spec_keys.h"
#include "sim/input_file.h"
#include "sim/limits.h"

namespace regsim::experiments {

using sim::ConfigArray;
using sim::ConfigEntry;
using sim::ConfigErrors;
using sim::ScalarValue;
using sim::Source;

namespace {

constexpr std::uint64_t kMaxSeed = 9'000'000'000'000'000;  // the range of world.seed
constexpr std::size_t kMaxSobolFactors = SobolSequence::kMaxDims / 2;
const char* const kDefaultBase = "(default)";

bool starts_with(const std::string& s, const char* prefix) {
  return s.rfind(prefix, 0) == 0;
}

/// The raw pieces of a sweep file, sorted into sections before validation.
struct Sections {
  std::vector<ConfigEntry> design, fixed;
  OutputKeys outputs;
  std::vector<ConfigArray> factors;
  std::vector<sim::EmptyTable> param_tables[2];  ///< [factors.x], [fixed.x] without keys
  const ConfigArray* seeds = nullptr;
  std::string name;
};

Sections split_sections(const sim::FlatConfig& flat, ConfigErrors& errors) {
  Sections s;
  for (const auto& e : flat.entries) {
    if (e.key == "base") continue;  // read by read_sweep_source
    if (e.key == "name") {
      KeyReader{errors}.text(e, s.name);
    } else if (starts_with(e.key, "design.")) {
      s.design.push_back(e);
    } else if (starts_with(e.key, "fixed.")) {
      s.fixed.push_back({e.key.substr(6), e.value, e.where});
    } else if (starts_with(e.key, "outputs.")) {
      s.outputs.outputs.push_back(e);
    } else if (starts_with(e.key, "analysis.")) {
      s.outputs.analysis.push_back(e);
    } else if (starts_with(e.key, "factors.")) {
      errors.add(e.where, e.key, "a factor takes an array: levels [a, b, ...] or a range [lo, hi]");
    } else {
      errors.add(e.where, e.key,
                 "unknown key (a sweep file has base, name, [design], [factors], [fixed], "
                 "[outputs] and [analysis])");
    }
  }
  for (const auto& a : flat.arrays) {
    if (starts_with(a.key, "factors.")) {
      s.factors.push_back({a.key.substr(8), a.values, a.where});
    } else if (a.key == "design.seeds") {
      s.seeds = &a;
    } else if (a.key == "outputs.series_metrics") {
      s.outputs.series_metrics = &a;
    } else if (a.key == "outputs.track_metrics") {
      s.outputs.track_metrics = &a;
    } else {
      errors.add(a.where, a.key,
                 "unknown key (arrays are allowed for factors, design.seeds, "
                 "outputs.series_metrics and outputs.track_metrics)");
    }
  }
  for (const auto& b : flat.schedule)
    errors.add(b.where, "schedule", "schedules belong in the base experiment, not the sweep file");
  const std::set<std::string> own = {"design", "factors", "fixed", "outputs", "analysis"};
  for (const auto& t : flat.empty_tables) {  // [fixed.x], [factors.x]: checked with the base's keys
    const auto dot = t.key.find('.');
    const std::string section = t.key.substr(0, dot);
    if (dot != std::string::npos && (section == "fixed" || section == "factors"))
      s.param_tables[section == "fixed"].push_back({t.key.substr(dot + 1), t.where});
    else if (dot != std::string::npos || own.count(section) == 0)
      errors.add(t.where, t.key,
                 "unknown table (a sweep file's are [design], [factors], [fixed], "
                 "[outputs] and [analysis])");
  }
  // toml++ iterates tables in key order; the file order is the order users expect.
  std::stable_sort(
      s.factors.begin(), s.factors.end(),
      [](const ConfigArray& a, const ConfigArray& b) { return a.where.line < b.where.line; });
  return s;
}

/// Raw [design] values before they are checked against each other.
struct DesignKeys {
  std::string kind = "grid";
  std::int64_t replications = -1, seed = -1, samples = -1, skip = -1;
  bool paired = true;
  Source where;
};

DesignKeys read_design(const Sections& s, const std::string& file, ConfigErrors& errors) {
  DesignKeys d;
  d.where = Source{file, 0};
  KeyReader r{errors};
  bool have_n = false;
  for (const auto& e : s.design) {
    if (e.key == "design.kind") {
      if (r.text(e, d.kind) && d.kind != "grid" && d.kind != "lhs" && d.kind != "sobol" &&
          d.kind != "oat")
        errors.add(e.where, e.key, "= \"" + d.kind + "\" is not one of: grid, lhs, sobol, oat");
      d.where = e.where;
    } else if (e.key == "design.replications") {
      r.integer(e, 1, 1'000'000, d.replications);
    } else if (e.key == "design.seed") {
      r.integer(e, 0, static_cast<std::int64_t>(kMaxSeed), d.seed);
    } else if (e.key == "design.paired") {
      r.boolean(e, d.paired);
    } else if (e.key == "design.samples" || e.key == "design.n") {
      if (have_n) errors.add(e.where, e.key, "give either samples or n, once");
      have_n = true;
      r.integer(e, 1, 100'000'000, d.samples);
    } else if (e.key == "design.skip") {
      r.integer(e, 0, 1'000'000'000, d.skip);
    } else {
      errors.add(e.where, e.key,
                 "unknown key ([design] has kind, replications, seeds, seed, paired, samples "
                 "and skip)");
    }
  }
  return d;
}

DesignKind kind_of(const std::string& name) {
  if (name == "lhs") return DesignKind::Lhs;
  if (name == "sobol") return DesignKind::Sobol;
  if (name == "oat") return DesignKind::Oat;
  return DesignKind::Grid;
}

/// Loads the base experiment with `overrides`, copying its errors into `errors`.
bool load_base(const SweepSource& src, const std::vector<std::string>& overrides,
               agents::RunConfig& out, ConfigErrors& errors) {
  try {
    out = agents::load_run_config_text(src.base_text, src.base_path, overrides);
    return true;
  } catch (const sim::ConfigException& e) {
    for (const auto& err : e.errors().all()) errors.add(err.where, err.key, err.message);
    return false;
  }
}

void check_fixed(const agents::ParamTable& table, std::vector<ConfigEntry>& fixed,
                 ConfigErrors& errors) {
  for (auto& e : fixed) {
    const agents::ParamSpec* p = table.find(e.key);
    ScalarValue checked;
    if (p == nullptr) {
      errors.add(e.where, "fixed." + e.key, "not a parameter (regsim params lists them)");
    } else if (auto err = agents::ParamTable::check(*p, e.value, checked)) {
      errors.add(e.where, "fixed." + e.key, *err);
    } else {
      e.value = checked;
    }
  }
}

bool is_numeric(agents::ParamType t) {
  return t == agents::ParamType::Real || t == agents::ParamType::Integer;
}

void check_factor(const agents::ParamTable& table, DesignKind kind, const ConfigArray& a, Factor& f,
                  ConfigErrors& errors) {
  const std::string key = "factors." + a.key;
  f.key = a.key;
  f.where = a.where;
  const agents::ParamSpec* p = table.find(a.key);
  if (p == nullptr) {
    errors.add(a.where, key, "not a parameter (regsim params lists them)");
    return;
  }
  if (a.key == "world.seed") {
    errors.add(a.where, key, "seeds are set by [design] seeds or replications, not as a factor");
    return;
  }
  f.type = p->type;
  if (a.values.empty()) {
    errors.add(a.where, key, "needs at least one value");
    return;
  }
  for (std::size_t i = 0; i < a.values.size(); ++i) {
    ScalarValue checked;
    if (auto err = agents::ParamTable::check(*p, a.values[i], checked)) {
      const std::string sep = err->rfind("=", 0) == 0 ? " " : ": ";
      errors.add(a.where, key, "value " + std::to_string(i + 1) + sep + *err);
      return;
    }
    if (std::find(f.levels.begin(), f.levels.end(), checked) != f.levels.end()) {
      errors.add(a.where, key, sim::value_for_message(checked) + " is listed twice");
      return;
    }
    f.levels.push_back(checked);
  }
  const bool sampled = kind == DesignKind::Lhs || kind == DesignKind::Sobol;
  if (!sampled || !is_numeric(f.type)) return;
  if (f.levels.size() != 2) {
    errors.add(a.where, key, "an lhs or sobol design takes a numeric factor as a range [lo, hi]");
    return;
  }
  auto number = [](const ScalarValue& v) {
    if (const auto* i = std::get_if<std::int64_t>(&v)) return static_cast<double>(*i);
    return std::get<double>(v);
  };
  f.range = true;
  f.lo = number(f.levels[0]);
  f.hi = number(f.levels[1]);
  if (!(f.lo < f.hi)) errors.add(a.where, key, "the range [lo, hi] needs lo < hi");
  f.levels.clear();
}

/// Keys compare as the parameters they name: an old key (an alias) and its new key are one.
void check_conflicts(const agents::ParamTable& table, const SweepSpec& spec, ConfigErrors& errors) {
  const auto name = [&](const std::string& key) {
    const agents::ParamSpec* p = table.find(key);
    return p != nullptr ? p->key : key;
  };
  std::set<std::string> fixed_keys;
  for (const auto& e : spec.fixed) fixed_keys.insert(name(e.key));
  for (const auto& s : spec.source.sets) fixed_keys.insert(name(s.substr(0, s.find('='))));
  std::set<std::string> seen;
  for (const auto& f : spec.factors) {
    if (!seen.insert(name(f.key)).second) errors.add(f.where, "factors." + f.key, "is given twice");
    if (fixed_keys.count(name(f.key)) != 0)
      errors.add(f.where, "factors." + f.key, "is also fixed ([fixed] or --set)");
  }
}

void read_seeds(const Sections& s, const DesignKeys& d, SweepSpec& spec, ConfigErrors& errors) {
  if (s.seeds != nullptr) {
    std::set<std::uint64_t> seen;
    for (const auto& v : s.seeds->values) {
      const auto* i = std::get_if<std::int64_t>(&v);
      if (i == nullptr || *i < 0 || static_cast<std::uint64_t>(*i) > kMaxSeed) {
        errors.add(s.seeds->where, s.seeds->key,
                   sim::value_for_message(v) + " is not an integer seed in [0, 9e15]");
        continue;
      }
      if (!seen.insert(static_cast<std::uint64_t>(*i)).second)
        errors.add(s.seeds->where, s.seeds->key, std::to_string(*i) + " is listed twice");
      spec.seeds.push_back(static_cast<std::uint64_t>(*i));
    }
    if (spec.seeds.empty()) errors.add(s.seeds->where, s.seeds->key, "needs at least one seed");
    if (d.replications >= 0 && static_cast<std::size_t>(d.replications) != spec.seeds.size())
      errors.add(s.seeds->where, s.seeds->key,
                 "has " + std::to_string(spec.seeds.size()) +
                     " seeds but replications = " + std::to_string(d.replications));
    if (!d.paired)
      errors.add(s.seeds->where, s.seeds->key,
                 "an explicit seed list is always paired (leave out paired = false)");
    spec.replications = static_cast<int>(std::max<std::size_t>(1, spec.seeds.size()));
  } else {
    spec.replications = d.replications > 0 ? static_cast<int>(d.replications) : 1;
  }
}

void check_sizes(const DesignKeys& d, SweepSpec& spec, ConfigErrors& errors) {
  const bool sampled = spec.kind == DesignKind::Lhs || spec.kind == DesignKind::Sobol;
  if (sampled && d.samples < 0)
    errors.add(d.where, "design.samples", "an lhs or sobol design needs samples = N");
  if (!sampled && d.samples >= 0)
    errors.add(d.where, "design.samples", "only lhs and sobol designs take samples");
  if (spec.kind != DesignKind::Sobol && d.skip >= 0)
    errors.add(d.where, "design.skip", "only sobol designs take skip");
  if (spec.kind == DesignKind::Sobol && d.samples >= 0 && d.samples < 2)
    errors.add(d.where, "design.samples", "a sobol design needs at least 2 base samples");
  if (spec.factors.empty() && spec.kind != DesignKind::Grid)
    errors.add(d.where, "factors",
               std::string("a ") + design_name(spec.kind) + " design needs at least one factor");
  if (spec.kind == DesignKind::Sobol && spec.factors.size() > kMaxSobolFactors)
    errors.add(d.where, "factors",
               "a sobol design supports at most " + std::to_string(kMaxSobolFactors) + " factors");
  spec.samples = d.samples > 0 ? static_cast<std::uint64_t>(d.samples) : 0;
  spec.skip = d.skip >= 0 ? static_cast<std::uint64_t>(d.skip) : 1;
}

void check_totals(SweepSpec& spec, ConfigErrors& errors) {
  const std::uint64_t scenarios = spec.scenario_count();
  const auto reps = static_cast<std::uint64_t>(spec.replications);
  if (scenarios == 0 || scenarios > kMaxSweepRuns / reps) {
    errors.add(Source{spec.source.sweep_name, 0}, "design",
               "more than " + std::to_string(kMaxSweepRuns) + " runs");
    return;
  }
  // The store keeps a status byte per run, and an lhs design its points (8 bytes per factor and
  // sample, plus a permutation); both in memory, so both must fit the machine (with room to run).
  const double points = spec.kind == DesignKind::Lhs
                            ? static_cast<double>(spec.samples) *
                                  (8.0 * static_cast<double>(spec.factors.size()) + 8.0)
                            : 0.0;
  const double need = points + static_cast<double>(scenarios * reps);
  const std::uint64_t memory = sim::usable_memory_bytes();
  if (memory > 0 && need > static_cast<double>(memory) / 4)
    errors.add(Source{spec.source.sweep_name, 0}, "design.samples",
               "the design needs about " + sim::format_bytes(need) +
                   " in memory before any run, more than a quarter of this machine's " +
                   sim::format_bytes(static_cast<double>(memory)) + "; use fewer samples");
  const std::uint64_t last_offset = spec.paired ? reps - 1 : scenarios * reps - 1;
  if (spec.seeds.empty() && spec.base_seed > kMaxSeed - last_offset)
    errors.add(Source{spec.source.sweep_name, 0}, "design.seed",
               "base seed + run offset exceeds 9e15");
}

/// Throws the errors in file and line order (they are collected section by section).
[[noreturn]] void throw_sorted(const ConfigErrors& errors) {
  std::vector<sim::ConfigError> all = errors.all();
  std::stable_sort(all.begin(), all.end(),
                   [](const sim::ConfigError& a, const sim::ConfigError& b) {
                     return a.where.file != b.where.file ? a.where.file < b.where.file
                                                         : a.where.line < b.where.line;
                   });
  ConfigErrors sorted;
  for (const auto& e : all) sorted.add(e.where, e.key, e.message);
  throw sim::ConfigException(sorted);
}

/// The whole file; `why` says why it cannot be read (a directory, too large, the OS reason).
std::string read_text(const std::filesystem::path& p, bool& ok, std::string& why) {
  const auto text = sim::read_input_file(p.string(), sim::kMaxConfigBytes, why);
  ok = text.has_value();
  return text.value_or("");
}

}  // namespace

namespace {

/// Digests of every map the runs read: the base's (after --set and [fixed]) and each level of a
/// world.map factor.
std::string inputs_of(const SweepSpec& spec, const agents::RunConfig& base, ConfigErrors& errors) {
  std::vector<std::string> maps = {base.params.world.map};
  for (const auto& f : spec.factors)
    if (f.key == "world.map")
      for (const auto& v : f.levels)
        if (const auto* s = std::get_if<std::string>(&v)) maps.push_back(*s);
  try {
    return map_inputs_digest(maps, spec.source.base_path);
  } catch (const sim::ConfigException& e) {
    for (const auto& err : e.errors().all()) errors.add(err.where, err.key, err.message);
    return "";
  }
}

}  // namespace

SweepSource read_sweep_source(const std::string& path, const std::vector<std::string>& sets) {
  SweepSource src;
  src.sweep_name = path;
  src.sets = sets;
  ConfigErrors errors;
  bool ok = false;
  std::string why;
  src.sweep_text = read_text(path, ok, why);
  if (!ok) {
    errors.add(Source{path, 0}, "",
               why == "is a directory" ? "is a directory, not a sweep file" : why);
    throw sim::ConfigException(errors);
  }
  const sim::FlatConfig flat = sim::parse_config_text(src.sweep_text, path, errors);
  if (!errors.empty()) throw sim::ConfigException(errors);
  src.base_name = kDefaultBase;
  src.base_path = "(default: experiments/baseline.toml)";
  src.base_text = default_config_text();
  for (const auto& e : flat.entries) {
    if (e.key != "base") continue;
    if (!KeyReader{errors}.text(e, src.base_name)) break;
    std::filesystem::path base(src.base_name);
    if (base.is_relative()) base = std::filesystem::path(path).parent_path() / base;
    src.base_path = std::filesystem::absolute(base).lexically_normal().string();
    src.base_text = read_text(base, ok, why);
    if (!ok)
      errors.add(e.where, e.key, "cannot read the base experiment " + src.base_path + ": " + why);
  }
  if (!errors.empty()) throw sim::ConfigException(errors);
  return src;
}

SweepSpec load_sweep(const SweepSource& source) {
  ConfigErrors errors;
  SweepSpec spec;
  spec.source = source;
  const sim::FlatConfig flat = sim::parse_config_text(source.sweep_text, source.sweep_name, errors);
  if (!errors.empty()) throw sim::ConfigException(errors);
  const Sections s = split_sections(flat, errors);
  spec.name = s.name.empty() ? std::filesystem::path(source.sweep_name).stem().string() : s.name;
  const DesignKeys d = read_design(s, source.sweep_name, errors);
  spec.kind = kind_of(d.kind);
  spec.paired = d.paired;
  read_outputs(s.outputs, spec, errors);

  // The base with --set alone decides which keys exist; [fixed] is checked against it with the
  // sweep file's lines, then the base is reloaded with [fixed] applied.
  agents::RunConfig base;
  if (!load_base(source, source.sets, base, errors)) throw_sorted(errors);
  spec.fixed = s.fixed;
  const std::size_t errors_before = errors.all().size();
  check_fixed(agents::ParamTable(base.params.tracks), spec.fixed, errors);
  if (errors.all().size() == errors_before) {
    std::vector<std::string> overrides = source.sets;
    for (const auto& e : spec.fixed) overrides.push_back(override_entry(e.key, e.value));
    if (!load_base(source, overrides, base, errors)) throw_sorted(errors);
  }

  const agents::ParamTable table(base.params.tracks);
  const std::vector<std::string> keys = table.names();
  sim::check_empty_tables(s.param_tables[0], keys, "factors.", errors);
  sim::check_empty_tables(s.param_tables[1], keys, "fixed.", errors);
  for (const auto& a : s.factors) {
    Factor f;
    check_factor(table, spec.kind, a, f, errors);
    const agents::ParamSpec* p = table.find(f.key);
    spec.base_values.push_back(p != nullptr ? p->get(base.params) : ScalarValue{});
    spec.factors.push_back(std::move(f));
  }
  check_conflicts(table, spec, errors);
  read_seeds(s, d, spec, errors);
  spec.base_seed = d.seed >= 0 ? static_cast<std::uint64_t>(d.seed) : base.params.world.seed;
  check_sizes(d, spec, errors);
  if (!errors.empty()) throw_sorted(errors);
  check_totals(spec, errors);
  if (!errors.empty()) throw_sorted(errors);

  if (spec.source.inputs.empty()) spec.source.inputs = inputs_of(spec, base, errors);
  if (!errors.empty()) throw_sorted(errors);

  if (spec.kind == DesignKind::Lhs)
    spec.lhs_unit = latin_hypercube(spec.samples, spec.factors.size(), spec.base_seed);
  if (spec.kind == DesignKind::Sobol)
    spec.sobol = std::make_shared<const SobolSequence>(2 * spec.factors.size());
  return spec;
}

}  // namespace regsim::experiments
