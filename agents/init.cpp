// Builds the tick-0 world of a run: geography, endowments, tracks, incumbent firms, officials.
#include <algorithm>
#include <bit>
#include <cmath>
#include <map>
#include <stdexcept>

#include <tbb/parallel_for.h>

#include "agents/economics.h"
#include "agents/phases/phases.h"
#include "sim/map_loader.h"
#include "sim/random.h"

namespace regsim::agents {

using sim::Purpose;
using sim::Stream;
using sim::StreamKey;

namespace {

void init_tracks(sim::World& w, const ModelParams& p) {
  const std::size_t k = p.tracks.size();
  auto& t = w.tracks;
  std::map<std::string, int> families;
  for (std::size_t j = 0; j < k; ++j) {
    const auto [it, inserted] =
        families.emplace(p.tracks[j].family, static_cast<int>(families.size()));
    t.family[j] = it->second;
    t.demand_scale[j] = t.initial_demand[j] = life_cycle_demand(p.tracks[j], 0);
    t.frontier_cost[j] = p.tracks[j].c0;
    t.capex[j] = p.tracks[j].capex;
    t.price_index[j] = t.export_price[j] = p.tracks[j].pref;  // until the first clearing
    t.price_smoothed[j] = -1.0;                               // no price seen yet
    t.war_signal[j] = -1.0;                                   // no utilisation seen yet
  }
  for (std::size_t a = 0; a < k; ++a)
    for (std::size_t b = 0; b < k; ++b)
      w.relatedness[a * k + b] = t.family[a] == t.family[b] ? 1.0 : p.spillover.relatedness_across;
}

void init_endowments(sim::World& w, const ModelParams& p) {
  const std::size_t n = w.num_cities(), k = w.num_tracks();
  const double rho = p.world.family_correlation;
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < k; ++j) {
      const auto fam = static_cast<std::uint32_t>(w.tracks.family[j]);
      Stream family_draw(StreamKey{w.seed, w.run, -1,
                                   sim::cell_entity(static_cast<std::uint32_t>(i), 2048 + fam),
                                   Purpose::WorldEndowment});
      Stream own_draw(
          StreamKey{w.seed, w.run, -1,
                    sim::cell_entity(static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(j)),
                    Purpose::WorldEndowment});
      const double e = std::sqrt(rho) * sim::std_normal(family_draw) +
                       std::sqrt(1.0 - rho) * sim::std_normal(own_draw);
      w.cities.log_endowment[w.cell(sim::CityId::at(i), sim::TrackId::at(j))] =
          p.world.heterogeneity * e;
    }
  }
}

void init_cities(sim::World& w, const ModelParams& p) {
  const std::size_t n = w.num_cities();
  auto& c = w.cities;
  std::fill(c.complies.begin(), c.complies.end(), 1);
  for (std::size_t i = 0; i < n; ++i) {
    sim::Stream s(sim::StreamKey{w.seed, w.run, -1, static_cast<std::uint32_t>(i),
                                 sim::Purpose::ClusterClosure});
    c.closure_draw[i] = sim::uniform01(s);
  }
  double total = 0.0;
  for (std::size_t i = 0; i < n; ++i) total += w.geo.base_gdp[i];
  for (std::size_t i = 0; i < n; ++i) {
    c.base_gdp[i] = w.geo.base_gdp[i];
    c.gdp[i] = c.base_gdp[i];
    c.gdp_share[i] = c.base_gdp[i] / total;
    c.gdp_last_year[i] = c.gdp_prev_year[i] = 4.0 * c.base_gdp[i];
    c.debt[i] = p.initial.city_debt * 4.0 * c.base_gdp[i];
    c.protection[i] = p.initial.protection;
    c.subsidy_rate[i] = p.subsidy.regime == policies::SubsidyRegime::None
                            ? 0.0
                            : std::min(p.subsidy.base_target, p.subsidy.state_aid_cap);
    Stream s(StreamKey{w.seed, w.run, -1, static_cast<std::uint32_t>(i), Purpose::Official});
    c.official_age[i] =
        p.tournament.min_age + (p.tournament.max_age - p.tournament.min_age) * sim::uniform01(s);
    c.official_tenure[i] = static_cast<int>(sim::uniform01(s) * p.tournament.term_years);
    c.risk_aversion[i] =
        p.tournament.ra_min + (p.tournament.ra_max - p.tournament.ra_min) * sim::uniform01(s);
    c.score[i] = 0.0;
    // Years already in post count at the base economy's growth, not at zero.
    c.growth_sum[i] = c.official_tenure[i] * (std::pow(1.0 + p.world.base_growth, 4.0) - 1.0);
  }
}

