// Market solver factories, order-book checks and the conduct helpers shared with the agents.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>

#include "sim/market.h"
#include "sim/market_internal.h"

namespace regsim::sim {

void detail::validate_book(const TrackOrderBook& book) {
  if (book.num_cities < 0) throw std::invalid_argument("TrackOrderBook: negative num_cities");
  const auto m = static_cast<std::size_t>(book.num_cities);
  if (book.demand_scale.size() != m || book.wedge.size() != m)
    throw std::invalid_argument("TrackOrderBook: demand_scale/wedge size != num_cities");
  if (book.city_start.size() != m + 1)
    throw std::invalid_argument("TrackOrderBook: city_start size != num_cities + 1");
  if (book.offer_capacity.size() != book.offer_reservation.size())
    throw std::invalid_argument("TrackOrderBook: offer_capacity and offer_reservation differ");
  if (book.city_start.front() != 0 || book.city_start.back() != book.offer_capacity.size())
    throw std::invalid_argument("TrackOrderBook: city_start must run from 0 to the offer count");
  for (std::size_t c = 0; c < m; ++c) {
    if (book.city_start[c] > book.city_start[c + 1])
      throw std::invalid_argument("TrackOrderBook: city_start not non-decreasing");
    for (std::uint32_t i = book.city_start[c] + 1; i < book.city_start[c + 1]; ++i) {
      if (!(book.offer_reservation[i - 1] <= book.offer_reservation[i]))
        throw std::invalid_argument("TrackOrderBook: offers not sorted by reservation");
    }
  }
  if (!(book.eta > 0.0) || !std::isfinite(book.eta))
    throw std::invalid_argument("TrackOrderBook: eta must be finite and > 0");
  if (!(book.pref > 0.0) || !std::isfinite(book.pref))
    throw std::invalid_argument("TrackOrderBook: pref must be finite and > 0");
  if (!(book.foreign_demand >= 0.0) || !std::isfinite(book.foreign_demand))
    throw std::invalid_argument("TrackOrderBook: foreign_demand must be finite and >= 0");
  if (book.foreign_demand > 0.0 && !(book.foreign_pref > 0.0 && std::isfinite(book.foreign_pref) &&
                                     book.foreign_eta > 0.0 && std::isfinite(book.foreign_eta)))
    throw std::invalid_argument("TrackOrderBook: foreign_pref and foreign_eta must be > 0");
  if (!(book.import_price >= 0.0) || !std::isfinite(book.import_price))
    throw std::invalid_argument("TrackOrderBook: import_price must be finite and >= 0");
}

void detail::reset_clearing(const TrackOrderBook& book, TrackClearing& out) {
  const auto n = static_cast<std::size_t>(book.num_cities);
  out.export_price = 0.0;
  out.exports = 0.0;
  out.imports = 0.0;
  out.city_price.assign(n, 0.0);
  out.city_demand.assign(n, 0.0);
  out.city_supply.assign(n, 0.0);
  out.net_export.assign(n, 0.0);
  out.offer_output.assign(book.offer_capacity.size(), 0.0);
  out.war_intensity = 0.0;
  out.conduct = 0.0;
  out.foreign_exports = 0.0;
  out.foreign_imports = 0.0;
}

std::unique_ptr<MarketSolver> make_market_solver(std::string_view name) {
  if (name == "bisection") return detail::make_bisection_solver();
  return nullptr;
}

namespace {

void check_range(const char* key, double v, double lo, double hi) {
  if (!(v >= lo && v <= hi))
    throw std::invalid_argument(std::string("market.") + key + " = " + std::to_string(v) +
                                " outside [" + std::to_string(lo) + ", " + std::to_string(hi) +
                                "]");
}

}  // namespace

std::unique_ptr<MarketSolver> make_market_solver(const MarketParams& params) {
  // Every named choice is checked whatever the others say: `solver` names the competitive
  // solver, and an unknown one is an error under cournot too.
  auto competitive = make_market_solver(params.solver);
  if (!competitive)
    throw std::invalid_argument("unknown market solver \"" + params.solver + "\" (bisection)");
  if (params.conduct == "competitive") return competitive;
  if (params.conduct == "cournot") {
    check_range("theta", params.theta, 0.0, 5.0);
    check_range("max_lerner", params.max_lerner, 0.0, 0.95);
    check_range("util_cost", params.util_cost, 0.0, 5.0);
    check_range("util_curvature", params.util_curvature, 1.0, 8.0);
    check_range("war_utilisation", params.war_utilisation, 0.0, 1.0);
    check_range("war_width", params.war_width, 0.01, 1.0);
    return detail::make_cournot_solver(params);
  }
  throw std::invalid_argument("unknown market conduct \"" + params.conduct +
                              "\" (competitive, cournot)");
}

double war_intensity(const MarketParams& params, double signal) {
  if (!(signal >= 0.0)) return 0.0;
  const double w = (params.war_utilisation - signal) / params.war_width;
  return w <= 0.0 ? 0.0 : (w >= 1.0 ? 1.0 : w);
}

}  // namespace regsim::sim
