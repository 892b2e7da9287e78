// Plan phase (first quarter of a year): track lists, subsidy yardstick, protection, controls.
#include <algorithm>
#include <cmath>
#include <numeric>

#include <tbb/parallel_for.h>

#include "agents/economics.h"
#include "agents/market_access.h"
#include "agents/phases/phases.h"
#include "policies/rules.h"
#include "sim/random.h"

namespace regsim::agents {

using sim::CityId;
using sim::TrackId;

namespace {

/// Product-space relatedness: phi_kk' = min(P(M_k' | M_k), P(M_k | M_k')) over cities.
void colocation_relatedness(sim::World& w) {
  const std::size_t n = w.num_cities(), k = w.num_tracks();
  const auto& m = w.cities.rca;
  std::vector<double> count(k, 0.0);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t a = 0; a < k; ++a) count[a] += m[i * k + a];
  for (std::size_t a = 0; a < k; ++a)
    for (std::size_t b = 0; b < k; ++b) {
      if (a == b) {
        w.relatedness[a * k + b] = 1.0;
        continue;
      }
      double both = 0.0;
      for (std::size_t i = 0; i < n; ++i) both += m[i * k + a] * m[i * k + b];
      const double top = std::max(count[a], count[b]);
      w.relatedness[a * k + b] = top > 0 ? both / top : 0.0;
    }
}

/// RCA of city capacity structure and the relatedness density omega_ik.
void update_relatedness_density(sim::World& w, bool colocation) {
  const std::size_t n = w.num_cities(), k = w.num_tracks();
  auto& c = w.cities;
  std::vector<double> national(k, 0.0), city_total(n, 0.0);
  double total = 0.0;
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < k; ++j) {
      const double x = c.cell_capacity[i * k + j];
      national[j] += x;
      city_total[i] += x;
      total += x;
    }
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < k; ++j) {
      const double share = city_total[i] > 0 ? c.cell_capacity[i * k + j] / city_total[i] : 0.0;
      const double nat = total > 0 ? national[j] / total : 0.0;
      c.rca[i * k + j] = (nat > 0 && share / nat >= 1.0) ? 1 : 0;
    }
  if (colocation) colocation_relatedness(w);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < k; ++j) {
      double num = 0.0, den = 0.0;
      for (std::size_t l = 0; l < k; ++l) {
        num += c.rca[i * k + l] * w.relatedness[j * k + l];
        den += w.relatedness[j * k + l];
      }
      c.density[i * k + j] = den > 0 ? num / den : 0.0;
    }
}

/// Percentile rank (0 = lowest, 1 = highest) of value[i] among the cities of its province.
std::vector<double> province_rank(const sim::World& w, const std::vector<double>& value) {
  const std::size_t n = w.num_cities();
  std::vector<double> rank(n, 0.5);
  for (std::size_t i = 0; i < n; ++i) {
    double below = 0.0;
    int peers = 0;
    for (std::size_t j = 0; j < n; ++j) {
      if (j == i || w.geo.province[j] != w.geo.province[i]) continue;
      ++peers;
      if (value[j] < value[i]) below += 1.0;
      if (value[j] == value[i]) below += 0.5;  // ties share the rank: no index-order advantage
    }
    if (peers > 0) rank[i] = below / peers;
  }
  return rank;
}

/// The cities of each province, indexed by ProvinceId.
std::vector<std::vector<CityId>> province_members(const sim::World& w) {
  std::vector<std::vector<CityId>> out(static_cast<std::size_t>(w.geo.num_provinces));
  for (std::size_t i = 0; i < w.num_cities(); ++i) {
    const CityId city = CityId::at(i);
    out[w.province(city).index()].push_back(city);
  }
  return out;
}

struct PlanContext {
  std::vector<TrackOutlook> outlook;
  std::vector<TrackOutlook> cells;    ///< per-city outlooks under market-access expectations
  std::vector<double> listing_share;  ///< share of cities listing k last year
  std::vector<std::vector<CityId>> provinces;
};

/// Share of city i's observed peers (graph neighbours and same-province cities) listing k.
std::vector<double> peer_listing(const sim::World& w, const PlanContext& ctx, CityId city) {
  const std::size_t k = w.num_tracks(), i = city.index();
  std::vector<double> count(k, 0.0);
  int peers = 0;
  auto add = [&](CityId j) {
    ++peers;
    for (std::size_t t = 0; t < k; ++t) count[t] += w.cities.listed_last_year[j.index() * k + t];
  };
  const sim::ProvinceId prov = w.province(city);
  for (CityId j : ctx.provinces[prov.index()])
    if (j != city) add(j);
  for (std::uint32_t e = w.geo.adj_start[i]; e < w.geo.adj_start[i + 1]; ++e) {
    const CityId j(w.geo.adj[e]);
    if (w.province(j) != prov) add(j);
  }
  if (peers > 0)
    for (auto& x : count) x /= peers;
  return count;
}

