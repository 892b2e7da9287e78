// Cournot market solver: capacity-constrained Cournot in each firm's accessible market, with a
// utilisation cost near nameplate and a price-war rule, on the competitive solver's spatial pool.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <limits>
#include <stdexcept>
#include <vector>

#include "sim/market.h"
#include "sim/market_cournot.h"
#include "sim/market_internal.h"

namespace regsim::sim {

// Method (conduct "cournot"; prices in currency per unit, quantities in units per tick).
//
// Space is the competitive solver's (sim/market.cpp): exporters sell at the gate price P,
// city m imports at Q_m = P (1 + t_m), an autarkic city clears at p_m in [P, Q_m]; demand is
// D_m(p) = A_m p^-eta (A_m = demand_scale pref^eta). Offer f of city i has capacity K_f,
// reservation r_f (marginal cost at zero load net of production subsidy, and of the soft-budget
// term for zombies and state-backed firms), utilisation cost omega_f, must-run m_f.
//
// Accessible market. City m can be reached from i at the access factor a_m = (1 + t_m)^-eta
// (an importer's demand at its delivered price is a_m D_m(P)); i's own market has a_i = 1:
//   mu_i = sum_m a_m A_m + (1 - a_i) A_i,   M_i(p) = mu_i p^-eta,
// the demand a firm of i can reach, valued at its own price p. With no wedges M_i(p) is the
// whole market's demand; with prohibitive wedges it is i's own demand.
//
// Firm behaviour. At its city's price p, firm f chooses utilisation u = q_f / K_f in [0, 1]:
//   p (1 - min(theta_e s_f / eta, L)) = r_f + lambda omega_f u^psi,   s_f = q_f / M_i(p),
// capped by capacity and floored by must-run: q_f = max(K_f u, m_f). This is the Cournot
// first-order condition with conduct theta_e (theta = 1: Cournot-Nash; 0: price taking) and a
// convex utilisation cost (marginal cost r_f + omega_f u^psi, variable cost
// r_f q + omega_f K_f u^(psi+1)/(psi+1)). The Lerner index is capped at L (market.max_lerner, a
// limit price: above it imports or fringe entry would take the market; it also guarantees an
// equilibrium when few firms face eta <= 1). With a = theta_e p K_f / (eta M_i) the condition is
//   h(u) = (p - r_f) - min(a u, p L) - lambda omega_f u^psi = 0,
// h strictly decreasing, so u is unique: the larger root of the two branches, in closed form
// for psi = 1 (u = d / (a + b)) and psi = 2 (u = 2d / (a + sqrt(a^2 + 4bd))), by Newton from
// above (monotone for the concave h) otherwise, clamped to [0, 1]. With a = b = 0 (price taking,
// flat cost) the firm supplies its capacity at p >= r_f and nothing below: the merit order.
//
// Price war. w = clamp((u_war - signal) / war_width, 0, 1), signal = the track's recent CU from
// the book (market.war_utilisation, market.war_width). Conduct collapses, theta_e = theta (1 - w),
// and firms fight for volume: lambda = 1 - w psi / (psi + 1) moves pricing from marginal cost
// (w = 0) to average variable cost r_f + omega_f u^psi / (psi + 1) (w = 1). In a full war every
// interior firm sells at its own AVC (zero variable profit: fixed costs and interest are lost),
// and soft-budget or must-run output pushes the price below the AVC of everyone else.
//
// Equilibrium. Shares s_f rise with the price (at fixed s the left side rises with p, the right
// side falls because M_i falls), so S_m(p) p^eta is non-decreasing though S_m(p) need not be
// (a large firm cuts output as its market shrinks). Net exports as in the competitive solver,
//   NX_m(P) = S_m(P) - D_m(P) if S_m(P) >= D_m(P), else min(S_m(Q_m) - D_m(Q_m), 0),
// and G(P) = P^eta sum_m NX_m(P) is non-decreasing. P* is the smallest double with G(P*) >= 0:
// bracketed from the hint (a first step of 1%, then steps aimed by the secant through the last
// two prices tried, detail::bracket_export_price_by_secant), narrowed by secant and false
// position steps and bisected to adjacent doubles lo < hi = P*. No tolerance is involved; in
// floating point G is monotone only up to rounding, so a different hint can move P* by a few ulps
// at most. Autarkic cities' prices are found the same way on S_m(p) p^eta - A_m over [P*, Q_m].
//
// Limits: with no wedges M_i is total demand and the allocation is exact Cournot-Nash with
// capacities (with conduct theta); with theta = 0 (or L = 0), omega = 0 and no must-run it is
// the competitive merit order of sim/market.cpp (same prices up to rounding).
//
// Rationing at the end, as in the competitive solver: every city's net exports are computed
// with supply at lo and at hi (demand at hi), one fraction for all makes exports equal imports;
// a city's firms are then blended between their outputs at its two prices (lo and hi at the
// gate, or at the import price, or the autarky price and the double below it) so that its
// supply equals its demand plus net exports. If the target lies outside the two (only at a
// binding floor, or by rounding), the outputs nearest to it are scaled pro rata (capped at
// capacity): under a binding floor every firm's output is cut in proportion (a quota), must-run
// included, where the competitive solver idles the dearest first.
//
// Rest of the world as in the competitive solver (its method note and docs/model.md 4.4):
// G(P) = P^eta (sum_m NX_m(P) - X(P)), non-decreasing when foreign_eta >= eta (otherwise the
// search still ends on a sign change of G, which need not be unique); the import price caps
// P*. Firms count the foreign buyers in their accessible market (mu_i += X at export parity
// times foreign_pref^eta): they sell abroad as into one more market of the pool.
//
// Degenerate books clear to zeros as in the competitive solver. Malformed books throw
// std::invalid_argument: the competitive checks, plus util_cost / must_run of the wrong size or
// negative or not finite, must-run above capacity, reservations NaN or -infinity, capacities,
// demand scales or wedges not finite, or a NaN utilisation signal.

namespace {

using detail::CournotMarket;
using detail::Regime;
using detail::Side;
using detail::SupplyRecord;

constexpr double kInf = std::numeric_limits<double>::infinity();

/// The export price: bracketed from the hint, then narrowed to adjacent doubles lo < hi = P*.
/// Every evaluation bounds each city's regime by those at the nearest prices already tried
/// below and above (regimes are monotone in the price). Writes the regimes at lo and hi.
/// Returns true when the import price caps P* (lo, hi = the double below it and it). The
/// narrowing's evaluations keep their supplies in `records` (three, reused across solves on a
/// thread); rec_lo / rec_hi point at those of the final lo / hi, or are null where the search
/// ended elsewhere.
bool find_export_price(const CournotMarket& mk, const TrackOrderBook& book, double& lo, double& hi,
                       std::vector<Regime>& at_lo, std::vector<Regime>& at_hi,
                       SupplyRecord (&records)[3], const SupplyRecord*& rec_lo,
                       const SupplyRecord*& rec_hi) {
  rec_lo = rec_hi = nullptr;
  const std::size_t n = mk.num_cities();
  const std::vector<Regime> any_lo(n, detail::kImporter), any_hi(n, detail::kExporter);
  struct Eval {
    double p, g;
    std::vector<Regime> regimes;
  };
  std::vector<Eval> tried;  // the bracket search's evaluations (a few)
  const auto evaluate = [&](double p) {
    const Eval* below = nullptr;
    const Eval* above = nullptr;
    for (const Eval& e : tried) {
      if (e.p == p) return e.g;
      if (e.p < p && (!below || e.p > below->p)) below = &e;
      if (e.p > p && (!above || e.p < above->p)) above = &e;
    }
    Eval e{p, 0.0, {}};
    e.g = mk.scaled_excess(p, below ? below->regimes : any_lo, above ? above->regimes : any_hi,
                           e.regimes);
    tried.push_back(std::move(e));
    return tried.back().g;
  };
  const auto regimes_at = [&](double p, const std::vector<Regime>& fallback) {
    for (const Eval& e : tried)
      if (e.p == p) return e.regimes;
    return fallback;
  };
  const auto nonneg = [&](double p) { return evaluate(p) >= 0.0; };
  // Where the search ends without narrowing, the regimes at both ends are evaluated exactly
  // (the rationing below reads each city's regime at hi as known).
  const auto exact = [&](double p) {
    evaluate(p);
    return regimes_at(p, any_lo);
  };
  if (detail::has_import_cap(book)) {
    const double below = std::nextafter(book.import_price, 0.0);
    if (!nonneg(below)) {
      lo = below;
      hi = book.import_price;
      at_lo = exact(lo);
      at_hi = exact(hi);
      return true;
    }
  }
  if (detail::bracket_export_price_by_secant(evaluate, book.price_floor, book.pref, book.price_hint,
                                             lo, hi)) {
    at_lo = exact(lo);  // the floor binds
    at_hi = exact(hi);
    return false;
  }
  const double g_lo = lo > 0.0 ? evaluate(lo) : -kInf;
  const double g_hi = evaluate(hi);
  at_lo = lo > 0.0 ? regimes_at(lo, any_lo) : any_lo;
  at_hi = regimes_at(hi, any_hi);
  std::vector<Regime> at_mid(n);
  SupplyRecord* r_lo = &records[0];
  SupplyRecord* r_hi = &records[1];
  SupplyRecord* r_mid = &records[2];
  for (SupplyRecord& r : records) r.size_for(n, mk.num_offers());
  const auto g = [&](double p) { return mk.scaled_excess(p, at_lo, at_hi, at_mid, r_mid); };
  const auto accept = [&](bool new_hi) {
    std::swap(new_hi ? at_hi : at_lo, at_mid);
    std::swap(new_hi ? r_hi : r_lo, r_mid);
  };
  detail::narrow_to_adjacent(g, accept, lo, hi, g_lo, g_hi);
  if (r_lo->valid) rec_lo = r_lo;
  if (r_hi->valid) rec_hi = r_hi;
  return false;
}

/// An autarkic city's price: the smallest double p in [a, b] = [P*, Q_m] with
/// S_m(p) p^eta >= A_m; the double below it goes to p_lo. The search starts from the city's
/// hint when it lies inside (a bracket of steps of 0.2% that square), else from the two ends. The
/// offers' outputs at p_lo and p are left in q_lo and out, their sums in s_lo and s_hi.
double autarky_price(const CournotMarket& mk, std::size_t m, double a, double b, double hint,
                     double& p_lo, std::vector<double>& q_lo, std::vector<double>& out,
                     std::vector<double>& trial, double& s_lo, double& s_hi) {
  double last = 0.0;  // supply at the last price tried (outputs in trial)
  const auto gap = [&](double p) {
    const double x = mk.neg_pow(p);
    last = mk.supply(m, p, x, trial.data());
    const double g = last - CournotMarket::demand(mk.coef_p(m), x);
    return x > 0.0 && x < kInf ? g / x : g;
  };
  const auto keep = [&](bool as_hi) {  // the last price tried became the upper / lower end
    std::copy(trial.begin() + static_cast<std::ptrdiff_t>(mk.begin(m)),
              trial.begin() + static_cast<std::ptrdiff_t>(mk.end(m)),
              (as_hi ? out : q_lo).begin() + static_cast<std::ptrdiff_t>(mk.begin(m)));
    (as_hi ? s_hi : s_lo) = last;
  };
  const auto at_end = [&](double p) {  // the root is an end of [a, b]: outputs at p kept as hi
    p_lo = std::nextafter(p, 0.0);
    s_lo = mk.supply(m, p_lo, mk.neg_pow(p_lo), q_lo.data());
    return p;
  };
  double lo = a, hi = b, g_lo = 0.0, g_hi = 0.0;
  bool bracketed = false;
  if (hint > a && hint < b) {
    const double g_hint = gap(hint);
    keep(g_hint >= 0.0);
    double prev = hint, g_prev = g_hint, factor = 1.002;
    for (int k = 0; k < 64 && !bracketed; ++k) {
      const double cand = g_hint >= 0.0 ? std::max(prev / factor, a) : std::min(prev * factor, b);
      const double g_cand = gap(cand);
      keep(g_cand >= 0.0);
      if ((g_cand >= 0.0) != (g_hint >= 0.0)) {
        lo = g_hint >= 0.0 ? cand : prev;
        hi = g_hint >= 0.0 ? prev : cand;
        g_lo = g_hint >= 0.0 ? g_cand : g_prev;
        g_hi = g_hint >= 0.0 ? g_prev : g_cand;
        bracketed = true;
      } else if (cand == a || cand == b) {
        if (cand == b) keep(true);  // g < 0 up to b: the price is b (as in the competitive case)
        return at_end(cand);
      }
      prev = cand;
      g_prev = g_cand;
      factor *= factor;
    }
  }
  if (!bracketed) {
    g_lo = gap(a);
    keep(g_lo >= 0.0);
    if (g_lo >= 0.0) return at_end(a);
    g_hi = gap(b);
    keep(true);
    if (g_hi < 0.0 || !(b > a)) return at_end(b);
  }
  detail::narrow_to_adjacent(gap, keep, lo, hi, g_lo, g_hi);
  p_lo = lo;
  return hi;
}

/// Blends the outputs of m's offers between q_lo (sum s_lo, at the lower price) and out (sum
/// s_hi, at the higher) so that they sum to `target`, with one fraction for the city; when the
/// target lies outside the two sums, the nearer set is scaled pro rata (capped at capacity).
/// Returns the city's supply.
double blend_city(const CournotMarket& mk, std::size_t m, double s_lo, double s_hi, double target,
                  const std::vector<double>& q_lo, std::vector<double>& out) {
  const std::size_t b = mk.begin(m), e = mk.end(m);
  if (b == e) return 0.0;
  const double* cap = mk.capacity();
  if (s_lo != s_hi && target >= std::min(s_lo, s_hi) && target <= std::max(s_lo, s_hi)) {
    const double f = (target - s_lo) / (s_hi - s_lo);
    for (std::size_t i = b; i < e; ++i) out[i] = q_lo[i] + f * (out[i] - q_lo[i]);
  } else {
    const bool use_lo = std::abs(target - s_lo) < std::abs(target - s_hi);
    const double base = use_lo ? s_lo : s_hi;
    const double scale = base > 0.0 ? std::max(target, 0.0) / base : 0.0;
    for (std::size_t i = b; i < e; ++i)
      out[i] = std::min((use_lo ? q_lo[i] : out[i]) * scale, cap[i]);
  }
  double total = 0.0;
  for (std::size_t i = b; i < e; ++i) total += out[i];
  return total;
}

/// The solve's own arrays, kept from one solve to the next on a thread.
struct SolveArrays {
  std::vector<double> q_lo, nx, nx_lo, s_hi, s_lo, trial;
  std::vector<Side> side_hi, side_lo;
};

class CournotSolver final : public MarketSolver {
 public:
  explicit CournotSolver(const MarketParams& params) : params_(params) {}
  void solve(const TrackOrderBook& book, TrackClearing& out) const override;

