// The run driver: steps a model to the end, streams CSV rows and writes the manifest.
#include "experiments/run/driver.h"

#include <tbb/global_control.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <memory>
#include <optional>

#include "experiments/output.h"
#include "experiments/version.h"

namespace regsim::experiments {

namespace {

struct Writers {
  AtomicFile metrics, tracks, cities;
  explicit Writers(const std::filesystem::path& dir)
      : metrics(dir / "metrics.csv"), tracks(dir / "tracks.csv"), cities(dir / "cities.csv") {
    metrics.line(agents::national_csv_header());
    tracks.line(agents::track_csv_header());
    cities.line(agents::city_csv_header());
  }
  void tick(const agents::Model& m) {
    metrics.line(agents::national_csv_row(m.metrics.national));
    for (std::size_t k = 0; k < m.metrics.tracks.size(); ++k)
      tracks.line(agents::track_csv_row(m.metrics.national.tick, m.params.tracks[k].name,
                                        m.metrics.tracks[k]));
    for (const auto& c : m.metrics.cities)
      cities.line(agents::city_csv_row(c, m.world.geo.names[static_cast<std::size_t>(c.city)]));
  }
  void commit() {
    metrics.commit();
    tracks.commit();
    cities.commit();
  }
};

std::string json_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

std::string manifest(const agents::Model& m, const agents::RunConfig& config, const RunOptions& o,
                     const RunSummary& s) {
  std::string args;
  for (const auto& a : o.argv) {
    args += args.empty() ? "\"" : ", \"";
    args += json_escape(a);
    args += '"';
  }
  std::string schedule;
  for (const auto& c : config.schedule) {
    schedule += schedule.empty() ? "\n" : ",\n";
    schedule += "    {\"tick\": " + std::to_string(c.tick) + ", \"key\": \"" + c.key +
                "\", \"value\": \"" + json_escape(sim::to_string(c.value)) + "\"}";
  }
  char hash[32];
  std::snprintf(hash, sizeof hash, "%016llx", static_cast<unsigned long long>(s.state_hash));
  std::string out = "{\n";
  out += "  \"program\": \"regsim\",\n";
  out += "  \"version\": \"" + std::string(version()) + "\",\n";
  out += "  \"git_commit\": \"" + std::string(git_commit()) + "\",\n";
  out += "  \"config_source\": \"" + json_escape(config.source) + "\",\n";
  out += "  \"command_line\": [" + args + "],\n";
  out += "  \"seed\": " + std::to_string(m.params.world.seed) + ",\n";
  out += "  \"run\": " + std::to_string(o.run) + ",\n";
  out += "  \"threads\": " + std::to_string(o.threads) + ",\n";
  out += "  \"ticks\": " + std::to_string(s.ticks) + ",\n";
  out += "  \"wall_seconds\": " + agents::format_number(s.wall_seconds) + ",\n";
  out += "  \"final_state_hash\": \"" + std::string(hash) + "\",\n";
  out += "  \"schedule\": [" + schedule + (schedule.empty() ? "],\n" : "\n  ],\n");
  out += "  \"config\": {\n" + agents::params_to_json(config.params, 4) + "\n  }\n";
  out += "}";
  return out;
}

void summarise_tick(const agents::Model& m, RunSummary& s, std::vector<double>& price_sum,
                    std::vector<double>& cu_sum) {
  const auto& n = m.metrics.national;
  s.total_welfare += n.welfare;
  s.min_cu = std::min(s.min_cu, n.cu);
  for (std::size_t k = 0; k < m.metrics.tracks.size(); ++k) {
    price_sum[k] += m.metrics.tracks[k].price;
    cu_sum[k] += m.metrics.tracks[k].cu;
  }
}

}  // namespace

RunSummary run_experiment(const agents::RunConfig& config, const RunOptions& options,
                          const ProgressFn& progress) {
  const auto start = std::chrono::steady_clock::now();
  std::optional<tbb::global_control> limit;
  if (options.threads > 0)
    limit.emplace(tbb::global_control::max_allowed_parallelism,
                  static_cast<std::size_t>(options.threads));
  agents::Model m = agents::make_model(config, options.run);
  if (options.profile) {
    m.profile = std::make_unique<agents::PhaseProfile>();
    m.profile->init_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  }
  std::unique_ptr<Writers> out;
  if (!options.out_dir.empty()) {
    std::filesystem::create_directories(options.out_dir);
    out = std::make_unique<Writers>(options.out_dir);
  }
  RunSummary s;
  const int total = m.total_ticks();
  const std::size_t k = m.params.tracks.size();
  std::vector<double> price_sum(k, 0.0), cu_sum(k, 0.0);
  std::vector<std::vector<double>> yearly_price(k), yearly_cu(k);
  while (!m.finished()) {
    agents::step(m);
    if (out) out->tick(m);
    summarise_tick(m, s, price_sum, cu_sum);
    if (sim::is_planning_tick(m.world.tick)) {  // a year just ended
      for (std::size_t t = 0; t < k; ++t) {
        yearly_price[t].push_back(price_sum[t] / sim::kTicksPerYear);
        yearly_cu[t].push_back(cu_sum[t] / sim::kTicksPerYear);
        price_sum[t] = cu_sum[t] = 0.0;
      }
    }
    if (progress) progress(m.world.tick, total);
  }
  const auto& n = m.metrics.national;
  s.years = m.params.world.years;
  s.ticks = total;
  s.final_cu = n.cu;
  s.final_similarity = n.similarity;
  s.final_zombie_share = n.zombie_share;
  s.final_price_index = n.price_index;
  s.final_gdp = n.gdp;
  s.final_firms = n.firms;
  s.final_jaccard = n.jaccard;
  s.mean_welfare = total > 0 ? s.total_welfare / total : 0.0;
  std::size_t hot = 0;
  for (std::size_t t = 1; t < k; ++t)
    if (m.world.tracks.cities_listing[t] > m.world.tracks.cities_listing[hot]) hot = t;
  s.hottest_track = m.params.tracks[hot].name;
  s.hottest_prices = yearly_price[hot];
  s.hottest_cu = yearly_cu[hot];
  s.state_hash = agents::hash_state(m.world);
  s.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (m.profile) s.profile = *m.profile;
  if (out) {
    out->commit();
    write_file_atomic(options.out_dir / "manifest.json", manifest(m, config, options, s));
  }
  return s;
}

std::string format_summary(const RunSummary& s) {
  char buf[512];
  std::string out;
  std::snprintf(buf, sizeof buf,
                "years %d (%d ticks) in %.2f s\n"
                "final capacity utilisation  %.1f%% (lowest %.1f%%)\n"
                "structural similarity       %.3f   priority-list Jaccard %.3f\n"
                "zombie share of firms       %.1f%%   firms %d\n"
                "mean welfare per quarter    %.1f\n"
                "price index (ref = 1)       %.3f\n",
                s.years, s.ticks, s.wall_seconds, 100 * s.final_cu, 100 * s.min_cu,
                s.final_similarity, s.final_jaccard, 100 * s.final_zombie_share, s.final_firms,
                s.mean_welfare, s.final_price_index);
  out += buf;
  out += "hottest track " + s.hottest_track + ": yearly price";
  for (std::size_t y = 0; y < s.hottest_prices.size(); y += 3) {
    std::snprintf(buf, sizeof buf, " %.2f", s.hottest_prices[y]);
    out += buf;
  }
  out += " (every 3rd year)\n";
  return out;
}

std::string format_profile(const agents::PhaseProfile& p, int ticks, double wall_seconds) {
  char buf[160];
  std::string out = "phase                      seconds   share   ms/tick\n";
  auto line = [&](const char* name, double sec) {
    std::snprintf(buf, sizeof buf, "%-24s %9.3f  %5.1f%%  %8.3f\n", name, sec,
                  wall_seconds > 0 ? 100 * sec / wall_seconds : 0.0,
                  ticks > 0 ? 1000 * sec / ticks : 0.0);
    out += buf;
  };
  line("world construction", p.init_seconds);
  double total = p.init_seconds;
  for (std::size_t i = 0; i < agents::PhaseProfile::kPhases; ++i) {
    line(agents::PhaseProfile::name(i), p.seconds[i]);
    total += p.seconds[i];
  }
  line("outputs and other", std::max(0.0, wall_seconds - total));
  line("total (wall)", wall_seconds);
  return out;
}

}  // namespace regsim::experiments
