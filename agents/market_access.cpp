// Market-access expectations (docs/model.md 5.9): outlooks over the market a city's firms reach.
#include "agents/market_access.h"

#include <algorithm>
#include <cmath>

#include <tbb/parallel_for.h>

#include "policies/investment_rules.h"

namespace regsim::agents {

using sim::TrackId;

double import_wedge(const sim::MarketParams& m, double protection) {
  return m.t0 + m.kappa * (m.border + m.protection * protection);
}

std::vector<double> MarketAccess::accessible_demand() const {
  const std::size_t n = size.size();
  double reach = 0.0;  // sum_m a_m D_m, in city order
  for (std::size_t m = 0; m < n; ++m) reach += factor[m] * size[m];
  std::vector<double> out(n);
  for (std::size_t i = 0; i < n; ++i) out[i] = reach + (1.0 - factor[i]) * size[i];
  return out;
}

std::vector<double> MarketAccess::competing_supply(std::span<const double> supply,
                                                   std::span<const double> accessible) const {
  const std::size_t n = size.size();
  std::vector<double> ratio(n, 0.0);  // r_j = S_j / D^e_j
  double total = 0.0;
  for (std::size_t j = 0; j < n; ++j) {
    if (accessible[j] > 0) ratio[j] = supply[j] / accessible[j];
    total += ratio[j];
  }
  std::vector<double> in_market(n);  // C_m = D_m (a_m R + (1 - a_m) r_m)
  double reach = 0.0;                // sum_m a_m C_m
  for (std::size_t m = 0; m < n; ++m) {
    in_market[m] = size[m] * (factor[m] * total + (1.0 - factor[m]) * ratio[m]);
    reach += factor[m] * in_market[m];
  }
  std::vector<double> out(n);
  for (std::size_t i = 0; i < n; ++i) out[i] = reach + (1.0 - factor[i]) * in_market[i];
  return out;
}

std::vector<double> expected_mill_prices(std::span<const double> mill,
                                         std::span<const double> wedge) {
  double pool = 0.0;  // the lowest positive mill price: what exporters received
  for (const double v : mill)
    if (v > 0 && (pool <= 0 || v < pool)) pool = v;
  std::vector<double> out(mill.begin(), mill.end());
  if (pool <= 0) return out;
  for (std::size_t i = 0; i < out.size(); ++i) {
    out[i] = std::min(out[i], pool * (1.0 + wedge[i]));
  }
  return out;
}

MarketAccess market_access(const sim::World& w, const ModelParams& p, TrackId k,
                           double national_demand) {
  const std::size_t n = w.num_cities();
  MarketAccess a;
  a.size.resize(n);
  a.factor.resize(n);
  a.wedge.resize(n);
  const double eta = p.tracks[k.index()].eta;
  for (std::size_t m = 0; m < n; ++m) {
    a.size[m] = w.cities.gdp_share[m] * national_demand;
    a.wedge[m] = import_wedge(p.market, w.cities.protection[m]);
    a.factor[m] = std::pow(1.0 + a.wedge[m], -eta);
  }
  return a;
}

std::vector<double> cell_pipeline(const sim::World& w) {
  std::vector<double> out(w.num_cities() * w.num_tracks(), 0.0);
  const auto& f = w.firms;
  for (std::size_t j = 0; j < f.size(); ++j) out[w.cell(f.city[j], f.track[j])] += f.pipeline[j];
  return out;
}

std::vector<TrackOutlook> cell_outlooks(const sim::World& w, const ModelParams& p,
                                        const std::vector<TrackOutlook>& national) {
  const std::size_t n = w.num_cities(), nk = w.num_tracks();
  std::vector<TrackOutlook> out(n * nk);
  const std::vector<double> pipe = cell_pipeline(w);
  const double iota =
      policies::pipeline_awareness(p.firms.iota, p.platform, p.government.coordination_platform);
  tbb::parallel_for(std::size_t{0}, nk, [&](std::size_t t) {
    const auto k = TrackId::at(t);
    const TrackOutlook& o = national[t];
    const MarketAccess access = market_access(w, p, k, o.demand);
    const std::vector<double> reach = access.accessible_demand();
    std::vector<double> seen(n), all(n);
    for (std::size_t j = 0; j < n; ++j) {
      const double cap = w.cities.cell_capacity[j * nk + t];
      seen[j] = cap + iota * pipe[j * nk + t];
      all[j] = cap + pipe[j * nk + t];
    }
    const std::vector<double> rivals = access.competing_supply(seen, reach);
    const std::vector<double> rivals_all = access.competing_supply(all, reach);
    std::vector<double> mill(n);
    for (std::size_t i = 0; i < n; ++i) mill[i] = w.cities.mill_price_last_year[i * nk + t];
    const std::vector<double> price = expected_mill_prices(mill, access.wedge);
    for (std::size_t i = 0; i < n; ++i) {
      TrackOutlook& c = out[i * nk + t];
      c.growth = o.growth;
      c.annuity = o.annuity;
      c.price = price[i] * (1.0 + o.growth) * (1.0 + p.firms.optimism);
      c.demand = reach[i];
      if (o.demand > 0 && reach[i] > 0) {
        c.cu = rivals[i] > 0 ? std::min(1.0, reach[i] / rivals[i]) : 1.0;
        c.overhang = rivals_all[i] / reach[i] - 1.0;
      } else {  // no demand anywhere: nothing to weigh, the national figures apply
        c.cu = o.cu;
        c.overhang = o.overhang;
      }
    }
  });
  return out;
}

Outlooks::Outlooks(const sim::World& w, const ModelParams& p) {
  national_.resize(w.num_tracks());
  for (std::size_t t = 0; t < national_.size(); ++t)
    national_[t] = track_outlook(w, p, TrackId::at(t));
  if (p.firms.expectations == Expectations::MarketAccess) cells_ = cell_outlooks(w, p, national_);
}

}  // namespace regsim::agents
