// Loads, validates and serialises run configs through the parameter table.
#include <algorithm>
#include <initializer_list>
#include <map>
#include <set>
#include <sstream>

#include "agents/param_table.h"
#include "sim/map_loader.h"

namespace regsim::agents {

using sim::ConfigEntry;
using sim::ConfigErrors;
using sim::ScalarValue;
using sim::Source;

namespace {

bool is_track_key(const std::string& key) {
  return key.rfind("tracks.", 0) == 0;
}

void apply_entry(const ParamTable& table, const ConfigEntry& e, ModelParams& p,
                 ConfigErrors& errors) {
  const ParamSpec* spec = table.find(e.key);
  if (spec == nullptr) {
    errors.add(e.where, e.key, "unknown key");
    return;
  }
  ScalarValue checked;
  if (auto err = ParamTable::check(*spec, e.value, checked)) {
    errors.add(e.where, e.key, *err);
    return;
  }
  spec->set(p, checked);
}

std::vector<ConfigEntry> parse_overrides(const std::vector<std::string>& overrides,
                                         ConfigErrors& errors) {
  std::vector<ConfigEntry> out;
  for (const auto& o : overrides) {
    const auto eq = o.find('=');
    if (eq == std::string::npos || eq == 0) {
      errors.add(Source{"--set", 0}, o, "expected key=value");
      continue;
    }
    out.push_back({o.substr(0, eq), sim::parse_scalar_text(o.substr(eq + 1)), Source{"--set", 0}});
  }
  return out;
}

/// The tick of a schedule block. year and tick are range-checked against the longest run
/// (world.years' upper end) before any arithmetic, so no value can overflow or wrap to tick 0.
int schedule_tick(const sim::ScheduleBlock& block, std::int64_t max_years, ConfigErrors& errors) {
  int tick = -1;
  for (const auto& f : block.fields) {
    const auto* i = std::get_if<std::int64_t>(&f.value);
    const bool year = f.key == "schedule.year";
    const std::int64_t hi = year ? max_years : max_years * sim::kTicksPerYear;
    if (f.key != "schedule.year" && f.key != "schedule.tick") {
      errors.add(f.where, f.key, "unknown key (a schedule block has year or tick, and set)");
    } else if (i == nullptr || *i < 0 || *i > hi) {
      errors.add(f.where, f.key,
                 "expected an integer in [0, " + std::to_string(hi) + "] (the longest run), got " +
                     sim::value_for_message(f.value));
    } else if (tick >= 0) {
      errors.add(f.where, f.key, "give either year or tick, once");
    } else {
      // A change after the last tick never applies; it is kept so that shortening a run with
      // --set world.years=... does not make a longer experiment file invalid.
      tick = static_cast<int>(year ? *i * sim::kTicksPerYear : *i);
    }
  }
  if (tick < 0 && block.fields.empty())
    errors.add(block.where, "schedule", "a schedule block needs year or tick");
  return tick;
}

void load_schedule(const sim::FlatConfig& flat, const ParamTable& table, RunConfig& out,
                   ConfigErrors& errors) {
  const ParamSpec* years = table.find("world.years");
  const auto max_years = static_cast<std::int64_t>(years != nullptr ? years->max : 200);
  const std::vector<std::string> keys = table.names();
  for (const auto& block : flat.schedule) {
    const int tick = schedule_tick(block, max_years, errors);
    if (block.set.empty()) errors.add(block.where, "schedule.set", "no changes given");
    sim::check_empty_tables(block.empty_tables, keys, "", errors);
    for (const auto& e : block.set) {
      const ParamSpec* spec = table.find(e.key);
      ScalarValue checked;
      if (spec == nullptr) {
        errors.add(e.where, e.key, "unknown key");
      } else if (!spec->schedulable) {
        errors.add(e.where, e.key, "cannot change during a run (fixed when the world is built)");
      } else if (auto err = ParamTable::check(*spec, e.value, checked)) {
        errors.add(e.where, e.key, *err);
      } else if (tick >= 0) {
        out.schedule.push_back({tick, e.key, checked});
      }
    }
  }
  std::stable_sort(out.schedule.begin(), out.schedule.end(),
                   [](const ParamChange& a, const ParamChange& b) { return a.tick < b.tick; });
}

/// Where the last of `keys` was set (file and line, or --set), else the config file itself.
Source where_set(const std::vector<ConfigEntry>& entries, std::initializer_list<std::string> keys,
                 const Source& file) {
  for (auto e = entries.rbegin(); e != entries.rend(); ++e)
    for (const auto& k : keys)
      if (e->key == k) return e->where;
  return file;
}

/// Checks across keys; each error names the line of a key involved (the last one set).
void check_consistency(const ModelParams& p, const std::vector<ConfigEntry>& entries,
                       const Source& file, ConfigErrors& errors) {
  const auto at = [&](std::initializer_list<std::string> keys) {
    return where_set(entries, keys, file);
  };
  const auto& w = p.world;
  if (w.zone_development + w.zone_agricultural + w.zone_ecological > 1.0 + 1e-12)
    errors.add(at({"world.zone_development", "world.zone_agricultural", "world.zone_ecological"}),
               "world.zone_*", "zone shares add up to more than 1");
  if (w.provinces > w.cities)
    errors.add(at({"world.provinces", "world.cities"}), "world.provinces",
               "more provinces than cities");
  if (p.tournament.min_age > p.tournament.max_age)
    errors.add(at({"tournament.min_age", "tournament.max_age"}), "tournament.min_age",
               "is above tournament.max_age");
  if (p.tournament.ra_min > p.tournament.ra_max)
    errors.add(at({"tournament.ra_min", "tournament.ra_max"}), "tournament.ra_min",
               "is above tournament.ra_max");
  if (p.government.list_size > static_cast<int>(p.tracks.size()))
    errors.add(at({"government.list_size", "world.tracks"}), "government.list_size",
               "is larger than the number of tracks");
  for (const auto& t : p.tracks) {
    const std::string track = "tracks." + t.name + ".";
    if (t.amax < t.a0)
      errors.add(at({track + "amax", track + "a0"}), track + "amax", "is below a0");
  }
}

/// With world.map set, the map decides the number of cities and provinces (the config's
/// world.cities and world.provinces are overridden), and a missing or bad map is a config error.
void apply_map(const std::vector<ConfigEntry>& entries, const std::string& config_path,
               ModelParams& p, ConfigErrors& errors) {
  if (p.world.map.empty()) return;
  try {
    const sim::MapData map = sim::load_map(sim::resolve_map_dir(p.world.map, config_path));
    p.world.cities = static_cast<int>(map.size());
    p.world.provinces = map.num_provinces();
  } catch (const sim::ConfigException& e) {
    Source where{config_path, 0};
    for (const auto& entry : entries)
      if (entry.key == "world.map") where = entry.where;
    for (const auto& err : e.errors().all())
      errors.add(err.key == "world.map" ? where : err.where, err.key, err.message);
  }
}

/// A file sets each parameter once: an old key (ParamSpec::aliases) and the key itself, or two
/// aliases, in one file are an error at the second (--set overrides either, as for any key).
void check_aliases(const std::vector<ConfigEntry>& entries, const ParamTable& table,
                   ConfigErrors& errors) {
  std::vector<const ConfigEntry*> by_line;
  for (const auto& e : entries) by_line.push_back(&e);
  std::stable_sort(by_line.begin(), by_line.end(), [](const ConfigEntry* a, const ConfigEntry* b) {
    return a->where.line < b->where.line;
  });
  std::map<const ParamSpec*, const ConfigEntry*> first;
  for (const ConfigEntry* entry : by_line) {
    const ConfigEntry& e = *entry;
    const ParamSpec* spec = table.find(e.key);
    if (spec == nullptr) continue;
    const auto [it, fresh] = first.emplace(spec, &e);
    if (fresh || it->second->key == e.key) continue;
    errors.add(e.where, e.key,
               "is " + spec->key + ", already set as " + it->second->key + " at line " +
                   std::to_string(it->second->where.line));
  }
}

bool has_seed(const sim::FlatConfig& flat, const std::vector<ConfigEntry>& overrides) {
  auto is_seed = [](const ConfigEntry& e) { return e.key == "world.seed"; };
  return std::any_of(flat.entries.begin(), flat.entries.end(), is_seed) ||
         std::any_of(overrides.begin(), overrides.end(), is_seed);
}

RunConfig resolve(const sim::FlatConfig& flat, const std::string& name,
                  const std::vector<std::string>& overrides, ConfigErrors& errors) {
  RunConfig out;
  out.source = name;
  ModelParams& p = out.params;
  std::vector<ConfigEntry> entries = flat.entries;
  const std::vector<ConfigEntry> sets = parse_overrides(overrides, errors);
  entries.insert(entries.end(), sets.begin(), sets.end());
  for (const auto& a : flat.arrays)
    errors.add(a.where, a.key, "arrays are only allowed in sweep files");
  if (!has_seed(flat, sets))
    errors.add(Source{name, 0}, "world.seed", "missing: every run needs an explicit seed");

  // World keys first: world.tracks decides which track keys exist.
  const ParamTable base_table(p.tracks);
  check_aliases(flat.entries, base_table, errors);
  for (const auto& e : entries)
    if (!is_track_key(e.key)) apply_entry(base_table, e, p, errors);
  p.tracks = sim::make_tracks(p.world.tracks);
  const ParamTable table(p.tracks);
  for (const auto& e : entries)
    if (is_track_key(e.key)) apply_entry(table, e, p, errors);
  sim::check_empty_tables(flat.empty_tables, table.names(), "", errors);
  apply_map(entries, name, p, errors);
  check_consistency(p, entries, Source{name, 0}, errors);
  load_schedule(flat, table, out, errors);
  return out;
}

}  // namespace

RunConfig load_run_config_text(const std::string& text, const std::string& name,
                               const std::vector<std::string>& overrides) {
  ConfigErrors errors;
  const sim::FlatConfig flat = sim::parse_config_text(text, name, errors);
  RunConfig out = resolve(flat, name, overrides, errors);
  if (!errors.empty()) throw sim::ConfigException(errors);
  return out;
}

RunConfig load_run_config(const std::string& path, const std::vector<std::string>& overrides) {
  ConfigErrors errors;
  const sim::FlatConfig flat = sim::read_config_file(path, errors);
  if (!errors.empty()) throw sim::ConfigException(errors);
  RunConfig out = resolve(flat, path, overrides, errors);
  if (!errors.empty()) throw sim::ConfigException(errors);
  return out;
}

std::optional<std::string> apply_change(ModelParams& params, const std::string& key,
                                        const ScalarValue& value) {
  const ParamTable table(params.tracks);
  const ParamSpec* spec = table.find(key);
  if (spec == nullptr) return "unknown key " + key;
  if (!spec->schedulable) return key + " cannot change during a run";
  ScalarValue checked;
  if (auto err = ParamTable::check(*spec, value, checked)) return key + ": " + *err;
  spec->set(params, checked);
  return std::nullopt;
}

namespace {

std::string json_value(const ScalarValue& v) {
  if (const auto* s = std::get_if<std::string>(&v)) {
    std::string out = "\"";
    for (char c : *s) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    return out + "\"";
  }
  return sim::to_string(v);
}

}  // namespace

std::string params_to_json(const ModelParams& params, int indent) {
  const ParamTable table(params.tracks);
  const std::string pad(static_cast<std::size_t>(indent), ' ');
  std::string out;
  for (const auto& s : table.specs()) {
    if (!out.empty()) out += ",\n";
    out += pad + "\"" + s.key + "\": " + json_value(s.get(params));
  }
  return out;
}

std::string params_to_toml(const ModelParams& params) {
  const ParamTable table(params.tracks);
  std::string out;
  for (const auto& s : table.specs()) {
    out += "\"" + s.key + "\" = " + json_value(s.get(params)) + "\n";
  }
  return out;
}

}  // namespace regsim::agents
