// Bisection market solver: spatial price equilibrium with a friction wedge for one track (the
// method, the price search, the allocation; the book's supply steps and demand: market_merit.h).
#include "sim/market.h"
#include "sim/market_internal.h"
#include "sim/market_merit.h"

#include <algorithm>
#include <cmath>
#include <cstddef>

namespace regsim::sim {

// Method (prices in currency per unit, quantities in units per tick).
//
// City m at export price P faces two prices: P (selling to exporters' gate) and
// Q_m = P (1 + t_m) (buying imports). With Z_m(p) = S_m(p) - D_m(p) its net export is
//   NX_m(P) = max(Z_m(P), 0) + min(Z_m(Q_m), 0),
// i.e. exporter at P, importer at Q_m, autarkic in between. S_m(p) is the capacity of the offers
// with reservation <= p (right-continuous merit-order step function), so E(P) = sum_m NX_m(P) is
// non-decreasing in P, exactly so in floating point too (every step is a monotone operation).
//
// P* is the smallest double with E(P*) >= 0: the bracket [lo, hi] (E(lo) < 0 <= E(hi)) is
// expanded geometrically, bisected on the geometric mean while wide and on the arithmetic mean
// once narrow, until lo and hi are adjacent doubles. No tolerance is involved, so the result is
// deterministic and unique. Because the bracket ends on adjacent doubles, an equilibrium on a
// step of an exporter's merit order lands exactly on that offer's reservation price.
//
// Steps: the offers that switch on between lo and hi (reservation in (lo, hi] at the gate or in
// (lo (1+t), hi (1+t)] at an importer) are the marginal offers. Evaluating every city at hi's
// demand with supply at lo (E_lo) and at hi (E_hi) brackets the balance; each city gets
// NX_lo + theta (NX_hi - NX_lo) with one theta for all, so the marginal offers of every city
// ration the same fraction of their swing and exports equal imports.
//
// Rationing rule (price floor, and any rounding residue): when exports still exceed imports at P*
// (which happens when the floor binds: supply exceeds demand at the floor), every exporter's net
// export is scaled by the same factor imports / exports. Within a city, output is then filled in
// merit order, cheapest first; offers with the same reservation share pro rata to capacity.
// So under a binding floor the cheapest firms of a city produce and the dearer ones idle, even
// when the dearer ones' reservations are below the city price.
//
// Autarkic cities: the price solves S_m(p) = D_m(p) in closed form on the merit order
// (D_m is a power law): either a reservation price where the marginal offer produces the gap, or
// D_m^{-1}(capacity below the next step). It is clamped to [P*, Q_m] against rounding.
//
// Degenerate books (documented behaviour): with no offer of positive capacity and finite
// reservation, or no city with positive demand, nothing can trade at a finite positive price, so
// everything is zero: export_price = 0, every city_price, city_demand, city_supply, net_export
// and offer_output = 0, exports = imports = 0. This covers the empty book. A city with
// demand_scale 0 consumes 0 and, when not exporting, is quoted the export price P*.
//
// Rest of the world (docs/model.md 4.4): foreign buyers are one more importer at the gate, with
// their own demand curve X(P) = foreign_demand (P / foreign_pref)^-foreign_eta, so
// E(P) = sum_m NX_m(P) - X(P), still non-decreasing. Import supply is perfectly elastic at
// import_price: when E is still negative just below it, P* = import_price and the foreign node
// takes the cities' net position there (every offer at or below it runs; imports cover the
// shortage, or foreign buyers take a surplus), with no rationing. Otherwise the foreign buyers
// are served X(P*) like an importer, and the floor's rationing scales exporters to imports + X.
// A track with import supply and domestic demand trades even without domestic capacity.
//
// Malformed books (sizes that disagree, unsorted merit order, eta or pref <= 0) throw
// std::invalid_argument. Negative capacities and wedges are treated as 0.

namespace {

constexpr int kMaxBisections = 400;  // never reached: ~11 geometric + ~54 arithmetic steps

using detail::MeritBook;

/// Shrinks a valid bracket (E(lo) < 0 <= E(hi)) with Illinois false-position steps, moved onto
/// supply steps while any lie inside, until it is narrow (1e-14 relative); the bisection that
/// follows then needs a few instead of ~55 steps to reach adjacent doubles. Every trial point
/// lies inside the bracket and keeps it valid, so the final answer is the same boundary whatever
/// points are tried (about 11 evaluations per solve instead of 20 in the default world).
void narrow_bracket(const MeritBook& market, double& lo, double& hi, MeritBook::Cursor& c_lo,
                    MeritBook::Cursor& c_hi, MeritBook::Cursor& c_mid) {
  if (!(lo > 0.0)) return;
  double f_lo = market.excess_exports(lo), f_hi = market.excess_exports(hi);
  if (!(f_lo < 0.0 && f_hi >= 0.0)) return;
  int side = 0;
  bool below_step = false;
  for (int k = 0; k < 60 && hi - lo > 1e-14 * hi; ++k) {
    // Supply steps inside the bracket make E jump; false position handles jumps badly, so its
    // estimate is moved to the nearest step, and after a step is found with E >= 0 the double
    // just below it is tried (E < 0 there means the step is P*).
    bool steps = false;
    for (std::size_t m = 0; m < c_lo.gate.size() && !steps; ++m)
      steps = c_lo.gate[m] != c_hi.gate[m] || c_lo.import[m] != c_hi.import[m];
    double mid = (lo * f_hi - hi * f_lo) / (f_hi - f_lo);
    if (!(mid > lo && mid < hi)) mid = lo + 0.5 * (hi - lo);
    bool snapped = false;
    if (below_step) {
      mid = std::nextafter(hi, 0.0);  // hi is a step with E >= 0: is E < 0 just below it?
    } else if (steps) {
      const double snap = market.nearest_step(mid, lo, hi, c_lo, c_hi);
      if (snap > 0.0) {
        mid = snap;
        snapped = true;
      }
    }
    below_step = false;
    if (!(mid > lo && mid < hi)) mid = lo + 0.5 * (hi - lo);
    const double f = market.excess_exports_between(mid, c_lo, c_hi, c_mid);
    if (f >= 0.0) {
      hi = mid;
      std::swap(c_hi, c_mid);
      f_hi = f;
      if (side == 1) f_lo *= 0.5;
      side = 1;
      below_step = snapped;
    } else {
      lo = mid;
      std::swap(c_lo, c_mid);
      f_lo = f;
      if (side == -1) f_hi *= 0.5;
      side = -1;
    }
  }
}

/// Finds lo < hi with E(lo) < 0 <= E(hi), lo and hi adjacent doubles (see the method note).
/// `hint` (> 0: usually last tick's P*) is where the bracket search starts, with steps of 1% that
/// square as they grow; without one it starts at the reference price with steps of 2x. Either
/// way the answer is the same boundary (the smallest double with E >= 0; see the method note),
/// only found in fewer evaluations. With import supply, P* is the import price when E is still
/// negative just below it; returns true then (lo, hi = the double below it and it).
bool find_export_price(const MeritBook& market, const TrackOrderBook& book, double& lo,
                       double& hi) {
  const auto nonneg = [&market](double p) { return market.excess_exports(p) >= 0.0; };
  if (detail::has_import_cap(book)) {
    const double below = std::nextafter(book.import_price, 0.0);
    if (!nonneg(below)) {
      lo = below;
      hi = book.import_price;
      return true;
    }
  }
  if (detail::bracket_export_price(nonneg, book.price_floor, book.pref, book.price_hint, lo, hi))
    return false;
  // From here every price tried lies in [lo, hi]: cursors at both ends bound each city's search.
  MeritBook::Cursor c_lo, c_hi, c_mid;
  market.locate(lo, c_lo);
  market.locate(hi, c_hi);
  narrow_bracket(market, lo, hi, c_lo, c_hi, c_mid);
  for (int k = 0; k < kMaxBisections; ++k) {
    // Geometric mean (bisection in log price) while the bracket is wide; arithmetic mean when
    // narrow, where it is exact and reaches adjacent doubles in about 53 steps.
    double mid = hi > 4.0 * lo ? std::sqrt(lo) * std::sqrt(hi) : lo + 0.5 * (hi - lo);
    if (!(mid > lo && mid < hi)) mid = lo + 0.5 * (hi - lo);
    if (!(mid > lo && mid < hi)) break;  // adjacent doubles
    if (market.excess_exports_between(mid, c_lo, c_hi, c_mid) >= 0.0) {
      hi = mid;
      std::swap(c_hi, c_mid);
    } else {
      lo = mid;
      std::swap(c_lo, c_mid);
    }
  }
  return false;
}

class BisectionSolver final : public MarketSolver {
 public:
  void solve(const TrackOrderBook& book, TrackClearing& out) const override;
};

void BisectionSolver::solve(const TrackOrderBook& book, TrackClearing& out) const {
  detail::validate_book(book);
  const auto num_cities = static_cast<std::size_t>(book.num_cities);
  detail::reset_clearing(book, out);

  const MeritBook market(book);
  if (!market.tradeable()) return;  // degenerate book: all zeros (see the method note)

  double lo = 0.0;
  double hi = 0.0;
  const bool capped = find_export_price(market, book, lo, hi);
  out.export_price = hi;
  // The rest of the world's net purchases from the pool: X(P*), or at the import price the
  // cities' net position (set below).
  double foreign = market.has_foreign_demand() && !capped ? market.foreign_demand(hi) : 0.0;

  // Net exports at hi's demand with supply read at hi (E_hi >= 0) and at lo (E_lo, normally < 0);
  // computed with the same operations as excess_exports, so E_hi is the value bisection saw.
  const double x = market.neg_pow(hi);
  std::vector<double> nx_lo(num_cities);
  std::vector<double> nx_hi(num_cities);
  double e_lo = 0.0;
  double e_hi = 0.0;
  for (std::size_t m = 0; m < num_cities; ++m) {
    const double d_p = MeritBook::demand(market.coef_p(m), x);
    const double d_q = MeritBook::demand(market.coef_q(m), x);
    nx_hi[m] = market.city_net(m, hi, hi * market.markup(m), d_p, d_q);
    nx_lo[m] = market.city_net(m, lo, lo * market.markup(m), d_p, d_q);
    e_hi += nx_hi[m];
    e_lo += nx_lo[m];
  }
  if (foreign > 0.0) {
    e_hi -= foreign;
    e_lo -= foreign;
  }
  // One rationing fraction for all marginal offers, chosen so that exports = imports; at the
  // import price every offer at or below it runs.
  double theta = 0.0;
  if (capped) {
    theta = 1.0;
  } else if (e_lo < 0.0 && e_hi > e_lo) {
    theta = std::min(1.0, -e_lo / (e_hi - e_lo));
  }
  std::vector<double> nx(num_cities);
  double exports = 0.0;
  double imports = 0.0;
  for (std::size_t m = 0; m < num_cities; ++m) {
    nx[m] = nx_lo[m] + theta * (nx_hi[m] - nx_lo[m]);
    if (nx[m] > 0.0) exports += nx[m];
    if (nx[m] < 0.0) imports -= nx[m];
  }
  // Glut at the floor (or rounding residue): exporters' surplus shrinks pro rata to their exports.
  // At the import price the rest of the world takes the cities' net position instead.
  if (capped) {
    foreign = exports - imports;
  } else if (exports > imports + foreign) {
    const double scale = (imports + foreign) / exports;
    for (double& v : nx) {
      if (v > 0.0) v *= scale;
    }
  }
  out.foreign_exports = std::max(foreign, 0.0);
  out.foreign_imports = std::max(-foreign, 0.0);

  for (std::size_t m = 0; m < num_cities; ++m) {
    const double q = hi * market.markup(m);
    double price;
    double demand;
    double target;
    if (nx[m] > 0.0) {
      price = hi;
      demand = MeritBook::demand(market.coef_p(m), x);
      target = demand + nx[m];
    } else if (nx[m] < 0.0) {
      price = q;
      demand = MeritBook::demand(market.coef_q(m), x);
      target = demand + nx[m];
    } else {
      price = market.autarky_price(m, hi, q);
      demand = MeritBook::demand(market.coef_p(m), market.neg_pow(price));
      target = demand;
    }
    out.city_price[m] = price;
    out.city_demand[m] = demand;
    out.city_supply[m] = market.fill(m, target, price, out.offer_output);
    out.net_export[m] = out.city_supply[m] - demand;
    if (out.net_export[m] > 0.0) out.exports += out.net_export[m];
    if (out.net_export[m] < 0.0) out.imports -= out.net_export[m];
  }
}

}  // namespace

std::unique_ptr<MarketSolver> detail::make_bisection_solver() {
  return std::make_unique<BisectionSolver>();
}

}  // namespace regsim::sim
