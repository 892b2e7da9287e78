// Market phase: demand update, merit orders per track, clearing, outputs, revenues and prices.
#include <algorithm>
#include <array>
#include <cmath>
#include <memory>
#include <numeric>

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_invoke.h>

#include "agents/demand_cycle.h"
#include "agents/economics.h"
#include "agents/phases/phases.h"
#include "agents/soft_budget.h"
#include "sim/indicators.h"
#include "sim/random.h"

namespace regsim::agents {

using sim::CityId;
using sim::TrackId;

namespace {

void update_demand(sim::World& w, const ModelParams& p) {
  for (std::size_t k = 0; k < w.num_tracks(); ++k) {
    const auto& tp = p.tracks[k];
    if (w.tick >= 0) {
      sim::Stream s(sim::StreamKey{w.seed, w.run, w.tick, static_cast<std::uint32_t>(k),
                                   sim::Purpose::DemandShock});
      w.tracks.demand_shock[k] =
          tp.shock_rho * w.tracks.demand_shock[k] + tp.shock_sd * sim::std_normal(s);
    }
    double log_shock = w.tracks.demand_shock[k];
    if (p.market.demand_cycles)  // docs/model.md 4.5: the track's annual demand cycle
      log_shock += demand_cycle(w.seed, w.run, w.tick, static_cast<std::uint32_t>(k), tp);
    w.tracks.demand_scale[k] = life_cycle_demand(tp, w.tick) * std::exp(log_shock);
  }
}

/// Firm indices grouped by track, in firm order (deterministic).
std::vector<std::vector<std::size_t>> firms_by_track(const sim::World& w) {
  std::vector<std::vector<std::size_t>> out(w.num_tracks());
  for (std::size_t f = 0; f < w.firms.size(); ++f) out[w.firms.track[f].index()].push_back(f);
  return out;
}

/// An offer in the merit order: by city, then reservation price, then id (a strict total order,
/// so every sorting method gives the same sequence).
struct Offer {
  double reservation;
  double capacity;
  CityId city;
  sim::FirmId id;
  std::uint32_t firm;  ///< position in the firm arrays
  bool operator<(const Offer& b) const {
    if (city != b.city) return city < b.city;
    return reservation != b.reservation ? reservation < b.reservation : id < b.id;
  }
};

/// What the merit order needs of firm f, packed in one cache line's share so that building the
/// orders (which visit firms in merit order, not in storage order) touches one record per firm.
struct Quote {
  double reservation;  ///< c_f - sq_f
  double capacity;
  CityId city;
  sim::FirmId id;
};

/// This tick's merit order of track k: last tick's order (survivors, nearly sorted, fixed by
/// insertion sort) merged with the entrants since then (sorted on their own). `quotes` holds
/// every firm's record, computed in one pass over firms before the tracks clear.
std::vector<Offer> merit_order(sim::World& w, TrackId track, std::size_t first_new,
                               const Quote* quotes) {
  const std::size_t k = track.index();
  auto make_offer = [&](std::size_t f) {
    const Quote& q = quotes[f];
    return Offer{q.reservation, q.capacity, q.city, q.id, static_cast<std::uint32_t>(f)};
  };
  // Two passes of independent loads (positions, then quotes) instead of one dependent chain:
  // the visits are in merit order, i.e. scattered over the firm arrays, and independent loads
  // let the CPU keep many cache misses in flight.
  const auto& order = w.merit_order[k];
  std::vector<std::int32_t> pos(order.size());
  for (std::size_t j = 0; j < order.size(); ++j) pos[j] = w.firms.index_of[order[j].index()];
  std::vector<Offer> offers;
  offers.reserve(order.size() + 64);
  for (const std::int32_t f : pos)
    if (f >= 0) offers.push_back(make_offer(static_cast<std::size_t>(f)));
  for (std::size_t j = 1; j < offers.size(); ++j) {
    // Most offers are already in place: compare first, and copy an offer only when it moves
    // (copying every offer through the stack stalled on store forwarding; same sorted order).
    if (!(offers[j] < offers[j - 1])) continue;
    const Offer x = offers[j];
    std::size_t i = j;
    for (; i > 0 && x < offers[i - 1]; --i) offers[i] = offers[i - 1];
    offers[i] = x;
  }
  const auto old_end = static_cast<std::ptrdiff_t>(offers.size());
  for (std::size_t f = first_new; f < w.firms.size(); ++f)
    if (w.firms.track[f] == track) offers.push_back(make_offer(f));
  std::sort(offers.begin() + old_end, offers.end());
  std::inplace_merge(offers.begin(), offers.begin() + old_end, offers.end());
  w.merit_order[k].resize(offers.size());
  for (std::size_t j = 0; j < offers.size(); ++j) w.merit_order[k][j] = offers[j].id;
  return offers;
}

struct TrackResult {
  double consumer_surplus = 0, exports = 0, imports = 0, interprovincial = 0;
};

/// What every track's book reads: every firm's quote, the conduct "cournot" inputs per firm
/// (null under competitive conduct) and last tick's city prices (hints). The per-firm arrays are
/// not zeroed first (the market pass writes every element).
struct BookInputs {
  bool cournot = false;
  std::unique_ptr<Quote[]> quotes;
  std::unique_ptr<double[]> util_cost;  ///< omega_f = market.util_cost * c_f (cournot)
  std::unique_ptr<double[]> must_run;   ///< mandated output (null: none)
  std::vector<double> last_price;       ///< N x K city prices of the last clearing (cournot hints)
};

/// Firms [begin, end)'s unit costs, production subsidies per unit and quotes (and the cournot
/// inputs), in chunks of up to 256 firms and three passes: the exponents of firm_unit_cost, their
/// exps, then the rest. Only the exps call out, so the other passes keep the columns and the
/// parameters in registers (with the call in one loop with the rest, they were reloaded for
/// every firm). The same operations as firm by firm, so the same bits.
void quote_firms(sim::World& w, const ModelParams& p, const std::vector<double>& subsidy_city,
                 bool soft, BookInputs& in, std::size_t begin, std::size_t end) {
  constexpr std::size_t kChunk = 256;
  std::array<double, kChunk> scale;  // exp(-firm_log_divisor)
  for (std::size_t first = begin; first < end; first += kChunk) {
    const std::size_t n = std::min(kChunk, end - first);
    for (std::size_t e = 0; e < n; ++e) scale[e] = -firm_log_divisor(w, p, first + e);
    for (std::size_t e = 0; e < n; ++e) scale[e] = std::exp(scale[e]);
    for (std::size_t e = 0; e < n; ++e) {
      const std::size_t f = first + e;
      const double unit_cost = w.tracks.frontier_cost[w.firms.track[f].index()] * scale[e];
      w.firms.unit_cost[f] = unit_cost;
      const double subsidy = production_subsidy(w, p, f, subsidy_city[w.firms.city[f].index()]);
      w.production_subsidy_tick[f] = subsidy;
      const double cut = soft ? soft_budget_reservation_cut(w, p, f) : 0.0;
      in.quotes[f] = {unit_cost - subsidy - cut, w.firms.capacity[f], w.firms.city[f],
                      w.firms.id[f]};
      if (in.cournot) in.util_cost[f] = utilisation_omega(p.market.util_cost, unit_cost);
    }
    if (in.must_run)
      for (std::size_t f = first; f < first + n; ++f)
        in.must_run[f] = soft_budget_must_run(w, p, f);
  }
}

/// Smoothed utilisation for the price-war signal: the first CU seen, then an exponential mean.
double smoothed_signal(double previous, double cu, double lambda) {
  return previous < 0.0 ? cu : (1.0 - lambda) * previous + lambda * cu;
}

/// Geometric smoothing of the price index for partial adjustment: the first price seen, then
/// ln pbar <- (1 - lambda) ln pbar + lambda ln P.
double smoothed_price(double previous, double price, double lambda) {
  if (!(previous > 0.0)) return price;
  return std::exp((1.0 - lambda) * std::log(previous) + lambda * std::log(price));
}

TrackResult clear_track(sim::World& w, const ModelParams& p, const sim::MarketSolver& solver,
                        TrackId track, std::size_t first_new, const BookInputs& in) {
  const std::size_t n = w.num_cities(), nk = w.num_tracks(), k = track.index();
  const auto& tp = p.tracks[k];
  // Reservation price c_f - sq_f: production subsidies let a firm sell below its true cost.
  const std::vector<Offer> offers = merit_order(w, track, first_new, in.quotes.get());
  sim::TrackOrderBook book;
  book.num_cities = static_cast<int>(n);
  book.pref = tp.pref;
  // Partial adjustment: the solver sees the short-run elasticity; the level follows the
  // smoothed past price with the long-run one (docs/model.md 4.3).
  book.eta = demand_elasticity(p, track);
  const bool adjust = p.market.partial_adjustment;
  double level = 1.0;
  if (adjust) {
    const double pbar = w.tracks.price_smoothed[k];
    if (pbar > 0) level = std::pow(pbar / tp.pref, -(tp.eta - tp.eta_short));
  }
  book.price_floor = p.market.price_floor * w.tracks.frontier_cost[k];
  if (p.market.rest_of_world)  // docs/model.md 4.4
    set_world_terms(book, tp, w.tracks.frontier_cost[k], w.tracks.demand_scale[k], level);
  book.price_hint = w.tracks.export_price[k];  // last P* (pref before the first clearing)
  book.demand_scale.resize(n);
  book.wedge.resize(n);
  book.city_start.assign(n + 1, 0);
  for (std::size_t i = 0; i < n; ++i) {
    book.demand_scale[i] = w.cities.gdp_share[i] * w.tracks.demand_scale[k];
    if (adjust) book.demand_scale[i] *= level;
    book.wedge[i] = p.market.t0 + p.market.kappa * (p.market.border +
                                                    p.market.protection * w.cities.protection[i]);
  }
  book.offer_capacity.reserve(offers.size());
  book.offer_reservation.reserve(offers.size());
  for (const Offer& o : offers) {
    ++book.city_start[o.city.index() + 1];
    book.offer_capacity.push_back(o.capacity);
    book.offer_reservation.push_back(o.reservation);
  }
  for (std::size_t i = 0; i < n; ++i) book.city_start[i + 1] += book.city_start[i];
  if (in.cournot) {
    // Conduct "cournot": utilisation costs, mandates, the war signal and city price hints.
    book.offer_util_cost.reserve(offers.size());
    for (const Offer& o : offers) book.offer_util_cost.push_back(in.util_cost[o.firm]);
    if (in.must_run) {
      book.offer_must_run.reserve(offers.size());
      for (const Offer& o : offers) book.offer_must_run.push_back(in.must_run[o.firm]);
    }
    book.utilisation_signal = w.tracks.war_signal[k];
    if (in.last_price.size() == n * nk) {
      book.city_price_hint.resize(n);
      for (std::size_t i = 0; i < n; ++i) book.city_price_hint[i] = in.last_price[i * nk + k];
    }
  }
  sim::TrackClearing out;
  solver.solve(book, out);

  TrackResult r;
  double cap = 0, q = 0;
  for (std::size_t j = 0; j < offers.size(); ++j) {
    const Offer& o = offers[j];
    const double price = out.city_price[o.city.index()];
    w.firms.output[o.firm] = out.offer_output[j];
    w.firms.revenue[o.firm] = out.offer_output[j] * price;
    cap += o.capacity;
    q += out.offer_output[j];
  }
  double demand = 0, value = 0;
  std::vector<double> province_net(static_cast<std::size_t>(w.geo.num_provinces), 0.0);
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t c = i * nk + k;
    w.city_price[c] = out.city_price[i];
    w.net_export[c] = out.net_export[i];
    w.cities.cell_output[c] = out.city_supply[i];
    w.cities.cell_home_share[c] = std::min(out.city_supply[i], out.city_demand[i]);
    demand += out.city_demand[i];
    value += out.city_demand[i] * out.city_price[i];
    // Nothing consumed (no supply anywhere) means no surplus, not the infinite integral at P = 0.
    // Under partial adjustment the short-run curve may be inelastic: the surplus is measured
    // against the reference price instead (finite for every elasticity; docs/model.md 4.3).
    if (adjust)
      r.consumer_surplus +=
          sim::consumer_surplus_relative(out.city_demand[i], out.city_price[i], tp.pref, book.eta);
    else if (book.demand_scale[i] > 0 && out.city_demand[i] > 0)
      r.consumer_surplus +=
          sim::consumer_surplus(book.demand_scale[i], tp.pref, tp.eta, out.city_price[i]);
    province_net[static_cast<std::size_t>(w.geo.province[i])] += out.net_export[i];
  }
  for (double x : province_net) r.interprovincial += std::max(0.0, x);
  r.exports = out.exports;
  r.imports = out.imports;
  auto& t = w.tracks;
  t.capacity[k] = cap;
  t.output[k] = q;
  t.demand[k] = demand;
  t.war_intensity[k] = out.war_intensity;
  t.world_exports[k] = out.foreign_exports;
  t.world_imports[k] = out.foreign_imports;
  t.conduct[k] = out.conduct;
  if (cap > 0) t.war_signal[k] = smoothed_signal(t.war_signal[k], q / cap, p.market.war_smoothing);
  if (out.export_price > 0) {
    t.export_price[k] = out.export_price;
    t.price_index[k] = demand > 0 ? value / demand : out.export_price;
    t.price_smoothed[k] =
        smoothed_price(t.price_smoothed[k], t.price_index[k], p.market.adjustment_speed);
  } else {
    // No supply at all (every firm has left): nothing trades, and the last traded prices stay
    // the reference for expectations, so the track can be entered again.
    for (std::size_t i = 0; i < n; ++i) w.city_price[i * nk + k] = t.price_index[k];
  }
  return r;
}

/// Local firms' share of each city's own demand, over all tracks (for protection).
void update_home_share(sim::World& w) {
  const std::size_t n = w.num_cities(), k = w.num_tracks();
  for (std::size_t i = 0; i < n; ++i) {
    double served = 0, total = 0;
    for (std::size_t t = 0; t < k; ++t) {
      const std::size_t c = i * k + t;
      served += w.cities.cell_home_share[c];
      total += w.cities.cell_output[c] - w.net_export[c];  // consumption = supply - net export
    }
    w.cities.home_share[i] = total > 0 ? served / total : 1.0;
  }
}

}  // namespace

