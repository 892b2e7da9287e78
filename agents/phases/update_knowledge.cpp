// Knowledge phase: spillovers, learning by doing, learning curves, firm efficiency.
#include <algorithm>
#include <array>
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

using Spill = Eigen::SparseMatrix<double, Eigen::RowMajor>;

/// Four tracks' worth of doubles (GCC vector extension: one AVX2 register, or two SSE2 ones).
using Lanes = double __attribute__((vector_size(32)));
constexpr std::size_t kLanes = 4;
/// Widest track list the register-blocked kernel takes (8 x 4 tracks); wider ones take the loop.
constexpr std::size_t kMaxBlocks = 8;

/// +0.0, read through volatile so that the compiler cannot fold it (see city_pull).
volatile double kZeroForMax = 0.0;

/// city_pull with the track sums in registers: `Blocks` groups of four tracks, the track list
/// padded to a multiple of four (phi_t rows of `blocks * 4`, zeros past k; ai likewise padded,
/// its padding lanes are computed and dropped). Per track the operations are those of the plain
/// loop below, in the same order: gap = gap + phi * max(0, b - a_it) over the related tracks l,
/// then pull = pull + W_ij * gap over the neighbours j, so the bits are the same.
template <std::size_t Blocks>
inline __attribute__((always_inline)) void city_pull_blocked(const Spill& spill, std::size_t i,
                                                             std::size_t k, const double* a,
                                                             const double* phi_t, const double* ai,
                                                             const double* top, double floor,
                                                             double z, double* pull) {
  constexpr std::size_t kp = Blocks * kLanes;
  const Lanes zero = {z, z, z, z};
  Lanes ai_v[Blocks], acc[Blocks];
  for (std::size_t v = 0; v < Blocks; ++v) {
    __builtin_memcpy(&ai_v[v], &ai[v * kLanes], sizeof(Lanes));
    acc[v] = zero;
  }
  for (Spill::InnerIterator it(spill, static_cast<Eigen::Index>(i)); it; ++it) {
    const auto j = static_cast<std::size_t>(it.col());
    if (top[j] <= floor) continue;
    const double* aj = &a[j * k];
    Lanes gap[Blocks];
    for (std::size_t v = 0; v < Blocks; ++v) gap[v] = zero;
    for (std::size_t l = 0; l < k; ++l) {
      const double b = aj[l];
      if (b <= floor) continue;  // no gap to any track of city i: adds exact zeros
      const Lanes bv = {b, b, b, b};
      const double* phl = &phi_t[l * kp];
      for (std::size_t v = 0; v < Blocks; ++v) {
        const Lanes d = bv - ai_v[v];
        // std::max(0.0, d) lane by lane: one maxpd (d > 0 ? d : +0), as zero is not a constant
        const Lanes pos = d > zero ? d : zero;
        Lanes ph;
        __builtin_memcpy(&ph, &phl[v * kLanes], sizeof ph);
        gap[v] += ph * pos;
      }
    }
    const double wij = it.value();
    const Lanes wv = {wij, wij, wij, wij};
    for (std::size_t v = 0; v < Blocks; ++v) acc[v] += wv * gap[v];
  }
  for (std::size_t v = 0; v < Blocks; ++v)
    __builtin_memcpy(&pull[v * kLanes], &acc[v], sizeof(Lanes));
}

