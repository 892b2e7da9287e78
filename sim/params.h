// Parameters owned by the sim library: world generation, tracks, market and spillovers.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace regsim::sim {

/// How the city graph is generated (MODEL.md section 2).
enum class GraphKind { Knn, SmallWorld, Grid };

/// Size and shape of the synthetic world. Not schedulable: fixed when the world is built.
struct WorldParams {
  std::uint64_t seed = 42;          ///< master seed of every random stream
  int cities = 100;                 ///< number of cities; [2, 5000]
  int provinces = 8;                ///< number of provinces (tournament peer groups); [1, 100]
  int tracks = 12;                  ///< number of tracks; the default list has 12, more are derived
  int years = 30;                   ///< simulated years (4 ticks each); [1, 200]
  int initial_firms = 4000;         ///< incumbent firms at tick 0; [0, 10'000'000]
  double heterogeneity = 0.5;       ///< sigma_theta: sd of log endowments (0 = identical cities)
  double family_correlation = 0.5;  ///< correlation of log endowments within a track family; [0,1]
  double extent_km = 1500.0;        ///< side of the square the cities are scattered in
  GraphKind graph = GraphKind::Knn;
  int graph_k = 6;  ///< neighbours per city for knn / small-world
  double graph_cutoff_km =
      450.0;                  ///< knn edges longer than this are dropped (graph kept connected)
  double rewire = 0.05;       ///< small-world rewiring probability
  double base_gdp = 100.0;    ///< mean quarterly non-track GDP of a city
  double base_gdp_sd = 0.6;   ///< sd of log base GDP across cities (sizes differ even at sigma 0)
  double base_growth = 0.01;  ///< g0: quarterly growth of the base economy
  double population = 5.0;    ///< mean population (millions), proportional to base GDP
  double zone_development = 0.35;  ///< shares of functional zones; urban takes the remainder
  double zone_agricultural = 0.25;
  double zone_ecological = 0.15;
  /// A real map instead of the synthetic world: "" (synthetic), "china-prefectures" (the
  /// built-in map in data/) or a directory with nodes.csv and edges.csv (data/README.md). With a
  /// map, cities and provinces come from it and extent_km / graph* / rewire are unused.
  std::string map;
};

/// One industrial track (MODEL.md section 2); quantities are per quarter, prices in yuan units.
struct TrackParams {
  std::string name;
  std::string family;      ///< relatedness family
  double a0 = 100.0;       ///< demand scale at t = 0 (units per quarter at the reference price)
  double amax = 200.0;     ///< saturation demand scale of the logistic life cycle
  double growth = 0.3;     ///< r_k: logistic growth rate per year
  double tmid = 10.0;      ///< year of the logistic midpoint
  double eta = 1.5;        ///< price elasticity of demand (long run under partial adjustment)
  double eta_short = 0.4;  ///< short-run price elasticity (market.partial_adjustment only)
  // The rest of the world (market.rest_of_world only; docs/model.md 4.4).
  double world_price = 1.3;     ///< P_w / c_k(t): world price, multiple of the frontier unit cost
  double trade_cost = 0.1;      ///< tau: ad valorem cost of trade with the world market
  double export_demand = 0.25;  ///< foreign demand at export parity, share of A_k(t) (with shock)
  double export_eta = 3.0;      ///< own price elasticity of the export demand
  double foreign_tariff = 0.0;  ///< ad valorem tariff the world levies on the track's exports
  /// Who sets the world price (docs/model.md 4.4): "foreign_cost" = foreign makers, at
  /// world_price times the frontier cost, with export demand of elasticity export_eta around it;
  /// "china_price" = the country itself: foreign buyers pay its gate price plus trade cost and
  /// tariff, on the home demand curve's shape (export_eta unread).
  std::string world_pricing = "foreign_cost";
  double pref = 1.0;           ///< reference price
  double c0 = 0.72;            ///< frontier unit cost at t = 0
  double learning = 0.1;       ///< b_k: learning-curve exponent on cumulative output
  double capex = 3.0;          ///< I_k: capex per unit of quarterly capacity
  int lag = 4;                 ///< L_k: construction lag in quarters; [1, 20]
  double depreciation = 0.02;  ///< per quarter
  double fixed_cost = 0.01;    ///< f_k: fixed operating cost per quarter, share of capex
  double value_added = 0.3;    ///< v_k: value-added share of revenue
  double jobs = 0.05;          ///< e_k: jobs (thousands) per unit of capacity
  double pollution = 0.5;      ///< x_k: pollution per unit of output
  double risk = 0.5;           ///< R_k: novelty/risk in [0, 1]
  double signal = 0.0;         ///< sig_k: national endorsement in [0, 1]
  double shock_rho = 0.8;      ///< AR(1) persistence of the log demand shock
  double shock_sd = 0.03;      ///< sd of the log demand shock innovation
  double initial_share = 1.0;  ///< relative weight of the track in initial firm counts
  double entry_weight = 1.0;   ///< multiplies the local entry rate (lambda_k = rate * weight)
  // Demand cycles (market.demand_cycles only; docs/model.md 4.5): an annual AR(1) component of
  // log demand, common to every buyer of the track (policy-driven installation booms and busts).
  double cycle_sd = 0.0;   ///< s^C_k: sd of the annual innovation of the log demand cycle
  double cycle_rho = 0.2;  ///< rho^C_k: year-to-year persistence of the log demand cycle
};