/// Horizon GDP per unit of capacity: capex counts at once, value added only once the plant runs
/// within the official's horizon, so short horizons favour fast-build, capital-heavy tracks.
std::vector<double> horizon_gdp(const sim::World& w, const ModelParams& p, const PlanContext& ctx,
                                CityId city) {
  const std::size_t k = w.num_tracks(), i = city.index();
  const double horizon_q =
      sim::kTicksPerYear * std::max(1, p.tournament.term_years - w.cities.official_tenure[i]);
  std::vector<double> g(k);
  double top = 0.0;
  for (std::size_t t = 0; t < k; ++t) {
    const auto& tp = p.tracks[t];
    const double run_q = std::max(0.0, horizon_q - tp.lag);
    // Under market-access expectations the official sees what the city's investors see.
    const TrackOutlook& o = ctx.cells.empty() ? ctx.outlook[t] : ctx.cells[i * k + t];
    g[t] = current_capex(w, p, TrackId::at(t)) + tp.value_added * o.price * o.cu * run_q;
    top = std::max(top, g[t]);
  }
  if (top > 0)
    for (auto& x : g) x /= top;
  return g;
}

/// The S3 rule's floor: the city's own s3_percentile quantile of its densities.
double density_floor(const ModelParams& p, std::vector<double> density) {
  std::sort(density.begin(), density.end());
  return density[static_cast<std::size_t>(p.government.s3_percentile *
                                          static_cast<double>(density.size() - 1))];
}

/// A held city lists the tracks its government chose, in its order, up to the list size; under
/// the S3 rule, tracks below the city's density floor are dropped as they are for the model.
void list_held(sim::World& w, const ModelParams& p, const CityChoice& choice, CityId city) {
  const std::size_t k = w.num_tracks(), i = city.index();
  const auto first = w.cities.density.begin() + static_cast<std::ptrdiff_t>(i * k);
  const double floor =
      p.government.smart_specialisation
          ? density_floor(p, std::vector<double>(first, first + static_cast<std::ptrdiff_t>(k)))
          : 0.0;
  for (std::size_t t = 0; t < k; ++t) w.cities.listed[i * k + t] = 0;
  int listed = 0;
  for (const TrackId track : choice.priorities) {
    const std::size_t t = track.index();
    if (t >= k || listed >= p.government.list_size || w.cities.listed[i * k + t]) continue;
    if (p.government.smart_specialisation && w.cities.density[i * k + t] < floor) continue;
    w.cities.listed[i * k + t] = 1;
    ++listed;
  }
}

