// Guidance-fund concession and budget, platform credit terms and disclosure, by hand.
#include <gtest/gtest.h>

#include "policies/investment_rules.h"
#include "policies/soft_budget.h"

namespace regsim::policies {
namespace {

TEST(FundSoftBudget, StateLinkedFirmsCountOnTheState) {
  ExitPolicyParams p;
  p.soft_budgets = false;  // exit.soft_budgets off (the legacy model): only the state link counts
  EXPECT_DOUBLE_EQ(soft_budget_strength(p, {false, 0.9, 0.7}), 0.7);
  EXPECT_DOUBLE_EQ(soft_budget_strength(p, {true, 0.9, 0.0}), 0.0);
  EXPECT_DOUBLE_EQ(soft_budget_strength(p, {false, 0.0, 1.5}), 1.0) << "clipped to [0, 1]";
  p.soft_budgets = true;  // the largest of the three strengths (zombie 1, bailout 1 x 0.9)
  p.soft_budget_zombie = 0.8;
  EXPECT_DOUBLE_EQ(soft_budget_strength(p, {false, 0.5, 0.7}), 0.7);
  EXPECT_DOUBLE_EQ(soft_budget_strength(p, {false, 0.9, 0.7}), 0.9);
  EXPECT_DOUBLE_EQ(soft_budget_strength(p, {true, 0.0, 0.7}), 0.8);
}

TEST(FundConcession, EquityShareTimesPressureTimesSignal) {
  GuidanceFundParams f;  // e = 0.3, tau = 1
  SubsidyParams s;       // universal regime, state-aid cap 0.5
  EXPECT_DOUBLE_EQ(fund_concession(f, s, 0.6, 1.0, 0.0), 0.3 * 0.6);
  EXPECT_DOUBLE_EQ(fund_concession(f, s, 0.9, 0.5, 0.0), 0.3 * 0.45);
  EXPECT_DOUBLE_EQ(fund_concession(f, s, 1.5, 1.0, 0.0), 0.3) << "pi sig capped at 1";
  EXPECT_DOUBLE_EQ(fund_concession(f, s, 0.6, 0.0, 0.0), 0.0) << "no signal, no concession";
  f.loss_tolerance = 2;  // the fund also guarantees its co-investors
  EXPECT_DOUBLE_EQ(fund_concession(f, s, 0.6, 1.0, 0.0), 0.36);
}

TEST(FundConcession, StateAidCapCumulatesWithSubsidies) {
  GuidanceFundParams f;
  SubsidyParams s;
  // Capex and land support already 0.4 of capex: the 0.5 cap leaves 0.1 for the fund.
  EXPECT_DOUBLE_EQ(fund_concession(f, s, 1.0, 1.0, 0.4), 0.1);
  EXPECT_DOUBLE_EQ(fund_concession(f, s, 1.0, 1.0, 0.6), 0.0);
  s.regime = SubsidyRegime::Vc;
  EXPECT_DOUBLE_EQ(fund_concession(f, s, 1.0, 1.0, 0.0), 0.0) << "vc: market terms";
}

TEST(FundBudget, ShareOfGdpTimesPressureAndRoom) {
  GuidanceFundParams f;  // 1% of annual GDP at full pressure
  EXPECT_DOUBLE_EQ(fund_budget(f, 0.6, 400.0, 1.0), 0.01 * 0.6 * 400.0);
  EXPECT_DOUBLE_EQ(fund_budget(f, 1.4, 400.0, 0.5), 0.01 * 1.0 * 400.0 * 0.5);
  EXPECT_DOUBLE_EQ(fund_budget(f, 0.0, 400.0, 1.0), 0.0) << "no career concern, no fund";
}

TEST(PlatformCredit, OrdinaryTermsUnlessScreenedAndOvershooting) {
  PlatformParams p;  // screening off
  EXPECT_FALSE(platform_credit(p, true, 5.0).flagged());
  p.screening = true;
  EXPECT_FALSE(platform_credit(p, false, 5.0).flagged()) << "needs the platform";
  EXPECT_FALSE(platform_credit(p, true, 0.2).flagged()) << "at the threshold: ordinary";
  const CreditTerms premium = platform_credit(p, true, 0.21);
  EXPECT_FALSE(premium.refused);
  EXPECT_DOUBLE_EQ(premium.premium, 0.005);
  EXPECT_DOUBLE_EQ(premium.debt_factor, 1.0);
  p.credit = CreditResponse::Refuse;
  EXPECT_TRUE(platform_credit(p, true, 0.21).refused);
  p.credit = CreditResponse::Leverage;
  EXPECT_DOUBLE_EQ(platform_credit(p, true, 0.21).debt_factor, 0.7);
}

TEST(PlatformDisclosure, PublishedPipelinesRaiseIota) {
  PlatformParams p;
  EXPECT_DOUBLE_EQ(pipeline_awareness(0.3, p, true), 0.3) << "disclosure off";
  p.disclosure = true;
  EXPECT_DOUBLE_EQ(pipeline_awareness(0.3, p, false), 0.3) << "needs the platform";
  EXPECT_DOUBLE_EQ(pipeline_awareness(0.3, p, true), 0.9);
  EXPECT_DOUBLE_EQ(pipeline_awareness(0.95, p, true), 0.95) << "never lowers iota";
}

}  // namespace
}  // namespace regsim::policies
