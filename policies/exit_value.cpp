// Forward-looking exit: backward induction over expected prices for a unit of capacity.
#include "policies/exit_value.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "sim/market.h"

namespace regsim::policies {

double expected_price(const ExitPolicyParams& p, const ExitValueInputs& in, int h) {
  return in.price_lr + (in.price - in.price_lr) * std::pow(p.price_persistence, h);
}

double expected_cu(const ExitPolicyParams& p, const ExitValueInputs& in, int h) {
  const double u = p.normal_cu + (in.cu - p.normal_cu) * std::pow(p.price_persistence, h);
  return std::clamp(u, 0.0, 1.0);
}

double variable_profit(const ExitValueInputs& in, double price, double cu) {
  const double margin = price - in.variable_cost;
  if (!(margin > 0.0) || !(cu > 0.0)) return 0.0;
  if (!(in.util_cost > 0.0)) return cu * margin;
  const double psi = in.util_curvature;
  // Marginal profit margin - omega u^psi falls in u: produce up to u* = (margin / omega)^(1/psi).
  const double u = std::min(cu, std::pow(margin / in.util_cost, 1.0 / psi));
  return u * margin - sim::utilisation_cost(in.util_cost, psi, 1.0, u);
}

ExitValues exit_values(const ExitPolicyParams& p, const ExitValueInputs& in) {
  const int horizon = std::max(1, p.horizon);
  const int lag = std::max(1, p.reactivation_lag);
  const double none = -std::numeric_limits<double>::infinity();
  // Survival of a unit over a quarter: active, and mothballed (faster decay).
  const double keep_a = in.discount * (1.0 - in.depreciation);
  const double keep_m = keep_a * (1.0 - p.mothball_decay);
  // The fixed cost the owners bear: the state is expected to cover the share z of it.
  const double fixed = (1.0 - std::clamp(in.soft_budget, 0.0, 1.0)) * in.fixed_cost;
  const double idle_cost = (1.0 - p.mothball_saving) * fixed;
  // Value at the start of the L mothballed quarters of a reactivation, per unit, of everything
  // before the unit is active again: sum_{j=1..L} keep_m^j (-(1 - m) phi).
  double reactivation_path = 0.0, reach = 1.0;
  for (int j = 1; j <= lag; ++j) {
    reach *= keep_m;
    reactivation_path -= reach * idle_cost;
  }
  std::vector<double> active(static_cast<std::size_t>(horizon) + 1, in.scrap);
  std::vector<double> mothballed(active);
  ExitValues out;
  out.scrap = in.scrap;
  for (int h = horizon - 1; h >= 0; --h) {
    const auto next = static_cast<std::size_t>(h + 1);
    const double price = expected_price(p, in, h + 1);
    const double margin = variable_profit(in, price, expected_cu(p, in, h + 1)) - fixed;
    const double operate = keep_a * (margin + active[next]);
    const double keep = keep_m * (-idle_cost + mothballed[next]);
    const double reactivate = h + lag <= horizon
                                  ? -p.reactivation_cost * in.capex + reactivation_path +
                                        reach * active[static_cast<std::size_t>(h + lag)]
                                  : none;
    const auto at = static_cast<std::size_t>(h);
    active[at] = std::max({in.scrap, operate, p.mothballing ? keep : none});
    mothballed[at] = std::max({in.scrap, keep, reactivate});
    if (h == 0) {
      out.operate = operate;
      out.mothball = keep;
      out.reactivate = reactivate;
    }
  }
  return out;
}

ExitChoice active_choice(const ExitPolicyParams& p, const ExitValues& v) {
  const bool mothball = p.mothballing && v.mothball > v.operate;
  const double stay = mothball ? v.mothball : v.operate;
  if (v.scrap > stay) return ExitChoice::Exit;
  return mothball ? ExitChoice::Mothball : ExitChoice::Stay;
}

ExitChoice mothballed_choice(const ExitPolicyParams&, const ExitValues& v) {
  const bool reactivate = v.reactivate > v.mothball;
  const double stay = reactivate ? v.reactivate : v.mothball;
  if (v.scrap > stay) return ExitChoice::Exit;
  return reactivate ? ExitChoice::Reactivate : ExitChoice::Stay;
}

}  // namespace regsim::policies
