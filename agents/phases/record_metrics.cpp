// Metrics phase: the national and per-track metrics of MODEL.md section 10 for this tick.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <memory>
#include <span>
#include <vector>

#include <tbb/parallel_invoke.h>

#include "agents/economics.h"
#include "agents/phases/phases.h"
#include "agents/welfare.h"
#include "sim/indicators.h"
#include "sim/track_slots.h"

namespace regsim::agents {

namespace {

/// One track's sums over its firms, side by side so that the pass over firms addresses one
/// record per firm (the same sums, in firm order, as one array per sum).
struct TrackSums {
  // Variable cost and output of the firms still present (exits this tick are gone).
  double variable_cost = 0, produced = 0, plant_cost = 0, plants = 0, zombie_cap = 0;
  double marginal = 0, idle = 0;
  int zombies = 0, losers = 0, active = 0, active_losers = 0;
};

void track_metrics(const sim::World& w, const ModelParams& p, Metrics& out) {
  const std::size_t k = w.num_tracks(), n = w.num_cities();
  out.tracks.assign(k, TrackMetrics{});
  std::vector<TrackSums> sums(k);
  // The firms' capacities grouped by track, in firm order within each (for the HHI).
  const auto& fm = w.firms;
  const std::size_t nf = fm.size();
  sim::TrackSlots slots(fm.track, k, [](std::size_t) { return true; });
  const auto sizes = std::make_unique_for_overwrite<double[]>(nf);
  const bool cournot = p.market.conduct == "cournot";
  // The firm columns and terms read in the loop, kept in locals: the loop's stores to `sums`
  // could otherwise alias them, so they would be read again for every firm.
  const double util_cost = p.market.util_cost, util_curvature = p.market.util_curvature;
  const sim::Tick tick = w.tick;
  const sim::Tick* zombie_until = fm.zombie_until.data();
  const double* unit_cost = fm.unit_cost.data();
  const double* output = fm.output.data();
  const double* capacity = fm.capacity.data();
  const double* profit = fm.profit.data();
  const double* mothballed = fm.mothballed.data();
  const sim::TrackId* track = fm.track.data();
  TrackSums* acc = sums.data();
  for (std::size_t f = 0; f < nf; ++f) {
    TrackSums& a = acc[track[f].index()];
    const double c = unit_cost[f], q = output[f], cap = capacity[f];
    a.variable_cost += c * q;
    a.produced += q;
    a.plant_cost += c * cap;
    a.plants += cap;
    // utilisation_cost(w, p, f) and is_zombie(w, f) from the locals.
    if (cournot)
      a.variable_cost +=
          sim::utilisation_cost(utilisation_omega(util_cost, c), util_curvature, cap, q);
    if (tick < zombie_until[f]) {
      ++a.zombies;
      a.zombie_cap += cap;
    }
    const bool loses = profit[f] < 0;
    if (loses) ++a.losers;
    if (cap > 0) {
      ++a.active;
      if (loses) ++a.active_losers;
    }
    if (q > 0) a.marginal = std::max(a.marginal, c);
    a.idle += mothballed[f];
    sizes[slots.take(track[f])] = cap;
  }
  for (std::size_t t = 0; t < k; ++t) {
    TrackMetrics& m = out.tracks[t];
    m.firms = static_cast<int>(slots.count(t));
    m.capacity = w.tracks.capacity[t];
    m.pipeline = w.tracks.pipeline[t];
    m.demand = w.tracks.demand[t];
    m.output = w.tracks.output[t];
    m.cu = m.capacity > 0 ? m.output / m.capacity : 0.0;
    m.price = w.tracks.price_index[t];
    m.export_price = w.tracks.export_price[t];
    m.frontier_cost = w.tracks.frontier_cost[t];
    m.cities_listing = w.tracks.cities_listing[t];
    const TrackSums& a = sums[t];
    m.zombie_share = m.firms > 0 ? static_cast<double>(a.zombies) / m.firms : 0.0;
    m.loss_share = m.firms > 0 ? static_cast<double>(a.losers) / m.firms : 0.0;
    m.zombie_capacity_share = m.capacity > 0 ? a.zombie_cap / m.capacity : 0.0;
    m.cash_cost_marginal = a.marginal;
    m.loss_share_active = a.active > 0 ? static_cast<double>(a.active_losers) / a.active : 0.0;
    m.mothballed = a.idle;
    m.overhang = m.demand > 0 ? (m.capacity + m.pipeline) / m.demand - 1.0 : 0.0;
    m.hhi = sim::hhi(std::span<const double>(sizes.get() + slots.begin(t), slots.count(t)));
    m.entries = w.flows.entries_by_track.empty() ? 0 : w.flows.entries_by_track[t];
    m.exits = w.flows.exits_by_track.empty() ? 0 : w.flows.exits_by_track[t];
    m.subsidies = w.flows.subsidies_by_track.empty() ? 0 : w.flows.subsidies_by_track[t];
    double lo = 0, hi = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const double pr = w.city_price[i * k + t];
      if (pr <= 0) continue;
      lo = lo > 0 ? std::min(lo, pr) : pr;
      hi = std::max(hi, pr);
    }
    m.price_dispersion = lo > 0 ? hi / lo : 0.0;
    m.war_intensity = w.tracks.war_intensity[t];
    m.conduct = w.tracks.conduct[t];
    m.avc = a.produced > 0 ? a.variable_cost / a.produced : 0.0;
    m.cash_cost = a.plants > 0 ? a.plant_cost / a.plants : 0.0;
    m.exports = w.tracks.world_exports[t];
    m.imports = w.tracks.world_imports[t];
  }
}

/// Firm CU P90/P10 within each track, averaged over tracks with enough firms. The CUs of the
/// firms with capacity are grouped by track in one array (firm order within a track), and both
/// percentiles are selected in place there.
double cu_dispersion(const sim::World& w) {
  const std::size_t k = w.num_tracks(), nf = w.firms.size();
  const double* capacity = w.firms.capacity.data();
  const double* output = w.firms.output.data();
  const sim::TrackId* track = w.firms.track.data();
  sim::TrackSlots slots(w.firms.track, k, [capacity](std::size_t f) { return capacity[f] > 0; });
  const auto cu = std::make_unique_for_overwrite<double[]>(slots.size());
  for (std::size_t f = 0; f < nf; ++f)
    if (capacity[f] > 0) cu[slots.take(track[f])] = output[f] / capacity[f];
  double sum = 0;
  int count = 0;
  for (std::size_t t = 0; t < k; ++t) {
    if (slots.count(t) < 10) continue;
    const auto [p10, p90] = sim::percentile_pair(
        std::span<double>(cu.get() + slots.begin(t), slots.count(t)), 0.1, 0.9);
    sum += std::min(p90 / std::max(p10, 0.01), 100.0);
    ++count;
  }
  return count > 0 ? sum / count : 0.0;
}

/// Entropy, Jaccard, Moran's I and crowding (similarity and Krugman are computed as tasks of
/// their own in record_metrics).
void structure_metrics(const sim::World& w, NationalMetrics& m, Metrics& out) {
  const std::size_t n = w.num_cities(), k = w.num_tracks();
  const sim::Matrix output{static_cast<int>(n), static_cast<int>(k), w.cities.cell_output};
  const auto entropy = sim::structure_entropy(output);
  double e = 0;
  for (double x : entropy) e += x;
  m.entropy = n > 0 ? e / static_cast<double>(n) : 0.0;
  // Priority lists change only when governments plan (the first quarter of a year).
  if (out.jaccard_cache < 0 || sim::is_planning_tick(w.tick) ||
      w.tick - out.jaccard_tick >= sim::kTicksPerYear) {
    std::vector<std::vector<int>> lists(n);
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t t = 0; t < k; ++t)
        if (w.cities.listed[i * k + t]) lists[i].push_back(static_cast<int>(t));
    out.jaccard_cache = sim::mean_jaccard(lists);
    out.jaccard_tick = w.tick;
  }
  m.jaccard = out.jaccard_cache;
  // Moran's I of adoption of the most crowded track (its output share in each city).
  std::size_t hot = 0;
  for (std::size_t t = 1; t < k; ++t)
    if (w.tracks.cities_listing[t] > w.tracks.cities_listing[hot]) hot = t;
  std::vector<double> adoption(n);
  for (std::size_t i = 0; i < n; ++i) adoption[i] = w.cities.listed[i * k + hot];
  m.moran = sim::morans_i(adoption, w.spill);
  double crowd = 0;
  for (std::size_t t = 0; t < k; ++t) crowd += w.tracks.cities_listing[t];
  m.crowding = crowd / static_cast<double>(n * k);
}

