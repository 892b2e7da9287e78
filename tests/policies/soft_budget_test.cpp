// Soft-budget strength: off when switched off, zombie strength, bailout expectation, mandate.
#include "policies/soft_budget.h"

#include <gtest/gtest.h>

namespace regsim::policies {
namespace {

TEST(SoftBudget, OffMeansNobody) {
  ExitPolicyParams p;
  p.soft_budgets = false;  // on by default since the issue-12 flip
  EXPECT_EQ(soft_budget_strength(p, {true, 1.0}), 0.0);
  EXPECT_EQ(must_run_share(p, 0.0), 0.0);
}

TEST(SoftBudget, ZombieAndBailoutExpectation) {
  ExitPolicyParams p;
  p.soft_budgets = true;
  p.soft_budget_zombie = 0.8;
  p.soft_budget_bailout = 0.5;
  // A private firm whose city would never bail it out has a hard budget.
  EXPECT_EQ(soft_budget_strength(p, {false, 0.0}), 0.0);
  // Bailout probability 0.6 at weight 0.5: z = 0.3.
  EXPECT_DOUBLE_EQ(soft_budget_strength(p, {false, 0.6}), 0.3);
  // A zombie gets the larger of its zombie strength and its bailout expectation.
  EXPECT_DOUBLE_EQ(soft_budget_strength(p, {true, 0.6}), 0.8);
  p.soft_budget_bailout = 1.0;
  EXPECT_DOUBLE_EQ(soft_budget_strength(p, {true, 0.9}), 0.9);
  // Probabilities outside [0, 1] are clipped.
  EXPECT_DOUBLE_EQ(soft_budget_strength(p, {false, 3.0}), 1.0);
}

TEST(SoftBudget, MustRunScalesWithStrength) {
  ExitPolicyParams p;
  p.must_run = 0.6;
  EXPECT_DOUBLE_EQ(must_run_share(p, 0.5), 0.3);
  EXPECT_DOUBLE_EQ(must_run_share(p, 0.0), 0.0);
  p.must_run = 1.0;
  EXPECT_DOUBLE_EQ(must_run_share(p, 1.0), 1.0);
}

}  // namespace
}  // namespace regsim::policies
