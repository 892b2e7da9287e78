// Welfare accounting: legacy and full measures, reference consumer surplus, job-loss cost.
#include "agents/welfare.h"

#include <algorithm>
#include <cmath>

#include "agents/economics.h"
#include "sim/indicators.h"

namespace regsim::agents {

double unemployment_spell(const WelfareParams& w, double retraining) {
  const double r = std::max(0.0, retraining);
  if (!(w.retraining_half > 0.0)) return w.unemployment_spell;  // retraining buys nothing
  return w.unemployment_spell * w.retraining_half / (w.retraining_half + r);
}

JobLoss job_loss(const ModelParams& p, sim::TrackId k, double capacity, double output,
                 double retraining) {
  const auto& t = p.tracks[k.index()];
  const double h = p.welfare.labour_hoarding;
  const double basis = h * capacity + (1.0 - h) * output;  // units whose workers are employed
  JobLoss out;
  if (!(t.jobs > 0.0)) return out;
  out.jobs = t.jobs * basis;
  // jobs x wage = e_k basis x (labour_share v_k P^ref / e_k): the wage bill of those units.
  const double wage_bill = p.welfare.labour_share * t.value_added * t.pref * basis;
  out.cost = wage_bill * unemployment_spell(p.welfare, retraining);
  return out;
}

std::vector<double> unspent_order_capex(const sim::World& w, const ModelParams& p,
                                        std::span<const std::uint8_t> only) {
  std::vector<double> out(w.firms.size(), 0.0);
  const auto& o = w.orders;
  for (std::size_t e = 0; e < o.size(); ++e) {
    const std::int32_t f = w.firms.index_of[o.firm[e].index()];
    if (f < 0) continue;
    const auto pos = static_cast<std::size_t>(f);
    if (!only.empty() && !only[pos]) continue;
    const int lag = std::max(1, p.tracks[w.firms.track[pos].index()].lag);
    // Spent in the capacity phases of ticks ready - lag .. now: lag - (ready - now - 1) quarters.
    const auto to_come = std::clamp<std::int64_t>(std::int64_t{o.ready[e]} - w.tick - 1, 0, lag);
    out[pos] += o.amount[e] * o.unit_capex[e] * static_cast<double>(to_come) / lag;
  }
  return out;
}

double consumer_surplus_reference(const sim::World& w, const ModelParams& p) {
  const std::size_t n = w.num_cities(), nk = w.num_tracks();
  double total = 0.0;
  for (std::size_t k = 0; k < nk; ++k) {
    const auto& t = p.tracks[k];
    // The curve the market cleared on: eta_short under market.partial_adjustment (4.3).
    const double eta = demand_elasticity(p, sim::TrackId::at(k));
    for (std::size_t i = 0; i < n; ++i) {
      const std::size_t c = i * nk + k;
      // Consumption = supply - net exports; nothing consumed means no surplus.
      const double demand = w.cities.cell_output[c] - w.net_export[c];
      if (!(demand > 0.0)) continue;
      total += sim::consumer_surplus_relative(demand, w.city_price[c], t.pref, eta);
    }
  }
  return total;
}

void record_welfare(const sim::World& w, const ModelParams& p, NationalMetrics& m) {
  const double mcpf = p.welfare.mcpf;
  const auto& fl = w.flows;
  m.public_funds_legacy = (1.0 + mcpf) * (m.subsidies + m.bailouts + m.retraining);
  m.idle_capital_cost = fl.idle_capital_cost;
  m.welfare_legacy =
      m.consumer_surplus + m.producer_surplus - m.public_funds_legacy - m.idle_capital_cost;
  m.consumer_surplus_ref = consumer_surplus_reference(w, p);
  m.operating_surplus = fl.operating_surplus;
  m.capital_cost = fl.capital_cost;
  m.exit_loss = fl.exit_loss;
  m.scrap_value = fl.scrap_value;
  // Subsidies and bailouts are transfers: only their excess burden is a cost; retraining buys
  // a real service (shorter spells).
  m.public_funds_full = mcpf * (m.subsidies + m.bailouts) + (1.0 + mcpf) * m.retraining;
  m.jobs_lost = fl.jobs_lost;
  m.job_loss_cost = fl.job_loss_cost;
  m.welfare_full = m.consumer_surplus_ref + m.operating_surplus - m.capital_cost - m.exit_loss -
                   m.public_funds_full - m.job_loss_cost;
  m.welfare = p.welfare.accounting == WelfareAccounting::Full ? m.welfare_full : m.welfare_legacy;
  m.welfare_gdp = m.gdp > 0 ? m.welfare / m.gdp : 0.0;
}

}  // namespace regsim::agents