/// Incumbents: firm counts per track follow initial demand and the track's weight; each firm's
/// city is drawn with probability proportional to city size times endowment (theta^2).
void init_firms(sim::World& w, const ModelParams& p) {
  const std::size_t n = w.num_cities(), k = w.num_tracks();
  std::vector<double> weight(k);
  double total_weight = 0.0;
  for (std::size_t j = 0; j < k; ++j) {
    weight[j] = p.tracks[j].initial_share * w.tracks.demand_scale[j];
    total_weight += weight[j];
  }
  const auto track_count = [&](std::size_t j) {
    return static_cast<int>(
        std::lround(p.world.initial_firms * weight[j] / std::max(total_weight, 1e-300)));
  };
  // Room for every incumbent at once, at the capacity that adding them one by one would reach
  // (the next power of two), so no column is copied while they are added.
  std::size_t incumbents = w.firms.size();
  for (std::size_t j = 0; j < k; ++j)
    incumbents += static_cast<std::size_t>(std::max(track_count(j), 0));
  sim::reserve_firms(w, std::bit_ceil(incumbents));
  std::vector<double> city_weight(n);
  for (std::size_t j = 0; j < k; ++j) {
    const int count = track_count(j);
    // Initial capacity: demand at the reference price over a utilisation target. An entrant
    // builds a plant the size of the average incumbent, but never more than a small share of the
    // market (a track with a handful of incumbents would otherwise see each entrant double it).
    const double track_capacity = w.tracks.demand_scale[j] / p.initial.utilisation;
    w.tracks.entrant_capacity[j] =
        std::min(track_capacity / std::max(count, 1), track_capacity * p.firms.max_entrant_share);
    if (count == 0) continue;
    double cw_total = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
      city_weight[i] = w.cities.gdp_share[i] *
                       std::exp(p.initial.endowment_power * w.cities.log_endowment[i * k + j]);
      cw_total += city_weight[i];
    }
    // Each firm's draws come from its own stream (keyed by the id it will get: ids are issued in
    // order), so they are taken in parallel; the firms are then added, and their sizes summed, in
    // order.
    const auto firms = static_cast<std::size_t>(count);
    struct Draw {
      std::size_t city = 0;
      double log_eff = 0, size = 0;
      sim::Tick born = 0;
    };
    std::vector<Draw> draws(firms);
    const std::uint32_t first_id = w.next_firm_id.value;
    tbb::parallel_for(std::size_t{0}, firms, [&](std::size_t f) {
      Stream s(StreamKey{w.seed, w.run, -1, static_cast<std::uint32_t>(first_id + f),
                         Purpose::InitialFirms});
      Draw& d = draws[f];
      double target = sim::uniform01(s) * cw_total;
      std::size_t city = 0;
      while (city + 1 < n && target >= city_weight[city]) target -= city_weight[city++];
      d.city = city;
      // Incumbents have survived selection: a narrower efficiency spread than entrants'.
      d.log_eff = p.initial.efficiency_spread * p.firms.efficiency_sd * sim::std_normal(s);
      d.size = std::exp(p.initial.size_sd * sim::std_normal(s));
      d.born = -static_cast<sim::Tick>(sim::uniform01(s) * p.initial.max_age);
    });
    std::vector<double> sizes(firms);
    std::vector<std::size_t> idx(firms);
    double size_total = 0.0;
    for (std::size_t f = 0; f < firms; ++f) {
      const Draw& d = draws[f];
      const std::size_t fi = add_firm(w, sim::CityId::at(d.city), sim::TrackId::at(j));
      w.firms.log_eff_mean[fi] = w.firms.log_eff[fi] = d.log_eff;
      sizes[f] = d.size;
      size_total += sizes[f];
      idx[f] = fi;
      w.firms.born[fi] = d.born;
    }
    for (int f = 0; f < count; ++f) {
      const std::size_t fi = idx[static_cast<std::size_t>(f)];
      const double cap = track_capacity * sizes[static_cast<std::size_t>(f)] / size_total;
      w.firms.capacity[fi] = cap;
      w.firms.book[fi] = cap * p.tracks[j].capex;
      w.firms.debt[fi] = p.initial.leverage * w.firms.book[fi];
    }
  }
}

/// Warm start: clear the initial market and draw first priority lists, so that the first year
/// has prices to expect and lists to imitate. Tick -1 keys keep these draws apart.
void warm_start(Model& m) {
  sim::World& w = m.world;
  const ModelParams& p = m.params;
  w.tick = -1;
  clear_markets(w, p, *m.solver);
  for (std::size_t j = 0; j < w.num_tracks(); ++j) {
    w.tracks.cum_output0[j] = w.tracks.cum_output[j] =
        p.initial.experience * w.tracks.output[j] + 1e-9;
    w.tracks.price_last_year[j] = w.tracks.price_index[j];
    w.tracks.demand_last_year[j] = w.tracks.demand_prev_year[j] =
        w.tracks.demand[j] + w.tracks.world_exports[j] - w.tracks.world_imports[j];
    // The warm-start clearing sets expectations; it is not a quarter of year 0.
    w.tracks.price_year_sum[j] = w.tracks.demand_year_sum[j] = 0.0;
  }
  w.cities.mill_price_last_year = w.city_price;  // each city's price at the warm start
  std::fill(w.cities.mill_price_year_sum.begin(), w.cities.mill_price_year_sum.end(), 0.0);
  plan_governments(w, p, m.external);
}

