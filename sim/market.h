// Spatial price equilibrium with a friction wedge (MODEL.md section 4), behind a solver interface.
#pragma once

#include <cmath>
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "sim/params.h"

namespace regsim::sim {

/// One track's market for one tick. Offers are grouped by city: the offers of city m are
/// offer_*[city_start[m] .. city_start[m+1]), sorted by reservation price ascending (merit order).
struct TrackOrderBook {
  int num_cities = 0;
  double pref = 1.0;                      ///< reference price of the demand curve
  double eta = 1.5;                       ///< price elasticity (> 0)
  std::vector<double> demand_scale;       ///< per city: D_m(P) = demand_scale[m] * (P/pref)^-eta
  std::vector<double> wedge;              ///< per city: t_m >= 0; an importer pays P*(1 + t_m)
  std::vector<std::uint32_t> city_start;  ///< size num_cities + 1
  std::vector<double> offer_capacity;     ///< >= 0
  /// The lowest price at which the offer's owner makes its first unit: c_f - sq_f for an
  /// ordinary firm; a soft-budget owner (zombie, state-backed) passes its lower reservation,
  /// e.g. c_f - sq_f - z_f (fixed cost + interest) per unit. May be <= 0.
  std::vector<double> offer_reservation;
  double price_floor = 0.0;  ///< export price never below this (0 = none)
  /// Where the search for P* starts (0 = at pref); last tick's P* makes it much shorter. The
  /// competitive result does not depend on it; the Cournot result only in its last bits.
  double price_hint = 0.0;

  // Read by conduct "cournot" only (the competitive solver ignores them). Empty = all zeros.
  /// omega_f >= 0: extra marginal cost at full load; marginal cost at utilisation u = q/K is
  /// reservation + omega_f u^psi (the agents pass omega_f = util_cost * unit cost).
  std::vector<double> offer_util_cost;
  /// Minimum output in [0, capacity] (an output or employment mandate): produced at any price.
  std::vector<double> offer_must_run;
  /// The track's recent capacity utilisation in [0, 1] (e.g. last quarter's), which sets the
  /// price-war intensity; < 0 = unknown (no price war).
  double utilisation_signal = -1.0;
  /// Per city, where the search for an autarkic city's price starts (e.g. last tick's city
  /// price; empty or <= 0 = none). Like price_hint it only saves evaluations.
  std::vector<double> city_price_hint;

  // The rest of the world (read by both solvers; the defaults mean none).
  /// Export demand at the export price P: X(P) = foreign_demand (P / foreign_pref)^-foreign_eta
  /// (foreign buyers of the track's output at the gate; 0 = no exports).
  double foreign_demand = 0.0;
  double foreign_pref = 1.0;  ///< export parity: the gate price at which X = foreign_demand
  double foreign_eta = 1.5;   ///< own elasticity of the export demand (> 0)
  /// Import supply, perfectly elastic at this export price (the world price delivered): P*
  /// never exceeds it, and at it imports cover what domestic supply does not (0 = no imports).
  /// Ignored unless above price_floor (a binding floor wins).
  double import_price = 0.0;
};

/// Result of clearing one track.
struct TrackClearing {
  double export_price = 0.0;         ///< P*: price at the exporters' gate
  std::vector<double> city_price;    ///< price in each city's market
  std::vector<double> city_demand;   ///< quantity consumed in each city
  std::vector<double> city_supply;   ///< quantity produced in each city
  std::vector<double> net_export;    ///< supply - demand per city (> 0 exporter, < 0 importer)
  std::vector<double> offer_output;  ///< quantity produced by each offer, <= its capacity
  double exports = 0.0;              ///< sum of positive net exports
  double imports = 0.0;              ///< sum of negative net exports, as a positive number
  double war_intensity = 0.0;        ///< price-war intensity w in [0, 1] applied (cournot)
  double conduct = 0.0;              ///< effective conduct theta (1 - w) applied (cournot)
  /// Trade with the rest of the world (net; at most one is positive): exports X(P*) when the
  /// import price does not bind, else the domestic surplus or shortage at the import price.
  /// The cities' net exports include it (exporters also serve foreign buyers).
  double foreign_exports = 0.0;
  double foreign_imports = 0.0;
};

/// Turns an order book into prices and quantities. Implementations must be deterministic.
class MarketSolver {
 public:
  virtual ~MarketSolver() = default;
  virtual void solve(const TrackOrderBook& book, TrackClearing& out) const = 0;
};

/// "bisection": the export price solves sum(exports) = sum(imports) by bisection (MODEL.md 4).
/// Returns nullptr for an unknown name.
std::unique_ptr<MarketSolver> make_market_solver(std::string_view name);

/// The solver `params` select: conduct "competitive" gives make_market_solver(params.solver);
/// "cournot" the Cournot solver with params' conduct numbers. Throws std::invalid_argument
/// for an unknown conduct or solver, or conduct numbers out of range.
std::unique_ptr<MarketSolver> make_market_solver(const MarketParams& params);

/// Price-war intensity w in [0, 1] for a track whose recent utilisation is `signal`:
/// w = clamp((war_utilisation - signal) / war_width, 0, 1); 0 when signal < 0 (unknown).
double war_intensity(const MarketParams& params, double signal);

/// Utilisation cost of producing q of capacity k: the integral of omega u^psi over output,
/// omega k u^(psi+1) / (psi+1) with u = q/k (0 when k <= 0). An offer's variable cost is its
/// unit cost times q plus this; its average variable cost adds omega u^psi / (psi+1).
inline double utilisation_cost(double omega, double psi, double capacity, double output) {
  if (!(capacity > 0.0) || !(output > 0.0) || !(omega > 0.0)) return 0.0;
  const double u = output / capacity;
  // psi = 1 and 2 (the closed-form cases) by multiplication: a pow per firm per tick is dear.
  const double up = psi == 1.0 ? u * u : (psi == 2.0 ? u * u * u : std::pow(u, psi + 1.0));
  return omega * capacity * up / (psi + 1.0);
}

}  // namespace regsim::sim
