// Headless replay of a decision log.
#include "classroom/replay.h"

#include <algorithm>
#include <cstdio>
#include <map>

#include "classroom/game.h"
#include "sim/config.h"

namespace regsim::classroom {

namespace {

[[noreturn]] void bad_log(const std::string& name, const std::string& message) {
  sim::ConfigErrors errors;
  errors.add({name, 0}, "", message);
  throw sim::ConfigException(errors);
}

/// The external decisions of a year record, checked against the world.
agents::ExternalDecisions held_choices(const YearRecord& y, const agents::Model& m,
                                       const std::string& name) {
  agents::ExternalDecisions out;
  out.city.resize(m.world.num_cities());
  for (const auto& h : y.choices) {
    if (h.city >= out.city.size())
      bad_log(name, "year " + std::to_string(y.year) + ": no city " + std::to_string(h.city));
    agents::CityChoice choice;
    for (const auto& t : h.tracks) {
      const auto it = std::find_if(m.params.tracks.begin(), m.params.tracks.end(),
                                   [&](const auto& p) { return p.name == t; });
      if (it == m.params.tracks.end())
        bad_log(name, "year " + std::to_string(y.year) + ": unknown track " + t);
      choice.priorities.push_back(
          sim::TrackId::at(static_cast<std::size_t>(it - m.params.tracks.begin())));
    }
    choice.subsidy_rate = h.subsidy_rate;
    choice.bailouts = h.bailouts;
    out.city[h.city] = std::move(choice);
  }
  return out;
}

char* hex(std::uint64_t v, char (&buf)[24]) {
  std::snprintf(buf, sizeof buf, "0x%016llx", static_cast<unsigned long long>(v));
  return buf;
}

}  // namespace

ReplayResult replay(const std::vector<LogRecord>& records, const std::string& name,
                    agents::Model* class_world, agents::Model* model_world) {
  if (records.empty() || !std::holds_alternative<HeaderRecord>(records.front()))
    bad_log(name, "a classroom log starts with a header record");
  const auto& header = std::get<HeaderRecord>(records.front());
  const agents::RunConfig config =
      load_world(WorldSource{header.config_name, header.config_text, header.overrides});
  agents::Model live = agents::make_model(config), shadow = agents::make_model(config);
  std::map<sim::Tick, std::vector<agents::ParamChange>> changes;
  std::map<sim::Tick, const YearRecord*> years;
  ReplayResult r;
  sim::Tick last = 0, end = 0;
  for (const auto& record : records) {
    if (const auto* c = std::get_if<ChangeRecord>(&record)) {
      if (c->change.tick < last) bad_log(name, "change records out of tick order");
      last = c->change.tick;
      changes[c->change.tick].push_back(c->change);
      end = std::max(end, c->change.tick + 1);
    } else if (const auto* y = std::get_if<YearRecord>(&record)) {
      if (!sim::is_planning_tick(y->tick) || y->tick < last || years.count(y->tick))
        bad_log(name, "year " + std::to_string(y->year) + " is not at a new planning tick");
      last = y->tick;
      years[y->tick] = y;
      end = std::max(end, y->tick + sim::kTicksPerYear);
    } else if (const auto* e = std::get_if<EndRecord>(&record)) {
      r.logged = *e;
    }
  }
  if (r.logged) {
    // Every change and every year must lie before the recorded end.
    const bool year_after = !years.empty() && years.rbegin()->first >= r.logged->tick;
    const bool change_after = !changes.empty() && changes.rbegin()->first >= r.logged->tick;
    if (year_after || change_after)
      bad_log(name, "a year or change record lies at or after the end tick");
    end = r.logged->tick;
  }
  end = std::min<sim::Tick>(end, live.total_ticks());
  for (sim::Tick t = 0; t < end; ++t) {
    if (const auto y = years.find(t); y != years.end()) {
      live.external = held_choices(*y->second, live, name);
      ++r.years;
      r.held_cities = std::max(r.held_cities, static_cast<int>(y->second->choices.size()));
    }
    const auto c = changes.find(t);
    const std::span<const agents::ParamChange> now =
        c != changes.end() ? std::span<const agents::ParamChange>(c->second)
                           : std::span<const agents::ParamChange>();
    r.changes += now.size();
    agents::step(live, now);
    agents::step(shadow, now);
  }
  r.ticks = live.world.tick;
  r.hash = agents::hash_state(live.world);
  r.shadow_hash = agents::hash_state(shadow.world);
  if (class_world) *class_world = std::move(live);
  if (model_world) *model_world = std::move(shadow);
  return r;
}

std::string format_replay(const ReplayResult& r, const std::string& name) {
  char a[24], b[24];
  std::string out = name + ": replayed " + std::to_string(r.ticks) + " quarters (" +
                    std::to_string(r.years) + " planning years, up to " +
                    std::to_string(r.held_cities) + " cities held by students, " +
                    std::to_string(r.changes) + " lever changes)\n";
  out += "  class world state hash  " + std::string(hex(r.hash, a)) + "\n";
  out += "  model world state hash  " + std::string(hex(r.shadow_hash, b)) + "\n";
  if (!r.logged)
    out += "  the log has no end record (the session was cut off): nothing to compare\n";
  else if (r.matches())
    out += "  identical to the session's recorded end state\n";
  else
    out += "  DIFFERENT from the session's recorded end (tick " + std::to_string(r.logged->tick) +
           ", hashes " + hex(r.logged->hash, a) + " / " + hex(r.logged->shadow_hash, b) + ")\n";
  return out;
}

}  // namespace regsim::classroom
