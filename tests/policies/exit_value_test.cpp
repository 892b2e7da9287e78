// Forward-looking exit values on hand-worked cases, and the backward induction against a brute
// force over every plan of a short horizon.
#include "policies/exit_value.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>

namespace regsim::policies {
namespace {

ExitPolicyParams params() {
  ExitPolicyParams p;
  p.rule = ExitRule::ForwardLooking;
  return p;
}

/// The parameters of the rule a case sets, in the order of ExitPolicyParams and with its defaults.
struct Rule {
  int horizon = ExitPolicyParams{}.horizon;
  double persistence = ExitPolicyParams{}.price_persistence;
  double normal_cu = ExitPolicyParams{}.normal_cu;
  bool mothballing = ExitPolicyParams{}.mothballing;
  double saving = ExitPolicyParams{}.mothball_saving;
  double decay = ExitPolicyParams{}.mothball_decay;
  double reactivation_cost = ExitPolicyParams{}.reactivation_cost;
  int lag = ExitPolicyParams{}.reactivation_lag;
};

ExitPolicyParams params(const Rule& r) {
  ExitPolicyParams p = params();
  p.horizon = r.horizon;
  p.price_persistence = r.persistence;
  p.normal_cu = r.normal_cu;
  p.mothballing = r.mothballing;
  p.mothball_saving = r.saving;
  p.mothball_decay = r.decay;
  p.reactivation_cost = r.reactivation_cost;
  p.reactivation_lag = r.lag;
  return p;
}

TEST(ExitValue, ExpectedPathsRevertToTheLongRun) {
  ExitPolicyParams p = params();
  p.price_persistence = 0.5;
  p.normal_cu = 0.8;
  ExitValueInputs in;
  in.price = 1.0;
  in.price_lr = 1.2;
  in.cu = 0.5;
  EXPECT_DOUBLE_EQ(expected_price(p, in, 0), 1.0);
  EXPECT_DOUBLE_EQ(expected_price(p, in, 1), 1.1);   // 1.2 - 0.2 / 2
  EXPECT_DOUBLE_EQ(expected_price(p, in, 2), 1.15);  // 1.2 - 0.2 / 4
  EXPECT_DOUBLE_EQ(expected_cu(p, in, 1), 0.65);     // 0.8 - 0.3 / 2
  in.cu = 3.0;                                       // clamped to full capacity
  p.price_persistence = 1.0;
  EXPECT_DOUBLE_EQ(expected_cu(p, in, 4), 1.0);
}

/// The one-quarter cases' firm: p_0 = 1 reverting to 1.2 and u_0 = 0.5 to 0.8 (at rho = 0.5:
/// p_1 = 1.1, u_1 = 0.65), v = 0.9, phi = 0.1, x = 0.3, I = 2, no depreciation or discounting.
ExitValueInputs one_quarter_firm() {
  return {.price = 1.0,
          .price_lr = 1.2,
          .cu = 0.5,
          .variable_cost = 0.9,
          .fixed_cost = 0.1,
          .scrap = 0.3,
          .capex = 2.0,
          .depreciation = 0.0,
          .discount = 1.0};
}

TEST(ExitValue, OneQuarterHorizonHandWorked) {
  // H = 1: operate = beta (1 - d) (u_1 max(0, p_1 - v) - phi + x); mothball = beta (1 - d)
  // (1 - delta_m) (-(1 - m) phi + x); exit = x.
  const ExitPolicyParams p = params({.horizon = 1,
                                     .persistence = 0.5,
                                     .saving = 0.5,
                                     .decay = 0.1,
                                     .reactivation_cost = 0.2,
                                     .lag = 1});
  ExitValueInputs in = one_quarter_firm();
  ExitValues v = exit_values(p, in);
  EXPECT_NEAR(v.operate, 0.65 * 0.2 - 0.1 + 0.3, 1e-12);         // 0.33
  EXPECT_NEAR(v.mothball, 0.9 * (-0.05 + 0.3), 1e-12);           // 0.225
  EXPECT_NEAR(v.reactivate, -0.4 + 0.9 * (-0.05 + 0.3), 1e-12);  // -0.175
  EXPECT_DOUBLE_EQ(v.scrap, 0.3);
  EXPECT_EQ(active_choice(p, v), ExitChoice::Stay);
  // A variable cost of 1.05 makes the next quarter's margin negative: 0.65 * 0.05 - 0.1, so
  // staying is worth 0.2325 and mothballing 0.225, both less than the scrap value 0.3.
  in.variable_cost = 1.05;
  v = exit_values(p, in);
  EXPECT_NEAR(v.operate, 0.2325, 1e-12);
  EXPECT_EQ(active_choice(p, v), ExitChoice::Exit);
  EXPECT_EQ(mothballed_choice(p, v), ExitChoice::Exit);
  // Nothing to scrap: staying (0.2325 - 0.3 = -0.0675) is still worse than leaving for nothing.
  in.scrap = 0.0;
  v = exit_values(p, in);
  EXPECT_NEAR(v.operate, -0.0675, 1e-12);
  EXPECT_EQ(active_choice(p, v), ExitChoice::Exit);
}

TEST(ExitValue, MothballThroughADipHandWorked) {
  // H = 3, rho = 0.5: prices 1, 1.5, 1.75 in quarters 1-3 (p_0 = 0, p_LR = 2); full utilisation;
  // v = 1.45, phi = 0.1: margins -0.1, -0.05, 0.2. Mothballing saves half the fixed cost, L = 1.
  ExitPolicyParams p = params({.horizon = 3,
                               .persistence = 0.5,
                               .normal_cu = 1.0,
                               .saving = 0.5,
                               .decay = 0.0,
                               .reactivation_cost = 0.0,
                               .lag = 1});
  const ExitValueInputs in{.price = 0.0,
                           .price_lr = 2.0,
                           .cu = 1.0,
                           .variable_cost = 1.45,
                           .fixed_cost = 0.1,
                           .capex = 1.0,
                           .discount = 1.0};
  // Backward, A = active, M = mothballed, both 0 at h = 3:
  //   h = 2: operate 0.2, keep -0.05, reactivate -0.05        -> A2 = 0.2,  M2 = 0
  //   h = 1: operate -0.05 + 0.2, keep -0.05, react -0.05 + 0.2 -> A1 = 0.15, M1 = 0.15
  //   h = 0: operate -0.1 + 0.15, keep -0.05 + 0.15, react -0.05 + 0.15.
  const ExitValues v = exit_values(p, in);
  EXPECT_NEAR(v.operate, 0.05, 1e-12);
  EXPECT_NEAR(v.mothball, 0.10, 1e-12);
  EXPECT_NEAR(v.reactivate, 0.10, 1e-12);
  EXPECT_EQ(active_choice(p, v), ExitChoice::Mothball);
  // Without mothballing the firm keeps running through the dip (0.05 > 0).
  p.mothballing = false;
  EXPECT_EQ(active_choice(p, exit_values(p, in)), ExitChoice::Stay);
  // A reactivation costing 0.1 a unit makes mothballing worse than running: the mothball path
  // must pay it to come back (keep = -0.05 + M1, M1 = max(0, -0.05, -0.1 - 0.05 + 0.2) = 0.05).
  p.mothballing = true;
  p.reactivation_cost = 0.1;
  const ExitValues w = exit_values(p, in);
  EXPECT_NEAR(w.mothball, 0.0, 1e-12);
  EXPECT_EQ(active_choice(p, w), ExitChoice::Stay);
}

TEST(ExitValue, VariableProfitWithUtilisationCostHandWorked) {
  ExitValueInputs in;
  in.variable_cost = 1.0;
  // No utilisation cost (competitive conduct): u max(0, p - v).
  EXPECT_DOUBLE_EQ(variable_profit(in, 1.5, 0.8), 0.4);
  EXPECT_DOUBLE_EQ(variable_profit(in, 0.9, 0.8), 0.0);
  // omega = 2, psi = 2, margin 0.5: it produces up to u* = sqrt(0.5 / 2) = 0.5 although it could
  // sell 0.8, and earns 0.5 * 0.5 - 2 * 0.5^3 / 3 = 1/6.
  in.util_cost = 2.0;
  in.util_curvature = 2.0;
  EXPECT_NEAR(variable_profit(in, 1.5, 0.8), 0.25 - 0.25 / 3.0, 1e-15);
  // Selling only 0.4 (< u*): 0.4 * 0.5 - 2 * 0.064 / 3.
  EXPECT_NEAR(variable_profit(in, 1.5, 0.4), 0.2 - 0.128 / 3.0, 1e-15);
  // psi = 1: u* = 0.5 / 2 = 0.25, profit 0.25 * 0.5 - 2 * 0.0625 / 2 = 0.0625.
  in.util_curvature = 1.0;
  EXPECT_NEAR(variable_profit(in, 1.5, 0.8), 0.0625, 1e-15);
  // A price below the variable cost: nothing produced.
  EXPECT_DOUBLE_EQ(variable_profit(in, 0.95, 0.8), 0.0);
}

TEST(ExitValue, UtilisationCostLowersTheValueOfOperating) {
  // The one-quarter case above with omega = 0.4, psi = 2: p_1 = 1.1, u_1 = 0.65, v = 0.9; u* =
  // sqrt(0.2 / 0.4) = 0.707 > 0.65, so it runs at 0.65 and pays 0.4 * 0.65^3 / 3 = 0.0366167.
  const ExitPolicyParams p = params({.horizon = 1, .persistence = 0.5, .normal_cu = 0.8});
  ExitValueInputs in = one_quarter_firm();
  in.util_cost = 0.4;
  in.util_curvature = 2.0;
  EXPECT_NEAR(exit_values(p, in).operate, 0.13 - 0.4 * 0.274625 / 3.0 - 0.1 + 0.3, 1e-12);
}

TEST(ExitValue, SoftBudgetCoversTheFixedCostItCountsOn) {
  // One quarter, nothing to scrap: p_1 = 1.1, u_1 = 0.65, v = 1.05, phi = 0.1. Without a soft
  // budget staying is worth 0.65 * 0.05 - 0.1 = -0.0675 and the firm leaves; a zombie (z = 1)
  // bears no fixed cost (0.0325) and stays; with z = 0.5 it bears 0.05 (-0.0175) and leaves;
  // with z = 0.7 it bears 0.03 (0.0025) and stays. Mothballing (m = 0.5, decay 0.1) costs
  // 0.9 * 0.5 (1 - z) 0.1 and never beats running here.
  const ExitPolicyParams p =
      params({.horizon = 1, .persistence = 0.5, .normal_cu = 0.8, .saving = 0.5, .decay = 0.1});
  ExitValueInputs in = one_quarter_firm();
  in.variable_cost = 1.05;
  in.scrap = 0.0;
  const double z[] = {0.0, 1.0, 0.5, 0.7};
  const double operate[] = {-0.0675, 0.0325, -0.0175, 0.0025};
  const ExitChoice choice[] = {ExitChoice::Exit, ExitChoice::Stay, ExitChoice::Exit,
                               ExitChoice::Stay};
  for (int c = 0; c < 4; ++c) {
    in.soft_budget = z[c];
    const ExitValues v = exit_values(p, in);
    EXPECT_NEAR(v.operate, operate[c], 1e-12) << z[c];
    EXPECT_NEAR(v.mothball, -0.9 * 0.05 * (1.0 - z[c]), 1e-12) << z[c];
    EXPECT_EQ(active_choice(p, v), choice[c]) << z[c];
  }
}

/// Brute force: the best value of every sequence of choices over the horizon.
double brute(const ExitPolicyParams& p, const ExitValueInputs& in, int h, bool active) {
  const int H = p.horizon;
  if (h >= H) return in.scrap;
  const double ka = in.discount * (1.0 - in.depreciation);
  const double km = ka * (1.0 - p.mothball_decay);
  const double fixed = (1.0 - in.soft_budget) * in.fixed_cost;
  const double idle = (1.0 - p.mothball_saving) * fixed;
  double best = in.scrap;
  if (active) {
    const double g =
        variable_profit(in, expected_price(p, in, h + 1), expected_cu(p, in, h + 1)) - fixed;
    best = std::max(best, ka * (g + brute(p, in, h + 1, true)));
    if (p.mothballing) best = std::max(best, km * (-idle + brute(p, in, h + 1, false)));
  } else {
    best = std::max(best, km * (-idle + brute(p, in, h + 1, false)));
    if (h + p.reactivation_lag <= H) {
      double v = -p.reactivation_cost * in.capex, reach = 1.0;
      for (int j = 1; j <= p.reactivation_lag; ++j) {
        reach *= km;
        v -= reach * idle;
      }
      best = std::max(best, v + reach * brute(p, in, h + p.reactivation_lag, true));
    }
  }
  return best;
}

TEST(ExitValue, BackwardInductionEqualsBruteForce) {
  // Deterministic pseudo-random cases (a linear congruential sequence, not a model stream).
  std::uint64_t state = 12345;
  const auto next = [&state] {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<double>(state >> 11) / 9007199254740992.0;
  };
  for (int c = 0; c < 200; ++c) {
    // Braced lists evaluate in order: the draws go to the fields as listed.
    const ExitPolicyParams p = params({.horizon = 1 + static_cast<int>(next() * 7),
                                       .persistence = next(),
                                       .normal_cu = 0.5 + 0.5 * next(),
                                       .mothballing = next() < 0.8,
                                       .saving = next(),
                                       .decay = 0.1 * next(),
                                       .reactivation_cost = 0.3 * next(),
                                       .lag = 1 + static_cast<int>(next() * 3)});
    const ExitValueInputs in{.price = 2.0 * next(),
                             .price_lr = 0.5 + next(),
                             .cu = next(),
                             .variable_cost = 0.3 + next(),
                             .fixed_cost = 0.2 * next(),
                             .scrap = 0.5 * next(),
                             .capex = 1.0 + next(),
                             .depreciation = 0.05 * next(),
                             .discount = 0.97 + 0.03 * next(),
                             .util_cost = next() < 0.5 ? 0.0 : next(),
                             .util_curvature = 1.0 + 2.0 * next(),
                             .soft_budget = next() < 0.5 ? 0.0 : next()};
    const ExitValues v = exit_values(p, in);
    const double active = std::max({v.scrap, v.operate, p.mothballing ? v.mothball : -1e300});
    const double mothballed = std::max({v.scrap, v.mothball, v.reactivate});
    EXPECT_NEAR(active, brute(p, in, 0, true), 1e-12) << c;
    EXPECT_NEAR(mothballed, brute(p, in, 0, false), 1e-12) << c;
  }
}

}  // namespace
}  // namespace regsim::policies
