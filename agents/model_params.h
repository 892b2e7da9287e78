// All parameters of one run, gathered from each library's own structs.
#pragma once

#include <vector>

#include "policies/params.h"
#include "sim/params.h"

namespace regsim::agents {

/// What investors extrapolate: one national outlook per track (legacy), or each city's own mill
/// price and the market it can reach at the wedges.
enum class Expectations { National, MarketAccess };

/// How many entrants a round brings (docs/model.md 5.4 and 5.12): `city` = a Poisson count per
/// city proportional to NPV/I whatever the track's market (MODEL.md); `market` = that count times
/// m_k = (D^e_k / K0_k) / firms.entry_reference_plants, the number of entrant plants the track's
/// expected demand holds relative to a reference number.
enum class EntryScale { City, Market };

/// Firm behaviour (MODEL.md section 5).
struct FirmParams {
  double optimism = 0.2;        ///< beta_opt: expected price markup
  double capex_learning = 1.0;  ///< capex per unit scales with (c_k(t)/c0)^this (0 = fixed)
  double iota = 0.3;            ///< pipeline awareness: 0 = pure tidal wave, 1 = full
  int horizon = 20;             ///< T: NPV horizon in quarters
  double discount = 0.97;       ///< per-quarter discount factor
  double expand_cu = 0.85;      ///< incumbents expand only when running at least this hot
  double expand_rate = 0.15;    ///< g_inv: expansion as share of capacity
  double leverage_cap = 0.7;    ///< debt may not exceed this share of the capital stock value
  double entry_rate = 0.25;     ///< lambda_k: local entrants per cell per year per unit NPV/I
  double mobile_rate = 4.0;     ///< lambda_mob: mobile entrants per track per year per unit NPV/I
  double mobile_temperature = 0.1;  ///< logit temperature of a mobile entrant's city choice
  int max_entrants = 10000;         ///< entrants one cell (mobile: one track) may draw per tick
  double max_entrant_share = 1.0;   ///< cap on an entrant plant as share of the initial market
  double entrant_size = 1.0;        ///< K0 as a multiple of the track's mean initial firm capacity
  double efficiency_sd = 0.6;       ///< sigma_u: sd of log efficiency of an entrant
  double efficiency_rho = 0.9;      ///< AR(1) persistence of log efficiency around the entry draw
  double efficiency_shock = 0.05;   ///< sd of the quarterly log efficiency innovation
  double equity_share = 0.4;        ///< share of capex an entrant pays from its own equity
  double interest = 0.015;          ///< r: quarterly interest on firm debt
  double profit_tax = 0.25;         ///< tax on positive profit
  double distress_equity = 0.3;     ///< epsilon: distress when equity < -epsilon * capital value
  int loss_streak = 8;       ///< T_loss: quarters of losses that trigger distress (with low CU)
  double distress_cu = 0.5;  ///< ... when CU is also below this
  double exogenous_exit = 0.005;  ///< delta: exogenous exit per quarter
  /// Entrant plants grow with demand: K0 scales with (A_k(t) / A_k(0))^this (0.5: square root)
  double entrant_growth_elasticity = 0.5;
  double outlook_growth_min = -0.5;  ///< expected demand growth g_k is clipped to [min, max]
  double outlook_growth_max = 1.0;

  /// firms.expectations: what investors extrapolate (docs/model.md 5.1 and 5.9).
  Expectations expectations = Expectations::MarketAccess;
  /// firms.entry_scale: entry per city (city) or per city and per plant of the market (market).
  EntryScale entry_scale = EntryScale::City;
  /// n_ref: entrant plants of a track's expected market at which entry_scale = market brings the
  /// city rule's entry; solved from the default world's first round (docs/model.md 5.12).
  double entry_reference_plants = 275;
};

/// How each track's capacity is set at tick 0 (docs/model.md 2.6): legacy = initial demand over
/// initial.utilisation; rest_point = the smallest multiple of it at which the first investment
/// round's expected private entry does not exceed the track's need (docs/model.md 2.7).
enum class InitialStart { Legacy, RestPoint };

/// The tick-0 state (docs/model.md section 2.6): incumbents, city budgets, protection. Read only
/// when a run starts.
struct InitialParams {
  double utilisation = 0.8;  ///< track capacity = initial demand at the reference price / this
  double endowment_power =
      2.0;               ///< an incumbent's city is drawn with weight GDP share * theta^this
  double size_sd = 0.5;  ///< log-sd of incumbent plant sizes within a track
  double efficiency_spread = 0.5;  ///< incumbents' log-efficiency sd, share of firms.efficiency_sd
  double max_age = 40;             ///< incumbents' ages are uniform over this many past quarters
  double leverage = 0.5;           ///< incumbents' debt as share of their book value
  double experience = 20;   ///< CumQ_k(0): quarters of the warm-start output already produced
  double city_debt = 0.2;   ///< city debt as share of annual base GDP
  double protection = 0.1;  ///< local protection h of every city
  InitialStart start = InitialStart::Legacy;  ///< initial.start: how track capacity is sized
};

/// Optional output tables (docs/model.md section 10); they never change the model's results.
struct OutputParams {
  bool firms = false;  ///< write firms.csv: one row per live firm every `firms_every` ticks
  int firms_every =
      4;  ///< collection period of firms.csv in ticks (4 = the last quarter of a year)
};

/// How welfare is measured (docs/model.md section 10): `legacy` = the measure of the first
/// version; `full` = user cost of capital, exit losses, transfers at their excess burden only,
/// job losses, consumer surplus relative to reference prices.
enum class WelfareAccounting { Legacy, Full };

/// Welfare accounting (docs/model.md section 10). Measurement only: nothing here changes the
/// simulated world.
struct WelfareParams {
  WelfareAccounting accounting = WelfareAccounting::Full;  ///< which one `welfare` reports
  double mcpf = 0.3;  ///< lambda_mcpf: marginal cost of public funds (excess burden per yuan)
  double unemployment_spell = 4.0;  ///< s0: quarters a displaced worker is out of work
  double retraining_half = 5.0;     ///< retraining spending per thousand jobs that halves the spell
  double labour_share = 0.5;        ///< wages as share of value added at the reference price
  double labour_hoarding = 1.0;     ///< h: jobs on h K + (1 - h) q (1 = on capacity, 0 = on output)
};

/// Everything a run needs. Tracks are a list; the rest are subsystem structs.
struct ModelParams {
  sim::WorldParams world;
  InitialParams initial;
  std::vector<sim::TrackParams> tracks = sim::make_tracks(12);
  sim::MarketParams market;
  sim::SpilloverParams spillover;
  FirmParams firms;
  policies::TrackChoiceParams government;
  policies::SubsidyParams subsidy;
  policies::ProtectionParams protection;
  policies::BudgetParams budget;
  policies::ExitPolicyParams exit;
  policies::NationalRuleParams rules;
  policies::PromotionParams tournament;
  WelfareParams welfare;
  policies::GuidanceFundParams funds;
  policies::PlatformParams platform;
  OutputParams output;
};

}  // namespace regsim::agents
