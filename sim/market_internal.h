// Pieces shared by the market solvers (sim/market*.cpp): book checks, factories, bracket search.
#pragma once

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>

#include "sim/market.h"

namespace regsim::sim::detail {

/// Throws std::invalid_argument for a malformed book: sizes that disagree, an unsorted merit
/// order, eta or pref not finite and positive (the checks every solver needs).
void validate_book(const TrackOrderBook& book);

/// Zeroes every field of `out`, sized for `book` (the degenerate book's result).
void reset_clearing(const TrackOrderBook& book, TrackClearing& out);

/// The rest of the world's export demand X(P) = coef P^-foreign_eta with
/// coef = foreign_demand foreign_pref^foreign_eta (0 without export demand).
inline double foreign_coef(const TrackOrderBook& book) {
  return book.foreign_demand > 0.0
             ? book.foreign_demand * std::pow(book.foreign_pref, book.foreign_eta)
             : 0.0;
}

/// Does the import price cap the export price (import supply, above any floor)?
inline bool has_import_cap(const TrackOrderBook& book) {
  return book.import_price > 0.0 && book.import_price > book.price_floor;
}

std::unique_ptr<MarketSolver> make_bisection_solver();
std::unique_ptr<MarketSolver> make_cournot_solver(const MarketParams& params);

constexpr double kMinPrice = std::numeric_limits<double>::min();  // smallest normal double
constexpr double kMaxPrice = std::numeric_limits<double>::max();
constexpr int kMaxExpansions = 64;  // bracket expansions (factor squares each time)
constexpr double kMaxExpansionFactor = 18446744073709551616.0;  // 2^64

/// Brackets the export price: finds lo < hi with nonneg(lo) false and nonneg(hi) true, where
/// nonneg(P) says "excess exports at P are >= 0" (false at low prices, true at high ones).
/// Returns true when the floor binds (hi = floor, lo the double below it: nothing to search).
/// `hint` (> 0: usually last tick's P*) is where the search starts, with steps of 1% that square
/// as they grow; without one it starts at the reference price with steps of 2x. lo may stay 0
/// (every positive price tried was nonneg) and hi may be the largest double (none was).
template <class NonNeg>
bool bracket_export_price(NonNeg&& nonneg, double floor, double pref, double hint, double& lo,
                          double& hi) {
  lo = 0.0;
  hi = 0.0;
  if (floor > 0.0) {
    if (nonneg(floor)) {
      // The floor binds: P* = floor, and lo just below it marks which offers are marginal.
      hi = floor;
      lo = std::nextafter(floor, 0.0);
      return true;
    }
    lo = floor;
  }
  const bool hinted = hint > 0.0 && std::isfinite(hint);
  const double start = std::max(hinted ? hint : pref, lo);
  const double first_factor = hinted ? 1.01 : 2.0;
  if (start > lo && nonneg(start)) {
    hi = start;
    if (lo == 0.0) {
      // Expand downwards: demand grows without bound as P -> 0, so E turns negative.
      double factor = first_factor;
      for (int k = 0; k < kMaxExpansions; ++k) {
        const double cand = std::max(hi / factor, kMinPrice);
        if (!nonneg(cand)) {
          lo = cand;
          break;
        }
        hi = cand;
        if (cand == kMinPrice) break;  // lo stays 0: the arithmetic bisection handles it
        factor = std::min(factor * factor, kMaxExpansionFactor);
      }
    }
  } else {
    lo = start;
    // Expand upwards: demand vanishes as P -> infinity while capacity stays, so E turns >= 0.
    double factor = first_factor;
    hi = kMaxPrice;  // fallback if E < 0 everywhere (only for absurd books)
    for (int k = 0; k < kMaxExpansions; ++k) {
      const double cand = std::min(lo * factor, kMaxPrice);
      if (nonneg(cand)) {
        hi = cand;
        break;
      }
      lo = cand;
      if (cand == kMaxPrice) break;
      factor = std::min(factor * factor, kMaxExpansionFactor);
    }
  }
  return false;
}

}  // namespace regsim::sim::detail
