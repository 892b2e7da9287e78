// Forward-looking exit and mothballing: firm inputs, choices and mothballed capacity.
#include "agents/forward_exit.h"

#include <algorithm>
#include <cmath>

#include "agents/economics.h"

namespace regsim::agents {

policies::ExitValueInputs exit_inputs(const sim::World& w, const ModelParams& p, std::size_t f,
                                      bool mothballed) {
  const auto& fm = w.firms;
  const sim::TrackId track = fm.track[f];
  const std::size_t k = track.index();
  const auto& tp = p.tracks[k];
  const double capex = current_capex(w, p, track);
  const double r = p.firms.interest;
  policies::ExitValueInputs in;
  double local = w.city_price.empty() ? 0.0 : w.city_price[w.cell(fm.city[f], track)];
  if (!(local > 0.0)) local = w.tracks.price_index[k];
  const double q = fm.output[f], cap = fm.capacity[f];
  if (!mothballed && q > 0.0) {
    in.price = fm.revenue[f] / q;
  } else {
    in.price = local;
  }
  if (mothballed) {
    const double track_cap = w.tracks.capacity[k];
    in.cu = track_cap > 0.0 ? w.tracks.output[k] / track_cap : p.exit.normal_cu;
  } else {
    in.cu = cap > 0.0 ? q / cap : 0.0;
  }
  const double normal = std::max(p.exit.normal_cu, 1e-6);
  // Under conduct cournot running a plant costs omega u^psi more at the margin (docs/model.md
  // 4.2): the firm's own omega_f = phi c_f, and the long-run price is the frontier entrant's
  // average variable cost at normal utilisation, c_k (1 + phi u_LR^psi / (psi + 1)), plus its
  // capital and fixed cost.
  const bool cournot = p.market.conduct == "cournot";
  const double phi = cournot ? p.market.util_cost : 0.0, psi = p.market.util_curvature;
  const double frontier = w.tracks.frontier_cost[k];
  in.price_lr = frontier * (1.0 + phi * std::pow(normal, psi) / (psi + 1.0)) +
                (r + tp.depreciation + tp.fixed_cost) * capex / normal;
  in.util_cost = utilisation_omega(phi, fm.unit_cost[f]);
  in.util_curvature = psi;
  // The share of its fixed cost it counts on the state to cover: zombies, state-linked firms and
  // firms whose city would bail them out (docs/model.md 5.10; 0 with exit.soft_budgets off and
  // no guidance funds), as the market phase reads it this quarter.
  in.soft_budget = f < fm.soft_budget.size() ? fm.soft_budget[f] : 0.0;
  const double subsidy = f < w.production_subsidy_tick.size() ? w.production_subsidy_tick[f] : 0.0;
  in.variable_cost = fm.unit_cost[f] - subsidy;
  in.fixed_cost = tp.fixed_cost * capex;
  in.scrap = p.exit.scrap_share * capex;
  in.capex = capex;
  in.depreciation = tp.depreciation;
  in.discount = 1.0 / (1.0 + r);
  return in;
}

policies::ExitChoice forward_choice(const sim::World& w, const ModelParams& p, std::size_t f) {
  const auto& fm = w.firms;
  const bool active = fm.capacity[f] > 0.0;
  if (fm.mothballed[f] > 0.0) {
    if (fm.reactivate_at[f] != 0) return policies::ExitChoice::Stay;  // already reactivating
    const auto v = policies::exit_values(p.exit, exit_inputs(w, p, f, true));
    const auto choice = policies::mothballed_choice(p.exit, v);
    // A firm that also runs new capacity keeps its mothballed part rather than exiting.
    return active && choice == policies::ExitChoice::Exit ? policies::ExitChoice::Stay : choice;
  }
  if (!active) return policies::ExitChoice::Stay;  // still building its first plant
  const auto v = policies::exit_values(p.exit, exit_inputs(w, p, f, false));
  return policies::active_choice(p.exit, v);
}

std::vector<std::uint8_t> age_mothballed(sim::World& w, const ModelParams& p) {
  auto& fm = w.firms;
  std::vector<std::uint8_t> restored(fm.size(), 0);
  for (std::size_t f = 0; f < fm.size(); ++f) {
    if (!(fm.mothballed[f] > 0.0)) continue;
    const double d = p.tracks[fm.track[f].index()].depreciation;
    fm.mothballed[f] *= (1.0 - d) * (1.0 - p.exit.mothball_decay);
    if (fm.reactivate_at[f] > 0 && w.tick >= fm.reactivate_at[f]) {
      fm.capacity[f] += fm.mothballed[f];
      fm.mothballed[f] = 0.0;
      fm.reactivate_at[f] = 0;
      restored[f] = 1;
    }
  }
  return restored;
}

}  // namespace regsim::agents
