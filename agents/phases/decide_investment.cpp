// Invest phase (first quarter of a year): incumbent expansion, closed clusters, entry.
#include <algorithm>
#include <cmath>

#include <tbb/parallel_for.h>

#include "agents/economics.h"
#include "agents/entry_limits.h"
#include "agents/market_access.h"
#include "agents/phases/phases.h"
#include "policies/investment_rules.h"
#include "policies/rules.h"
#include "sim/random.h"

namespace regsim::agents {

using sim::CityId;
using sim::TrackId;

namespace {

/// Capex support a project in cell (i, k) gets, as shares of its capex.
struct Support {
  double capex = 0;       ///< sI (capex subsidy share)
  double land = 0;        ///< land_share * d
  double production = 0;  ///< sq per unit of output
};

Support cell_support(const sim::World& w, const ModelParams& p, CityId i, TrackId k, bool entrant,
                     double eligible_share) {
  Support s;
  if (!w.cities.listed[w.cell(i, k)] || p.subsidy.regime == policies::SubsidyRegime::None) return s;
  const auto mask = policies::instrument_mask(p.subsidy.instruments);
  const double rate = w.cities.subsidy_rate[i.index()] * city_debt_room(w, p, i) * eligible_share;
  if (entrant ? mask.capex_entry : mask.capex_expansion) s.capex = rate;
  if (mask.land) s.land = p.subsidy.land_share * policies::land_discount(p.subsidy, rate);
  if (mask.production)
    s.production = p.subsidy.production_ratio * rate * w.tracks.frontier_cost[k.index()];
  return s;
}

/// NPV per unit of capacity over the horizon (MODEL.md section 5), divided by capex; `fee` is the
/// present value of a credit premium per unit of capex (0 on ordinary terms).
double npv_over_capex(const sim::World& w, const ModelParams& p, const TrackOutlook& o, TrackId k,
                      double unit_cost, const Support& s, double fee = 0.0) {
  const auto& t = p.tracks[k.index()];
  const double capex = current_capex(w, p, k);
  const double flow = o.cu * (o.price - unit_cost + s.production) - t.fixed_cost * capex;
  const double cost = capex * (1.0 - s.capex - s.land);
  const double npv = (o.annuity * flow - cost) / capex;
  return fee > 0 ? npv - fee : npv;
}

/// Present value of one unit of extra interest per quarter over the NPV horizon:
/// sum_{q=1..T} delta^q (the debt is not amortised in this approximation).
double debt_annuity(const FirmParams& f) {
  return f.discount * (1.0 - std::pow(f.discount, f.horizon)) / (1.0 - f.discount);
}

/// Premium cost per unit of capex of a project whose bank debt is `debt_share` of its net capex.
double premium_fee(const ModelParams& p, const policies::CreditTerms& c, const Support& s,
                   double debt_share) {
  if (c.premium <= 0) return 0.0;
  return c.premium * debt_annuity(p.firms) * debt_share * (1.0 - s.capex - s.land);
}

/// Bank debt of an entrant as a share of its net capex: what owners (and a fund) do not pay in.
double entrant_debt_share(const ModelParams& p, const policies::CreditTerms& c, double fund_share) {
  return c.debt_factor * (1.0 - fund_share) * (1.0 - p.firms.equity_share);
}

/// The platform's credit terms for projects on each track this year (national overhang).
std::vector<policies::CreditTerms> credit_terms(const ModelParams& p, const Outlooks& o,
                                                std::size_t tracks) {
  std::vector<policies::CreditTerms> out(tracks);
  for (std::size_t t = 0; t < tracks; ++t)
    out[t] = policies::platform_credit(p.platform, p.government.coordination_platform,
                                       o.national(TrackId::at(t)).overhang);
  return out;
}

bool blocked(const sim::World& w, CityId i, TrackId k) {
  return w.tracks.banned[k.index()] && w.cities.complies[i.index()];
}

/// Closed clusters: cities whose draw is below the closed share shut every established cell
/// (at least closed_cluster_min_firms firms) to new entrants; cells with fewer firms stay open.
void close_clusters(sim::World& w, const ModelParams& p) {
  auto& closed = w.cities.closed;
  std::fill(closed.begin(), closed.end(), 0);
  const double share = p.rules.closed_cluster_share;
  if (share <= 0) return;
  std::vector<int> firms(closed.size(), 0);
  for (std::size_t f = 0; f < w.firms.size(); ++f)
    ++firms[w.cell(w.firms.city[f], w.firms.track[f])];
  const std::size_t k = w.num_tracks();
  for (std::size_t c = 0; c < closed.size(); ++c)
    closed[c] =
        w.cities.closure_draw[c / k] < share && firms[c] >= p.rules.closed_cluster_min_firms;
}

/// Orders capacity for firm f and books capex, subsidies and financing.
void order_capacity(sim::World& w, const ModelParams& p, std::size_t f, double amount,
                    const Support& s) {
  const TrackId track = w.firms.track[f];
  const CityId city = w.firms.city[f];
  const std::size_t i = city.index(), k = track.index();
  const double unit_capex = current_capex(w, p, track);
  const double gross = amount * unit_capex;
  const double support = gross * (s.capex + s.land);
  w.firms.pipeline[f] += amount;
  w.firms.book[f] += gross - support;
  w.firms.debt[f] += gross - support;
  w.firms.subsidy_tick[f] += support;
  w.firms.cum_subsidy[f] += support;
  w.cities.subsidies_tick[i] += support;
  w.flows.subsidies_by_track[k] += support;
  w.cities.cell_subsidies_year[w.cell(city, track)] += support;
  sim::add_order(w.orders, w.firms.id[f], w.tick + p.tracks[k].lag, amount, unit_capex);
  w.tracks.pipeline[k] += amount;
}

void expand_incumbents(sim::World& w, const ModelParams& p, const Outlooks& outlook,
                       const std::vector<policies::CreditTerms>& credit) {
  const std::size_t nf = w.firms.size();
  // Decided in parallel, ordered in firm order: ordering touches nothing a decision reads.
  std::vector<double> amount(nf, 0.0);
  std::vector<Support> support(nf);
  tbb::parallel_for(std::size_t{0}, nf, [&](std::size_t f) {
    const double cap = w.firms.capacity[f];
    if (cap <= 0 || w.firms.output[f] < p.firms.expand_cu * cap) return;
    const TrackId k = w.firms.track[f];
    const CityId i = w.firms.city[f];
    const auto& terms = credit[k.index()];
    if (blocked(w, i, k) || terms.refused) return;
    const double share = firm_eligible(w, p, f) ? 1.0 : 0.0;
    const Support s = cell_support(w, p, i, k, false, share);
    const double fee = premium_fee(p, terms, s, 1.0);  // expansions are debt-financed
    if (npv_over_capex(w, p, outlook.at(i, k), k, firm_unit_cost(w, p, f), s, fee) <= 0) return;
    const double add = p.firms.expand_rate * cap;
    const double net = add * current_capex(w, p, k) * (1.0 - s.capex - s.land);
    const double book = w.firms.book[f], debt = w.firms.debt[f];
    const double cap_share = p.firms.leverage_cap * terms.debt_factor;
    if (book - debt <= 0 || debt + net > cap_share * (book + net)) return;
    amount[f] = add;
    support[f] = s;
  });
  for (std::size_t f = 0; f < nf; ++f) {
    if (amount[f] <= 0) continue;
    const double book = w.firms.book[f];
    const auto& terms = credit[w.firms.track[f].index()];
    order_capacity(w, p, f, amount[f], support[f]);
    // A flagged project pays the premium's present value up front to the bank (leaves the model).
    if (terms.premium > 0)
      w.firms.debt[f] += terms.premium * debt_annuity(p.firms) * (w.firms.book[f] - book);
  }
}

/// Expected share of entrants eligible for support (entrants do not know their draw yet).
double entrant_eligible_share(const sim::World& w, const ModelParams& p, CityId i, TrackId k) {
  policies::Eligibility cell;
  cell.crowding_share =
      static_cast<double>(w.tracks.cities_listing[k.index()]) / static_cast<double>(w.num_cities());
  cell.density = w.cities.density[w.cell(i, k)];
  return policies::entrant_eligible_share(p.subsidy, cell);
}

/// (A_k(t) / A_k(0))^elasticity; the square root (the default) exactly as std::sqrt gives it.
double entrant_growth_factor(const FirmParams& f, double growth) {
  return f.entrant_growth_elasticity == 0.5 ? std::sqrt(growth)
                                            : std::pow(growth, f.entrant_growth_elasticity);
}

/// K0: an entrant's first plant. Entrants grow with their industry: K0 scales with the square
/// root of demand growth.
double entrant_amount(const sim::World& w, const ModelParams& p, TrackId track) {
  const std::size_t k = track.index();
  // Entrants grow with their industry: K0 scales with a power of demand growth.
  const double growth = w.tracks.demand_scale[k] / std::max(w.tracks.initial_demand[k], 1e-12);
  return p.firms.entrant_size * w.tracks.entrant_capacity[k] *
         entrant_growth_factor(p.firms, std::max(growth, 0.0));
}

/// D^e_k / K0_k(t) per track: how many entrant plants the track's expected national demand (5.1)
/// holds (0 where it has no demand; 0 where an entrant builds nothing).
std::vector<double> market_plants(const sim::World& w, const ModelParams& p, const Outlooks& o) {
  const std::size_t k = w.num_tracks();
  std::vector<double> out(k, 0.0);
  for (std::size_t t = 0; t < k; ++t) {
    const double plant = entrant_amount(w, p, TrackId::at(t));
    if (plant > 0) out[t] = std::max(0.0, o.national(TrackId::at(t)).demand) / plant;
  }
  return out;
}

/// The factor on each track's entry rates (docs/model.md 5.12): empty under entry_scale = city
/// (the rates are used as they are); under market, m_k = (D^e_k / K0_k) / n_ref.
std::vector<double> entry_scale(const sim::World& w, const ModelParams& p, const Outlooks& o) {
  if (p.firms.entry_scale != EntryScale::Market) return {};
  std::vector<double> m = market_plants(w, p, o);
  for (double& x : m) x /= p.firms.entry_reference_plants;
  return m;
}

/// How an entrant's first plant is financed besides owners' equity and bank debt.
struct Financing {
  double fund_stake = 0.0;  ///< equity a guidance fund pays in (capped at the net capex)
  policies::CreditTerms credit;
};

/// Creates an entrant in cell (i, k) with its efficiency draw and orders its first plant.
std::size_t create_entrant(sim::World& w, const ModelParams& p, CityId city, TrackId track,
                           sim::Stream& s, bool mobile, const Financing& fin = {}) {
  const std::size_t f = add_firm(w, city, track);
  const std::size_t i = city.index(), k = track.index();
  const double le = p.firms.efficiency_sd * sim::std_normal(s);
  w.firms.log_eff_mean[f] = w.firms.log_eff[f] = le;
  w.firms.mobile[f] = mobile ? 1 : 0;
  const double amount = entrant_amount(w, p, track);
  const double share = firm_eligible(w, p, f) ? 1.0 : 0.0;
  const Support sup = cell_support(w, p, city, track, true, share);
  order_capacity(w, p, f, amount, sup);
  // Owners put in their share of the net capex as equity: debt covers only the rest.
  double equity = p.firms.equity_share * w.firms.book[f];
  if (fin.fund_stake > 0) {
    // The fund's stake comes first; owners pay their share of the remainder; the city pays the
    // stake from its budget, and the firm is state-linked.
    const double net = w.firms.book[f];
    const double stake = std::min(fin.fund_stake, net);
    equity = stake + p.firms.equity_share * (net - stake);
    w.firms.fund_stake[f] = stake;
    w.firms.state_linked[f] = 1;
    w.cities.fund_tick[i] += stake;
    w.flows.fund_investment += stake;
    ++w.flows.fund_entries;
  }
  // A leverage cut lends less: owners make up the difference.
  if (fin.credit.debt_factor < 1)
    equity = w.firms.book[f] - fin.credit.debt_factor * (w.firms.book[f] - equity);
  w.firms.debt[f] -= equity;
  if (fin.credit.premium > 0)
    w.firms.debt[f] +=
        fin.credit.premium * debt_annuity(p.firms) * std::max(0.0, w.firms.book[f] - equity);
  w.cities.last_entry[w.cell(city, track)] = w.tick;
  ++w.flows.entries;
  ++w.flows.entries_by_track[k];
  ++w.cities.entries_year[i];
  ++w.cities.cell_entries_year[w.cell(city, track)];
  if (mobile) {
    ++w.flows.mobile_entries;
    ++w.cities.mobile_entries_year[i];
  }
  return f;
}

/// Local entrants' Poisson means per cell (`rate`) and each cell's NPV/I (`npv`; -1e300 where
/// entry is barred: banned, closed cluster or credit refused); `scale` is entry_scale's factor
/// per track (empty: none).
void local_entry_rates(const sim::World& w, const ModelParams& p, const Outlooks& outlook,
                       const std::vector<policies::CreditTerms>& credit,
                       const std::vector<double>& scale, std::vector<double>& npv,
                       std::vector<double>& rate) {
  const std::size_t n = w.num_cities(), k = w.num_tracks();
  npv.assign(n * k, 0.0);
  rate.assign(n * k, 0.0);
  tbb::parallel_for(std::size_t{0}, n, [&](std::size_t i) {
    const auto ci = CityId::at(i);
    for (std::size_t t = 0; t < k; ++t) {
      const auto kt = TrackId::at(t);
      const Support s = cell_support(w, p, ci, kt, true, entrant_eligible_share(w, p, ci, kt));
      const double fee = premium_fee(p, credit[t], s, entrant_debt_share(p, credit[t], 0.0));
      npv[i * k + t] =
          npv_over_capex(w, p, outlook.at(ci, kt), kt, cell_unit_cost(w, p, ci, kt), s, fee);
      if (blocked(w, ci, kt) || w.cities.closed[i * k + t] || credit[t].refused) {
        npv[i * k + t] = -1e300;
        continue;
      }
      const double size = w.cities.gdp_share[i] * static_cast<double>(n);
      const double listed = w.cities.listed[i * k + t];
      rate[i * k + t] = p.firms.entry_rate * p.tracks[t].entry_weight *
                        std::max(0.0, npv[i * k + t]) * size *
                        (1.0 + p.subsidy.attraction * listed);
      if (!scale.empty()) rate[i * k + t] *= scale[t];
    }
  });
}

/// Mobile entrants' Poisson mean in track t: lambda_mob (1 - kappa) max(0, best cell NPV/I),
/// times entry_scale's factor (`scale`, empty: none).
double mobile_entry_rate(const ModelParams& p, const std::vector<double>& npv,
                         const std::vector<double>& scale, std::size_t n, std::size_t k,
                         std::size_t t) {
  double best = -1e300;
  for (std::size_t i = 0; i < n; ++i) best = std::max(best, npv[i * k + t]);
  const double rate = p.firms.mobile_rate * (1.0 - p.market.kappa) * std::max(0.0, best);
  return scale.empty() ? rate : rate * scale[t];
}

void local_entry(sim::World& w, const ModelParams& p, const Outlooks& outlook,
                 const std::vector<policies::CreditTerms>& credit, const std::vector<double>& scale,
                 std::vector<double>& npv) {
  const std::size_t n = w.num_cities(), k = w.num_tracks();
  std::vector<double> rate;
  local_entry_rates(w, p, outlook, credit, scale, npv, rate);
  std::vector<std::uint32_t> count(n * k, 0);
  tbb::parallel_for(std::size_t{0}, n, [&](std::size_t i) {
    const auto ci = CityId::at(i);
    for (std::size_t t = 0; t < k; ++t) {
      if (npv[i * k + t] <= -1e300) continue;
      sim::Stream st(sim::StreamKey{w.seed, w.run, w.tick, sim::cell_entity(ci, TrackId::at(t)),
                                    sim::Purpose::EntryLocal});
      count[i * k + t] = sim::poisson(st, rate[i * k + t]);
    }
  });
  std::uint64_t total = 0;
  for (std::size_t c = 0; c < n * k; ++c) {
    total += count[c];
    if (count[c] != 0) check_entrants(w, p, count[c], static_cast<int>(c / k), c % k, total);
  }
  for (std::size_t c = 0; c < n * k; ++c) {
    if (count[c] == 0) continue;
    const auto ci = CityId::at(c / k);
    const auto kt = TrackId::at(c % k);
    sim::Stream st(
        sim::StreamKey{w.seed, w.run, w.tick, sim::cell_entity(ci, kt), sim::Purpose::EntrantDraw});
    for (std::uint32_t e = 0; e < count[c]; ++e)
      create_entrant(w, p, ci, kt, st, false, Financing{0.0, credit[c % k]});
  }
}

/// Footloose capital: entrants per track shop for the city with the best NPV (subsidy race).
void mobile_entry(sim::World& w, const ModelParams& p,
                  const std::vector<policies::CreditTerms>& credit,
                  const std::vector<double>& scale, const std::vector<double>& npv) {
  const std::size_t n = w.num_cities(), k = w.num_tracks();
  std::vector<double> utility(n);
  for (std::size_t t = 0; t < k; ++t) {
    for (std::size_t i = 0; i < n; ++i) utility[i] = npv[i * k + t];
    const double rate = mobile_entry_rate(p, npv, scale, n, k, t);
    sim::Stream s(sim::StreamKey{w.seed, w.run, w.tick, static_cast<std::uint32_t>(t),
                                 sim::Purpose::EntryMobile});
    const std::uint32_t count = sim::poisson(s, rate);
    if (count == 0) continue;
    check_entrants(w, p, count, -1, t, count);
    const sim::LogitChoice choice(utility, p.firms.mobile_temperature);
    for (std::uint32_t e = 0; e < count; ++e) {
      const int city = choice.choose(s);
      if (city < 0 || utility[static_cast<std::size_t>(city)] <= 0) continue;
      create_entrant(w, p, CityId::at(static_cast<std::size_t>(city)), TrackId::at(t), s, true,
                     Financing{0.0, credit[t]});
    }
  }
}

/// Guidance funds (docs/model.md 6.9). In each listed cell the fund's concession g_ik adds backed
/// projects at the rate lambda_F w_k (N w_i) [max(0, NPV/I + g_ik) - max(0, NPV/I)]; under the vc
/// regime the fund invests on market terms (g = 0) beside private venture capital, only where
/// the regime supports entrants, at lambda_F w_k (N w_i) max(0, NPV/I). Each project is built
/// while the city's fund budget for the year covers its stake (cities, then tracks, in order).
/// Under entry_scale = market the rate carries the track's factor m_k as private entry does
/// (`scale`, empty: none).
void fund_entry(sim::World& w, const ModelParams& p,
                const std::vector<policies::CreditTerms>& credit, const std::vector<double>& scale,
                const std::vector<double>& npv) {
  const std::size_t n = w.num_cities(), k = w.num_tracks();
  std::vector<std::uint32_t> count(n * k, 0);
  tbb::parallel_for(std::size_t{0}, n, [&](std::size_t i) {
    const auto ci = CityId::at(i);
    for (std::size_t t = 0; t < k; ++t) {
      const std::size_t c = i * k + t;
      if (!w.cities.listed[c] || npv[c] <= -1e300 || credit[t].refused) continue;
      const auto kt = TrackId::at(t);
      const double eligible = entrant_eligible_share(w, p, ci, kt);
      double gain = 0.0;
      if (p.subsidy.regime == policies::SubsidyRegime::Vc) {
        gain = eligible > 0 ? std::max(0.0, npv[c]) : 0.0;
      } else {
        const Support s = cell_support(w, p, ci, kt, true, eligible);
        const double g = policies::fund_concession(p.funds, p.subsidy, w.cities.pressure[i],
                                                   p.tracks[t].signal, s.capex + s.land);
        gain = std::max(0.0, npv[c] + g) - std::max(0.0, npv[c]);
      }
      const double size = w.cities.gdp_share[i] * static_cast<double>(n);
      double rate = p.funds.rate * p.tracks[t].entry_weight * gain * size;
      if (!scale.empty()) rate *= scale[t];
      sim::Stream st(
          sim::StreamKey{w.seed, w.run, w.tick, sim::cell_entity(ci, kt), sim::Purpose::EntryFund});
      count[c] = sim::poisson(st, rate);
    }
  });
  std::uint64_t total = 0;
  for (std::size_t c = 0; c < n * k; ++c) {
    total += count[c];
    if (count[c] != 0) check_entrants(w, p, count[c], static_cast<int>(c / k), c % k, total);
  }
  for (std::size_t i = 0; i < n; ++i) {
    const auto ci = CityId::at(i);
    double budget = policies::fund_budget(p.funds, w.cities.pressure[i], w.cities.gdp_last_year[i],
                                          city_debt_room(w, p, ci));
    for (std::size_t t = 0; t < k; ++t) {
      const std::size_t c = i * k + t;
      if (count[c] == 0) continue;
      const auto kt = TrackId::at(t);
      sim::Stream st(sim::StreamKey{w.seed, w.run, w.tick, sim::cell_entity(ci, kt),
                                    sim::Purpose::FundEntrantDraw});
      for (std::uint32_t e = 0; e < count[c]; ++e) {
        const double stake =
            p.funds.equity_share * entrant_amount(w, p, kt) * current_capex(w, p, kt);
        if (stake > budget) break;
        const std::size_t f = create_entrant(w, p, ci, kt, st, false, Financing{stake, credit[t]});
        budget -= w.firms.fund_stake[f];
      }
    }
  }
}

}  // namespace

void decide_investment(sim::World& w, const ModelParams& p) {
  const Outlooks outlook(w, p);
  const auto credit = credit_terms(p, outlook, w.num_tracks());
  expand_incumbents(w, p, outlook, credit);
  close_clusters(w, p);
  // Computed before any order of the round: every investor of the round sees the same market.
  const std::vector<double> scale = entry_scale(w, p, outlook);
  std::vector<double> npv;
  local_entry(w, p, outlook, credit, scale, npv);
  mobile_entry(w, p, credit, scale, npv);
  if (p.funds.enabled) fund_entry(w, p, credit, scale, npv);
}

ExpectedEntry expected_entry(sim::World& w, const ModelParams& p) {
  const std::size_t n = w.num_cities(), k = w.num_tracks();
  const Outlooks outlook(w, p);
  const auto credit = credit_terms(p, outlook, k);
  close_clusters(w, p);
  const std::vector<double> scale = entry_scale(w, p, outlook);
  std::vector<double> npv, rate;
  local_entry_rates(w, p, outlook, credit, scale, npv, rate);
  ExpectedEntry out;
  out.entrants.assign(k, 0.0);
  out.plant.assign(k, 0.0);
  out.market_plants = market_plants(w, p, outlook);
  for (std::size_t t = 0; t < k; ++t) {
    double entrants = mobile_entry_rate(p, npv, scale, n, k, t);
    for (std::size_t i = 0; i < n; ++i) entrants += rate[i * k + t];
    out.entrants[t] = entrants;
    out.plant[t] = entrant_amount(w, p, TrackId::at(t));
  }
  return out;
}

std::vector<double> expected_entry_capacity(sim::World& w, const ModelParams& p) {
  const ExpectedEntry e = expected_entry(w, p);
  std::vector<double> out(e.entrants.size(), 0.0);
  for (std::size_t t = 0; t < out.size(); ++t) out[t] = e.entrants[t] * e.plant[t];
  return out;
}

}  // namespace regsim::agents
