// Parameters of the policy rules: track choice, instruments, protection, budgets, promotion.
#pragma once

#include <array>
#include <string>

namespace regsim::policies {

enum class Evaluation { Gdp, Differentiated, Balanced };
enum class SubsidyRegime { None, Universal, Precise, Vc };
/// Which instruments a listed track gets: all of them, or one alone (for instrument comparisons).
enum class Instruments { All, Capex, Production, Entry, Land };
enum class Yardstick { Max, Mean };

/// Government track choice (MODEL.md section 6): the weights of the score U_ik.
struct TrackChoiceParams {
  int list_size = 4;             ///< m: tracks on a priority list; [1, 30]
  double w_signal = 4.0;         ///< weight of the national signal (calibrated: 60-95% list a
                                 ///< newly endorsed track within 3-5 years)
  double w_herd = 2.0;           ///< herding weight at full promotion pressure
  double w_advantage = 1.0;      ///< weight of perceived comparative advantage (log endowment)
  double w_relatedness = 1.0;    ///< weight of relatedness density omega_ik
  double w_gdp = 2.0;            ///< weight of horizon GDP at full promotion pressure
  double w_crowd = 2.0;          ///< weight of crowding (times iota_g)
  double w_risk = 1.0;           ///< weight of risk (times (1 - FT) and risk aversion)
  double iota_g = 0.2;           ///< how much governments see and heed crowding; [0, 1]
  double platform_iota_g = 0.9;  ///< iota_g when the coordination platform is on
  bool coordination_platform = false;
  double noise = 0.5;              ///< 1/mu: scale of the Gumbel taste noise
  double switching_cost = 0.5;     ///< hysteresis bonus for tracks already listed
  double national_feed = 0.3;      ///< weight of the national share in Herd (rest: observed peers)
  double observation_sd = 0.5;     ///< sd of log observation noise on the endowment
  double s3_observation_sd = 0.1;  ///< the same under smart specialisation ("discovery")
  bool smart_specialisation = false;  ///< S3 rule: list only tracks above a density percentile
  double s3_percentile = 0.5;         ///< the density percentile the S3 rule requires; [0, 1]
  double keep_predecessor = 0.5;      ///< probability a new official keeps each inherited priority
};

/// Subsidy instruments and the yardstick race (MODEL.md section 6).
struct SubsidyParams {
  SubsidyRegime regime = SubsidyRegime::Universal;
  Instruments instruments = Instruments::All;
  double base_target = 0.10;      ///< own target capex subsidy share with no pressure
  double pressure_target = 0.15;  ///< extra target share at full promotion pressure
  double lag_target = 0.05;       ///< extra target share for the last city of its province by GDP
  double production_ratio =
      0.3;                  ///< production subsidy per unit, as share of sI times frontier cost
  double land_ratio = 2.0;  ///< land discount d = min(land_discount_cap, land_ratio * sI)
  double land_discount_cap = 0.9;  ///< largest land discount, as share of the land's value
  double land_share = 0.15;        ///< share of capex that is land
  double attraction = 1.0;         ///< a_gov: entry boost of a listed track
  double lambda_s = 0.5;           ///< speed of adjustment towards the yardstick target
  double rho_s = 0.5;              ///< weight of neighbours in the target
  Yardstick yardstick = Yardstick::Max;
  double state_aid_cap = 0.5;    ///< maximum capex subsidy share (state-aid cap); [0, 1]
  double vc_max_age = 8;         ///< vc regime: firms younger than this many ticks
  double vc_max_crowding = 0.3;  ///< vc regime: tracks listed by at most this share of cities
  double vc_min_density = 0.5;   ///< vc regime: cities whose density on the track is at least this
  /// precise regime: share of prospective entrants expected to draw an efficiency at or above the
  /// track's median (they do not know their draw when they decide)
  double precise_entrant_share = 0.5;
};

/// Local protection (MODEL.md section 6).
struct ProtectionParams {
  double rise = 1.0;             ///< h rises by rise * pi * lost home-market share
  double pressure_drift = 0.02;  ///< h rises by this times pi each year (taste for protection)
  double enforcement = 0.1;      ///< national enforcement: h falls by this share each year
  double cap = 1.0;              ///< enforcement cap on h; [0, 1]
};

/// Local budgets (MODEL.md section 6).
struct BudgetParams {
  double tax_rate = 0.12;           ///< revenue as share of GDP
  double baseline_spending = 0.11;  ///< non-industrial spending as share of GDP
  double interest = 0.01;           ///< quarterly interest on debt
  double debt_cap = 1.5;            ///< debt / annual GDP at which subsidies and bailouts stop
  double debt_soft = 0.8;           ///< share of the cap where curtailment starts
};

/// How firms leave: `legacy` = the mechanical distress trigger (equity or a loss streak with low
/// CU) and exogenous exit; `forward_looking` = insolvency only, plus a voluntary exit when the
/// expected value of staying is below the scrap value, and mothballing (docs/model.md 5.11).
enum class ExitRule { Legacy, ForwardLooking };

/// Exit regime: bailouts, zombies, retraining (MODEL.md sections 5 and 9).
struct ExitPolicyParams {
  bool bailouts = true;
  double bailout_propensity = 0.5;  ///< b: base probability a city bails out a distressed firm
  double employer_boost = 2.0;      ///< raises b for firms with a large share of local track jobs
  double pressure_boost = 0.5;      ///< raises b with promotion pressure
  double retraining_cost = 0.0;     ///< per job (thousand) paid by the city when a firm exits
  int zombie_ticks = 8;             ///< a bailed-out firm is a zombie this long
  /// sigma: what a scrapped unit of capacity fetches, as share of the current capex per unit;
  /// the proceeds pay creditors first (0 = nothing is recovered, the first version).
  double scrap_share = 0.0;
  double bailout_equity = 0.1;  ///< a bailout restores equity to this share of book value
  /// Soft budget constraints (docs/model.md, "Soft budgets"): firms that expect the local state to
  /// cover their losses. Off = nobody has a soft budget (the strengths below are then not read).
  bool soft_budgets = true;
  double soft_budget_zombie = 1.0;   ///< z of a zombie (bailed out within exit.zombie_ticks)
  double soft_budget_bailout = 1.0;  ///< z per unit of the bailout probability the firm would get
  double must_run = 0.0;  ///< minimum utilisation mandate per unit of z (share of capacity)
  /// Forward-looking exit and mothballing (docs/model.md 5.11; read only under forward_looking).
  ExitRule rule = ExitRule::Legacy;
  int horizon = 12;                ///< H: quarters over which the value of staying is computed
  double price_persistence = 0.8;  ///< rho: share of today's gap to the long-run price left a
                                   ///< quarter later (same for utilisation)
  double normal_cu = 0.8;          ///< u_LR: utilisation expected in the long run
  bool mothballing = true;         ///< firms may mothball their capacity instead of exiting
  double mothball_saving = 0.7;    ///< m: share of the fixed cost saved while mothballed
  double mothball_decay = 0.03;    ///< delta_m: extra capacity lost per quarter mothballed
  double reactivation_cost = 0.1;  ///< c_r: reactivation cost per unit, share of current capex
  int reactivation_lag = 2;        ///< L: quarters from the decision to reactivate to production
};

/// Capacity controls and other national rules (MODEL.md section 9).
struct NationalRuleParams {
  bool capacity_controls = false;  ///< ban new capacity on tracks whose CU is below the threshold
  double cu_threshold = 0.7;
  double noncompliance = 0.8;  ///< local non-compliance probability = noncompliance * alpha1
  /// Closed clusters (Q8): share of cities that shut their established clusters to new entrants
  /// (local and mobile) to protect incumbents; which cities close is a fixed draw per city, so the
  /// closing set grows with the share. Incumbents may still expand.
  double closed_cluster_share = 0.0;
  int closed_cluster_min_firms = 3;  ///< a cell is established (closable) from this many firms
};

/// Evaluation, promotion and turnover of officials (MODEL.md section 6).
struct PromotionParams {
  Evaluation evaluation = Evaluation::Gdp;
  /// Weights of the balanced scheme: growth, fiscal health, employment, innovation, ecology,
  /// distinctiveness.
  std::array<double, 6> balanced_weights = {0.3, 0.15, 0.15, 0.15, 0.15, 0.1};
  /// Weights of the differentiated scheme by functional zone (urban, development, agricultural,
  /// ecological; the order of sim::Zone), criteria in the balanced scheme's order.
  std::array<std::array<double, 6>, 4> differentiated_weights = {{{0.3, 0.1, 0.15, 0.3, 0.05, 0.1},
                                                                  {0.5, 0.15, 0.2, 0.1, 0.05, 0.0},
                                                                  {0.2, 0.1, 0.3, 0.0, 0.3, 0.1},
                                                                  {0.1, 0.2, 0.1, 0.0, 0.6, 0.0}}};
  /// Career concern of the best-ranked official of a province; the last-ranked one's is one more.
  double career_floor = 0.5;
  double alpha0 = -2.0;          ///< intercept of the promotion logit
  double alpha1 = 0.6;           ///< tournament strength (0 = no meritocracy)
  double alpha_fail = 1.0;       ///< penalty per recorded failure
  double fault_tolerance = 0.0;  ///< FT in [0, 1]
  double base_exit = 0.10;       ///< annual probability an official leaves for other reasons
  double term_exit = 0.35;       ///< extra annual hazard once tenure reaches the formal term
  int term_years = 5;
  int retirement_age = 60;
  int promotion_age_limit = 57;       ///< older officials have no career concern
  double min_age = 42, max_age = 55;  ///< age of a new official
  double ra_min = 0.5, ra_max = 1.5;  ///< risk aversion of a new official
};

/// Guidance funds and local state investment (docs/model.md 6.9): a listed city under promotion
/// pressure co-invests equity in projects on its listed tracks, so a central signal produces
/// plants even when private NPV is thin. Fund-backed firms are state-linked.
struct GuidanceFundParams {
  bool enabled = true;        ///< funds.enabled
  double equity_share = 0.3;  ///< e: fund's equity, share of a backed project's gross capex; [0, 1]
  double loss_tolerance = 1.0;  ///< tau: loss the fund accepts per unit of its stake at full
                                ///< pressure and signal (above 1: it also guarantees co-investors)
  double rate = 0.5;            ///< lambda_F: backed projects per cell-year per unit of added NPV/I
                                ///< (times the city's relative size and the track's entry weight)
  double budget = 0.01;         ///< fund commitments per year at full pressure, share of the city's
                                ///< annual GDP (times debt room); [0, 0.2]
  double soft_budget = 1.0;     ///< z_S: soft-budget strength of a fund-backed (state-linked) firm
};

/// What the coordination platform does to bank credit for projects on overshooting tracks.
enum class CreditResponse { Refuse, Premium, Leverage };

/// The coordination platform's investment functions (docs/model.md 6.10). They act only while
/// government.coordination_platform is on, which also keeps its list-attention effect (iota_g).
struct PlatformParams {
  bool screening = false;  ///< platform.screening: evaluates projects for state-bank credit
  CreditResponse credit = CreditResponse::Premium;  ///< what a flagged project gets
  double overhang = 0.2;      ///< flag a track when (K + Pipe) / D^e - 1 exceeds this; [0, 10]
  double premium = 0.005;     ///< interest premium per quarter on a flagged project's debt
  double leverage_cut = 0.3;  ///< share by which bank debt of a flagged project is cut; [0, 1]
  bool disclosure = false;    ///< platform.disclosure: publishes pipelines to firms
  double iota = 0.9;          ///< firms' pipeline awareness when pipelines are published; [0, 1]
};

}  // namespace regsim::policies
