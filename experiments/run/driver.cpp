// The run driver: steps a model to the end, streams CSV rows and writes the manifest.
#include "experiments/run/driver.h"

#include <tbb/global_control.h>
#include <tbb/task_arena.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <memory>
#include <optional>

#include "experiments/manifest.h"
#include "experiments/output.h"
#include "experiments/run/resources.h"

namespace regsim::experiments {

namespace {

/// The run's CSV files, written into the staging directory and swapped in together.
struct Writers {
  StagedDir stage;
  ExclusiveFile metrics, tracks, cities;
  explicit Writers(const std::filesystem::path& dir)
      : stage(dir, "manifest.json"),
        metrics(stage.file("metrics.csv")),
        tracks(stage.file("tracks.csv")),
        cities(stage.file("cities.csv")) {
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
  /// Completes every file, the manifest last, then swaps the directory in.
  void commit(const std::string& manifest) {
    metrics.finish();
    tracks.finish();
    cities.finish();
    ExclusiveFile m(stage.file("manifest.json"));
    m.line(manifest);
    m.finish();
    stage.commit();
  }
};

/// Threads the run's parallel loops can use: the --threads limit, capped by the default arena
/// (the cores this process may run on).
int threads_available() {
  const auto limit =
      tbb::global_control::active_value(tbb::global_control::max_allowed_parallelism);
  return static_cast<int>(std::min<std::size_t>(
      limit, static_cast<std::size_t>(tbb::this_task_arena::max_concurrency())));
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
  RunSummary s;
  s.threads = threads_available();
  check_run_memory(config.params, 1, config.source);
  // The output directory is checked, locked and staged before the (possibly long) world build.
  std::unique_ptr<Writers> out;
  if (!options.out_dir.empty()) out = std::make_unique<Writers>(options.out_dir);
  agents::Model m = agents::make_model(config, options.run);
  if (options.profile) {
    m.profile = std::make_unique<agents::PhaseProfile>();
    m.profile->init_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  }
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
  if (out) out->commit(run_manifest(config, options, s));
  return s;
}

}  // namespace regsim::experiments
