// The run driver: steps a model to the end, streams CSV rows and writes the manifest.
#include "experiments/run/driver.h"

#include <tbb/global_control.h>
#include <tbb/task_arena.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <memory>
#include <optional>

#include "experiments/manifest.h"
#include "experiments/output.h"
#include "experiments/run/recorder.h"
#include "experiments/run/resources.h"

namespace regsim::experiments {

namespace {

/// The run's tables as CSV files in the staging directory, swapped in together with the manifest;
/// every line also goes to `extra` when there is one (the Python module keeps them in memory).
class RunSink : public TableSink {
 public:
  RunSink(const std::filesystem::path& dir, TableSink* extra) : extra_(extra) {
    if (dir.empty()) return;
    stage_ = std::make_unique<StagedDir>(dir, "manifest.json");
  }
  bool wanted() const { return stage_ || extra_; }
  void line(Table table, const std::string& text) override {
    if (stage_) {  // a table's file is created with its first line (firms.csv only when asked)
      auto& f = files_[static_cast<std::size_t>(table)];
      if (!f)
        f = std::make_unique<ExclusiveFile>(stage_->file(std::string(table_name(table)) + ".csv"));
      f->line(text);
    }
    if (extra_) extra_->line(table, text);
  }
  /// Completes every file, the manifest last, then swaps the directory in.
  void commit(const std::string& manifest) {
    if (!stage_) return;
    for (auto& f : files_)
      if (f) f->finish();
    ExclusiveFile m(stage_->file("manifest.json"));
    m.line(manifest);
    m.finish();
    stage_->commit();
  }

 private:
  std::unique_ptr<StagedDir> stage_;
  std::array<std::unique_ptr<ExclusiveFile>, kTableCount> files_;
  TableSink* extra_;
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
  RunSink sink(options.out_dir, options.sink);
  std::optional<Recorder> recorder;  // rows are only formatted when someone takes them
  agents::Model m = agents::make_model(config, options.run);
  if (options.profile) {
    m.profile = std::make_unique<agents::PhaseProfile>();
    m.profile->init_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  }
  if (sink.wanted()) recorder.emplace(sink, m);
  const int total = m.total_ticks();
  const std::size_t k = m.params.tracks.size();
  std::vector<double> price_sum(k, 0.0), cu_sum(k, 0.0);
  std::vector<std::vector<double>> yearly_price(k), yearly_cu(k);
  while (!m.finished()) {
    agents::step(m);
    if (recorder) recorder->record_tick(m);
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
  s.manifest = run_manifest(config, options, s);
  sink.commit(s.manifest);
  return s;
}

}  // namespace regsim::experiments