/// The default track list modelled on the documents (PV, batteries, EVs, ...).
std::vector<TrackParams> default_tracks();
/// The track list for a world with `count` tracks: the defaults, then derived variants.
std::vector<TrackParams> make_tracks(int count);

/// Spatial price equilibrium with the unified-market friction wedge (MODEL.md section 4).
struct MarketParams {
  double kappa = 0.5;        ///< unified-market friction: 0 unified, 1 fragmented; [0, 1]
  double t0 = 0.05;          ///< physical transport cost (share of price)
  double border = 0.2;       ///< b_border: tariff equivalent of a fragmented border
  double protection = 0.3;   ///< b_prot: extra wedge per unit of a city's protection h
  double price_floor = 0.0;  ///< anti-involution floor, share of the frontier cost (0 = none)
  std::string solver = "bisection";  ///< market solver by name
  /// Market conduct (docs/model.md, "Market conduct"): "competitive" = the merit order of
  /// `solver`; "cournot" = capacity-constrained Cournot in each firm's accessible market with a
  /// utilisation cost and a price-war rule (sim/market_cournot.cpp). The numbers below are read
  /// only by "cournot".
  std::string conduct = "cournot";
  double theta = 1.0;       ///< conduct parameter: 0 price taking, 1 Cournot, > 1 collusive; [0, 5]
  double max_lerner = 0.5;  ///< limit-pricing cap on a firm's Lerner index (p - mc)/p; [0, 0.95]
  double util_cost = 1.0;   ///< phi: extra marginal cost at full load, share of unit cost; [0, 5]
  double util_curvature = 2.0;    ///< psi: mc = c + phi c u^psi; [1, 8] (1, 2 closed form)
  double war_utilisation = 0.75;  ///< u_war: price war starts when the track's CU falls below
  double war_width = 0.1;         ///< CU band below u_war over which the war reaches full force
  /// Demand with partial adjustment (docs/model.md 4.3): the solvers see each track's short-run
  /// elasticity eta_short, and the demand level follows the smoothed past price with the
  /// long-run elasticity eta; off = constant elasticity eta at every horizon.
  bool partial_adjustment = true;
  /// The rest of the world (docs/model.md 4.4): per track an export demand and an import
  /// supply at the world price (tracks.<name>.world_price, trade_cost, export_demand,
  /// export_eta, foreign_tariff); off = a closed economy.
  bool rest_of_world = false;
  /// Demand cycles (docs/model.md 4.5): each track's demand scale gets an annual log AR(1)
  /// component of documented size (tracks.<name>.cycle_sd, cycle_rho); off = the life cycle and
  /// the quarterly shock only.
  bool demand_cycles = true;
  double adjustment_speed = 0.1;  ///< weight of the latest price in the smoothed price; (0, 1]
  /// lambda: weight of the latest quarter in the smoothed CU that sets the war intensity
  /// (s <- (1 - lambda) s + lambda CU; 1 = last quarter's CU); read by the agents side.
  double war_smoothing = 0.25;
};

/// Knowledge spillovers on the city graph (MODEL.md section 7).
struct SpilloverParams {
  double chi = 1.5;          ///< kappa_K = min(1, chi * kappa): ideas cross borders less easily
  double d_half_km = 150.0;  ///< distance at which the spillover weight halves
  double strength = 0.02;    ///< s: catch-up speed per quarter
  double drift = 0.001;      ///< gA: common knowledge growth per quarter
  double learning_by_doing = 0.01;  ///< lambda_L: growth per unit of cell output share
  int lockin_years = 3;             ///< years without entrants after which a cell loses lambda_L
  double zeta = 0.5;                ///< elasticity of unit cost to the knowledge stock
  double beta_theta = 0.4;          ///< elasticity of unit cost to the endowment
  double max_km = 600.0;            ///< spillovers ignored beyond this graph distance (W sparse)
  double relatedness_across = 0.2;  ///< phi between tracks of different families
  /// Where phi comes from: track families, or co-location recomputed every year (product space:
  /// phi_kk' = min of the two conditional probabilities of RCA >= 1 co-occurring in a city).
  bool colocation_relatedness = false;
};

}  // namespace regsim::sim
