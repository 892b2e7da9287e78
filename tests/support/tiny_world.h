// Tiny worlds for hand-worked tests, firms added by hand: a World built directly for per-phase
// tests (tiny_world: no config, no random draws, no warm start), and two-city models built from
// a config (tiny_model, and integrated_model without wedges, for the market phase).
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "agents/economics.h"
#include "agents/model.h"
#include "agents/model_params.h"
#include "sim/firms.h"
#include "sim/world.h"
#include "support/legacy_switches.h"

namespace regsim::testing {

/// Adds a firm in (city, track) with active capacity, book value and net debt; every other
/// column of the firm is zero (born now, log-efficiency 0: its unit cost is the frontier cost).
inline std::size_t add_tiny_firm(sim::World& w, std::size_t city, double capacity, double book,
                                 double debt, std::size_t track = 0) {
  const std::size_t f = sim::add_firm(w, sim::CityId::at(city), sim::TrackId::at(track));
  w.firms.capacity[f] = capacity;
  w.firms.book[f] = book;
  w.firms.debt[f] = debt;
  return f;
}

/// A plant of the market tests: track 0, book value 2 K.
inline std::size_t add_plant(sim::World& w, std::size_t city, double capacity, double debt) {
  return add_tiny_firm(w, city, capacity, 2.0 * capacity, debt);
}

/// Two cities in one province, one track (pv), no incumbents, no heterogeneity, the issue-12
/// switches at their legacy values (support/legacy_switches.h); `sets` are --set style overrides.
inline agents::Model tiny_model(const std::vector<std::string>& sets = {}) {
  const std::string text =
      "[world]\nseed = 7\ncities = 2\nprovinces = 1\ntracks = 1\nyears = 2\n"
      "initial_firms = 0\nheterogeneity = 0\n[government]\nlist_size = 1\n";
  return agents::make_model(agents::load_run_config_text(text, "tiny", with_legacy(sets)));
}

/// tiny_model as one integrated market: kappa = t0 = 0, no subsidies, no demand shock.
inline agents::Model integrated_model(const std::vector<std::string>& sets = {}) {
  std::vector<std::string> all = {"market.kappa=0", "market.t0=0", "subsidy.regime=none",
                                  "tracks.pv.shock_sd=0"};
  all.insert(all.end(), sets.begin(), sets.end());
  return tiny_model(all);
}

/// One city of a tiny world.
struct TinyCity {
  int province = 0;
  double base_gdp = 100.0;  ///< quarterly
  double population = 5.0;  ///< millions
  sim::Zone zone = sim::Zone::Urban;
};

/// The params and the world of a tiny run. The params are the defaults (first `tracks` default
/// tracks) with the world's sizes, so a test states every value it relies on beside its check.
struct TinyWorld {
  agents::ModelParams params;
  sim::World world;

  /// add_tiny_firm in this world.
  std::size_t add_firm(std::size_t city, std::size_t track, double capacity, double book,
                       double debt) {
    return add_tiny_firm(world, city, capacity, book, debt, track);
  }
};

/// Cities 100 km apart on a line, each linked to the next; tracks from the default list. Track
/// columns start as a run's do (frontier cost c0, capex, demand scale A(0), price = reference
/// price); each city's GDP is its base GDP and its share of the total, with no debt.
inline TinyWorld tiny_world(const std::vector<TinyCity>& cities, std::size_t tracks = 1) {
  TinyWorld t;
  agents::ModelParams& p = t.params;
  const std::size_t n = cities.size();
  p.tracks = sim::make_tracks(static_cast<int>(tracks));
  p.world.seed = 7;
  p.world.cities = static_cast<int>(n);
  p.world.tracks = static_cast<int>(tracks);
  p.world.initial_firms = 0;
  sim::World& w = t.world;
  w.seed = p.world.seed;
  sim::Geography& g = w.geo;
  for (std::size_t i = 0; i < n; ++i) {
    g.names.push_back("City " + std::to_string(i + 1));
    g.province.push_back(cities[i].province);
    g.x_km.push_back(100.0 * static_cast<double>(i));
    g.y_km.push_back(0.0);
    g.population.push_back(cities[i].population);
    g.base_gdp.push_back(cities[i].base_gdp);
    g.zone.push_back(cities[i].zone);
    g.num_provinces = std::max(g.num_provinces, cities[i].province + 1);
    g.adj_start.push_back(static_cast<std::uint32_t>(g.adj.size()));
    for (const std::size_t j : {i - 1, i + 1}) {
      if (j >= n) continue;  // i - 1 wraps for the first city
      g.adj.push_back(static_cast<std::uint32_t>(j));
      g.adj_km.push_back(100.0);
    }
  }
  g.adj_start.push_back(static_cast<std::uint32_t>(g.adj.size()));
  p.world.provinces = g.num_provinces;
  sim::build_near_distances(g, p.spillover.max_km);
  sim::size_columns(w, n, tracks);
  for (std::size_t k = 0; k < tracks; ++k) {
    const sim::TrackParams& tp = p.tracks[k];
    w.tracks.frontier_cost[k] = tp.c0;
    w.tracks.capex[k] = tp.capex;
    w.tracks.demand_scale[k] = w.tracks.initial_demand[k] = agents::life_cycle_demand(tp, 0);
    w.tracks.price_index[k] = w.tracks.export_price[k] = tp.pref;
    for (std::size_t l = 0; l < tracks; ++l)
      w.relatedness[k * tracks + l] =
          tp.family == p.tracks[l].family ? 1.0 : p.spillover.relatedness_across;
  }
  double total = 0.0;
  for (const TinyCity& c : cities) total += c.base_gdp;
  for (std::size_t i = 0; i < n; ++i) {
    w.cities.base_gdp[i] = w.cities.gdp[i] = cities[i].base_gdp;
    w.cities.gdp_share[i] = cities[i].base_gdp / total;
    w.cities.gdp_last_year[i] = w.cities.gdp_prev_year[i] = 4.0 * cities[i].base_gdp;
  }
  return t;
}

}  // namespace regsim::testing
