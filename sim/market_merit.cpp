// The competitive solver's view of one track's book: supply steps, demand, E(P), allocation.
#include "sim/market_merit.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace regsim::sim::detail {

MeritBook::MeritBook(const TrackOrderBook& book)
    : book_(book),
      res_(book.offer_reservation.data()),
      num_cities_(static_cast<std::size_t>(book.num_cities)),
      cum_(book.offer_capacity.size() + num_cities_ + 1, 0.0),
      coef_p_(num_cities_, 0.0),
      coef_q_(num_cities_, 0.0),
      markup_(num_cities_, 1.0),
      foreign_coef_(foreign_coef(book)) {
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

double MeritBook::excess_exports_uncached(double p) const {
  const double x = neg_pow(p);
  double sum = 0.0;
  for (std::size_t m = 0; m < num_cities_; ++m) {
    sum += city_net(m, p, p * markup_[m], demand(coef_p_[m], x), demand(coef_q_[m], x));
  }
  if (foreign_coef_ > 0.0) sum -= foreign_demand(p);
  return sum;
}

void MeritBook::locate(double p, Cursor& c) const {
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

double MeritBook::excess_exports_between(double p, const Cursor& lo, const Cursor& hi,
                                         Cursor& at) const {
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

double MeritBook::nearest_step(double p, double lo, double hi, const Cursor& c_lo,
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

double MeritBook::autarky_price(std::size_t m, double lo, double hi) const {
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

double MeritBook::fill(std::size_t m, double target, double price,
                       std::vector<double>& output) const {
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

}  // namespace regsim::sim::detail
