// Manifests as JSON (nlohmann-json, in this one translation unit of the library: slow to compile).
#include "experiments/manifest.h"

#include <cstdio>
#include <nlohmann/json.hpp>

#include "agents/param_table.h"
#include "experiments/version.h"

namespace regsim::experiments {

namespace {

using Json = nlohmann::ordered_json;  // keys in the order written

Json typed(const sim::ScalarValue& v) {
  return std::visit([](const auto& x) { return Json(x); }, v);
}

std::string hex64(std::uint64_t v) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
  return buf;
}

/// Two-space indented text; bytes that are not UTF-8 (in a path, say) become U+FFFD.
std::string text(const Json& j) {
  return j.dump(2, ' ', false, Json::error_handler_t::replace);
}

/// The members every manifest opens with: which program, version and commit wrote it.
Json produced_by(const char* program) {
  return {{"program", program}, {"version", version()}, {"git_commit", git_commit()}};
}

}  // namespace

std::string run_manifest(const agents::RunConfig& config, const RunOptions& options,
                         const RunSummary& summary) {
  Json schedule = Json::array();
  for (const auto& c : config.schedule)
    schedule.push_back({{"tick", c.tick}, {"key", c.key}, {"value", typed(c.value)}});
  Json params = Json::object();
  const agents::ParamTable table(config.params.tracks);
  for (const auto& spec : table.specs()) params[spec.key] = typed(spec.get(config.params));
  Json j = produced_by("regsim");
  j["config_source"] = config.source;
  j["command_line"] = options.argv;
  j["seed"] = config.params.world.seed;
  j["run"] = options.run;
  j["threads"] = summary.threads;
  j["ticks"] = summary.ticks;
  j["wall_seconds"] = summary.wall_seconds;
  j["final_state_hash"] = hex64(summary.state_hash);
  j["schedule"] = std::move(schedule);
  j["config"] = std::move(params);
  return text(j);
}

std::string sweep_manifest(const SweepManifest& m) {
  Json j = produced_by("regsim sweep");
  j.update(Json{{"sweep", m.sweep},
                {"design", m.design},
                {"runs", m.runs},
                {"finished", m.finished},
                {"failed", m.failed},
                {"shard", m.shard},
                {"jobs", m.jobs},
                {"wall_seconds_last_session", m.wall_seconds}});
  return text(j);
}

}  // namespace regsim::experiments
