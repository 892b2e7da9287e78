// Market solvers on synthetic order books of the default and large worlds' sizes (one thread).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "sim/market.h"

namespace {

using regsim::sim::MarketParams;
using regsim::sim::TrackClearing;
using regsim::sim::TrackOrderBook;

double u01(std::mt19937_64& g) {
  return static_cast<double>(g() >> 11) * 0x1.0p-53;
}
double normal(std::mt19937_64& g) {  // Box-Muller on the raw stream (portable)
  const double a = u01(g) + 1e-300, b = u01(g);
  return std::sqrt(-2.0 * std::log(a)) * std::cos(6.283185307179586 * b);
}

/// One track per book: `firms` offers spread over `cities` cities by size (lognormal, sd 0.6),
/// reservations 0.7 e^(0.3 z) minus a production subsidy of up to 0.1, capacities lognormal
/// scaled so that capacity is `overhang` times demand at the reference price, wedges
/// 0.05 + 0.5 (0.2 + 0.3 h) with h in [0, 0.3], eta 1.5, omega = 0.4 c.
std::vector<TrackOrderBook> make_world(int cities, int tracks, int firms, double overhang,
                                       std::uint64_t seed) {
  std::mt19937_64 g(seed);
  std::vector<double> size(static_cast<std::size_t>(cities)), cum;
  double total = 0.0;
  for (double& s : size) total += (s = std::exp(0.6 * normal(g)));
  for (double s : size) cum.push_back((cum.empty() ? 0.0 : cum.back()) + s / total);
  std::vector<TrackOrderBook> books;
  for (int k = 0; k < tracks; ++k) {
    TrackOrderBook b;
    b.num_cities = cities;
    b.eta = 1.5;
    b.pref = 1.0;
    b.utilisation_signal = 0.8;
    const double demand = 100.0 * (0.5 + u01(g));
    for (int m = 0; m < cities; ++m) {
      b.demand_scale.push_back(demand * size[static_cast<std::size_t>(m)] / total);
      b.wedge.push_back(0.05 + 0.5 * (0.2 + 0.3 * 0.3 * u01(g)));
    }
    const int n = firms / tracks;
    struct O {
      int city;
      double r, k, w;
    };
    std::vector<O> offers;
    double cap = 0.0;
    for (int i = 0; i < n; ++i) {
      const double x = u01(g);
      const int city = static_cast<int>(std::lower_bound(cum.begin(), cum.end(), x) - cum.begin());
      const double c = 0.7 * std::exp(0.3 * normal(g));
      const double r = c - 0.1 * u01(g);
      const double kap = std::exp(0.8 * normal(g));
      cap += kap;
      offers.push_back({std::min(city, cities - 1), r, kap, 0.4 * c});
    }
    std::sort(offers.begin(), offers.end(), [](const O& a, const O& o) {
      return a.city != o.city ? a.city < o.city : a.r < o.r;
    });
    b.city_start.assign(static_cast<std::size_t>(cities) + 1, 0);
    for (const O& o : offers) {
      ++b.city_start[static_cast<std::size_t>(o.city) + 1];
      b.offer_reservation.push_back(o.r);
      b.offer_capacity.push_back(o.k * overhang * demand / cap);
      b.offer_util_cost.push_back(o.w);
    }
    for (int m = 0; m < cities; ++m)
      b.city_start[static_cast<std::size_t>(m) + 1] += b.city_start[static_cast<std::size_t>(m)];
    books.push_back(std::move(b));
  }
  return books;
}

/// Clears every track of a world once per iteration, as one tick does (hinted by the last P*).
void bm_clear(benchmark::State& state, const std::string& world, const std::string& conduct,
              double psi, double signal, bool city_hints = true) {
  const bool large = world == "large";
  auto books = make_world(large ? 400 : 100, large ? 30 : 12, large ? 200000 : 9000, 1.25, 7);
  MarketParams prm;
  prm.conduct = conduct;
  prm.util_curvature = psi;
  const auto solver = regsim::sim::make_market_solver(prm);
  std::vector<TrackClearing> out(books.size());
  for (auto& b : books) b.utilisation_signal = signal;
  for (std::size_t k = 0; k < books.size(); ++k) {  // one clearing to set the hints
    solver->solve(books[k], out[k]);
    books[k].price_hint = out[k].export_price;
    if (city_hints) books[k].city_price_hint = out[k].city_price;
  }
  std::mt19937_64 g(11);
  for (auto _ : state) {
    state.PauseTiming();  // next tick: demand moves by up to 2% (so the hint is not exact)
    for (auto& b : books) {
      const double shock = 1.0 + 0.02 * (u01(g) - 0.5);
      for (double& d : b.demand_scale) d *= shock;
    }
    state.ResumeTiming();
    for (std::size_t k = 0; k < books.size(); ++k) {
      solver->solve(books[k], out[k]);
      books[k].price_hint = out[k].export_price;
      if (city_hints) books[k].city_price_hint = out[k].city_price;
    }
    benchmark::DoNotOptimize(out.data());
  }
  double q = 0.0, cap = 0.0;
  for (std::size_t k = 0; k < books.size(); ++k) {
    for (double x : out[k].offer_output) q += x;
    for (double x : books[k].offer_capacity) cap += x;
  }
  state.counters["CU"] = q / cap;
}

}  // namespace

BENCHMARK_CAPTURE(bm_clear, default_competitive, std::string("default"), "competitive", 2.0, 0.8)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(bm_clear, default_cournot_psi2, std::string("default"), "cournot", 2.0, 0.8)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(bm_clear, large_competitive, std::string("large"), "competitive", 2.0, 0.8)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(bm_clear, large_cournot_psi2, std::string("large"), "cournot", 2.0, 0.8)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(bm_clear, large_cournot_psi1, std::string("large"), "cournot", 1.0, 0.8)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(bm_clear, large_cournot_psi3, std::string("large"), "cournot", 3.0, 0.8)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(bm_clear, large_cournot_war, std::string("large"), "cournot", 2.0, 0.5)
    ->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(bm_clear, large_cournot_psi2_no_city_hints, std::string("large"), "cournot", 2.0,
                  0.8, false)
    ->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
