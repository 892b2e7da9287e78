// The Cournot solver's view of one order book (sim/market_cournot.cpp): accessible markets,
// city supplies and net exports at a price, and the root search it uses.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

#include "sim/market.h"
#include "sim/market_cournot_kernel.h"
#include "sim/market_internal.h"

namespace regsim::sim::detail {

/// A city's regime at an export price, in the order it takes as the price rises.
enum Regime : std::uint8_t { kImporter = 0, kAutarkic = 1, kExporter = 2 };

/// Which of a city's two prices its offers' outputs were last computed at.
enum class Side : std::uint8_t { kNone, kGate, kImport };

/// One evaluation's supplies, kept so that the final pass at lo and hi reuses them instead of
/// computing them again (the same calls, so the same doubles): per city the side last computed
/// and its sum (net_export's `side` and `supplied`), and the offers' outputs of that side.
struct SupplyRecord {
  std::vector<double> out;       ///< outputs per offer
  std::vector<Side> side;        ///< per city
  std::vector<double> supplied;  ///< per city
  bool valid = false;            ///< holds an evaluation of this solve
  /// Grows the arrays to at least these sizes (never shrinks, contents kept: an evaluation
  /// writes every city's side before anything reads it) and clears `valid`.
  void size_for(std::size_t n_cities, std::size_t n_offers);
};

/// Throws std::invalid_argument for a book the Cournot solver cannot use (see its method note).
void validate_cournot_book(const TrackOrderBook& book);

/// CournotMarket's arrays, kept from one solve to the next on a thread (sized up, never down:
/// every entry a solve reads is written first), and the last access factors (1 + t)^-eta with
/// their inputs, reused while a city's wedge and the elasticity stay the same (the same pow).
struct CournotArrays {
  std::vector<double> coef_p, coef_q, access, markup, mu, max_cap, cap, util, must, scratch;
  std::vector<double> pow_base, pow_exp;  ///< inputs of access (NaN: none yet)
};

/// One solve's view of the book: per-city demand and market-access coefficients, per-offer
/// terms, and scratch space (one solve, one thread). Its arrays are `arrays` (one CournotMarket
/// at a time per CournotArrays), or its own when null.
class CournotMarket {
 public:
  CournotMarket(const TrackOrderBook& book, const MarketParams& params,
                CournotArrays* arrays = nullptr);
  CournotMarket(const CournotMarket&) = delete;
  CournotMarket& operator=(const CournotMarket&) = delete;

  bool tradeable() const {
    return (has_capacity_ && (has_demand_ || foreign_coef_ > 0.0)) ||
           (has_import_cap(book_) && has_demand_);
  }
  bool has_foreign_demand() const { return foreign_coef_ > 0.0; }
  /// X(p): the rest of the world's purchases at export price p (infinite at p <= 0).
  double foreign_demand(double p) const {
    return p > 0.0 ? foreign_coef_ * std::pow(p, -book_.foreign_eta)
                   : std::numeric_limits<double>::infinity();
  }
  std::size_t num_cities() const { return n_; }
  std::size_t num_offers() const { return n_offers_; }
  double war() const { return war_; }
  double conduct() const { return terms_.theta; }
  double markup(std::size_t m) const { return markup_[m]; }
  double access(std::size_t m) const { return access_[m]; }
  double coef_p(std::size_t m) const { return coef_p_[m]; }
  double coef_q(std::size_t m) const { return coef_q_[m]; }
  /// Offer capacities (num_offers() entries).
  const double* capacity() const { return cap_; }
  std::size_t begin(std::size_t m) const { return book_.city_start[m]; }
  std::size_t end(std::size_t m) const { return book_.city_start[m + 1]; }

  /// p^-eta (infinite at p <= 0).
  double neg_pow(double p) const {
    return p > 0.0 ? std::pow(p, -book_.eta) : std::numeric_limits<double>::infinity();
  }
  static double demand(double coef, double x) { return coef > 0.0 ? coef * x : 0.0; }

  /// Output of city m's offers at local price p (x = p^-eta); each offer's output goes to
  /// out[i] (indices of the book), or to scratch when out is null.
  double supply(std::size_t m, double p, double x, double* out = nullptr) const;

  /// Net exports of m at an export price whose demand factor is x, with supply read at price
  /// `at` (the same price, or the other end of a bracket; x_at = at^-eta). The regime is known
  /// to lie in [lo, hi] (regimes are monotone in the price), which saves evaluations: an
  /// exporter needs only its gate side, an importer only its import side, a city known to be
  /// at least autarkic only its gate side, and a city autarkic at both ends of a bracket is
  /// autarkic inside it (net exports 0). Sets `regime`; writes the outputs of the side last
  /// evaluated to out (or scratch), says which in `side` and their sum in `supplied`.
  double net_export(std::size_t m, double at, double x_at, double x, Regime lo, Regime hi,
                    Regime& regime, double* out, Side& side, double& supplied) const;

