// Accounts phase: each firm's quarter (profit, tax, debt, book value) and the subsidy totals.
#include <algorithm>
#include <cmath>
#include <memory>
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

/// A firm's flows this quarter (settle_firms writes every member).
struct FirmFlows {
  double production_subsidy;
  double producer_surplus;
  double idle_cost;
  double operating;     ///< R - c q - fixed cost (full welfare accounting)
  double capital_cost;  ///< (r + d) x gross book (full welfare accounting)
};

/// What the accounts read of the parameters and the tracks, once per tick: per track the fixed
/// cost per unit of capacity f_k I_k(t) (the formula's left-to-right product f I K taken as
/// (f I) K), the depreciation rate, the capex and the capital cost rate r + d_k; the scalars as
/// they are. The same values as computed firm by firm, so the same bits.
struct SettleTerms {
  std::vector<double> fixed_unit, depreciation, capex, capital_rate;
  double interest = 0, profit_tax = 0, mothball_share = 0, util_cost = 0, util_curvature = 0;
  bool cournot = false;

  SettleTerms(const sim::World& w, const ModelParams& p) {
    const std::size_t k = w.num_tracks();
    fixed_unit.resize(k);
    depreciation.resize(k);
    capex.resize(k);
    capital_rate.resize(k);
    for (std::size_t t = 0; t < k; ++t) {
      const auto& tp = p.tracks[t];
      capex[t] = current_capex(w, p, sim::TrackId::at(t));
      fixed_unit[t] = tp.fixed_cost * capex[t];
      depreciation[t] = tp.depreciation;
      capital_rate[t] = p.firms.interest + tp.depreciation;
    }
    interest = p.firms.interest;
    profit_tax = p.firms.profit_tax;
    mothball_share = 1.0 - p.exit.mothball_saving;
    util_cost = p.market.util_cost;
    util_curvature = p.market.util_curvature;
    cournot = p.market.conduct == "cournot";
  }
};

/// Firms [begin, end)'s quarters: profit = P q - c q - U - f I K - r D - depreciation + subsidies
/// - tax, with U the utilisation cost of running q of K (conduct "cournot" only, else 0).
/// Cash flow (profit plus the non-cash depreciation) pays down net debt, so that
/// equity = book - debt moves by exactly the profit. The columns and terms are read through
/// locals, so the loop does not reload them through the world after every store.
void settle_firms(sim::World& w, const SettleTerms& terms, std::size_t begin, std::size_t end,
                  FirmFlows* flows) {
  auto& fm = w.firms;
  const sim::TrackId* track = fm.track.data();
  const double *output = fm.output.data(), *sub_rate = w.production_subsidy_tick.data();
  const double *capacity = fm.capacity.data(), *mothballed = fm.mothballed.data();
  const double *revenue = fm.revenue.data(), *unit_cost = fm.unit_cost.data();
  double *debt = fm.debt.data(), *book = fm.book.data(), *support_book = fm.support_book.data();
  double *subsidy_tick = fm.subsidy_tick.data(), *cum_subsidy = fm.cum_subsidy.data();
  double* profit_out = fm.profit.data();
  int* loss_streak = fm.loss_streak.data();
  const double *fixed_unit = terms.fixed_unit.data(), *dep = terms.depreciation.data();
  const double *capex_k = terms.capex.data(), *capital_rate = terms.capital_rate.data();
  const double interest_rate = terms.interest, tax = terms.profit_tax;
  const double mothball_share = terms.mothball_share, util_cost = terms.util_cost;
  const double psi = terms.util_curvature;
  const bool cournot = terms.cournot;
  for (std::size_t f = begin; f < end; ++f) {
    const std::size_t k = track[f].index();
    const double q = output[f];
    const double sub = sub_rate[f] * q;  // sq_f as set by market clearing
    const double capex = capex_k[k];
    // Mothballed capacity (exit.rule forward_looking) saves exit.mothball_saving of its fixed
    // cost.
    const double fixed = fixed_unit[k] * (capacity[f] + mothball_share * mothballed[f]);
    const double interest = interest_rate * std::max(0.0, debt[f]);
    const double depreciation = dep[k] * book[f];
    double operating = revenue[f] - unit_cost[f] * q;
    // utilisation_cost(w, p, f), from the locals.
    if (cournot)
      operating -=
          sim::utilisation_cost(utilisation_omega(util_cost, unit_cost[f]), psi, capacity[f], q);
    operating -= fixed;
    const double pre_tax = operating - interest - depreciation + sub;
    const double profit = pre_tax - tax * std::max(0.0, pre_tax);
    // The gross book: what the capital cost, support included (the support booked at this
    // tick's order is still in subsidy_tick; the production subsidy is added below).
    const double support = support_book[f] + subsidy_tick[f];
    const double gross_book = book[f] + support;
    support_book[f] = support - dep[k] * support;
    profit_out[f] = profit;
    debt[f] -= profit + depreciation;
    book[f] -= depreciation;
    subsidy_tick[f] += sub;
    cum_subsidy[f] += sub;
    // Only quarters with a running plant count: a firm still building is not failing.
    if (capacity[f] > 0) loss_streak[f] = profit < 0 ? loss_streak[f] + 1 : 0;
    FirmFlows& out = flows[f];
    out.production_subsidy = sub;
    out.producer_surplus = operating - depreciation + sub;
    out.idle_cost = std::max(0.0, capacity[f] - q) * capex * interest_rate;
    out.operating = operating;
    out.capital_cost = capital_rate[k] * gross_book;
  }
}

}  // namespace

void settle_accounts(sim::World& w, const ModelParams& p) {
  const std::size_t nf = w.firms.size();
  if (w.production_subsidy_tick.size() != nf)
    throw std::logic_error("settle_accounts: market clearing must run first in the tick");
  // Not zeroed first: settle_firms writes every firm's flows.
  const auto flows = std::make_unique_for_overwrite<FirmFlows[]>(nf);
  const SettleTerms terms(w, p);
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, nf, 256), [&](const auto& r) {
    settle_firms(w, terms, r.begin(), r.end(), flows.get());
  });
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
