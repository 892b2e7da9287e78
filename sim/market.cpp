// Bisection market solver: spatial price equilibrium with a friction wedge for one track.
#include "sim/market.h"
#include "sim/market_internal.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>

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

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr int kMaxBisections = 400;  // never reached: ~11 geometric + ~54 arithmetic steps

/// One solve's precomputed view of the book: capacity prefix sums per city and demand
/// coefficients, so that S_m(p) is one binary search and D_m(p) one multiplication.
class Market {
 public:
  explicit Market(const TrackOrderBook& book)
      : book_(book),
        res_(book.offer_reservation.data()),
        num_cities_(static_cast<std::size_t>(book.num_cities)),
        cum_(book.offer_capacity.size() + num_cities_ + 1, 0.0),
        coef_p_(num_cities_, 0.0),
        coef_q_(num_cities_, 0.0),
        markup_(num_cities_, 1.0),
        foreign_coef_(detail::foreign_coef(book)) {
    // D_m(p) = s_m (p / pref)^-eta = a_m p^-eta with a_m = s_m pref^eta; at the import price
    // Q = P (1+t) it is b_m P^-eta with b_m = a_m (1+t)^-eta, so one pow per E(P) evaluation.
    const double pref_eta = std::pow(book.pref, book.eta);
    for (std::size_t m = 0; m < num_cities_; ++m) {
      const double scale = std::max(book.demand_scale[m], 0.0);
      coef_p_[m] = scale * pref_eta;
      markup_[m] = 1.0 + std::max(book.wedge[m], 0.0);
      coef_q_[m] = coef_p_[m] * std::pow(markup_[m], -book.eta);
      if (coef_p_[m] > 0.0) has_demand_ = true;
      // Per-city prefix sums (restarting at each city keeps them exact for small cities):
      // cum_[base(m) + k] = capacity of the first k offers of m.
      const std::size_t b = book.city_start[m];
      const std::size_t e = book.city_start[m + 1];
      double sum = 0.0;
      cum_[base(m)] = 0.0;
      for (std::size_t i = b; i < e; ++i) {
        const double cap = std::max(book.offer_capacity[i], 0.0);
        if (cap > 0.0 && std::isfinite(res_[i])) has_capacity_ = true;
        sum += cap;
        cum_[base(m) + (i - b) + 1] = sum;
      }
    }
  }

  std::size_t num_cities() const { return num_cities_; }
  bool tradeable() const {
    return (has_capacity_ && (has_demand_ || foreign_coef_ > 0.0)) ||
           (detail::has_import_cap(book_) && has_demand_);
  }
  bool has_foreign_demand() const { return foreign_coef_ > 0.0; }
  /// X(p): the rest of the world's purchases at export price p (infinite at p <= 0).
  double foreign_demand(double p) const {
    return p > 0.0 ? foreign_coef_ * std::pow(p, -book_.foreign_eta) : kInf;
  }
  double markup(std::size_t m) const { return markup_[m]; }
  double coef_p(std::size_t m) const { return coef_p_[m]; }
  double coef_q(std::size_t m) const { return coef_q_[m]; }

  /// p^-eta, with demand infinite at prices <= 0.
  double neg_pow(double p) const { return p > 0.0 ? std::pow(p, -book_.eta) : kInf; }

  /// coef * p^-eta given x = p^-eta; a city without demand consumes 0 even where x is infinite.
  static double demand(double coef, double x) { return coef > 0.0 ? coef * x : 0.0; }

  /// S_m(p): capacity of the offers of m with reservation <= p.
  double supply(std::size_t m, double p) const {
    const double* first = res_ + book_.city_start[m];
    const double* last = res_ + book_.city_start[m + 1];
    return cum_[base(m) + static_cast<std::size_t>(std::upper_bound(first, last, p) - first)];
  }

  /// Net export of m given the prices its supply is read at and its demands at P and Q.
  double city_net(std::size_t m, double p_supply, double q_supply, double d_p, double d_q) const {
    const double s_p = supply(m, p_supply);
    const double s_q = q_supply == p_supply ? s_p : supply(m, q_supply);
    return std::max(s_p - d_p, 0.0) + std::min(s_q - d_q, 0.0);
  }

  /// E(P): total exports minus total imports at export price p.
  double excess_exports(double p) const {
    // The bracket search evaluates its end points again when it narrows: remember the last few
    // evaluations (the function is deterministic, so a remembered value is the same double).
    for (int i = 0; i < kMemo; ++i)
      if (memo_p_[i] == p) return memo_e_[i];
    const double e = excess_exports_uncached(p);
    memo_p_[memo_next_] = p;
    memo_e_[memo_next_] = e;
    memo_next_ = (memo_next_ + 1) % kMemo;
    return e;
  }

