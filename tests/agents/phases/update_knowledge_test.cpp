// Knowledge phase: the spillover step equals the formula summed in its stated order, bit for bit,
// for track lists of every width the kernel handles (a multiple of four, padded, and wider than
// the register-blocked kernel takes).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "agents/model.h"
#include "agents/param_table.h"
#include "agents/phases/phases.h"

namespace regsim::agents {
namespace {

Model knowledge_model(int tracks) {
  const std::string text =
      "[world]\nseed = 3\ncities = 9\nprovinces = 2\ntracks = " + std::to_string(tracks) +
      "\nyears = 1\ninitial_firms = 0\nextent_km = 400\n[government]\nlist_size = 1\n";
  return make_model(load_run_config_text(text, "knowledge", {}));
}

/// d ln A_ik = gA + s * sum_j W_ij sum_l phi_kl max(0, a_jl - a_ik), phi row-normalised, summed
/// over j (the row of W in column order), then l; no firms and no output, so no learning by doing.
std::vector<double> expected_step(const sim::World& w, const ModelParams& p) {
  const std::size_t n = w.num_cities(), k = w.num_tracks();
  const auto& a = w.cities.log_knowledge;
  std::vector<double> phi = w.relatedness;
  for (std::size_t r = 0; r < k; ++r) {
    double sum = 0;
    for (std::size_t c = 0; c < k; ++c) sum += phi[r * k + c];
    for (std::size_t c = 0; c < k; ++c) phi[r * k + c] /= sum;
  }
  std::vector<double> next(n * k);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t t = 0; t < k; ++t) {
      double pull = 0;
      for (Eigen::SparseMatrix<double, Eigen::RowMajor>::InnerIterator it(
               w.spill, static_cast<Eigen::Index>(i));
           it; ++it) {
        const auto j = static_cast<std::size_t>(it.col());
        double gap = 0;
        for (std::size_t l = 0; l < k; ++l)
          gap += phi[t * k + l] * std::max(0.0, a[j * k + l] - a[i * k + t]);
        pull += it.value() * gap;
      }
      next[i * k + t] = a[i * k + t] + p.spillover.drift + 0.0 + p.spillover.strength * pull;
    }
  return next;
}

TEST(UpdateKnowledge, SpilloversEqualTheFormulaBitForBit) {
  for (const int tracks : {1, 4, 5, 12, 30, 33}) {
    Model m = knowledge_model(tracks);
    sim::World& w = m.world;
    ASSERT_GT(w.spill.nonZeros(), 0) << tracks;
    // Knowledge levels spread so that some neighbours and tracks lie wholly below a city's
    // worst track (skipped) and others above its best.
    auto& a = w.cities.log_knowledge;
    for (std::size_t c = 0; c < a.size(); ++c)
      a[c] = std::sin(0.7 * static_cast<double>(c) + 0.3 * tracks) *
             (1.0 + 0.5 * static_cast<double>(c % 7));
    std::fill(w.cities.cell_output.begin(), w.cities.cell_output.end(), 0.0);
    std::fill(w.tracks.output.begin(), w.tracks.output.end(), 0.0);
    const std::vector<double> before = a;
    const std::vector<double> expected = expected_step(w, m.params);
    update_knowledge(w, m.params);
    ASSERT_EQ(w.cities.log_knowledge.size(), expected.size());
    int moved = 0;
    for (std::size_t c = 0; c < expected.size(); ++c) {
      EXPECT_EQ(w.cities.log_knowledge[c], expected[c]) << "tracks " << tracks << ", cell " << c;
      moved += w.cities.log_knowledge[c] != before[c] + m.params.spillover.drift;
    }
    EXPECT_GT(moved, 0) << tracks;  // some cells were pulled: the spillover term is exercised
  }
}

}  // namespace
}  // namespace regsim::agents
