// Policy rules as small pure functions: scores, pressure, subsidies, protection, promotion.
#pragma once

#include <algorithm>
#include <array>
#include <span>

#include "policies/params.h"
#include "sim/geography.h"

namespace regsim::policies {

/// What a government sees of one track when it plans (MODEL.md section 6).
struct TrackView {
  double signal = 0;         ///< sig_k
  double herd = 0;           ///< Herd_ik: share of observed peers (and the nation) listing k
  double log_advantage = 0;  ///< ln theta_hat_ik: perceived comparative advantage
  double density = 0;        ///< omega_ik: relatedness density
  double horizon_gdp = 0;    ///< G_ik normalised to [0, 1] across tracks
  double crowding = 0;       ///< Crowd_k: listing share plus pipeline overhang
  double risk = 0;           ///< R_k
  bool listed = false;       ///< on the list now (and kept by the official)
};

/// The deterministic part of U_ik; the caller adds Gumbel noise times params.noise.
double track_score(const TrackView& v, const TrackChoiceParams& p, double pressure,
                   double risk_aversion, double fault_tolerance);

/// Effective iota_g: what governments see of crowding (raised by the coordination platform).
double crowding_attention(const TrackChoiceParams& p);

/// Promotion pressure pi_i = alpha1 * career concern. Career concern is zero for officials at or
/// past the promotion age limit; below it, it runs from career_floor (rank percentile 1, the best
/// of the province) to career_floor + 1 (rank 0, the last).
double promotion_pressure(const PromotionParams& p, double rank_percentile, double age);

/// Weights of (growth, fiscal, employment, innovation, ecology, distinctiveness) in the score.
std::array<double, 6> evaluation_weights(const PromotionParams& p, sim::Zone zone);

/// logistic(alpha0 + alpha1 * z - alpha_fail * fail * (1 - FT)).
double promotion_probability(const PromotionParams& p, double z, double failures);

/// Annual exit hazard of an official who is not promoted.
double official_exit_hazard(const PromotionParams& p, int tenure_years, double age);

/// Yardstick competition: s <- (1 - lambda) s + lambda (rho * neighbours + (1 - rho) * target),
/// capped by the state-aid cap.
double yardstick_update(const SubsidyParams& p, double current, double neighbours, double target);

/// Own target capex subsidy share given pressure (>= 0) and the lag in the province (0 best, 1
/// last).
double subsidy_target(const SubsidyParams& p, double pressure, double lag);

/// Share of planned support a city can still pay: 1 below the soft limit, 0 at the debt cap.
double debt_room(const BudgetParams& p, double debt_to_annual_gdp);

/// Who may receive subsidies on a listed track under the regime.
struct Eligibility {
  double firm_log_eff = 0, median_log_eff = 0;  ///< precise: above the national median
  int firm_age_ticks = 0;                       ///< vc: young firms ...
  double crowding_share = 0;                    ///< ... on uncrowded tracks (share listing) ...
  double density = 0;                           ///< ... related to the city (density omega_ik)
};
/// Is a firm eligible for its city's support on a listed track under the regime? Inline: the
/// market phase asks it of every firm on a listed track each tick.
inline bool eligible(const SubsidyParams& p, const Eligibility& e) {
  switch (p.regime) {
    case SubsidyRegime::None:
      return false;
    case SubsidyRegime::Universal:
      return true;
    case SubsidyRegime::Precise:
      return e.firm_log_eff >= e.median_log_eff;
    case SubsidyRegime::Vc:
      return e.firm_age_ticks < p.vc_max_age && e.crowding_share <= p.vc_max_crowding &&
             e.density >= p.vc_min_density;
  }
  return false;
}
/// The share of prospective entrants to a cell expected to be eligible: they do not know their
/// efficiency draw yet, so under precise it is p.precise_entrant_share; otherwise 1 or 0 as
/// eligible() says for a firm born now (age 0) in the cell. The efficiency and age members of
/// `cell` are not read.
double entrant_eligible_share(const SubsidyParams& p, const Eligibility& cell);

/// Land discount as a share of the land's value, for an effective subsidy rate s:
/// min(land_discount_cap, land_ratio * s).
double land_discount(const SubsidyParams& p, double rate);

/// Which instruments apply: capex for expansions, capex for entrants, production, land.
struct InstrumentMask {
  bool capex_expansion, capex_entry, production, land;
};
InstrumentMask instrument_mask(Instruments i);

/// Annual update of local protection h (MODEL.md section 6).
double update_protection(const ProtectionParams& p, double h, double pressure,
                         double lost_home_share);

/// Bailout probability of a distressed firm.
double bailout_probability(const ExitPolicyParams& p, double pressure, double job_share,
                           double room);

/// The city's part of bailout_probability: bailout_propensity (1 + pressure_boost pressure).
inline double bailout_city_factor(const ExitPolicyParams& p, double pressure) {
  return p.bailout_propensity * (1.0 + p.pressure_boost * pressure);
}

/// bailout_probability from its city part (bailout_city_factor): clamp(city_factor (1 +
/// employer_boost job_share) room, 0, 1), 0 without bailouts; the same operations in the same
/// order, so the same bits.
inline double bailout_probability_from(const ExitPolicyParams& p, double city_factor,
                                       double job_share, double room) {
  if (!p.bailouts) return 0.0;
  const double b = city_factor * (1.0 + p.employer_boost * job_share);
  return std::clamp(b * room, 0.0, 1.0);
}

}  // namespace regsim::policies
