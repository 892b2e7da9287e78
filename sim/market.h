// Spatial price equilibrium with a friction wedge (MODEL.md section 4), behind a solver interface.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

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
  std::vector<double> offer_reservation;  ///< c_f - sq_f; may be <= 0 when subsidies exceed cost
  double price_floor = 0.0;               ///< export price never below this (0 = none)
  /// Where the search for P* starts (0 = at pref); last tick's P* makes it much shorter. The
  /// result does not depend on it.
  double price_hint = 0.0;
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

}  // namespace regsim::sim