 private:
  MarketParams params_;
};

void CournotSolver::solve(const TrackOrderBook& book, TrackClearing& out) const {
  detail::validate_cournot_book(book);
  const auto n = static_cast<std::size_t>(book.num_cities);
  detail::reset_clearing(book, out);
  // Arrays kept from one solve to the next on this thread (a solve runs on one thread, start to
  // end, and never starts another), so that a solve allocates nothing in the steady state.
  thread_local detail::CournotArrays arrays;
  thread_local SupplyRecord records[3];
  thread_local SolveArrays solve_arrays;
  const CournotMarket mk(book, params_, &arrays);
  out.war_intensity = mk.war();
  out.conduct = mk.conduct();
  if (!mk.tradeable()) return;  // degenerate book: all zeros

  double lo = 0.0, hi = 0.0;
  std::vector<Regime> at_lo, at_hi;
  const SupplyRecord* rec_lo = nullptr;
  const SupplyRecord* rec_hi = nullptr;
  const bool capped = find_export_price(mk, book, lo, hi, at_lo, at_hi, records, rec_lo, rec_hi);
  out.export_price = hi;
  // The rest of the world's net purchases: X(P*), or at the import price the cities' net
  // position (set below).
  double foreign = mk.has_foreign_demand() && !capped ? mk.foreign_demand(hi) : 0.0;

  // Net exports with supply at hi and at lo (demand at hi), the offers' outputs kept: at hi in
  // out.offer_output, at lo in q_lo, each with the side (gate or import) it was computed at;
  // supplies the search's last evaluations at lo and hi computed are copied from them.
  const double x = mk.neg_pow(hi), x_lo = mk.neg_pow(lo);
  auto& q_lo = solve_arrays.q_lo;
  auto& nx = solve_arrays.nx;
  auto& nx_lo = solve_arrays.nx_lo;
  auto& s_hi = solve_arrays.s_hi;
  auto& s_lo = solve_arrays.s_lo;
  auto& trial = solve_arrays.trial;
  auto& side_hi = solve_arrays.side_hi;
  auto& side_lo = solve_arrays.side_lo;
  q_lo.assign(book.offer_capacity.size(), 0.0);
  for (std::vector<double>* v : {&nx, &nx_lo, &s_hi, &s_lo}) v->resize(n);  // all written below
  side_hi.resize(n);
  side_lo.resize(n);
  // Read only where just written (autarky_price's trials).
  if (trial.size() < book.offer_capacity.size()) trial.resize(book.offer_capacity.size());
  double e_lo = 0.0, e_hi = 0.0;
  Regime regime = detail::kAutarkic;
  for (std::size_t m = 0; m < n; ++m) {
    nx[m] = mk.net_export(m, hi, x, x, at_hi[m], at_hi[m], regime, out.offer_output.data(),
                          side_hi[m], s_hi[m], rec_hi);
    nx_lo[m] = mk.net_export(m, lo, x_lo, x, at_lo[m], at_hi[m], regime, q_lo.data(), side_lo[m],
                             s_lo[m], rec_lo);
    e_hi += nx[m];
    e_lo += nx_lo[m];
  }
  if (foreign > 0.0) {
    e_hi -= foreign;
    e_lo -= foreign;
  }
  // One rationing fraction for every city's swing, so that exports equal imports (at the import
  // price, every city at its outputs there).
  double frac = 0.0;
  if (capped) {
    frac = 1.0;
  } else if (e_lo < 0.0 && e_hi > e_lo) {
    frac = std::min(1.0, -e_lo / (e_hi - e_lo));
  }
  double exports = 0.0, imports = 0.0;
  for (std::size_t m = 0; m < n; ++m) {
    nx[m] = nx_lo[m] + frac * (nx[m] - nx_lo[m]);
    if (nx[m] > 0.0) exports += nx[m];
    if (nx[m] < 0.0) imports -= nx[m];
  }
  if (capped) {  // the rest of the world takes the cities' net position
    foreign = exports - imports;
  } else if (exports > imports + foreign) {  // glut at the floor (or rounding): exporters scaled
    const double scale = (imports + foreign) / exports;
    for (double& v : nx)
      if (v > 0.0) v *= scale;
  }
  out.foreign_exports = std::max(foreign, 0.0);
  out.foreign_imports = std::max(-foreign, 0.0);

  for (std::size_t m = 0; m < n; ++m) {
    const double q = hi * mk.markup(m);
    double price = hi, demand = 0.0, p_lo = lo, xp = x, xp_lo = x_lo;
    Side want = Side::kGate;
    if (nx[m] > 0.0) {
      demand = CournotMarket::demand(mk.coef_p(m), x);
    } else if (nx[m] < 0.0) {
      want = Side::kImport;
      price = q, p_lo = lo * mk.markup(m), xp = x * mk.access(m), xp_lo = x_lo * mk.access(m);
      demand = CournotMarket::demand(mk.coef_q(m), x);
    } else {
      // Autarky: the smallest double in [P*, Q_m] where m's own supply covers its demand (a
      // city without demand is quoted P*).
      if (mk.coef_p(m) > 0.0) {
        // Last tick's city price, moved with the export price since (when both hints exist).
        double hint = book.city_price_hint.empty() ? 0.0 : book.city_price_hint[m];
        if (book.price_hint > 0.0 && std::isfinite(book.price_hint)) hint *= hi / book.price_hint;
        price = autarky_price(mk, m, hi, q, hint, p_lo, q_lo, out.offer_output, trial, s_lo[m],
                              s_hi[m]);
        side_hi[m] = side_lo[m] = Side::kGate;  // the outputs at both prices are in place
      }
      xp = mk.neg_pow(price);
      xp_lo = mk.neg_pow(p_lo);
      demand = CournotMarket::demand(mk.coef_p(m), xp);
    }
    // Outputs at the city's two prices: reuse those computed above where they were taken at
    // the same side, else compute them.
    if (side_hi[m] != want) s_hi[m] = mk.supply(m, price, xp, out.offer_output.data());
    if (side_lo[m] != want) s_lo[m] = mk.supply(m, p_lo, xp_lo, q_lo.data());
    out.city_price[m] = price;
    out.city_demand[m] = demand;
    out.city_supply[m] =
        blend_city(mk, m, s_lo[m], s_hi[m], demand + nx[m], q_lo, out.offer_output);
    out.net_export[m] = out.city_supply[m] - demand;
    if (out.net_export[m] > 0.0) out.exports += out.net_export[m];
    if (out.net_export[m] < 0.0) out.imports -= out.net_export[m];
  }
}

}  // namespace

std::unique_ptr<MarketSolver> detail::make_cournot_solver(const MarketParams& params) {
  return std::make_unique<CournotSolver>(params);
}

}  // namespace regsim::sim