  double excess_exports_uncached(double p) const {
    const double x = neg_pow(p);
    double sum = 0.0;
    for (std::size_t m = 0; m < num_cities_; ++m) {
      sum += city_net(m, p, p * markup_[m], demand(coef_p_[m], x), demand(coef_q_[m], x));
    }
    if (foreign_coef_ > 0.0) sum -= foreign_demand(p);
    return sum;
  }

  /// Where each city's supply steps stand at one export price: per city, the number of its
  /// offers with reservation <= P (at the gate) and <= Q_m = P (1 + t_m) (at an importer).
  /// With the supply there: s_gate[m] = S_m(P), s_import[m] = S_m(Q_m).
  struct Cursor {
    std::vector<std::uint32_t> gate, import;
    std::vector<double> s_gate, s_import;
  };

  /// The cursor at export price p (binary search over every city's offers).
  void locate(double p, Cursor& c) const {
    c.gate.resize(num_cities_);
    c.import.resize(num_cities_);
    c.s_gate.resize(num_cities_);
    c.s_import.resize(num_cities_);
    for (std::size_t m = 0; m < num_cities_; ++m) {
      c.gate[m] = count_at_most(m, p, 0, size(m));
      c.import[m] = count_at_most(m, p * markup_[m], 0, size(m));
      c.s_gate[m] = cum_[base(m) + c.gate[m]];
      c.s_import[m] = cum_[base(m) + c.import[m]];
    }
  }

  /// E(p) for lo <= p <= hi given the cursors at lo and hi: each city's step is searched only
  /// between them (usually an empty range once the bracket is narrow). The sum runs over the
  /// same terms in the same order as excess_exports, so the value is the same double; the
  /// cursor at p is written to `at`.
  double excess_exports_between(double p, const Cursor& lo, const Cursor& hi, Cursor& at) const {
    const double x = neg_pow(p);
    // Start from the cursor at lo; only cities with a step inside the bracket can differ (once
    // the bracket is narrow, few do), so the per-city terms below are branch-free.
    at = lo;
    for (std::size_t m = 0; m < num_cities_; ++m) {
      if (lo.gate[m] == hi.gate[m] && lo.import[m] == hi.import[m]) continue;
      const double q = p * markup_[m];
      const std::uint32_t g = count_at_most(m, p, lo.gate[m], hi.gate[m]);
      const std::uint32_t i = q == p ? g : count_at_most(m, q, lo.import[m], hi.import[m]);
      at.gate[m] = g;
      at.import[m] = i;
      at.s_gate[m] = cum_[base(m) + g];
      at.s_import[m] = cum_[base(m) + i];
    }
    terms_.resize(num_cities_);
    for (std::size_t m = 0; m < num_cities_; ++m)
      terms_[m] = std::max(at.s_gate[m] - demand(coef_p_[m], x), 0.0) +
                  std::min(at.s_import[m] - demand(coef_q_[m], x), 0.0);
    double sum = 0.0;
    for (std::size_t m = 0; m < num_cities_; ++m) sum += terms_[m];  // in city order
    if (foreign_coef_ > 0.0) sum -= foreign_demand(p);
    return sum;
  }

  /// The supply step strictly inside (lo, hi) nearest to p (gate: P = r; importer:
  /// P = r / (1 + t_m)), given the cursors at lo and hi; 0 if there is none.
  double nearest_step(double p, double lo, double hi, const Cursor& c_lo,
                      const Cursor& c_hi) const {
    double best = 0.0, dist = kInf;
    auto consider = [&](double s) {
      if (s > lo && s < hi && std::abs(s - p) < dist) {
        dist = std::abs(s - p);
        best = s;
      }
    };
    for (std::size_t m = 0; m < num_cities_; ++m) {
      if (c_lo.gate[m] == c_hi.gate[m] && c_lo.import[m] == c_hi.import[m]) continue;
      const double* r = res_ + book_.city_start[m];
      for (std::uint32_t j = c_lo.gate[m]; j < c_hi.gate[m]; ++j) consider(r[j]);
      for (std::uint32_t j = c_lo.import[m]; j < c_hi.import[m]; ++j) consider(r[j] / markup_[m]);
    }
    return best;
  }

