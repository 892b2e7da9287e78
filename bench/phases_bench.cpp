// Benchmarks of each phase of a tick and of whole runs, on the default and large worlds.
#include <benchmark/benchmark.h>
#include <tbb/blocked_range.h>
#include <tbb/global_control.h>
#include <tbb/parallel_for.h>

#include <string>
#include <vector>

#include "agents/phases/phases.h"
#include "experiments/default_config.h"

namespace {

using regsim::agents::Model;

regsim::agents::RunConfig config_for(const std::string& world) {
  if (world == "large")
    return regsim::agents::load_run_config(
        std::string(REGSIM_SOURCE_DIR) + "/experiments/large.toml", {});
  return regsim::agents::load_run_config_text(regsim::experiments::default_config_text(), "default",
                                              {});
}

/// A model advanced to year 10, where every mechanism is active.
Model warmed_model(const std::string& world) {
  Model m = regsim::agents::make_model(config_for(world));
  while (m.world.tick < 40) regsim::agents::step(m);
  return m;
}

template <class Phase>
void phase_bench(benchmark::State& state, const std::string& world, Phase phase) {
  const tbb::global_control one(tbb::global_control::max_allowed_parallelism,
                                static_cast<std::size_t>(state.range(0)));
  // The phase runs again and again on an evolving world: close to what a run does.
  Model m = warmed_model(world);
  for (auto _ : state) phase(m);
  state.counters["firms"] = static_cast<double>(m.world.firms.size());
}

void bm_market(benchmark::State& s, std::string world) {
  phase_bench(s, world,
              [](Model& m) { regsim::agents::clear_markets(m.world, m.params, *m.solver); });
}
void bm_invest(benchmark::State& state, std::string world) {
  const tbb::global_control threads(tbb::global_control::max_allowed_parallelism,
                                    static_cast<std::size_t>(state.range(0)));
  Model m = warmed_model(world);
  for (auto _ : state) {
    // Investment adds entrants: each iteration starts from a fresh copy (copy not timed).
    state.PauseTiming();
    regsim::sim::World copy = m.world;
    state.ResumeTiming();
    regsim::agents::decide_investment(copy, m.params);
    benchmark::DoNotOptimize(copy.firms.size());
  }
}
void bm_accounts(benchmark::State& s, std::string world) {
  phase_bench(s, world, [](Model& m) { regsim::agents::settle_accounts(m.world, m.params); });
}
void bm_spillovers(benchmark::State& s, std::string world) {
  phase_bench(s, world, [](Model& m) { regsim::agents::update_knowledge(m.world, m.params); });
}
void bm_metrics(benchmark::State& s, std::string world) {
  phase_bench(s, world,
              [](Model& m) { regsim::agents::record_metrics(m.world, m.params, m.metrics); });
}
void bm_tick(benchmark::State& s, std::string world) {
  phase_bench(s, world, [](Model& m) { regsim::agents::step(m); });
}

void bm_run(benchmark::State& state, std::string world) {
  const tbb::global_control threads(tbb::global_control::max_allowed_parallelism,
                                    static_cast<std::size_t>(state.range(0)));
  const auto config = config_for(world);
  std::int64_t firm_ticks = 0;
  for (auto _ : state) {
    Model m = regsim::agents::make_model(config);
    while (!m.finished()) {
      regsim::agents::step(m);
      firm_ticks += static_cast<std::int64_t>(m.world.firms.size());
    }
    benchmark::DoNotOptimize(m.metrics.national.gdp);
  }
  state.counters["firm_ticks_per_s"] =
      benchmark::Counter(static_cast<double>(firm_ticks), benchmark::Counter::kIsRate);
}

/// STREAM-style triad a[i] = b[i] + s * c[i] over 3 x 128 MiB (far beyond the caches): the
/// machine's sustainable memory bandwidth, counting 24 bytes per element (two reads, one write;
/// write-allocate traffic is not counted, as in STREAM). Threads split the range.
void bm_triad(benchmark::State& state) {
  const tbb::global_control threads(tbb::global_control::max_allowed_parallelism,
                                    static_cast<std::size_t>(state.range(0)));
  const std::size_t n = std::size_t{16} << 20;  // 16 Mi doubles = 128 MiB per array
  std::vector<double> a(n, 0.0), b(n, 1.0), c(n, 2.0);
  for (auto _ : state) {
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, 1 << 16), [&](const auto& r) {
      for (std::size_t i = r.begin(); i < r.end(); ++i) a[i] = b[i] + 3.0 * c[i];
    });
    benchmark::DoNotOptimize(a.data());
    benchmark::ClobberMemory();
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(3 * n * sizeof(double)));
}

}  // namespace

BENCHMARK(bm_triad)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK_CAPTURE(bm_market, default, std::string("default"))->Arg(1)->Arg(2);
BENCHMARK_CAPTURE(bm_invest, default, std::string("default"))->Arg(1)->Arg(2);
BENCHMARK_CAPTURE(bm_accounts, default, std::string("default"))->Arg(1)->Arg(2);
BENCHMARK_CAPTURE(bm_spillovers, default, std::string("default"))->Arg(1)->Arg(2);
BENCHMARK_CAPTURE(bm_metrics, default, std::string("default"))->Arg(1)->Arg(2);
BENCHMARK_CAPTURE(bm_tick, default, std::string("default"))->Arg(1)->Arg(2);
BENCHMARK_CAPTURE(bm_run, default, std::string("default"))
    ->Arg(1)
    ->Arg(2)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(bm_market, large, std::string("large"))
    ->Arg(1)
    ->Arg(2)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(bm_spillovers, large, std::string("large"))
    ->Arg(1)
    ->Arg(2)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(bm_tick, large, std::string("large"))
    ->Arg(1)
    ->Arg(2)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(bm_run, large, std::string("large"))
    ->Arg(1)
    ->Arg(2)
    ->Unit(benchmark::kSecond)
    ->Iterations(1);

BENCHMARK_MAIN();
