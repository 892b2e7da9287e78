// The parameter table and the strict loader built on it.
#include "agents/param_table.h"

#include "agents/param_builder.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <sstream>

#include "sim/limits.h"
#include "sim/text.h"

namespace regsim::agents {

using sim::ScalarValue;

namespace {

using detail::Builder;

constexpr double kInf = std::numeric_limits<double>::infinity();

/// A row's key and its field, written once: the key is the path of the field in ModelParams
/// ("market.kappa" is params.market.kappa), so the two cannot drift apart.
// clang-format off
#define KEY(path) #path, [](ModelParams& p) -> auto& { return p.path; }
// clang-format on

void add_world(Builder& b) {
  b.integer(KEY(world.seed), 0, 9.0e15, "master seed of every random stream", false);
  b.last().required = true;  // a run without a seed is refused (config_loader.cpp)
  b.integer(KEY(world.cities), 2, 5000, "number of cities", false);
  b.integer(KEY(world.provinces), 1, 100, "number of provinces", false);
  b.integer(KEY(world.tracks), 1, 120, "number of tracks (defaults, then variants)", false);
  b.integer(KEY(world.years), 1, 200, "simulated years (4 ticks each)", false);
  b.integer(KEY(world.initial_firms), 0, 1.0e7, "incumbent firms at tick 0", false);
  b.real(KEY(world.heterogeneity), 0, 3, "sigma_theta: sd of log endowments (0 = identical cities)",
         false);
  b.real(KEY(world.family_correlation), 0, 1, "correlation of log endowments within a track family",
         false);
  b.real(KEY(world.extent_km), 10, 1.0e5, "side of the map square (km)", false);
  b.choice(KEY(world.graph), {"knn", "small_world", "grid"}, "city graph generator", false);
  b.integer(KEY(world.graph_k), 1, 50, "neighbours per city", false);
  b.real(KEY(world.graph_cutoff_km), 0, 1.0e5, "longest knn edge (km)", false);
  b.real(KEY(world.rewire), 0, 1, "small-world rewiring probability", false);
  b.real(KEY(world.base_gdp), 1e-6, 1e9, "mean quarterly base GDP per city", false);
  b.real(KEY(world.base_gdp_sd), 0, 3, "sd of log base GDP", false);
  b.real(KEY(world.base_growth), -0.05, 0.1, "g0: quarterly base growth");
  b.real(KEY(world.population), 1e-6, 1e6, "mean population (millions)", false);
  b.real(KEY(world.zone_development), 0, 1, "share of development zones", false);
  b.real(KEY(world.zone_agricultural), 0, 1, "share of agricultural zones", false);
  b.real(KEY(world.zone_ecological), 0, 1, "share of ecological zones", false);
  b.free_text(KEY(world.map),
              "real map: \"\" = synthetic, \"china-prefectures\", or a nodes/edges directory",
              false);
}

void add_market(Builder& b) {
  b.real(KEY(market.kappa), 0, 1, "unified-market friction (0 unified)");
  b.real(KEY(market.t0), 0, 5, "physical transport wedge");
  b.real(KEY(market.border), 0, 5, "border tariff equivalent at kappa 1");
  b.real(KEY(market.protection), 0, 5, "wedge per unit of protection h");
  b.real(KEY(market.price_floor), 0, 3,
         "anti-involution price floor, share of frontier cost (0 = none)");
  b.text(KEY(market.solver), {"bisection"}, "market solver", false);
  b.text(KEY(market.conduct), {"competitive", "cournot"},
         "market conduct: competitive merit order, or Cournot with capacities (docs/model.md 4.1)",
         false);
  b.real(KEY(market.theta), 0, 5,
         "cournot: conduct parameter (0 price taking, 1 Cournot-Nash, > 1 more collusive)");
  b.real(KEY(market.max_lerner), 0, 0.95,
         "cournot: cap on a firm's Lerner index (p - mc) / p (limit price)");
  b.real(KEY(market.util_cost), 0, 5,
         "cournot: extra marginal cost at full load, share of the firm's unit cost");
  b.real(KEY(market.util_curvature), 1, 8,
         "cournot: curvature psi of the utilisation cost (mc = c + phi c u^psi)");
  b.real(KEY(market.war_utilisation), 0, 1,
         "cournot: smoothed track CU below which a price war starts (0 = never)");
  b.real(KEY(market.war_width), 0.01, 1,
         "cournot: CU band below war_utilisation over which the war reaches full force");
  b.boolean(KEY(market.partial_adjustment),
            "demand with partial adjustment: short-run elasticity tracks.<name>.eta_short, "
            "long-run tracks.<name>.eta through the smoothed past price");
  b.real(KEY(market.adjustment_speed), 0.01, 1,
         "partial adjustment: weight of the latest quarter's price in the smoothed price");
  b.boolean(KEY(market.rest_of_world),
            "trade with the rest of the world: export demand and import supply per track at "
            "tracks.<name>.world_price");
  b.boolean(KEY(market.demand_cycles),
            "demand cycles: an annual log AR(1) component of each track's demand "
            "(tracks.<name>.cycle_sd, cycle_rho)",
            false);
  b.real(KEY(market.war_smoothing), 0.01, 1,
         "cournot: weight of the latest quarter's CU in the price-war signal (1 = last quarter)");
}

void add_spillover(Builder& b) {
  b.real(KEY(spillover.chi), 0, 10, "kappa_K = min(1, chi * kappa)");
  b.real(KEY(spillover.d_half_km), 1, 1e5, "half-distance (km)", false);
  b.real(KEY(spillover.strength), 0, 1, "s: catch-up speed per quarter");
  b.real(KEY(spillover.drift), -0.1, 0.1, "gA: knowledge drift per quarter");
  b.real(KEY(spillover.learning_by_doing), 0, 1, "lambda_L per unit of cell output share");
  b.integer(KEY(spillover.lockin_years), 1, 100,
            "years without entry before a cell stops learning by doing");
  b.real(KEY(spillover.zeta), 0, 3, "cost elasticity to knowledge");
  b.real(KEY(spillover.beta_theta), 0, 3, "cost elasticity to endowment");
  b.real(KEY(spillover.max_km), 0, 1e5, "spillover range (graph km)", false);
  b.real(KEY(spillover.relatedness_across), 0, 1, "phi between families");
  b.boolean(KEY(spillover.colocation_relatedness),
            "recompute phi yearly from RCA co-location (product space)");
}

void add_firms(Builder& b) {
  b.choice(KEY(firms.expectations), {"national", "market_access"},
           "what investors extrapolate: the national outlook, or their city's mill price and "
           "accessible market");
  b.choice(KEY(firms.entry_scale), {"city", "market"},
           "entrants per round: a count per city whatever the track's market (city), or that "
           "count times the entrant plants the track's expected demand holds over "
           "firms.entry_reference_plants (market; docs/model.md 5.12)");
  b.real(KEY(firms.entry_reference_plants), 1e-3, 1e9,
         "n_ref: entrant plants of a track's expected market at which entry_scale = market "
         "brings the city rule's entry");
  b.real(KEY(firms.optimism), 0, 5, "beta_opt: expected price markup");
  b.real(KEY(firms.capex_learning), 0, 2,
         "capex follows the learning curve with this exponent (0 = fixed capex)");
  b.real(KEY(firms.iota), 0, 1, "pipeline awareness (0 = tidal wave)");
  b.integer(KEY(firms.horizon), 1, 200, "NPV horizon (quarters)");
  b.real(KEY(firms.discount), 0.5, 1, "discount factor per quarter");
  b.real(KEY(firms.expand_cu), 0, 1, "CU needed to expand");
  b.real(KEY(firms.expand_rate), 0, 5, "g_inv: expansion share");
  b.real(KEY(firms.leverage_cap), 0, 10, "debt cap, share of capital");
  b.real(KEY(firms.entry_rate), 0, 100, "lambda_k: local entry rate");
  b.real(KEY(firms.mobile_rate), 0, 1000, "lambda_mob: mobile entry rate");
  b.real(KEY(firms.mobile_temperature), 1e-6, 100,
         "logit temperature of the mobile city choice (NPV/I units)");
  b.integer(KEY(firms.max_entrants), 1, 1'000'000,
            "most entrants per city-track cell (mobile: per track) and tick; more stops the run");
  b.real(KEY(firms.max_entrant_share), 1e-6, 1,
         "largest entrant plant as share of the track's initial capacity");
  b.real(KEY(firms.entrant_size), 1e-6, 100, "K0 relative to mean firm");
  b.real(KEY(firms.efficiency_sd), 0, 3, "sigma_u");
  b.real(KEY(firms.efficiency_rho), 0, 1, "AR(1) persistence");
  b.real(KEY(firms.efficiency_shock), 0, 1, "AR(1) innovation sd");
  b.real(KEY(firms.equity_share), 0, 1, "equity-financed share of capex");
  b.real(KEY(firms.interest), 0, 0.5, "r: quarterly interest");
  b.real(KEY(firms.profit_tax), 0, 1, "tax on positive profit");
  b.real(KEY(firms.distress_equity), 0, 10, "epsilon");
  b.integer(KEY(firms.loss_streak), 1, 400, "T_loss (quarters)");
  b.real(KEY(firms.distress_cu), 0, 1, "CU below which a loss streak counts");
  b.real(KEY(firms.exogenous_exit), 0, 1, "delta per quarter");
  b.real(KEY(firms.entrant_growth_elasticity), 0, 2,
         "K0 grows with (demand / initial demand)^this (0.5 = square root)");
  b.real(KEY(firms.outlook_growth_min), -1, 0,
         "lowest expected demand growth g_k (share per year)");
  b.real(KEY(firms.outlook_growth_max), 0, 10,
         "highest expected demand growth g_k (share per year)");
}

void add_initial(Builder& b) {
  b.real(KEY(initial.utilisation), 0.01, 1,
         "track capacity at tick 0 = initial demand / this (share)", false);
  b.real(KEY(initial.endowment_power), 0, 10,
         "incumbent's city drawn with weight GDP share * theta^this", false);
  b.real(KEY(initial.size_sd), 0, 3, "log-sd of incumbent plant sizes", false);
  b.real(KEY(initial.efficiency_spread), 0, 1,
         "incumbents' log-efficiency sd, share of firms.efficiency_sd", false);
  b.real(KEY(initial.max_age), 0, 400, "incumbents' ages uniform over this many past quarters",
         false);
  b.real(KEY(initial.leverage), 0, 1, "incumbents' debt / book value", false);
  b.real(KEY(initial.experience), 0, 400,
         "CumQ(0): quarters of warm-start output already produced (learning curve)", false);
  b.real(KEY(initial.city_debt), 0, 10, "city debt at tick 0 / annual base GDP", false);
  b.real(KEY(initial.protection), 0, 1, "local protection h at tick 0", false);
  b.choice(KEY(initial.start), {"legacy", "rest_point"},
           "tick-0 track capacity: legacy (initial demand / initial.utilisation) or rest_point "
           "(scaled up until the first round's expected private entry is within the track's "
           "need)",
           false);
}

void add_government(Builder& b) {
  b.integer(KEY(government.list_size), 1, 30, "m: priority list length");
  b.real(KEY(government.w_signal), 0, 100, "weight of national signals");
  b.real(KEY(government.w_herd), 0, 100, "herding weight at full pressure");
  b.real(KEY(government.w_advantage), 0, 100, "weight of advantage");
  b.real(KEY(government.w_relatedness), 0, 100, "weight of relatedness");
  b.real(KEY(government.w_gdp), 0, 100, "horizon-GDP weight at full pressure");
  b.real(KEY(government.w_crowd), 0, 100, "weight of crowding");
  b.real(KEY(government.w_risk), 0, 100, "weight of risk");
  b.real(KEY(government.iota_g), 0, 1, "how much crowding is seen");
  b.real(KEY(government.platform_iota_g), 0, 1, "iota_g with the coordination platform");
  b.real(KEY(government.noise), 1e-6, 100, "1/mu: Gumbel noise scale");
  b.real(KEY(government.switching_cost), 0, 100, "hysteresis bonus");
  b.real(KEY(government.national_feed), 0, 1, "national share in Herd");
  b.real(KEY(government.observation_sd), 0, 5, "endowment noise sd");
  b.real(KEY(government.s3_observation_sd), 0, 5, "endowment noise sd under S3");
  b.real(KEY(government.keep_predecessor), 0, 1,
         "chance a new official keeps an inherited priority");
  b.boolean(KEY(funds.enabled),
            "guidance funds co-invest in listed tracks (backed firms are state-linked)");
  b.alias("government.guidance_funds");
  b.real(KEY(funds.equity_share), 0, 1, "fund's equity, share of a backed project's gross capex");
  b.alias("government.fund_equity_share");
  b.real(KEY(funds.loss_tolerance), 0, 10,
         "tau: loss a fund accepts per unit of its stake at full pressure and signal");
  b.alias("government.fund_loss_tolerance");
  b.real(KEY(funds.rate), 0, 100,
         "lambda_F: backed projects per cell-year per unit of NPV/I the fund adds");
  b.alias("government.fund_rate");
  b.real(KEY(funds.budget), 0, 0.2,
         "fund commitments per year at full pressure, share of annual GDP");
  b.alias("government.fund_budget");
  b.real(KEY(funds.soft_budget), 0, 1,
         "z_S: soft-budget strength of a fund-backed (state-linked) firm");
  b.alias("government.fund_soft_budget");
}

void add_subsidy(Builder& b) {
  b.real(KEY(subsidy.base_target), 0, 1, "own target capex share");
  b.real(KEY(subsidy.pressure_target), 0, 1, "extra at full pressure");
  b.real(KEY(subsidy.lag_target), 0, 1, "extra for lagging cities");
  b.real(KEY(subsidy.production_ratio), 0, 10,
         "production subsidy per unit / (sI * frontier cost)");
  b.real(KEY(subsidy.land_ratio), 0, 100, "land discount per unit sI");
  b.real(KEY(subsidy.land_share), 0, 1, "land share of capex");
  b.real(KEY(subsidy.attraction), 0, 100, "a_gov: entry boost if listed");
  b.real(KEY(subsidy.lambda_s), 0, 1, "speed towards the yardstick target");
  b.real(KEY(subsidy.rho_s), 0, 1, "weight of neighbours in the target");
  b.choice(KEY(subsidy.yardstick), {"max", "mean"}, "neighbour statistic");
  b.real(KEY(subsidy.vc_max_age), 0, 400, "vc: firm age limit (ticks)");
  b.real(KEY(subsidy.vc_max_crowding), 0, 1, "vc: crowding limit");
  b.real(KEY(subsidy.vc_min_density), 0, 1, "vc: least density of the city on the track");
  b.real(KEY(subsidy.precise_entrant_share), 0, 1,
         "precise: share of prospective entrants expecting support");
  b.real(KEY(subsidy.land_discount_cap), 0, 1, "largest land discount (share of the land's value)");
}

void add_policy(Builder& b) {
  b.choice(KEY(tournament.evaluation), {"gdp", "differentiated", "balanced"},
           "official evaluation scheme");
  b.alias("policy.evaluation");
  b.real(KEY(tournament.fault_tolerance), 0, 1, "FT");
  b.alias("policy.fault_tolerance");
  b.choice(KEY(subsidy.regime), {"none", "universal", "precise", "vc"}, "who gets subsidies");
  b.alias("policy.subsidy_regime");
  b.choice(KEY(subsidy.instruments), {"all", "capex", "production", "entry", "land"},
           "which instruments are used");
  b.alias("policy.subsidy_instruments");
  b.real(KEY(subsidy.state_aid_cap), 0, 1, "cap on capex subsidy share");
  b.alias("policy.state_aid_cap");
  b.boolean(KEY(exit.bailouts), "cities may bail out distressed firms");
  b.alias("policy.bailouts");
  b.real(KEY(exit.bailout_propensity), 0, 1, "b: base probability");
  b.alias("policy.bailout_propensity");
  b.real(KEY(exit.retraining_cost), 0, 1e6, "per thousand jobs lost, paid by the city");
  b.alias("policy.retraining_cost");
  b.boolean(KEY(government.coordination_platform), "governments see crowding and pipelines");
  b.alias("policy.coordination_platform");
  b.boolean(KEY(platform.screening),
            "with the platform on: it evaluates projects for state-bank credit");
  b.alias("policy.platform_screening");
  b.choice(KEY(platform.credit), {"refuse", "premium", "leverage"},
           "what a project on a track above the overhang threshold gets");
  b.alias("policy.platform_credit");
  b.real(KEY(platform.overhang), 0, 10,
         "pipeline overhang (K + Pipe) / D^e - 1 above which projects are flagged");
  b.alias("policy.platform_overhang");
  b.real(KEY(platform.premium), 0, 0.1,
         "interest premium per quarter on a flagged project's bank debt");
  b.alias("policy.platform_premium");
  b.real(KEY(platform.leverage_cut), 0, 1,
         "share by which bank debt (and the leverage cap) of a flagged project is cut");
  b.alias("policy.platform_leverage_cut");
  b.boolean(KEY(platform.disclosure),
            "with the platform on: it publishes pipelines (firms' iota rises)");
  b.alias("policy.platform_disclosure");
  b.real(KEY(platform.iota), 0, 1, "firms' pipeline awareness when pipelines are published");
  b.alias("policy.platform_iota");
  b.boolean(KEY(rules.capacity_controls), "ban new capacity on tracks with CU below the threshold");
  b.alias("policy.capacity_controls");
  b.real(KEY(rules.cu_threshold), 0, 1, "capacity-control CU threshold");
  b.alias("policy.cu_threshold");
  b.real(KEY(rules.noncompliance), 0, 1, "local non-compliance per unit alpha1");
  b.alias("policy.noncompliance");
  b.real(KEY(rules.closed_cluster_share), 0, 1,
         "share of cities closing established clusters to entrants");
  b.alias("policy.closed_cluster_share");
  b.integer(KEY(rules.closed_cluster_min_firms), 1, 1000,
            "firms that make a cell an established (closable) cluster");
  b.alias("policy.closed_cluster_min_firms");
  b.real(KEY(protection.cap), 0, 1, "enforcement cap on protection");
  b.alias("policy.protection_cap");
  b.real(KEY(protection.enforcement), 0, 1, "annual decay of protection");
  b.alias("policy.enforcement");
  b.boolean(KEY(government.smart_specialisation), "S3 rule");
  b.alias("policy.smart_specialisation");
  b.real(KEY(government.s3_percentile), 0, 1, "S3 density percentile");
  b.alias("policy.s3_percentile");
}

void add_tournament(Builder& b) {
  const char* criteria[] = {"growth",     "fiscal",  "employment",
                            "innovation", "ecology", "distinctiveness"};
  for (std::size_t c = 0; c < 6; ++c) {
    b.real(
        std::string("tournament.balanced_") + criteria[c],
        [c](ModelParams & p) -> auto& { return p.tournament.balanced_weights[c]; }, 0, 100,
        "weight of this criterion in the balanced evaluation scheme");
  }
  const char* zones[] = {"urban", "development", "agricultural", "ecological"};
  for (std::size_t z = 0; z < 4; ++z) {
    for (std::size_t c = 0; c < 6; ++c) {
      b.real(
          std::string("tournament.differentiated_") + zones[z] + "_" + criteria[c],
          [ z, c ](ModelParams & p) -> auto& { return p.tournament.differentiated_weights[z][c]; },
          0, 100, "weight of this criterion for this zone in the differentiated scheme");
    }
  }
  b.real(KEY(tournament.career_floor), 0, 10,
         "career concern of a province's best-ranked official (the last: one more)");
  b.real(KEY(tournament.alpha0), -20, 20, "promotion logit intercept");
  b.real(KEY(tournament.alpha1), 0, 10, "tournament strength");
  b.real(KEY(tournament.alpha_fail), 0, 20, "penalty per failure");
  b.real(KEY(tournament.base_exit), 0, 1, "annual other-exit hazard");
  b.real(KEY(tournament.term_exit), 0, 1, "extra hazard after the term");
  b.integer(KEY(tournament.term_years), 1, 40, "formal term");
  b.integer(KEY(tournament.retirement_age), 30, 90, "retirement age");
  b.integer(KEY(tournament.promotion_age_limit), 30, 90, "no career concern above this age");
  b.real(KEY(tournament.min_age), 20, 90, "youngest new official");
  b.real(KEY(tournament.max_age), 20, 90, "oldest new official");
  b.real(KEY(tournament.ra_min), 0, 10, "lowest risk aversion");
  b.real(KEY(tournament.ra_max), 0, 10, "highest risk aversion");
}

void add_budget(Builder& b) {
  b.real(KEY(budget.tax_rate), 0, 1, "revenue share of GDP");
  b.real(KEY(budget.baseline_spending), 0, 1, "spending share of GDP");
  b.real(KEY(budget.interest), 0, 0.5, "quarterly interest on debt");
  b.real(KEY(budget.debt_cap), 0, 100, "debt / annual GDP cap");
  b.real(KEY(budget.debt_soft), 0, 1, "curtailment starts at this share");
  b.real(KEY(protection.rise), 0, 100, "h rise per lost home share");
  b.real(KEY(protection.pressure_drift), 0, 1, "h drift with pressure");
  b.real(KEY(exit.employer_boost), 0, 100, "bailout boost, large employers");
  b.real(KEY(exit.pressure_boost), 0, 100, "bailout boost, pressure");
  b.real(KEY(exit.bailout_equity), 0, 1,
         "a bailout restores equity to this share of the firm's book value");
  b.integer(KEY(exit.zombie_ticks), 0, 400, "zombie duration (ticks)");
  b.boolean(KEY(exit.soft_budgets),
            "zombies and firms their city would bail out count on the state (soft budgets)");
  b.real(KEY(exit.soft_budget_zombie), 0, 1,
         "soft-budget strength z of a zombie (share of fixed cost and interest covered)");
  b.real(KEY(exit.soft_budget_bailout), 0, 1,
         "z per unit of the bailout probability the firm's city would give it");
  b.real(KEY(exit.must_run), 0, 1,
         "minimum utilisation mandate of a soft-budget firm per unit of z");
  b.real(KEY(welfare.mcpf), 0, 10, "marginal cost of public funds");
  b.choice(KEY(welfare.accounting), {"legacy", "full"},
           "what `welfare` reports: legacy, or full (user cost of capital, exit losses, "
           "transfers at their excess burden, job losses, reference consumer surplus)");
  b.real(KEY(welfare.unemployment_spell), 0, 40,
         "quarters a displaced worker is out of work without retraining (full accounting)");
  b.real(KEY(welfare.retraining_half), 0, 1e6,
         "retraining spending per thousand jobs that halves the spell (0 = retraining is useless)");
  b.real(KEY(welfare.labour_share), 0, 1,
         "wages as share of value added at the reference price (the wage of a lost job)");
  b.real(KEY(welfare.labour_hoarding), 0, 1,
         "jobs counted for job losses: h capacity + (1 - h) output (1 = nameplate)");
  b.choice(KEY(exit.rule), {"legacy", "forward_looking"},
           "how firms leave: legacy (distress trigger: equity or loss streak with low CU) or "
           "forward_looking (insolvency, and exit when staying is worth less than scrapping; "
           "mothballing)");
  b.integer(KEY(exit.horizon), 1, 80,
            "H: quarters over which a firm values staying (forward_looking)");
  b.real(KEY(exit.price_persistence), 0, 1,
         "rho: share of the gap to the long-run price and CU left after a quarter");
  b.real(KEY(exit.normal_cu), 0.05, 1,
         "u_LR: utilisation expected in the long run (and in the long-run price)");
  b.boolean(KEY(exit.mothballing),
            "firms may mothball capacity instead of exiting (forward_looking)");
  b.real(KEY(exit.mothball_saving), 0, 1, "m: share of the fixed cost saved while mothballed");
  b.real(KEY(exit.mothball_decay), 0, 1,
         "delta_m: extra share of mothballed capacity lost per quarter");
  b.real(KEY(exit.reactivation_cost), 0, 10,
         "c_r: reactivation cost per unit of capacity, share of current capex");
  b.integer(KEY(exit.reactivation_lag), 1, 20,
            "L: quarters from the decision to reactivate until the capacity produces");
  b.real(KEY(exit.scrap_share), 0, 1,
         "share of current capex per unit of capacity recovered when a plant is scrapped");
  b.boolean(KEY(output.firms), "write firms.csv (one row per live firm)", false);
  b.integer(KEY(output.firms_every), 1, 400, "firms.csv: a row per firm every this many ticks",
            false);
}

void add_tracks(Builder& b, const std::vector<sim::TrackParams>& tracks) {
  for (std::size_t i = 0; i < tracks.size(); ++i) {
    const std::string k = "tracks." + tracks[i].name + ".";
    auto field = [i](auto member) {
      return [ i, member ](ModelParams & p) -> auto& {
        return p.tracks[i].*member;
      };
    };
    using T = sim::TrackParams;
    b.text(k + "family", field(&T::family), {}, "relatedness family", false);
    b.real(k + "a0", field(&T::a0), 0, 1e12, "demand floor of the life cycle");
    b.real(k + "amax", field(&T::amax), 0, 1e12, "saturation demand");
    b.real(k + "growth", field(&T::growth), 0, 20, "logistic rate per year");
    b.real(k + "tmid", field(&T::tmid), -1000, 1000, "logistic midpoint (year)");
    b.real(k + "eta", field(&T::eta), 0.05, 20, "price elasticity (long run)");
    b.real(k + "eta_short", field(&T::eta_short), 0.05, 20,
           "short-run price elasticity (market.partial_adjustment)");
    b.real(k + "world_price", field(&T::world_price), 0.01, 100,
           "world price, multiple of the frontier unit cost (market.rest_of_world)");
    b.real(k + "trade_cost", field(&T::trade_cost), 0, 10,
           "ad valorem cost of trade with the world market (market.rest_of_world)");
    b.real(k + "export_demand", field(&T::export_demand), 0, 100,
           "foreign demand at export parity, share of domestic demand (market.rest_of_world)");
    b.real(k + "export_eta", field(&T::export_eta), 0.05, 20,
           "price elasticity of the export demand (market.rest_of_world)");
    b.real(k + "foreign_tariff", field(&T::foreign_tariff), 0, 10,
           "tariff the rest of the world levies on the track's exports (market.rest_of_world)");
    b.text(k + "world_pricing", field(&T::world_pricing), {"foreign_cost", "china_price"},
           "who sets the world price: foreign makers' cost, or China's own price with foreign "
           "buyers on the home demand curve (market.rest_of_world; docs/model.md 4.4)");
    b.real(k + "pref", field(&T::pref), 1e-9, 1e12, "reference price", false);
    b.real(k + "c0", field(&T::c0), 1e-9, 1e12, "frontier unit cost at t = 0", false);
    b.real(k + "learning", field(&T::learning), 0, 2, "learning-curve exponent b");
    b.real(k + "capex", field(&T::capex), 1e-9, 1e12, "capex per unit quarterly capacity");
    b.integer(k + "lag", field(&T::lag), 1, 40, "construction lag (quarters)");
    b.real(k + "depreciation", field(&T::depreciation), 0, 1, "per quarter");
    b.real(k + "fixed_cost", field(&T::fixed_cost), 0, 1, "per quarter, share of capex");
    b.real(k + "value_added", field(&T::value_added), 0, 1, "value-added share");
    b.real(k + "jobs", field(&T::jobs), 0, 1e6, "jobs per unit capacity");
    b.real(k + "pollution", field(&T::pollution), 0, 1e6, "pollution per unit output");
    b.real(k + "risk", field(&T::risk), 0, 1, "novelty/risk R_k");
    b.real(k + "signal", field(&T::signal), 0, 1, "national signal sig_k");
    b.real(k + "shock_rho", field(&T::shock_rho), 0, 0.999, "demand shock persistence");
    b.real(k + "shock_sd", field(&T::shock_sd), 0, 2, "demand shock sd");
    b.real(k + "cycle_sd", field(&T::cycle_sd), 0, 2,
           "annual innovation sd of the log demand cycle (market.demand_cycles)", false);
    b.real(k + "cycle_rho", field(&T::cycle_rho), 0, 0.99,
           "year-to-year persistence of the log demand cycle (market.demand_cycles)", false);
    b.real(k + "entry_weight", field(&T::entry_weight), 0, 1e6, "lambda_k multiplier");
    b.real(k + "initial_share", field(&T::initial_share), 0, 1e6, "weight in initial firms", false);
  }
}

#undef KEY

}  // namespace

ParamTable::ParamTable(const std::vector<sim::TrackParams>& tracks) {
  Builder b(specs_);
  add_world(b);
  add_initial(b);
  add_market(b);
  add_spillover(b);
  add_firms(b);
  add_government(b);
  add_subsidy(b);
  add_policy(b);
  add_tournament(b);
  add_budget(b);
  add_tracks(b, tracks);
}

std::vector<std::string> ParamTable::names() const {
  std::vector<std::string> out;
  for (const auto& s : specs_) {
    out.push_back(s.key);
    out.insert(out.end(), s.aliases.begin(), s.aliases.end());
  }
  return out;
}

const ParamSpec* ParamTable::find(const std::string& key) const {
  for (const auto& s : specs_) {
    if (s.key == key) return &s;
  }
  for (const auto& s : specs_) {
    if (std::find(s.aliases.begin(), s.aliases.end(), key) != s.aliases.end()) return &s;
  }
  return nullptr;
}

}  // namespace regsim::agents