/// Multiplies each incumbent's capacity (with its book value and debt) by its track's factor.
void scale_incumbent_capacity(sim::World& w, const std::vector<double>& scale) {
  for (std::size_t f = 0; f < w.firms.size(); ++f) {
    const double x = scale[w.firms.track[f].index()];
    w.firms.capacity[f] *= x;
    w.firms.book[f] *= x;
    w.firms.debt[f] *= x;
  }
}

/// initial.start = rest_point (docs/model.md 2.7): per track, the smallest factor x >= 1 on the
/// legacy initial capacity at which the first investment round's expected private entry (after
/// the warm start at that capacity) is at most x C_k times the first year's need. Tracks within
/// their need at x = 1 keep the legacy start. Every track is searched at once (one warm start of
/// a copy of the world per step): doubling up to kMaxScale, then kBisections halvings.
std::vector<double> rest_point_scale(const Model& m) {
  constexpr double kMaxScale = 16.0;
  constexpr int kBisections = 10;
  const ModelParams& p = m.params;
  const std::size_t k = m.world.num_tracks();
  std::vector<double> capacity(k, 0.0);
  for (std::size_t f = 0; f < m.world.firms.size(); ++f)
    capacity[m.world.firms.track[f].index()] += m.world.firms.capacity[f];
  // true where the round's expected entry at factor x is within the track's need
  auto within = [&](const std::vector<double>& x) {
    Model trial;
    trial.params = p;
    trial.world = m.world;
    trial.solver = make_solver(p.market);
    trial.external = m.external;
    scale_incumbent_capacity(trial.world, x);
    warm_start(trial);
    trial.world.tick = 0;
    const std::vector<double> entry = expected_entry_capacity(trial.world, p);
    std::vector<char> ok(k);
    for (std::size_t t = 0; t < k; ++t)
      ok[t] = entry[t] <= x[t] * capacity[t] * first_year_need(p.tracks[t]);
    return ok;
  };
  std::vector<double> lo(k, 1.0), hi(k, 1.0);
  std::vector<char> done = within(hi);  // within the need at the legacy start: keep it
  for (std::size_t t = 0; t < k; ++t) done[t] = done[t] || capacity[t] <= 0;  // nothing to scale
  std::vector<char> found = done;
  for (double x = 2.0; x <= kMaxScale; x *= 2.0) {
    bool open = false;
    for (std::size_t t = 0; t < k; ++t)
      if (!found[t]) {
        lo[t] = hi[t];
        hi[t] = x;
        open = true;
      }
    if (!open) break;
    const std::vector<char> ok = within(hi);
    for (std::size_t t = 0; t < k; ++t) found[t] = found[t] || ok[t];
  }
  for (std::size_t t = 0; t < k; ++t)
    if (!found[t]) {  // not within the need even at kMaxScale: start there
      hi[t] = kMaxScale;
      done[t] = 1;
    }
  for (int b = 0; b < kBisections; ++b) {
    std::vector<double> mid(k);
    bool open = false;
    for (std::size_t t = 0; t < k; ++t) {
      mid[t] = done[t] ? 1.0 : 0.5 * (lo[t] + hi[t]);
      open = open || !done[t];
    }
    if (!open) break;
    const std::vector<char> ok = within(mid);
    for (std::size_t t = 0; t < k; ++t) {
      if (done[t]) continue;
      (ok[t] ? hi[t] : lo[t]) = mid[t];
    }
  }
  return hi;  // the feasible end (kMaxScale where even that is not within the need)
}

}  // namespace

std::unique_ptr<sim::MarketSolver> make_solver(const sim::MarketParams& market) {
  try {
    return sim::make_market_solver(market);
  } catch (const std::invalid_argument& e) {
    throw std::runtime_error(e.what());
  }
}

Model make_model(const RunConfig& config, std::uint32_t run) {
  Model m;
  m.params = config.params;
  m.schedule = config.schedule;
  m.solver = make_solver(m.params.market);
  const ModelParams& p = m.params;
  sim::World& w = m.world;
  w.seed = p.world.seed;
  w.run = run;
  w.tick = 0;
  w.geo = p.world.map.empty() ? sim::make_geography(p.world, p.spillover.max_km)
                              : sim::load_map_geography(p.world, p.spillover.max_km, config.source);
  sim::size_columns(w, w.geo.size(), p.tracks.size());
  init_tracks(w, p);
  init_endowments(w, p);
  init_cities(w, p);
  init_firms(w, p);
  refresh_spillover_weights(w, p);
  if (p.initial.start == InitialStart::RestPoint) {
    const std::vector<double> scale = rest_point_scale(m);
    scale_incumbent_capacity(w, scale);
  }
  warm_start(m);
  w.tick = 0;
  record_metrics(w, p, m.metrics);
  return m;
}

}  // namespace regsim::agents