void clear_markets(sim::World& w, const ModelParams& p, const sim::MarketSolver& solver) {
  const std::size_t n = w.num_cities(), k = w.num_tracks();
  const bool cournot = p.market.conduct == "cournot";
  update_demand(w, p);
  BookInputs in;
  in.cournot = cournot;
  if (cournot) in.last_price = w.city_price;  // hints for autarkic cities' prices
  w.city_price.assign(n * k, 0.0);
  w.net_export.assign(n * k, 0.0);
  // Median log efficiency per track, for the precise subsidy regime (the only reader).
  if (p.subsidy.regime == policies::SubsidyRegime::Precise) {
    const auto groups = firms_by_track(w);
    for (std::size_t t = 0; t < k; ++t) {
      std::vector<double> eff;
      eff.reserve(groups[t].size());
      for (std::size_t f : groups[t]) eff.push_back(w.firms.log_eff[f]);
      w.tracks.median_efficiency[t] = eff.empty() ? 0.0 : sim::percentile(eff, 0.5);
    }
  }
  w.merit_order.resize(k);
  // Firms are stored in id order, so the entrants since the last clearing form the tail.
  std::size_t first_new = w.firms.size();
  while (first_new > 0 && w.firms.id[first_new - 1] >= w.merit_next_id) --first_new;
  // Unit costs and reservation prices in one streaming pass over firms (in parallel), so the
  // per-track merit orders read one array instead of each firm's cost inputs.
  const std::size_t nf = w.firms.size();
  in.quotes = std::make_unique_for_overwrite<Quote[]>(nf);
  if (cournot) in.util_cost = std::make_unique_for_overwrite<double[]>(nf);
  // Soft budgets (docs/model.md 5.10): a lower reservation for zombies and state-backed firms,
  // and under cournot conduct a must-run mandate (the competitive merit order has no quantity
  // floor). Off: no cut, no mandate (the quotes are unchanged). Fund-backed firms (6.10) have a
  // soft budget whenever guidance funds are on.
  const bool soft = p.exit.soft_budgets || p.funds.enabled;
  if (soft && cournot && p.exit.must_run > 0.0)
    in.must_run = std::make_unique_for_overwrite<double[]>(nf);
  w.production_subsidy_tick.resize(nf);
  // The city part of the production subsidy (its debt room) once per city, not per firm.
  std::vector<double> subsidy_city(n);
  for (std::size_t i = 0; i < n; ++i)
    subsidy_city[i] = production_subsidy_city(w, p, CityId::at(i));
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, nf, 256), [&](const auto& r) {
    quote_firms(w, p, subsidy_city, soft, in, r.begin(), r.end());
  });
  std::vector<TrackResult> results(k);
  tbb::parallel_for(std::size_t{0}, k, [&](std::size_t t) {
    results[t] = clear_track(w, p, solver, TrackId::at(t), first_new, in);
  });
  w.merit_next_id = w.next_firm_id;
  for (std::size_t t = 0; t < k; ++t) {
    w.flows.consumer_surplus += results[t].consumer_surplus;
    w.flows.exports += results[t].exports;
    w.flows.imports += results[t].imports;
    w.tracks.price_year_sum[t] += w.tracks.price_index[t];
    // Expectations read the demand for domestic output: home demand plus net sales abroad.
    w.tracks.demand_year_sum[t] +=
        w.tracks.demand[t] + w.tracks.world_exports[t] - w.tracks.world_imports[t];
  }
  // Each city's price is what its producers receive (its mill price), for market-access outlooks.
  for (std::size_t c = 0; c < n * k; ++c) w.cities.mill_price_year_sum[c] += w.city_price[c];
  w.flows.interprovincial = 0;
  for (const auto& r : results) w.flows.interprovincial += r.interprovincial;
  tbb::parallel_invoke([&] { update_home_share(w); },
                       [&] {
                         auto& cap = w.cities.cell_capacity;
                         std::fill(cap.begin(), cap.end(), 0.0);
                         for (std::size_t f = 0; f < w.firms.size(); ++f)
                           cap[w.cell(w.firms.city[f], w.firms.track[f])] += w.firms.capacity[f];
                       });
}

}  // namespace regsim::agents
