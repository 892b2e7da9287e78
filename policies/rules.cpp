// Policy rules: the formulas of MODEL.md section 6, kept free of world state.
#include "policies/rules.h"

#include <algorithm>
#include <cmath>

namespace regsim::policies {

double crowding_attention(const TrackChoiceParams& p) {
  return p.coordination_platform ? std::max(p.iota_g, p.platform_iota_g) : p.iota_g;
}

double track_score(const TrackView& v, const TrackChoiceParams& p, double pressure,
                   double risk_aversion, double fault_tolerance) {
  double u = p.w_signal * v.signal;
  u += pressure * p.w_herd * v.herd;
  u += p.w_advantage * v.log_advantage;
  u += p.w_relatedness * v.density;
  u += pressure * p.w_gdp * v.horizon_gdp;
  u -= p.w_crowd * crowding_attention(p) * v.crowding;
  u -= p.w_risk * (1.0 - fault_tolerance) * risk_aversion * v.risk;
  if (v.listed) u += p.switching_cost;
  return u;
}

double promotion_pressure(const PromotionParams& p, double rank_percentile, double age) {
  if (age >= p.promotion_age_limit) return 0.0;
  // rank_percentile: 1 = best in the province, 0 = last. A lagging official feels more pressure.
  const double career = p.career_floor + (1.0 - std::clamp(rank_percentile, 0.0, 1.0));
  return p.alpha1 * career;
}

std::array<double, 6> evaluation_weights(const PromotionParams& p, sim::Zone zone) {
  const Evaluation scheme = p.evaluation;
  //                         growth fiscal employ innov  ecology distinct
  switch (scheme) {
    case Evaluation::Gdp:
      return {1.0, 0.0, 0.0, 0.0, 0.0, 0.0};
    case Evaluation::Balanced:
      return p.balanced_weights;
    case Evaluation::Differentiated: {
      const auto z = static_cast<std::size_t>(zone);
      if (z < p.differentiated_weights.size()) return p.differentiated_weights[z];
      break;
    }
  }
  return {1.0, 0.0, 0.0, 0.0, 0.0, 0.0};
}

double promotion_probability(const PromotionParams& p, double z, double failures) {
  const double x = p.alpha0 + p.alpha1 * z - p.alpha_fail * failures * (1.0 - p.fault_tolerance);
  return 1.0 / (1.0 + std::exp(-x));
}

double official_exit_hazard(const PromotionParams& p, int tenure_years, double age) {
  if (age >= p.retirement_age) return 1.0;
  double h = p.base_exit;
  if (tenure_years >= p.term_years) h += p.term_exit;
  return std::min(1.0, h);
}

double yardstick_update(const SubsidyParams& p, double current, double neighbours, double target) {
  const double goal = p.rho_s * neighbours + (1.0 - p.rho_s) * target;
  const double next = (1.0 - p.lambda_s) * current + p.lambda_s * goal;
  return std::clamp(next, 0.0, p.state_aid_cap);
}

double subsidy_target(const SubsidyParams& p, double pressure, double lag) {
  return p.base_target + p.pressure_target * std::min(1.0, pressure) + p.lag_target * lag;
}

double debt_room(const BudgetParams& p, double debt_to_annual_gdp) {
  if (p.debt_cap <= 0.0) return 0.0;
  const double soft = p.debt_soft * p.debt_cap;
  if (debt_to_annual_gdp <= soft) return 1.0;
  if (debt_to_annual_gdp >= p.debt_cap) return 0.0;
  return (p.debt_cap - debt_to_annual_gdp) / (p.debt_cap - soft);
}

double entrant_eligible_share(const SubsidyParams& p, const Eligibility& cell) {
  if (p.regime == SubsidyRegime::Precise) return p.precise_entrant_share;
  Eligibility entrant = cell;
  entrant.firm_age_ticks = 0;  // born this tick
  return eligible(p, entrant) ? 1.0 : 0.0;
}

double land_discount(const SubsidyParams& p, double rate) {
  return std::min(p.land_discount_cap, p.land_ratio * rate);
}

InstrumentMask instrument_mask(Instruments i) {
  switch (i) {
    case Instruments::All:
      return {true, true, true, true};
    case Instruments::Capex:
      return {true, true, false, false};
    case Instruments::Production:
      return {false, false, true, false};
    case Instruments::Entry:
      return {false, true, false, false};
    case Instruments::Land:
      return {false, false, false, true};
  }
  return {true, true, true, true};
}

double update_protection(const ProtectionParams& p, double h, double pressure,
                         double lost_home_share) {
  double next = h * (1.0 - p.enforcement);
  next += p.rise * pressure * std::max(0.0, lost_home_share);
  next += p.pressure_drift * pressure;
  return std::clamp(next, 0.0, p.cap);
}

double bailout_probability(const ExitPolicyParams& p, double pressure, double job_share,
                           double room) {
  return bailout_probability_from(p, bailout_city_factor(p, pressure), job_share, room);
}

}  // namespace regsim::policies
