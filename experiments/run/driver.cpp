// The run driver: steps a model to the end (from its start or a saved state), streams CSV rows,
// saves the state when asked and writes the manifest.
#include "experiments/run/driver.h"

#include <tbb/global_control.h>
#include <tbb/task_arena.h>
#include <tbb/task_group.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <memory>
#include <optional>

#include "experiments/manifest.h"
#include "experiments/output.h"
#include "experiments/run/checkpoint.h"
#include "experiments/run/recorder.h"
#include "experiments/run/resources.h"

namespace regsim::experiments {

namespace {

/// The run's tables as CSV files in the staging directory, swapped in together with the manifest;
/// every line also goes to `extra` when there is one (the Python module keeps them in memory).
class RunSink : public TableSink {
 public:
  /// `keep`: also keep every line in memory (saved with a state).
  RunSink(const std::filesystem::path& dir, TableSink* extra, bool keep) : extra_(extra) {
    if (keep) kept_ = std::make_unique<MemorySink>();
    if (dir.empty()) return;
    stage_ = std::make_unique<StagedDir>(dir, "manifest.json");
  }
  bool wanted() const { return stage_ || extra_ || kept_; }
  const MemorySink* kept() const { return kept_.get(); }
  void line(Table table, const std::string& text) override {
    if (kept_) kept_->line(table, text);
    if (stage_) file(table).line(text);
    if (extra_) extra_->line(table, text);
  }
  void lines(Table table, const std::string& text) override {
    if (kept_) kept_->lines(table, text);
    if (stage_) file(table).write(text);
    if (extra_) extra_->lines(table, text);
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
  /// A table's file, created with its first line (firms.csv only when asked for).
  ExclusiveFile& file(Table table) {
    auto& f = files_[static_cast<std::size_t>(table)];
    if (!f)
      f = std::make_unique<ExclusiveFile>(stage_->file(std::string(table_name(table)) + ".csv"));
    return *f;
  }

  std::unique_ptr<StagedDir> stage_;
  std::array<std::unique_ptr<ExclusiveFile>, kTableCount> files_;
  TableSink* extra_;
  std::unique_ptr<MemorySink> kept_;
};

/// Threads the run's parallel loops can use: the --threads limit, capped by the default arena
/// (the cores this process may run on).
int threads_available() {
  const auto limit =
      tbb::global_control::active_value(tbb::global_control::max_allowed_parallelism);
  return static_cast<int>(std::min<std::size_t>(
      limit, static_cast<std::size_t>(tbb::this_task_arena::max_concurrency())));
}

void summarise_tick(const agents::Model& m, SummarySums& s) {
  const auto& n = m.metrics.national;
  s.total_welfare += n.welfare;
  s.min_cu = std::min(s.min_cu, n.cu);
  const std::size_t k = m.metrics.tracks.size();
  for (std::size_t t = 0; t < k; ++t) {
    s.price_sum[t] += m.metrics.tracks[t].price;
    s.cu_sum[t] += m.metrics.tracks[t].cu;
  }
  if (sim::is_planning_tick(m.world.tick)) {  // a year just ended
    for (std::size_t t = 0; t < k; ++t) {
      s.yearly_price[t].push_back(s.price_sum[t] / sim::kTicksPerYear);
      s.yearly_cu[t].push_back(s.cu_sum[t] / sim::kTicksPerYear);
      s.price_sum[t] = s.cu_sum[t] = 0.0;
    }
  }
}

SummarySums fresh_sums(std::size_t tracks) {
  SummarySums s;
  s.price_sum.assign(tracks, 0.0);
  s.cu_sum.assign(tracks, 0.0);
  s.yearly_price.resize(tracks);
  s.yearly_cu.resize(tracks);
  return s;
}

/// The tick at which options.save_state is written (-1: none); throws sim::ConfigException
/// naming --save-at when the run does not pass it.
int save_tick(const agents::Model& m, const RunOptions& options) {
  if (options.save_state.empty()) return -1;
  if (options.save_at == -1) return m.total_ticks();
  const int tick = options.save_at * sim::kTicksPerYear;
  if (options.save_at < 0 || tick < m.world.tick || tick > m.total_ticks()) {
    sim::ConfigErrors errors;
    errors.add(sim::Source{"--save-at", 0}, "",
               "year " + std::to_string(options.save_at) + " is not in this run (years " +
                   std::to_string(m.world.tick / sim::kTicksPerYear) + " to " +
                   std::to_string(m.params.world.years) + ")");
    throw sim::ConfigException(errors);
  }
  return tick;
}

/// Steps `m` to the end (`commands` applied at the first tick), recording its tables and the
/// summary's sums, saving the state when asked; then fills the summary and commits the outputs.
RunSummary drive(agents::Model& m, const agents::RunConfig& config, const RunOptions& options,
                 const ProgressFn& progress, RunSink& sink, std::optional<Recorder>& recorder,
                 SummarySums sums, std::vector<agents::ParamChange> commands,
                 std::chrono::steady_clock::time_point start) {
  RunSummary s;
  s.threads = threads_available();
  const int save_at = save_tick(m, options);
  auto save = [&] {
    state::Sections sections;
    if (sink.kept()) sections.emplace_back(kTablesSection, encode_tables(*sink.kept()));
    sections.emplace_back(kSumsSection, encode_sums(sums));
    save_state_file(m, options.save_state, sections);
  };
  if (m.world.tick == save_at) save();
  const int total = m.total_ticks();
  // The rows of a step are copied out of the model, then formatted and written by a task while
  // the next step runs (on a thread that would otherwise wait for the step's serial parts); one
  // write at a time, so the lines keep their order. wait() rethrows a failed write.
  TickRows rows;
  tbb::task_group writer;  // declared after `rows`: destroyed (and waited for) first
  while (!m.finished()) {
    agents::step(m, commands);
    commands.clear();
    if (recorder) {
      writer.wait();
      rows = recorder->take(m);
      writer.run([&] { recorder->write(rows); });
    }
    summarise_tick(m, sums);
    if (m.world.tick == save_at) {
      writer.wait();  // the saved tables end with this step's rows
      save();
    }
    if (progress) progress(m.world.tick, total);
  }
  const auto& n = m.metrics.national;
  const std::size_t k = m.params.tracks.size();
  s.years = m.params.world.years;
  s.ticks = total;
  s.final_cu = n.cu;
  s.final_similarity = n.similarity;
  s.final_zombie_share = n.zombie_share;
  s.final_price_index = n.price_index;
  s.final_gdp = n.gdp;
  s.final_firms = n.firms;
  s.final_jaccard = n.jaccard;
  s.total_welfare = sums.total_welfare;
  s.min_cu = sums.min_cu;
  s.mean_welfare = total > 0 ? s.total_welfare / total : 0.0;
  std::size_t hot = 0;
  for (std::size_t t = 1; t < k; ++t)
    if (m.world.tracks.cities_listing[t] > m.world.tracks.cities_listing[hot]) hot = t;
  s.hottest_track = m.params.tracks[hot].name;
  s.hottest_prices = sums.yearly_price[hot];
  s.hottest_cu = sums.yearly_cu[hot];
  s.state_hash = agents::hash_state(m.world);  // while the last rows are written
  writer.wait();
  s.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (m.profile) s.profile = *m.profile;
  s.manifest = run_manifest(config, options, s);
  sink.commit(s.manifest);
  return s;
}

/// Caps oneTBB's worker threads at `threads` for as long as `limit` lives (0: no cap).
void limit_threads(std::optional<tbb::global_control>& limit, int threads) {
  if (threads > 0)
    limit.emplace(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
}

}  // namespace

RunSummary run_experiment(const agents::RunConfig& config, const RunOptions& options,
                          const ProgressFn& progress) {
  const auto start = std::chrono::steady_clock::now();
  std::optional<tbb::global_control> limit;
  limit_threads(limit, options.threads);
  check_run_memory(config.params, 1, config.source);
  // The output directory is checked, locked and staged before the (possibly long) world build.
  RunSink sink(options.out_dir, options.sink, !options.save_state.empty());
  std::optional<Recorder> recorder;  // rows are only formatted when someone takes them
  agents::Model m = agents::make_model(config, options.run);
  if (options.profile) {
    m.profile = std::make_unique<agents::PhaseProfile>();
    m.profile->init_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  }
  if (sink.wanted()) recorder.emplace(sink, m);
  return drive(m, config, options, progress, sink, recorder, fresh_sums(m.params.tracks.size()), {},
               start);
}

RunSummary continue_experiment(state::Saved saved, const std::vector<std::string>& sets,
                               const std::string& source, const RunOptions& options,
                               const ProgressFn& progress) {
  const auto start = std::chrono::steady_clock::now();
  std::optional<tbb::global_control> limit;
  limit_threads(limit, options.threads);
  agents::Model& m = saved.model;
  const Continuation c = parse_continuation(m, sets);
  m.params.world.years = c.years;
  agents::RunConfig config{m.params, m.schedule, source};
  check_run_memory(config.params, 1, source);
  RunSink sink(options.out_dir, options.sink, !options.save_state.empty());
  std::optional<Recorder> recorder;
  const std::string* tables = saved.section(kTablesSection);
  if (sink.wanted()) {
    if (tables) replay_tables(*tables, sink, source);
    recorder.emplace(sink, m, tables == nullptr);  // headers only for tables starting here
  }
  const std::string* sums = saved.section(kSumsSection);
  if (options.profile) m.profile = std::make_unique<agents::PhaseProfile>();
  return drive(m, config, options, progress, sink, recorder,
               sums ? decode_sums(*sums, source) : fresh_sums(m.params.tracks.size()), c.commands,
               start);
}

}  // namespace regsim::experiments