/// Chooses city i's priority list: Gumbel-top-m of the scores, with the S3 filter.
void choose_list(sim::World& w, const ModelParams& p, const PlanContext& ctx, CityId city) {
  const std::size_t k = w.num_tracks(), i = city.index();
  sim::Stream s(sim::StreamKey{w.seed, w.run, w.tick, city.value, sim::Purpose::PlanNoise});
  const auto herd_peers = peer_listing(w, ctx, city);
  const auto gdp = horizon_gdp(w, p, ctx, city);
  const double obs_sd = p.government.smart_specialisation ? p.government.s3_observation_sd
                                                          : p.government.observation_sd;
  std::vector<double> density(w.cities.density.begin() + static_cast<std::ptrdiff_t>(i * k),
                              w.cities.density.begin() + static_cast<std::ptrdiff_t>((i + 1) * k));
  const double s3_floor = density_floor(p, density);
  const bool newcomer = w.cities.new_official[i] != 0;
  std::vector<std::pair<double, std::size_t>> scored;
  for (std::size_t t = 0; t < k; ++t) {
    policies::TrackView v;
    v.signal = p.tracks[t].signal;
    v.herd = (1.0 - p.government.national_feed) * herd_peers[t] +
             p.government.national_feed * ctx.listing_share[t];
    v.log_advantage = w.cities.log_endowment[i * k + t] + obs_sd * sim::std_normal(s);
    v.density = density[t];
    v.horizon_gdp = gdp[t];
    v.crowding = ctx.listing_share[t] + std::max(0.0, ctx.outlook[t].overhang);
    v.risk = p.tracks[t].risk;
    const bool was_listed = w.cities.listed_last_year[i * k + t] != 0;
    v.listed = was_listed && (!newcomer || sim::bernoulli(s, p.government.keep_predecessor));
    double u = policies::track_score(v, p.government, w.cities.pressure[i],
                                     w.cities.risk_aversion[i], p.tournament.fault_tolerance);
    u += p.government.noise * sim::gumbel(s);
    const bool allowed = !p.government.smart_specialisation || density[t] >= s3_floor;
    if (allowed) scored.emplace_back(u, t);
  }
  std::sort(scored.begin(), scored.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  for (std::size_t t = 0; t < k; ++t) w.cities.listed[i * k + t] = 0;
  const std::size_t m =
      std::min<std::size_t>(static_cast<std::size_t>(p.government.list_size), scored.size());
  for (std::size_t r = 0; r < m; ++r) w.cities.listed[i * k + scored[r].second] = 1;
}

void update_subsidy_rates(sim::World& w, const ModelParams& p, const std::vector<double>& lag,
                          const ExternalDecisions& external) {
  const std::size_t n = w.num_cities();
  auto& c = w.cities;
  if (p.subsidy.regime == policies::SubsidyRegime::None) {
    std::fill(c.subsidy_rate.begin(), c.subsidy_rate.end(), 0.0);
    return;
  }
  const std::vector<double> current = c.subsidy_rate;
  for (std::size_t i = 0; i < n; ++i) {
    double stat = 0.0;
    int deg = 0;
    for (std::uint32_t e = w.geo.adj_start[i]; e < w.geo.adj_start[i + 1]; ++e) {
      const double s = current[w.geo.adj[e]];
      stat = p.subsidy.yardstick == policies::Yardstick::Max ? std::max(stat, s) : stat + s;
      ++deg;
    }
    if (p.subsidy.yardstick == policies::Yardstick::Mean && deg > 0) stat /= deg;
    if (deg == 0) stat = current[i];
    const double target = policies::subsidy_target(p.subsidy, c.pressure[i], lag[i]);
    c.subsidy_rate[i] = policies::yardstick_update(p.subsidy, current[i], stat, target);
  }
  for (std::size_t i = 0; i < n; ++i)
    if (const CityChoice* held = external.find(i))
      c.subsidy_rate[i] = std::clamp(held->subsidy_rate, 0.0, p.subsidy.state_aid_cap);
}

void update_protection_and_rules(sim::World& w, const ModelParams& p) {
  auto& c = w.cities;
  for (std::size_t i = 0; i < w.num_cities(); ++i) {
    const double lost = c.home_share_last_year[i] - c.home_share[i];
    c.protection[i] = policies::update_protection(p.protection, c.protection[i], c.pressure[i],
                                                  w.tick > 0 ? lost : 0.0);
    c.home_share_last_year[i] = c.home_share[i];
    sim::Stream s(sim::StreamKey{w.seed, w.run, w.tick, static_cast<std::uint32_t>(i),
                                 sim::Purpose::Compliance});
    c.complies[i] = sim::bernoulli(s, p.rules.noncompliance * p.tournament.alpha1) ? 0 : 1;
  }
  for (std::size_t k = 0; k < w.num_tracks(); ++k) {
    const double cap = w.tracks.capacity[k];
    const double cu = cap > 0 ? w.tracks.output[k] / cap : 1.0;
    w.tracks.banned[k] = (p.rules.capacity_controls && cu < p.rules.cu_threshold) ? 1 : 0;
  }
}

}  // namespace

void plan_governments(sim::World& w, const ModelParams& p, const ExternalDecisions& external) {
  const std::size_t n = w.num_cities(), k = w.num_tracks();
  auto& c = w.cities;
  c.listed_last_year = c.listed;
  update_relatedness_density(w, p.spillover.colocation_relatedness);
  PlanContext ctx;
  ctx.provinces = province_members(w);
  ctx.outlook.resize(k);
  ctx.listing_share.assign(k, 0.0);
  for (std::size_t t = 0; t < k; ++t) {
    ctx.outlook[t] = track_outlook(w, p, TrackId::at(t));
    for (std::size_t i = 0; i < n; ++i) ctx.listing_share[t] += c.listed_last_year[i * k + t];
    ctx.listing_share[t] /= static_cast<double>(n);
  }
  if (p.firms.expectations == Expectations::MarketAccess)
    ctx.cells = cell_outlooks(w, p, ctx.outlook);
  // Promotion pressure from the last evaluation's rank; lag from GDP growth in the province.
  const auto score_rank = province_rank(w, c.score);
  std::vector<double> growth(n);
  for (std::size_t i = 0; i < n; ++i)
    growth[i] = c.gdp_last_year[i] / std::max(c.gdp_prev_year[i], 1e-12) - 1.0;
  const auto growth_rank = province_rank(w, growth);
  std::vector<double> lag(n);
  for (std::size_t i = 0; i < n; ++i) {
    c.pressure[i] = policies::promotion_pressure(p.tournament, score_rank[i], c.official_age[i]);
    lag[i] = 1.0 - growth_rank[i];
  }
  tbb::parallel_for(std::size_t{0}, n, [&](std::size_t i) {
    if (const CityChoice* held = external.find(i))
      list_held(w, p, *held, CityId::at(i));
    else
      choose_list(w, p, ctx, CityId::at(i));
  });
  for (std::size_t i = 0; i < n; ++i) c.new_official[i] = 0;
  for (std::size_t t = 0; t < k; ++t) {
    int count = 0;
    for (std::size_t i = 0; i < n; ++i) count += c.listed[i * k + t];
    w.tracks.cities_listing[t] = count;
  }
  update_subsidy_rates(w, p, lag, external);
  update_protection_and_rules(w, p);
}

}  // namespace regsim::agents
