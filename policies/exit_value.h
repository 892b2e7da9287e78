// Forward-looking exit: the value of staying, mothballing, reactivating and scrapping a unit of
// capacity over a horizon of expected prices and utilisation (docs/model.md 5.11).
#pragma once

#include "policies/params.h"

namespace regsim::policies {

/// What a firm knows about one unit of its capacity (all per unit of capacity, per quarter).
struct ExitValueInputs {
  double price = 0;           ///< p_0: the price it received last quarter (its mill price)
  double price_lr = 0;        ///< p_LR: the long-run price expected prices revert to
  double cu = 0;              ///< u_0: its utilisation last quarter
  double variable_cost = 0;   ///< v: unit cost less production subsidy
  double fixed_cost = 0;      ///< phi: fixed cost of a unit of capacity per quarter
  double scrap = 0;           ///< x: what a scrapped unit fetches
  double capex = 0;           ///< I: current capex per unit (prices the reactivation)
  double depreciation = 0;    ///< d: capacity lost per quarter in any state
  double discount = 1;        ///< beta: one quarter's discount factor
  double util_cost = 0;       ///< omega: extra marginal cost at full load (conduct cournot), else 0
  double util_curvature = 1;  ///< psi: curvature of the utilisation cost
  double soft_budget = 0;  ///< z in [0, 1]: share of the fixed cost the state is expected to cover
};

/// The values at the decision (quarter 0) of each choice, per unit of capacity now.
struct ExitValues {
  double scrap = 0;       ///< exit now: x
  double operate = 0;     ///< run next quarter, then choose optimally (active capacity)
  double mothball = 0;    ///< (keep) mothballed next quarter, then choose optimally
  double reactivate = 0;  ///< start reactivating now (mothballed capacity)
};

enum class ExitChoice { Stay, Exit, Mothball, Reactivate };

/// Expected price and utilisation h quarters ahead: p_LR + (p_0 - p_LR) rho^h, and the same for
/// utilisation towards normal_cu, clamped to [0, 1].
double expected_price(const ExitPolicyParams& p, const ExitValueInputs& in, int h);
double expected_cu(const ExitPolicyParams& p, const ExitValueInputs& in, int h);

/// Variable profit of a unit of capacity in a quarter with price p and expected utilisation u:
/// the best output u' in [0, u] (it cannot sell more, it may produce less) of
/// u' (p - v) - omega u'^(psi+1) / (psi+1), the Cournot utilisation cost of docs/model.md 4.2;
/// with omega = 0 it is u max(0, p - v).
double variable_profit(const ExitValueInputs& in, double price, double cu);

/// Backward induction over the horizon H with two states, active and mothballed; at H every
/// unit is valued at its scrap value. Active: max(scrap, operate, mothball); mothballed:
/// max(scrap, keep, reactivate). Operating a quarter earns variable_profit(p_h, u_h) - (1 - z)
/// phi; a mothballed quarter costs (1 - z)(1 - m) phi and loses delta_m of the capacity (the
/// state covers the share z of the fixed cost in either state: the soft budget of docs/model.md
/// 5.10); reactivation costs c_r I and takes L mothballed quarters. Capacity depreciates by d in
/// every state.
ExitValues exit_values(const ExitPolicyParams& p, const ExitValueInputs& in);

/// Choice of a firm with active capacity: Exit when the scrap value exceeds the value of staying
/// (operating or, with mothballing on, mothballing), Mothball when that beats operating, else
/// Stay. Ties keep the firm operating.
ExitChoice active_choice(const ExitPolicyParams& p, const ExitValues& v);

/// Choice of a firm whose capacity is mothballed: Exit, Reactivate or Stay (keep it mothballed).
ExitChoice mothballed_choice(const ExitPolicyParams& p, const ExitValues& v);

}  // namespace regsim::policies
