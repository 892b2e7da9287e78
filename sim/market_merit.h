// The competitive solver's view of one track's book: per-city merit-order supply steps and demand.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

#include "sim/market.h"
#include "sim/market_internal.h"

namespace regsim::sim::detail {

/// One solve's precomputed view of the book: capacity prefix sums per city and demand
/// coefficients, so that S_m(p) is one binary search and D_m(p) one multiplication. The method
/// note in sim/market.cpp defines E(P), the cursors and the autarky price used here.
class MeritBook {
 public:
  static constexpr double kInf = std::numeric_limits<double>::infinity();

  explicit MeritBook(const TrackOrderBook& book);

  std::size_t num_cities() const { return num_cities_; }
  bool tradeable() const {
    return (has_capacity_ && (has_demand_ || foreign_coef_ > 0.0)) ||
           (has_import_cap(book_) && has_demand_);
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

  double excess_exports_uncached(double p) const;

  /// Where each city's supply steps stand at one export price: per city, the number of its
  /// offers with reservation <= P (at the gate) and <= Q_m = P (1 + t_m) (at an importer).
  /// With the supply there: s_gate[m] = S_m(P), s_import[m] = S_m(Q_m).
  struct Cursor {
    std::vector<std::uint32_t> gate, import;
    std::vector<double> s_gate, s_import;
  };

  /// The cursor at export price p (binary search over every city's offers).
  void locate(double p, Cursor& c) const;

  /// E(p) for lo <= p <= hi given the cursors at lo and hi: each city's step is searched only
  /// between them (usually an empty range once the bracket is narrow). The sum runs over the
  /// same terms in the same order as excess_exports, so the value is the same double; the
  /// cursor at p is written to `at`.
  double excess_exports_between(double p, const Cursor& lo, const Cursor& hi, Cursor& at) const;

  /// The supply step strictly inside (lo, hi) nearest to p (gate: P = r; importer:
  /// P = r / (1 + t_m)), given the cursors at lo and hi; 0 if there is none.
  double nearest_step(double p, double lo, double hi, const Cursor& c_lo, const Cursor& c_hi) const;

  /// Price solving S_m(p) = D_m(p), clamped to [lo, hi]; a city without demand gets lo.
  double autarky_price(std::size_t m, double lo, double hi) const;

  /// Sets the outputs of m's offers to produce `target` in merit order (cheapest first, ties
  /// pro rata to capacity), using only offers with reservation <= price. Returns the total.
  double fill(std::size_t m, double target, double price, std::vector<double>& output) const;

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

}  // namespace regsim::sim::detail
