// Official and government rules: promotion pressure, evaluation weights, promotion and exit,
// track scores, protection, bailouts.
#include <cmath>

#include <gtest/gtest.h>

#include "policies/rules.h"

namespace regsim::policies {
namespace {

TEST(OfficialRules, PressureRunsFromTheFloorForTheBestToOneMoreForTheLast) {
  PromotionParams p;  // alpha1 0.6, career floor 0.5, age limit 57
  EXPECT_DOUBLE_EQ(promotion_pressure(p, 1.0, 45), 0.3);
  EXPECT_DOUBLE_EQ(promotion_pressure(p, 0.0, 45), 0.9);
  EXPECT_DOUBLE_EQ(promotion_pressure(p, 0.5, 45), 0.6);
  EXPECT_EQ(promotion_pressure(p, 0.0, 57), 0.0);         // at the age limit: no career concern
  EXPECT_DOUBLE_EQ(promotion_pressure(p, 2.0, 45), 0.3);  // ranks are clipped to [0, 1]
  p.career_floor = 0.0;
  EXPECT_EQ(promotion_pressure(p, 1.0, 45), 0.0);
}

TEST(OfficialRules, EvaluationWeightsBySchemeAndZone) {
  PromotionParams p;
  using W = std::array<double, 6>;
  EXPECT_EQ(evaluation_weights(p, sim::Zone::Ecological), (W{1, 0, 0, 0, 0, 0}));
  p.evaluation = Evaluation::Balanced;
  EXPECT_EQ(evaluation_weights(p, sim::Zone::Urban), p.balanced_weights);
  p.evaluation = Evaluation::Differentiated;
  EXPECT_EQ(evaluation_weights(p, sim::Zone::Development), (W{0.5, 0.15, 0.2, 0.1, 0.05, 0.0}));
  EXPECT_EQ(evaluation_weights(p, sim::Zone::Ecological), (W{0.1, 0.2, 0.1, 0.0, 0.6, 0.0}));
  p.differentiated_weights[3][4] = 0.9;  // the zone tables are parameters
  EXPECT_EQ(evaluation_weights(p, sim::Zone::Ecological)[4], 0.9);
}

TEST(OfficialRules, PromotionLogitAndExitHazard) {
  PromotionParams p;  // alpha0 -2, alpha1 0.6, alpha_fail 1, FT 0
  EXPECT_DOUBLE_EQ(promotion_probability(p, 0.0, 0.0), 1.0 / (1.0 + std::exp(2.0)));
  // z = 1, one failure: x = -2 + 0.6 - 1 = -2.4.
  EXPECT_DOUBLE_EQ(promotion_probability(p, 1.0, 1.0), 1.0 / (1.0 + std::exp(2.4)));
  p.fault_tolerance = 1.0;  // failures no longer count
  EXPECT_DOUBLE_EQ(promotion_probability(p, 1.0, 1.0), 1.0 / (1.0 + std::exp(1.4)));
  EXPECT_DOUBLE_EQ(official_exit_hazard(p, 2, 50), 0.10);
  EXPECT_DOUBLE_EQ(official_exit_hazard(p, 5, 50), 0.45);
  EXPECT_EQ(official_exit_hazard(p, 1, 60), 1.0);
}

TEST(OfficialRules, TrackScoreAddsItsTerms) {
  TrackChoiceParams p;  // weights 4, 2, 1, 1, 2, 2, 1; iota_g 0.2; switching 0.5
  TrackView v;
  v.signal = 0.5;         // 4 * 0.5 = 2
  v.herd = 0.25;          // pressure 0.5 * 2 * 0.25 = 0.25
  v.log_advantage = 0.1;  // 0.1
  v.density = 0.4;        // 0.4
  v.horizon_gdp = 1.0;    // 0.5 * 2 * 1 = 1
  v.crowding = 1.0;       // -2 * 0.2 * 1 = -0.4
  v.risk = 0.5;           // -1 * (1 - 0) * 2 * 0.5 = -1
  v.listed = true;        // +0.5
  EXPECT_DOUBLE_EQ(track_score(v, p, 0.5, 2.0, 0.0), 2.85);
  p.coordination_platform = true;  // crowding seen with iota 0.9: -1.8 instead of -0.4
  EXPECT_DOUBLE_EQ(track_score(v, p, 0.5, 2.0, 0.0), 1.45);
}

TEST(OfficialRules, ProtectionDecaysRisesAndIsCapped) {
  ProtectionParams p;  // rise 1, drift 0.02, enforcement 0.1, cap 1
  // 0.5 * 0.9 + 1 * 0.5 * 0.2 + 0.02 * 0.5 = 0.56.
  EXPECT_DOUBLE_EQ(update_protection(p, 0.5, 0.5, 0.2), 0.56);
  EXPECT_DOUBLE_EQ(update_protection(p, 0.5, 0.5, -0.3), 0.46);  // gains do not lower h
  p.cap = 0.3;
  EXPECT_DOUBLE_EQ(update_protection(p, 0.5, 0.5, 0.2), 0.3);
}

TEST(OfficialRules, BailoutProbability) {
  ExitPolicyParams p;  // propensity 0.5, pressure boost 0.5, employer boost 2
  // 0.5 * (1 + 0.5 * 0.4) * (1 + 2 * 0.25) * room 0.5 = 0.45.
  EXPECT_DOUBLE_EQ(bailout_probability(p, 0.4, 0.25, 0.5), 0.45);
  EXPECT_EQ(bailout_probability(p, 0.4, 1.0, 1.0), 1.0);  // clipped
  p.bailouts = false;
  EXPECT_EQ(bailout_probability(p, 0.4, 0.25, 0.5), 0.0);
}

}  // namespace
}  // namespace regsim::policies