  /// Price solving S_m(p) = D_m(p), clamped to [lo, hi]; a city without demand gets lo.
  double autarky_price(std::size_t m, double lo, double hi) const {
    const double a = coef_p_[m];
    if (!(a > 0.0)) return lo;
    const std::size_t b = book_.city_start[m];
    const std::size_t e = book_.city_start[m + 1];
    // First offer j (in merit order) with D(r_j) <= S(r_j): monotone in j, and it is the first
    // offer of its tie group since the predicate only depends on r_j.
    std::size_t j = b;
    std::size_t n = e - b;
    while (n > 0) {
      const std::size_t half = n / 2;
      const std::size_t mid = j + half;
      if (demand(a, neg_pow(res_[mid])) <= supply(m, res_[mid])) {
        n = half;
      } else {
        j = mid + 1;
        n -= half + 1;
      }
    }
    const double below = cum_[base(m) + (j - b)];  // capacity strictly cheaper than offer j
    double price;
    if (j < e && demand(a, neg_pow(res_[j])) >= below) {
      price = res_[j];  // demand falls inside offer j's step: j is marginal at its reservation
    } else {
      price = below > 0.0 ? std::pow(below / a, -1.0 / book_.eta) : kInf;  // D(p) = below
    }
    return std::min(std::max(price, lo), hi);
  }

  /// Sets the outputs of m's offers to produce `target` in merit order (cheapest first, ties
  /// pro rata to capacity), using only offers with reservation <= price. Returns the total.
  double fill(std::size_t m, double target, double price, std::vector<double>& output) const {
    const std::size_t b = book_.city_start[m];
    const std::size_t e = book_.city_start[m + 1];
    const std::vector<double>& cap = book_.offer_capacity;
    double remaining = target;
    std::size_t i = b;
    while (i < e && res_[i] <= price && remaining > 0.0) {
      std::size_t j = i;
      double group = 0.0;
      while (j < e && res_[j] == res_[i]) group += std::max(cap[j++], 0.0);
      const double share = remaining >= group ? 1.0 : remaining / group;
      for (std::size_t k = i; k < j; ++k) output[k] = std::max(cap[k], 0.0) * share;
      remaining = share < 1.0 ? 0.0 : remaining - group;
      i = j;
    }
    double total = 0.0;
    for (std::size_t k = b; k < e; ++k) total += output[k];
    return total;
  }

 private:
  std::size_t base(std::size_t m) const { return book_.city_start[m] + m; }
  std::uint32_t size(std::size_t m) const { return book_.city_start[m + 1] - book_.city_start[m]; }
  /// Offers of m with reservation <= p, knowing the count lies in [a, b].
  std::uint32_t count_at_most(std::size_t m, double p, std::uint32_t a, std::uint32_t b) const {
    if (a == b) return a;
    const double* first = res_ + book_.city_start[m];
    return static_cast<std::uint32_t>(std::upper_bound(first + a, first + b, p) - first);
  }

  const TrackOrderBook& book_;
  const double* res_;
  std::size_t num_cities_;
  std::vector<double> cum_;
  std::vector<double> coef_p_;
  std::vector<double> coef_q_;
  std::vector<double> markup_;
  bool has_capacity_ = false;
  static constexpr int kMemo = 4;
  mutable double memo_p_[kMemo] = {-1.0, -1.0, -1.0, -1.0};  ///< prices are never negative
  mutable double memo_e_[kMemo] = {};
  mutable int memo_next_ = 0;
  bool has_demand_ = false;
  double foreign_coef_ = 0.0;  ///< X(P) = foreign_coef_ P^-foreign_eta (0: no export demand)
  mutable std::vector<double>
      terms_;  ///< scratch of excess_exports_between (one solve, one thread)
};

/// Shrinks a valid bracket (E(lo) < 0 <= E(hi)) with Illinois false-position steps, moved onto
/// supply steps while any lie inside, until it is narrow (1e-14 relative); the bisection that
/// follows then needs a few instead of ~55 steps to reach adjacent doubles. Every trial point
/// lies inside the bracket and keeps it valid, so the final answer is the same boundary whatever
/// points are tried (about 11 evaluations per solve instead of 20 in the default world).
void narrow_bracket(const Market& market, double& lo, double& hi, Market::Cursor& c_lo,
                    Market::Cursor& c_hi, Market::Cursor& c_mid) {
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
bool find_export_price(const Market& market, const TrackOrderBook& book, double& lo, double& hi) {
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
  Market::Cursor c_lo, c_hi, c_mid;
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

  const Market market(book);
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
    const double d_p = Market::demand(market.coef_p(m), x);
    const double d_q = Market::demand(market.coef_q(m), x);
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
      demand = Market::demand(market.coef_p(m), x);
      target = demand + nx[m];
    } else if (nx[m] < 0.0) {
      price = q;
      demand = Market::demand(market.coef_q(m), x);
      target = demand + nx[m];
    } else {
      price = market.autarky_price(m, hi, q);
      demand = Market::demand(market.coef_p(m), market.neg_pow(price));
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
