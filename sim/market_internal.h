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

/// bracket_export_price for a search that sees the values g(P) (the excess, scaled by a
/// positive factor), not only their signs. From a hint, the first step is the same 1%; every
/// later step aims 5% past the root that the secant through the last two prices tried predicts
/// (so as to straddle it), at least 0.1% and at most twice the price or bracket_export_price's
/// step (which squares as it grows), whichever is further; where the secant points back, that
/// step. Prices move by a few percent a tick: where bracket_export_price needs several growing
/// steps, this usually needs one after the first, and leaves a narrower bracket. Without a hint,
/// or with a floor, it is bracket_export_price. The same contract: lo < hi with g(lo) < 0 <=
/// g(hi) (lo may stay 0 and hi may be the largest double), or true when the floor binds.
template <class G>
bool bracket_export_price_by_secant(G&& g, double floor, double pref, double hint, double& lo,
                                    double& hi) {
  const auto nonneg = [&](double p) { return g(p) >= 0.0; };
  if (floor > 0.0 || !(hint > 0.0 && std::isfinite(hint)))
    return bracket_export_price(nonneg, floor, pref, hint, lo, hi);
  constexpr double kFirstFactor = 1.01, kMinFactor = 1.001, kOvershoot = 1.05, kMaxAim = 2.0;
  double x1 = hint;
  double g1 = g(x1);
  const bool up = !(g1 >= 0.0);  // the root lies above the hint
  double x0 = x1, g0 = g1;
  double factor = kFirstFactor;
  for (int k = 0; k < kMaxExpansions; ++k) {
    const double far = up ? std::min(x1 * factor, kMaxPrice) : std::max(x1 / factor, kMinPrice);
    double cand = far;
    if (k > 0 && std::isfinite(g0) && std::isfinite(g1) && g1 != g0) {
      const double root = x1 - g1 * (x1 - x0) / (g1 - g0);
      const double near = up ? x1 * kMinFactor : x1 / kMinFactor;
      const double aim = x1 + kOvershoot * (root - x1);
      if (up ? aim > x1 : aim < x1)  // the secant points the way the search goes
        cand = up ? std::min(std::clamp(aim, near, std::max(far, x1 * kMaxAim)), kMaxPrice)
                  : std::max(std::clamp(aim, std::min(far, x1 / kMaxAim), near), kMinPrice);
    }
    const double gc = g(cand);
    if (up ? gc >= 0.0 : !(gc >= 0.0)) {
      lo = up ? x1 : cand;
      hi = up ? cand : x1;
      return false;
    }
    if (cand == (up ? kMaxPrice : kMinPrice)) {  // as bracket_export_price at the ends
      lo = up ? cand : 0.0;
      hi = up ? kMaxPrice : cand;
      return false;
    }
    x0 = x1;
    g0 = g1;
    x1 = cand;
    g1 = gc;
    factor = std::min(factor * factor, kMaxExpansionFactor);
  }
  lo = up ? x1 : 0.0;
  hi = up ? kMaxPrice : x1;
  return false;
}

}  // namespace regsim::sim::detail
