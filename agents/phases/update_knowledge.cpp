// Knowledge phase: spillovers, learning by doing, learning curves, firm efficiency.
#include <algorithm>
#include <cmath>

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include "agents/phases/phases.h"
#include "sim/random.h"

namespace regsim::agents {

void refresh_spillover_weights(sim::World& w, const ModelParams& p) {
  const double kappa_k = std::min(1.0, p.spillover.chi * p.market.kappa);
  if (kappa_k == w.spill_kappa_k) return;
  w.spill = sim::spillover_weights(w.geo, p.spillover.d_half_km, kappa_k);
  w.spill_kappa_k = kappa_k;
}

namespace {

/// Row-normalised relatedness: the catch-up pull of track k is a weighted mean of gaps in k'.
std::vector<double> normalised_relatedness(const sim::World& w) {
  const std::size_t k = w.num_tracks();
  std::vector<double> phi = w.relatedness;
  for (std::size_t a = 0; a < k; ++a) {
    double sum = 0;
    for (std::size_t b = 0; b < k; ++b) sum += phi[a * k + b];
    if (sum > 0)
      for (std::size_t b = 0; b < k; ++b) phi[a * k + b] /= sum;
  }
  return phi;
}

/// The knowledge pull on every track of city i: pull[t] = sum_j W_ij sum_l phi_t[l][t] max(0, a_jl
/// - a_it), summed over j, then l, in that order. Compiled twice (AVX2 and baseline x86-64) and
/// picked at load time: both do the same IEEE multiplications, maxima and additions in the same
/// order (contraction into FMA is off project-wide), so the results are bit-identical; AVX2 only
/// does four tracks per instruction instead of two.
__attribute__((target_clones("avx2", "default"))) void city_pull(
    const Eigen::SparseMatrix<double, Eigen::RowMajor>& spill, std::size_t i, std::size_t k,
    const double* a, const double* phi_t, const double* top, const double* bottom, double* pull,
    double* gap) {
  const double* ai = &a[i * k];
  for (std::size_t t = 0; t < k; ++t) pull[t] = 0.0;
  for (Eigen::SparseMatrix<double, Eigen::RowMajor>::InnerIterator it(spill,
                                                                      static_cast<Eigen::Index>(i));
       it; ++it) {
    const auto j = static_cast<std::size_t>(it.col());
    if (top[j] <= bottom[i]) continue;
    const double* aj = &a[j * k];
    for (std::size_t t = 0; t < k; ++t) gap[t] = 0.0;
    for (std::size_t l = 0; l < k; ++l) {
      const double* phl = &phi_t[l * k];
      const double b = aj[l];
      if (b <= bottom[i]) continue;  // no gap to any track of city i: adds exact zeros
      for (std::size_t t = 0; t < k; ++t) gap[t] += phl[t] * std::max(0.0, b - ai[t]);
    }
    const double wij = it.value();
    for (std::size_t t = 0; t < k; ++t) pull[t] += wij * gap[t];
  }
}

/// d ln A_ik = gA + lambda_L * (cell output share) + s * sum_j W_ij sum_k' phi_kk' max(0, gap).
/// Loops run over (neighbour j, related track k', track k) so the innermost loop is across k and
/// vectorises; for every (i, k) the sums still run over j, then k', in the same order as the
/// formula, so results are bit-identical to the straightforward loop. A neighbour (or one of its
/// tracks) whose knowledge is not above city i's worst adds exact zeros and is skipped.
void diffuse(sim::World& w, const ModelParams& p) {
  const std::size_t n = w.num_cities(), k = w.num_tracks();
  const auto phi = normalised_relatedness(w);
  std::vector<double> phi_t(k * k);  // phi_t[l * k + t] = phi[t * k + l]
  for (std::size_t t = 0; t < k; ++t)
    for (std::size_t l = 0; l < k; ++l) phi_t[l * k + t] = phi[t * k + l];
  const auto& a = w.cities.log_knowledge;
  std::vector<double> top(n), bottom(n);
  for (std::size_t i = 0; i < n; ++i) {
    const auto row = a.begin() + static_cast<std::ptrdiff_t>(i * k);
    top[i] = *std::max_element(row, row + static_cast<std::ptrdiff_t>(k));
    bottom[i] = *std::min_element(row, row + static_cast<std::ptrdiff_t>(k));
  }
  auto& next = w.cities.log_knowledge_next;
  const int lockin = p.spillover.lockin_years * sim::kTicksPerYear;
  tbb::parallel_for(std::size_t{0}, n, [&](std::size_t i) {
    std::vector<double> pull(k), gap(k);
    city_pull(w.spill, i, k, a.data(), phi_t.data(), top.data(), bottom.data(), pull.data(),
              gap.data());
    for (std::size_t t = 0; t < k; ++t) {
      const std::size_t c = i * k + t;
      const double national = w.tracks.output[t];
      const double share = national > 0 ? w.cities.cell_output[c] / national : 0.0;
      const bool open = w.tick - w.cities.last_entry[c] < lockin;
      const double lbd = open ? p.spillover.learning_by_doing * share : 0.0;
      next[c] = a[c] + p.spillover.drift + lbd + p.spillover.strength * pull[t];
    }
  });
  std::swap(w.cities.log_knowledge, w.cities.log_knowledge_next);
}

void learning_curves(sim::World& w, const ModelParams& p) {
  for (std::size_t t = 0; t < w.num_tracks(); ++t) {
    w.tracks.cum_output[t] += w.tracks.output[t];
    const double progress = w.tracks.cum_output[t] / w.tracks.cum_output0[t];
    w.tracks.frontier_cost[t] = p.tracks[t].c0 * std::pow(progress, -p.tracks[t].learning);
    w.tracks.capex[t] =
        p.tracks[t].capex * std::pow(progress, -p.tracks[t].learning * p.firms.capex_learning);
  }
}

/// ln u_f = mu_f + rho (ln u_f - mu_f) + sd * eps: efficiency wanders around the entry draw.
void productivity(sim::World& w, const ModelParams& p) {
  auto& fm = w.firms;
  const sim::StreamKey key{w.seed, w.run, w.tick, 0, sim::Purpose::Efficiency};
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, fm.size(), 512), [&](const auto& r) {
    // Each firm's stream (keyed by its id) starts with one Philox block: the blocks are computed
    // together, then a ziggurat normal on each (sim::ziggurat_normal of the firm's stream).
    sim::for_each_first_block(
        key, std::span<const sim::FirmId>(&fm.id[r.begin()], r.size()),
        [&](std::size_t e, std::uint32_t w0, std::uint32_t w1, std::uint32_t w2, std::uint32_t w3) {
          const std::size_t f = r.begin() + e;
          sim::StreamKey own = key;
          own.entity = fm.id[f].value;
          fm.log_eff[f] =
              fm.log_eff_mean[f] + p.firms.efficiency_rho * (fm.log_eff[f] - fm.log_eff_mean[f]) +
              p.firms.efficiency_shock * sim::block_ziggurat_normal(own, w0, w1, w2, w3);
        });
  });
}

}  // namespace

void update_knowledge(sim::World& w, const ModelParams& p) {
  diffuse(w, p);
  learning_curves(w, p);
  productivity(w, p);
}

}  // namespace regsim::agents