/// The knowledge pull on every track of city i: pull[t] = sum_j W_ij sum_l phi_t[l][t] max(0, a_jl
/// - a_it), summed over j, then l, in that order. Compiled twice (AVX2 and baseline x86-64) and
/// picked at load time: both do the same IEEE multiplications, maxima and additions in the same
/// order (contraction into FMA is off project-wide), so the results are bit-identical; AVX2 only
/// does four tracks per instruction instead of two. Up to 32 tracks the sums stay in registers
/// (city_pull_blocked; phi_t and ai padded to `kp` = k rounded up to 4); wider lists take the
/// loop (kp = k, ai = city i's row). `pull` and `gap` hold kp values.
__attribute__((target_clones("avx2", "default"))) void city_pull(
    const Spill& spill, std::size_t i, std::size_t k, std::size_t kp, const double* a,
    const double* phi_t, const double* ai, const double* top, const double* bottom, double* pull,
    double* gap) {
  const double floor = bottom[i];
  // +0.0 read at run time: with a constant zero GCC compiles max(0, d) to a compare and an and.
  const double z = kZeroForMax;
  switch (kp % kLanes == 0 ? kp / kLanes : 0) {
    case 1:
      return city_pull_blocked<1>(spill, i, k, a, phi_t, ai, top, floor, z, pull);
    case 2:
      return city_pull_blocked<2>(spill, i, k, a, phi_t, ai, top, floor, z, pull);
    case 3:
      return city_pull_blocked<3>(spill, i, k, a, phi_t, ai, top, floor, z, pull);
    case 4:
      return city_pull_blocked<4>(spill, i, k, a, phi_t, ai, top, floor, z, pull);
    case 5:
      return city_pull_blocked<5>(spill, i, k, a, phi_t, ai, top, floor, z, pull);
    case 6:
      return city_pull_blocked<6>(spill, i, k, a, phi_t, ai, top, floor, z, pull);
    case 7:
      return city_pull_blocked<7>(spill, i, k, a, phi_t, ai, top, floor, z, pull);
    case 8:
      return city_pull_blocked<8>(spill, i, k, a, phi_t, ai, top, floor, z, pull);
    default:
      break;
  }
  for (std::size_t t = 0; t < kp; ++t) pull[t] = 0.0;
  for (Spill::InnerIterator it(spill, static_cast<Eigen::Index>(i)); it; ++it) {
    const auto j = static_cast<std::size_t>(it.col());
    if (top[j] <= floor) continue;
    const double* aj = &a[j * k];
    for (std::size_t t = 0; t < kp; ++t) gap[t] = 0.0;
    for (std::size_t l = 0; l < k; ++l) {
      const double* phl = &phi_t[l * kp];
      const double b = aj[l];
      if (b <= floor) continue;  // no gap to any track of city i: adds exact zeros
      for (std::size_t t = 0; t < kp; ++t) gap[t] += phl[t] * std::max(0.0, b - ai[t]);
    }
    const double wij = it.value();
    for (std::size_t t = 0; t < kp; ++t) pull[t] += wij * gap[t];
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
  // Rows padded to kp tracks (a multiple of four up to kMaxBlocks blocks) with zeros.
  const std::size_t kp = k <= kMaxBlocks * kLanes ? (k + kLanes - 1) / kLanes * kLanes : k;
  std::vector<double> phi_t(k * kp, 0.0);  // phi_t[l * kp + t] = phi[t * k + l]
  for (std::size_t t = 0; t < k; ++t)
    for (std::size_t l = 0; l < k; ++l) phi_t[l * kp + t] = phi[t * k + l];
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
    std::vector<double> pull(kp), gap(kp), ai(kp, 0.0);
    std::copy_n(&a[i * k], k, ai.begin());
    city_pull(w.spill, i, k, kp, a.data(), phi_t.data(), ai.data(), top.data(), bottom.data(),
              pull.data(), gap.data());
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
    // 512 at a time, then a ziggurat normal on each (sim::ziggurat_normal of the firm's stream).
    // The draws the block's first word settles are applied in a loop without calls, with the
    // columns and parameters in locals; the few others (wedges and tail) after it.
    std::array<std::uint32_t, 512> later;  // a chunk's draws left to the stream (few)
    const auto chunk = [&](std::size_t first, std::size_t n, const std::uint32_t* const* block) {
      // Locals of the chunk's own, not captured references, so the loop keeps them in registers.
      const double rho = p.firms.efficiency_rho, shock = p.firms.efficiency_shock;
      double* log_eff = fm.log_eff.data();
      const double* mean = fm.log_eff_mean.data();
      const std::size_t begin = r.begin() + first;
      std::size_t deferred = 0;
      for (std::size_t e = 0; e < n; ++e) {
        double eps;
        if (!sim::block_ziggurat_normal_first_word(block[0][e], block[1][e], eps)) {
          later[deferred++] = static_cast<std::uint32_t>(e);
          continue;
        }
        const std::size_t f = begin + e;
        log_eff[f] = mean[f] + rho * (log_eff[f] - mean[f]) + shock * eps;
      }
      for (std::size_t j = 0; j < deferred; ++j) {
        const std::size_t e = later[j], f = begin + e;
        sim::StreamKey own = key;
        own.entity = fm.id[f].value;
        const double eps =
            sim::block_ziggurat_normal(own, block[0][e], block[1][e], block[2][e], block[3][e]);
        log_eff[f] = mean[f] + rho * (log_eff[f] - mean[f]) + shock * eps;
      }
    };
    sim::for_each_first_block_chunk(key, std::span<const sim::FirmId>(&fm.id[r.begin()], r.size()),
                                    chunk);
  });
}

}  // namespace

void update_spillovers(sim::World& w, const ModelParams& p) {
  diffuse(w, p);
}

void update_learning(sim::World& w, const ModelParams& p) {
  learning_curves(w, p);
  productivity(w, p);
}

void update_knowledge(sim::World& w, const ModelParams& p) {
  update_spillovers(w, p);
  update_learning(w, p);
}

}  // namespace regsim::agents