/// National sums over firms, in firm order.
struct FirmTotals {
  int zombies = 0, losers = 0, soft = 0;
  double zombie_cap = 0, tfp_num = 0, tfp_den = 0, soft_cap = 0, jobs_output = 0, mothballed = 0;
};

FirmTotals firm_totals(const sim::World& w, const ModelParams& p) {
  FirmTotals r;
  for (std::size_t f = 0; f < w.firms.size(); ++f) {
    if (is_zombie(w, f)) {
      ++r.zombies;
      r.zombie_cap += w.firms.capacity[f];
    }
    if (w.firms.profit[f] < 0) ++r.losers;
    if (w.firms.soft_budget[f] > 0) {
      ++r.soft;
      r.soft_cap += w.firms.capacity[f];
    }
    const double q = w.firms.output[f];
    r.jobs_output += p.tracks[w.firms.track[f].index()].jobs * q;
    r.mothballed += w.firms.mothballed[f];
    if (q > 0 && w.firms.unit_cost[f] > 0) {
      r.tfp_num += q * p.tracks[w.firms.track[f].index()].c0 / w.firms.unit_cost[f];
      r.tfp_den += q;
    }
  }
  return r;
}

}  // namespace

void record_metrics(const sim::World& w, const ModelParams& p, Metrics& out) {
  NationalMetrics& m = out.national;
  m = NationalMetrics{};
  out.cities.clear();  // city rows are recorded at the end of a year only (record_city_year)
  m.tick = w.tick;
  m.year = sim::year_of(std::max(w.tick, 0));
  const std::size_t n = w.num_cities(), k = w.num_tracks();
  // Independent pieces run as parallel tasks; each keeps its own sequential summation order, so
  // the results are the same bits whatever the number of threads.
  const sim::Matrix output{static_cast<int>(n), static_cast<int>(k), w.cities.cell_output};
  FirmTotals totals;
  double cu_p90_p10 = 0, theil = 0, gini = 0;
  tbb::parallel_invoke([&] { track_metrics(w, p, out); }, [&] { totals = firm_totals(w, p); },
                       [&] { cu_p90_p10 = cu_dispersion(w); },
                       [&] { m.similarity = sim::mean_structural_similarity(output); },
                       [&] { m.krugman = sim::mean_krugman_dissimilarity(output); },
                       [&] {
                         theil = sim::theil(w.cities.gdp, w.geo.population);
                         std::vector<double> per_capita(n);
                         for (std::size_t i = 0; i < n; ++i)
                           per_capita[i] = w.cities.gdp[i] / w.geo.population[i];
                         gini = sim::gini(per_capita);
                       },
                       [&] { structure_metrics(w, m, out); });
  for (std::size_t i = 0; i < n; ++i) {
    m.gdp += w.cities.gdp[i];
    m.debt += w.cities.debt[i];
    m.employment += w.cities.jobs[i];
  }
  double value0 = 0, value = 0, overhang = 0;
  for (std::size_t t = 0; t < k; ++t) {
    const auto& tm = out.tracks[t];
    m.capacity += tm.capacity;
    m.output += tm.output;
    m.demand += tm.demand;
    // Price index: demand-weighted track prices relative to each track's reference price.
    value0 += tm.demand * p.tracks[t].pref;
    value += tm.demand * tm.price;
    overhang += tm.overhang;
  }
  m.cu = m.capacity > 0 ? m.output / m.capacity : 0.0;
  m.price_index = value0 > 0 ? value / value0 : 0.0;
  m.overhang = k > 0 ? overhang / static_cast<double>(k) : 0.0;
  m.firms = static_cast<int>(w.firms.size());
  m.zombie_share = m.firms > 0 ? static_cast<double>(totals.zombies) / m.firms : 0.0;
  m.zombie_capacity_share = m.capacity > 0 ? totals.zombie_cap / m.capacity : 0.0;
  m.loss_share = m.firms > 0 ? static_cast<double>(totals.losers) / m.firms : 0.0;
  m.tfp = totals.tfp_den > 0 ? totals.tfp_num / totals.tfp_den : 0.0;
  m.entries = w.flows.entries;
  m.mobile_entries = w.flows.mobile_entries;
  m.closed_cells = 0;
  for (const std::uint8_t c : w.cities.closed) m.closed_cells += c;
  m.exits = w.flows.exits;
  m.subsidies = w.flows.subsidies_paid;
  m.bailouts = w.flows.bailouts;
  m.bailouts_count = w.flows.bailouts_count;
  m.retraining = w.flows.retraining;
  m.written_off = w.flows.written_off;
  m.consumer_surplus = w.flows.consumer_surplus;
  m.producer_surplus = w.flows.producer_surplus;
  record_welfare(w, p, m);
  m.exits_distress = w.flows.exits_distress;
  m.exits_exogenous = w.flows.exits_exogenous;
  m.jobs_output = totals.jobs_output;
  m.soft_budget_share = m.firms > 0 ? static_cast<double>(totals.soft) / m.firms : 0.0;
  m.soft_budget_capacity_share = m.capacity > 0 ? totals.soft_cap / m.capacity : 0.0;
  m.mothballed_capacity = totals.mothballed;
  m.exits_voluntary = w.flows.exits_voluntary;
  m.mothballs = w.flows.mothballs;
  m.reactivations = w.flows.reactivations;
  m.subsidy_gdp = m.gdp > 0 ? m.subsidies / m.gdp : 0.0;
  m.debt_gdp = m.gdp > 0 ? m.debt / (4.0 * m.gdp) : 0.0;
  m.interprovincial_trade = m.output > 0 ? w.flows.interprovincial / m.output : 0.0;
  m.theil = theil;
  m.gini = gini;
  double hhi = 0;
  for (const auto& tm : out.tracks) hhi += tm.hhi;
  m.hhi = k > 0 ? hhi / static_cast<double>(k) : 0.0;
  m.cu_p90_p10 = cu_p90_p10;
  for (std::size_t i = 0; i < n; ++i) {
    m.promoted += w.cities.promoted[i];
    m.mean_tenure += w.cities.official_tenure[i] / static_cast<double>(n);
  }
  for (double a : w.cities.log_knowledge) m.knowledge += a;
  if (!w.cities.log_knowledge.empty())
    m.knowledge /= static_cast<double>(w.cities.log_knowledge.size());
}

}  // namespace regsim::agents
