// Accounts phase: each firm's quarter (profit, tax, debt, book value) and the subsidy totals.
#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_invoke.h>

#include "agents/economics.h"
#include "agents/phases/phases.h"
#include "policies/rules.h"
#include "sim/random.h"

namespace regsim::agents {

using sim::CityId;
using sim::TrackId;

namespace {

struct FirmFlows {
  double production_subsidy = 0;
  double producer_surplus = 0;
  double idle_cost = 0;
  double operating = 0;     ///< R - c q - fixed cost (full welfare accounting)
  double capital_cost = 0;  ///< (r + d) x gross book (full welfare accounting)
};

/// One firm's quarter: profit = P q - c q - U - f I K - r D - depreciation + subsidies - tax,
/// with U the utilisation cost of running q of K (conduct "cournot" only, else 0).
/// Cash flow (profit plus the non-cash depreciation) pays down net debt, so that
/// equity = book - debt moves by exactly the profit.
FirmFlows settle_firm(sim::World& w, const ModelParams& p, bool cournot, std::size_t f) {
  auto& fm = w.firms;
  const auto& tp = p.tracks[fm.track[f].index()];
  const double q = fm.output[f];
  const double sub = w.production_subsidy_tick[f] * q;  // sq_f as set by market clearing
  const double capex = current_capex(w, p, fm.track[f]);
  // Mothballed capacity (exit.rule forward_looking) saves exit.mothball_saving of its fixed cost.
  const double fixed =
      tp.fixed_cost * capex * (fm.capacity[f] + (1.0 - p.exit.mothball_saving) * fm.mothballed[f]);
  const double interest = p.firms.interest * std::max(0.0, fm.debt[f]);
  const double depreciation = tp.depreciation * fm.book[f];
  double operating = fm.revenue[f] - fm.unit_cost[f] * q;
  if (cournot) operating -= utilisation_cost(w, p, f);
  operating -= fixed;
  const double pre_tax = operating - interest - depreciation + sub;
  const double profit = pre_tax - p.firms.profit_tax * std::max(0.0, pre_tax);
  // The gross book: what the capital cost, support included (the support booked at this tick's
  // order is still in subsidy_tick; the production subsidy is added below).
  const double support = fm.support_book[f] + fm.subsidy_tick[f];
  const double gross_book = fm.book[f] + support;
  fm.support_book[f] = support - tp.depreciation * support;
  fm.profit[f] = profit;
  fm.debt[f] -= profit + depreciation;
  fm.book[f] -= depreciation;
  fm.subsidy_tick[f] += sub;
  fm.cum_subsidy[f] += sub;
  // Only quarters with a running plant count: a firm still building is not failing.
  if (fm.capacity[f] > 0) fm.loss_streak[f] = profit < 0 ? fm.loss_streak[f] + 1 : 0;
  FirmFlows out;
  out.production_subsidy = sub;
  out.producer_surplus = operating - depreciation + sub;
  out.idle_cost = std::max(0.0, fm.capacity[f] - q) * capex * p.firms.interest;
  out.operating = operating;
  out.capital_cost = (p.firms.interest + tp.depreciation) * gross_book;
  return out;
}

}  // namespace

void settle_accounts(sim::World& w, const ModelParams& p) {
  const std::size_t nf = w.firms.size();
  if (w.production_subsidy_tick.size() != nf)
    throw std::logic_error("settle_accounts: market clearing must run first in the tick");
  std::vector<FirmFlows> flows(nf);
  const bool cournot = p.market.conduct == "cournot";
  tbb::parallel_for(std::size_t{0}, nf,
                    [&](std::size_t f) { flows[f] = settle_firm(w, p, cournot, f); });
  auto& c = w.cities;
  // Independent sums in firm order, as two parallel tasks (each sum keeps its order, so the same
  // bits as one pass per sum): the subsidies scattered to cities, tracks and cells, and the
  // scalar totals (kept in locals, then stored).
  tbb::parallel_invoke(
      [&] {
        const auto& city = w.firms.city;
        const auto& track = w.firms.track;
        for (std::size_t f = 0; f < nf; ++f) {
          const double s = flows[f].production_subsidy;
          c.subsidies_tick[city[f].index()] += s;
          w.flows.subsidies_by_track[track[f].index()] += s;
          c.cell_subsidies_year[w.cell(city[f], track[f])] += s;
        }
      },
      [&] {
        double producer = w.flows.producer_surplus, idle = w.flows.idle_capital_cost;
        double operating = w.flows.operating_surplus, capital = w.flows.capital_cost;
        double received = w.flows.subsidies_received;
        for (std::size_t f = 0; f < nf; ++f) {
          producer += flows[f].producer_surplus;
          idle += flows[f].idle_cost;
          operating += flows[f].operating;
          capital += flows[f].capital_cost;
          received += w.firms.subsidy_tick[f];
        }
        w.flows.producer_surplus = producer;
        w.flows.idle_capital_cost = idle;
        w.flows.operating_surplus = operating;
        w.flows.capital_cost = capital;
        w.flows.subsidies_received = received;
      });
}

}  // namespace regsim::agents
