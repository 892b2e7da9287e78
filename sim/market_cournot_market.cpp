// The Cournot solver's view of one order book: accessible markets, supplies, net exports.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <limits>
#include <stdexcept>
#include <vector>

#include "sim/market_cournot.h"
#include "sim/market_internal.h"

namespace regsim::sim::detail {

namespace {
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kBig = std::numeric_limits<double>::max();
}  // namespace

void validate_cournot_book(const TrackOrderBook& book) {
  validate_book(book);
  const std::size_t n = book.offer_capacity.size();
  auto bad = [](const char* what) { throw std::invalid_argument(what); };
  if (!book.offer_util_cost.empty() && book.offer_util_cost.size() != n)
    bad("TrackOrderBook: offer_util_cost size != offer count");
  if (!book.offer_must_run.empty() && book.offer_must_run.size() != n)
    bad("TrackOrderBook: offer_must_run size != offer count");
  for (std::size_t i = 0; i < n; ++i) {
    if (std::isnan(book.offer_reservation[i]) || book.offer_reservation[i] == -kInf)
      bad("TrackOrderBook: reservation NaN or -infinity");
    if (!std::isfinite(book.offer_capacity[i])) bad("TrackOrderBook: capacity not finite");
    if (!book.offer_util_cost.empty() &&
        !(book.offer_util_cost[i] >= 0.0 && std::isfinite(book.offer_util_cost[i])))
      bad("TrackOrderBook: offer_util_cost must be finite and >= 0");
    if (!book.offer_must_run.empty() &&
        !(book.offer_must_run[i] >= 0.0 &&
          book.offer_must_run[i] <= std::max(book.offer_capacity[i], 0.0)))
      bad("TrackOrderBook: offer_must_run must lie in [0, capacity]");
  }
  for (std::size_t m = 0; m < book.demand_scale.size(); ++m) {
    if (!std::isfinite(book.demand_scale[m])) bad("TrackOrderBook: demand_scale not finite");
    if (!std::isfinite(book.wedge[m])) bad("TrackOrderBook: wedge not finite");
  }
  if (!book.city_price_hint.empty() && book.city_price_hint.size() != book.demand_scale.size())
    bad("TrackOrderBook: city_price_hint size != num_cities");
  if (std::isnan(book.utilisation_signal)) bad("TrackOrderBook: NaN utilisation_signal");
}

namespace {
/// Grows v to at least n entries (contents kept).
void grow(std::vector<double>& v, std::size_t n, double fill = 0.0) {
  if (v.size() < n) v.resize(n, fill);
}
}  // namespace

CournotMarket::CournotMarket(const TrackOrderBook& book, const MarketParams& params,
                             CournotArrays* arrays)
    : book_(book),
      n_(static_cast<std::size_t>(book.num_cities)),
      n_offers_(book.offer_capacity.size()),
      a_(arrays ? *arrays : own_),
      foreign_coef_(foreign_coef(book)) {
  const double eta = book.eta;
  war_ = war_intensity(params, book.utilisation_signal);
  const double psi = params.util_curvature;
  terms_.theta = params.theta * (1.0 - war_);
  terms_.lerner = params.max_lerner;
  terms_.psi = psi;
  terms_.eta = eta;
  terms_.kind =
      psi == 1.0 ? CurveKind::Linear : (psi == 2.0 ? CurveKind::Quadratic : CurveKind::General);
  simd_quadratic_ = terms_.kind == CurveKind::Quadratic && quadratic_free_simd_available();
  const double lambda = 1.0 - war_ * psi / (psi + 1.0);  // mc (0) to AVC (1) pricing in a war
  const double pref_eta = std::pow(book.pref, eta);
  for (std::vector<double>* v :
       {&a_.coef_p, &a_.coef_q, &a_.access, &a_.markup, &a_.mu, &a_.max_cap})
    grow(*v, n_);
  // The arrays keep their sizes from here on: raw pointers (one load per access in the loops).
  coef_p_ = a_.coef_p.data();
  coef_q_ = a_.coef_q.data();
  access_ = a_.access.data();
  markup_ = a_.markup.data();
  mu_ = a_.mu.data();
  max_cap_ = a_.max_cap.data();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  grow(a_.pow_base, n_, nan);
  grow(a_.pow_exp, n_, nan);
  double reach = 0.0;  // sum_m a_m A_m
  for (std::size_t m = 0; m < n_; ++m) {
    coef_p_[m] = std::max(book.demand_scale[m], 0.0) * pref_eta;
    markup_[m] = 1.0 + std::max(book.wedge[m], 0.0);
    // The same pow as last time when its inputs are the same (NaN never compares equal).
    if (!(a_.pow_base[m] == markup_[m] && a_.pow_exp[m] == -eta)) {
      access_[m] = std::pow(markup_[m], -eta);
      a_.pow_base[m] = markup_[m];
      a_.pow_exp[m] = -eta;
    }
    coef_q_[m] = coef_p_[m] * access_[m];
    reach += coef_q_[m];
    if (coef_p_[m] > 0.0) has_demand_ = true;
  }
  // Foreign buyers count in every firm's accessible market at their level at export parity,
  // conjectured with the domestic elasticity (docs/model.md 4.4).
  if (foreign_coef_ > 0.0) reach += book.foreign_demand * std::pow(book.foreign_pref, eta);
  for (std::size_t m = 0; m < n_; ++m) mu_[m] = reach + (coef_p_[m] - coef_q_[m]);
  for (std::vector<double>* v : {&a_.cap, &a_.util, &a_.must, &a_.scratch}) grow(*v, n_offers_);
  cap_ = a_.cap.data();
  util_ = a_.util.data();
  must_ = a_.must.data();
  scratch_ = a_.scratch.data();
  // Straight loops (vectorised), then the first offer that can supply.
  const double* capacity = book.offer_capacity.data();
  for (std::size_t i = 0; i < n_offers_; ++i) cap_[i] = std::max(capacity[i], 0.0);
  if (book.offer_util_cost.empty()) {
    std::fill_n(util_, n_offers_, 0.0);
  } else {
    const double* cost = book.offer_util_cost.data();
    for (std::size_t i = 0; i < n_offers_; ++i) util_[i] = lambda * cost[i];
  }
  if (book.offer_must_run.empty())
    std::fill_n(must_, n_offers_, 0.0);
  else
    std::copy_n(book.offer_must_run.begin(), n_offers_, must_);
  for (std::size_t i = 0; i < n_offers_ && !has_capacity_; ++i)
    has_capacity_ = (cap_[i] > 0.0 && std::isfinite(book.offer_reservation[i])) || must_[i] > 0.0;
  for (std::size_t m = 0; m < n_; ++m) {
    double largest = 0.0;
    for (std::size_t i = begin(m); i < end(m); ++i) largest = std::max(largest, cap_[i]);
    max_cap_[m] = largest;
  }
}

double CournotMarket::supply(std::size_t m, double p, double x, double* out) const {
  const std::size_t b = begin(m), e = end(m);
  if (b == e) return 0.0;
  // a = k K_f with k = theta_e p / (eta M_m(p)) = theta_e p / (eta mu_m x).
  double k = 0.0;
  if (terms_.theta > 0.0 && p > 0.0) {
    const double den = book_.eta * mu_[m] * x;
    k = !(mu_[m] > 0.0) ? kBig : (den >= kInf ? 0.0 : std::min(terms_.theta * p / den, kBig));
  }
  double* dst = (out ? out : scratch_) + b;
  // offers_output's dispatch, its most frequent branch first (no call layer in between).
  if (simd_quadratic_ && k * max_cap_[m] < p * terms_.lerner)
    return quadratic_free_avx2(p, k, book_.offer_reservation.data() + b, cap_ + b, util_ + b,
                               must_ + b, e - b, dst);
  return offers_output(terms_, p, k, max_cap_[m], book_.offer_reservation.data() + b, cap_ + b,
                       util_ + b, must_ + b, e - b, dst);
}

void SupplyRecord::size_for(std::size_t n_cities, std::size_t n_offers) {
  if (out.size() < n_offers) out.resize(n_offers);
  if (side.size() < n_cities) side.resize(n_cities);
  if (supplied.size() < n_cities) supplied.resize(n_cities);
  valid = false;
}

template <class Supply>
double CournotMarket::net_export_with(std::size_t m, double at, double x_at, double x, Regime lo,
                                      Regime hi, Regime& regime, Side& side, double& supplied,
                                      Supply&& sup) const {
  side = Side::kNone;
  supplied = 0.0;
  if (lo == kAutarkic && hi == kAutarkic) {
    regime = kAutarkic;
    return 0.0;
  }
  if (hi != kImporter) {
    const double d_p = demand(coef_p_[m], x);
    const double s_p = sup(Side::kGate, at, x_at);
    side = Side::kGate;
    supplied = s_p;
    if (lo == kExporter || s_p >= d_p) {
      regime = kExporter;
      return s_p - d_p;
    }
    if (lo == kAutarkic) {
      regime = kAutarkic;
      return 0.0;
    }
  }
  const double s_q = sup(Side::kImport, at * markup_[m], x_at * access_[m]);
  side = Side::kImport;
  supplied = s_q;
  const double gap = s_q - demand(coef_q_[m], x);
  regime = gap < 0.0 ? kImporter : kAutarkic;
  return std::min(gap, 0.0);
}

double CournotMarket::net_export(std::size_t m, double at, double x_at, double x, Regime lo,
                                 Regime hi, Regime& regime, double* out, Side& side,
                                 double& supplied) const {
  const bool offers = begin(m) != end(m);  // else the supply is 0 (skip the call)
  return net_export_with(m, at, x_at, x, lo, hi, regime, side, supplied,
                         [&](Side, double price, double x_price) {
                           return offers ? supply(m, price, x_price, out) : 0.0;
                         });
}

double CournotMarket::net_export(std::size_t m, double at, double x_at, double x, Regime lo,
                                 Regime hi, Regime& regime, double* out, Side& side,
                                 double& supplied, const SupplyRecord* reuse) const {
  const std::size_t b = begin(m), e = end(m);
  const auto sup = [&](Side s, double price, double x_price) {
    if (b == e) return 0.0;  // no offers: supply 0
    if (reuse && reuse->side[m] == s) {
      std::copy(reuse->out.begin() + static_cast<std::ptrdiff_t>(b),
                reuse->out.begin() + static_cast<std::ptrdiff_t>(e), (out ? out : scratch_) + b);
      return reuse->supplied[m];
    }
    return supply(m, price, x_price, out);
  };
  return net_export_with(m, at, x_at, x, lo, hi, regime, side, supplied, sup);
}

double CournotMarket::scaled_excess(double p, const std::vector<Regime>& lo,
                                    const std::vector<Regime>& hi, std::vector<Regime>& at,
                                    SupplyRecord* record) const {
  const double x = neg_pow(p);
  at.resize(n_);
  double sum = 0.0;
  if (record) {
    double* out = record->out.data();
    Side* side = record->side.data();
    double* supplied = record->supplied.data();
    for (std::size_t m = 0; m < n_; ++m) {
      const bool offers = begin(m) != end(m);  // else the supply is 0 (skip the call)
      sum += net_export_with(m, p, x, x, lo[m], hi[m], at[m], side[m], supplied[m],
                             [&](Side, double price, double x_price) {
                               return offers ? supply(m, price, x_price, out) : 0.0;
                             });
    }
    record->valid = true;
  } else {
    Side side = Side::kNone;
    double supplied = 0.0;
    for (std::size_t m = 0; m < n_; ++m) {
      const bool offers = begin(m) != end(m);
      sum += net_export_with(m, p, x, x, lo[m], hi[m], at[m], side, supplied,
                             [&](Side, double price, double x_price) {
                               return offers ? supply(m, price, x_price, nullptr) : 0.0;
                             });
    }
  }
  if (foreign_coef_ > 0.0) sum -= foreign_demand(p);
  return x > 0.0 && x < kInf ? sum / x : sum;
}

double CournotMarket::scaled_city_gap(std::size_t m, double p) const {
  const double x = neg_pow(p);
  const double gap = supply(m, p, x) - demand(coef_p_[m], x);
  return x > 0.0 && x < kInf ? gap / x : gap;
}

}  // namespace regsim::sim::detail
