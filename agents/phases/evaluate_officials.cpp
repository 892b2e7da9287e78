// Promotion phase (last quarter of a year): evaluation of officials, promotion and turnover.
#include <algorithm>
#include <array>
#include <cmath>

#include "agents/phases/phases.h"
#include "policies/rules.h"
#include "sim/indicators.h"
#include "sim/random.h"

namespace regsim::agents {

namespace {

constexpr int kCriteria = 6;  // growth, fiscal, employment, innovation, ecology, distinctiveness

/// Raw evaluation criteria of every city for the year that ends now.
std::vector<std::array<double, kCriteria>> criteria(const sim::World& w) {
  const std::size_t n = w.num_cities(), k = w.num_tracks();
  const auto& c = w.cities;
  sim::Matrix out_matrix{static_cast<int>(n), static_cast<int>(k), c.cell_output};
  const auto distinct = sim::krugman_specialisation(out_matrix);
  std::vector<std::array<double, kCriteria>> x(n);
  for (std::size_t i = 0; i < n; ++i) {
    const double gdp = std::max(c.gdp_year[i], 1e-12);
    const double growth = c.gdp_year[i] / std::max(c.gdp_last_year[i], 1e-12) - 1.0;
    double innovation = 0.0;
    for (std::size_t t = 0; t < k; ++t)
      innovation += c.log_knowledge[i * k + t] - c.log_knowledge_year_start[i * k + t];
    const double tenure_growth = (c.growth_sum[i] + growth) / (c.official_tenure[i] + 1);
    x[i] = {tenure_growth,
            -c.debt[i] / gdp,
            c.jobs[i] / std::max(w.geo.population[i], 1e-12),
            innovation / static_cast<double>(k),
            -c.pollution_year[i] / gdp,
            distinct[i]};
  }
  return x;
}

/// Standardises values within each province (z-scores; 0 where the province has no spread).
std::vector<double> province_z(const sim::World& w, const std::vector<double>& v) {
  const std::size_t n = w.num_cities();
  const auto np = static_cast<std::size_t>(w.geo.num_provinces);
  std::vector<double> sum(np, 0), sum2(np, 0), cnt(np, 0);
  for (std::size_t i = 0; i < n; ++i) {
    const auto pr = static_cast<std::size_t>(w.geo.province[i]);
    sum[pr] += v[i];
    cnt[pr] += 1;
  }
  for (std::size_t i = 0; i < n; ++i) {
    const auto pr = static_cast<std::size_t>(w.geo.province[i]);
    const double d = v[i] - sum[pr] / cnt[pr];
    sum2[pr] += d * d;
  }
  std::vector<double> z(n, 0.0);
  for (std::size_t i = 0; i < n; ++i) {
    const auto pr = static_cast<std::size_t>(w.geo.province[i]);
    const double sd = std::sqrt(sum2[pr] / cnt[pr]);
    z[i] = sd > 1e-12 ? (v[i] - sum[pr] / cnt[pr]) / sd : 0.0;
  }
  return z;
}

void appoint_official(sim::World& w, const ModelParams& p, std::size_t i) {
  auto& c = w.cities;
  ++c.official_id[i];
  sim::Stream s(
      sim::StreamKey{w.seed, w.run, w.tick,
                     sim::cell_entity(static_cast<std::uint32_t>(i), c.official_id[i] % 4096),
                     sim::Purpose::Official});
  c.official_age[i] =
      p.tournament.min_age + (p.tournament.max_age - p.tournament.min_age) * sim::uniform01(s);
  c.risk_aversion[i] =
      p.tournament.ra_min + (p.tournament.ra_max - p.tournament.ra_min) * sim::uniform01(s);
  c.official_tenure[i] = 0;
  c.failures[i] = 0;
  c.growth_sum[i] = 0;
  c.new_official[i] = 1;
}

}  // namespace

void evaluate_officials(sim::World& w, const ModelParams& p) {
  const std::size_t n = w.num_cities();
  auto& c = w.cities;
  const auto x = criteria(w);
  std::array<std::vector<double>, kCriteria> z;
  for (int j = 0; j < kCriteria; ++j) {
    std::vector<double> col(n);
    for (std::size_t i = 0; i < n; ++i) col[i] = x[i][static_cast<std::size_t>(j)];
    z[static_cast<std::size_t>(j)] = province_z(w, col);
  }
  std::vector<double> combined(n, 0.0);
  for (std::size_t i = 0; i < n; ++i) {
    const auto weights = policies::evaluation_weights(p.tournament, w.geo.zone[i]);
    for (std::size_t j = 0; j < kCriteria; ++j) combined[i] += weights[j] * z[j][i];
  }
  c.score = province_z(w, combined);
  for (std::size_t i = 0; i < n; ++i) {
    const double growth = c.gdp_year[i] / std::max(c.gdp_last_year[i], 1e-12) - 1.0;
    c.growth_sum[i] += growth;
    sim::Stream s(sim::StreamKey{w.seed, w.run, w.tick, static_cast<std::uint32_t>(i),
                                 sim::Purpose::Promotion});
    const double fail = std::log1p(static_cast<double>(c.failures[i]));
    const bool young = c.official_age[i] < p.tournament.promotion_age_limit;
    const double prob = young ? policies::promotion_probability(p.tournament, c.score[i], fail) : 0;
    c.promoted[i] = sim::bernoulli(s, prob) ? 1 : 0;
    const bool leaves =
        c.promoted[i] ||
        sim::bernoulli(s, policies::official_exit_hazard(p.tournament, c.official_tenure[i] + 1,
                                                         c.official_age[i] + 1));
    if (c.promoted[i]) ++c.promotions_total[i];
    if (leaves) {
      appoint_official(w, p, i);
    } else {
      ++c.official_tenure[i];
      c.official_age[i] += 1.0;
    }
  }
}

}  // namespace regsim::agents