  /// net_export where `reuse` (null, or an evaluation of scaled_excess at `at`, so
  /// x_at = at^-eta) gives the supply of the side it last computed for m: its outputs are
  /// copied to out instead of computed again.
  double net_export(std::size_t m, double at, double x_at, double x, Regime lo, Regime hi,
                    Regime& regime, double* out, Side& side, double& supplied,
                    const SupplyRecord* reuse) const;

  /// G(P) = P^eta sum_m NX_m(P) (non-decreasing, the sign of excess exports), the regimes at P
  /// written to `at`, knowing they lie between `lo` and `hi`. With `record`, the supplies
  /// computed are kept there (record->valid is set).
  double scaled_excess(double p, const std::vector<Regime>& lo, const std::vector<Regime>& hi,
                       std::vector<Regime>& at, SupplyRecord* record = nullptr) const;

  /// S_m(p) p^eta - A_m: non-decreasing in p, >= 0 where m's own supply covers its demand.
  double scaled_city_gap(std::size_t m, double p) const;

 private:
  /// net_export with the supply of each side from `sup(side, price, x)`.
  template <class Supply>
  __attribute__((always_inline)) inline double net_export_with(std::size_t m, double at,
                                                               double x_at, double x, Regime lo,
                                                               Regime hi, Regime& regime,
                                                               Side& side, double& supplied,
                                                               Supply&& sup) const;

  const TrackOrderBook& book_;
  std::size_t n_, n_offers_;
  double war_ = 0.0;
  FirmTerms terms_;
  CournotArrays own_;  ///< used when the constructor gets no arrays
  CournotArrays& a_;
  // a_'s arrays (sized in the constructor, not resized after).
  double *coef_p_ = nullptr, *coef_q_ = nullptr, *access_ = nullptr, *markup_ = nullptr;
  double *mu_ = nullptr, *max_cap_ = nullptr;
  double *cap_ = nullptr, *util_ = nullptr, *must_ = nullptr;
  double* scratch_ = nullptr;    ///< outputs nobody keeps (written by const supply calls)
  bool simd_quadratic_ = false;  ///< offers_output takes quadratic_free_avx2 when not capped
  bool has_capacity_ = false;
  bool has_demand_ = false;
  double foreign_coef_ = 0.0;  ///< X(P) = foreign_coef_ P^-foreign_eta (0: no export demand)
};

/// Narrows lo < hi (f(lo) < 0 <= f(hi), values f_lo, f_hi) to adjacent doubles. Each trial is
/// the secant through the last two points tried (the bracket's ends at first; when both lie on
/// one side, the secant step is made 30% longer, to straddle the root) when it falls inside the
/// bracket, else false position on the bracket; a trial that would land on the point just
/// tried moves one double past it towards the other end (so a root found to the last bit ends
/// the search at the next trial); a bisection step (geometric while wide) replaces all this
/// after three steps in a row that did not halve the bracket. Every trial point keeps the
/// bracket valid, so the end is a sign change of f whatever the steps were.
/// accept(true / false) reports that the trial became hi / lo.
template <class F, class Accept>
void narrow_to_adjacent(F&& f, Accept&& accept, double& lo, double& hi, double f_lo, double f_hi) {
  constexpr double kInf = std::numeric_limits<double>::infinity();
  int slow = 0;
  double x0 = lo, f0 = f_lo, x1 = hi, f1 = f_hi;  // the last two points tried
  for (int k = 0; k < 400; ++k) {
    const double width = hi - lo;
    double mid = lo;
    if (slow < 3 && lo > 0.0 && std::isfinite(f0) && std::isfinite(f1)) {
      mid = f1 != f0 ? x1 - f1 * (x1 - x0) / (f1 - f0) : lo;
      // Both points on one side: the secant converges from that side (a kink at the root
      // makes it crawl), so step 30% further to land on the other side.
      if ((f0 >= 0.0) == (f1 >= 0.0)) mid += 0.3 * (mid - x1);
      if (!(mid > lo && mid < hi) && std::isfinite(f_lo) && f_hi > f_lo)
        mid = (lo * f_hi - hi * f_lo) / (f_hi - f_lo);
      if (mid == x1) mid = f1 >= 0.0 ? std::nextafter(x1, 0.0) : std::nextafter(x1, kInf);
    }
    if (!(mid > lo && mid < hi)) {
      mid = hi > 4.0 * lo ? std::sqrt(lo) * std::sqrt(hi) : lo + 0.5 * (hi - lo);
      slow = 0;
      if (!(mid > lo && mid < hi)) mid = lo + 0.5 * (hi - lo);
      if (!(mid > lo && mid < hi)) break;  // adjacent doubles
    }
    const double v = f(mid);
    if (v >= 0.0) {
      hi = mid;
      f_hi = v;
    } else {
      lo = mid;
      f_lo = v;
    }
    x0 = x1;
    f0 = f1;
    x1 = mid;
    f1 = v;
    accept(v >= 0.0);
    slow = hi - lo > 0.5 * width ? slow + 1 : 0;
  }
}

}  // namespace regsim::sim::detail
