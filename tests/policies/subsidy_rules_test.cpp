// Subsidy policy rules: eligibility by regime, entrants' expected eligibility, land discount,
// yardstick race, targets, debt room, instrument masks.
#include <gtest/gtest.h>

#include "policies/rules.h"

namespace regsim::policies {
namespace {

Eligibility young_related(double log_eff, double median) {
  Eligibility e;
  e.firm_log_eff = log_eff;
  e.median_log_eff = median;
  e.firm_age_ticks = 3;
  e.crowding_share = 0.2;
  e.density = 0.7;
  return e;
}

TEST(SubsidyRules, EligibilityByRegime) {
  SubsidyParams p;
  const Eligibility weak = young_related(-0.1, 0.0), strong = young_related(0.0, 0.0);
  p.regime = SubsidyRegime::None;
  EXPECT_FALSE(eligible(p, strong));
  p.regime = SubsidyRegime::Universal;
  EXPECT_TRUE(eligible(p, weak));
  p.regime = SubsidyRegime::Precise;  // at or above the median
  EXPECT_FALSE(eligible(p, weak));
  EXPECT_TRUE(eligible(p, strong));
  p.regime = SubsidyRegime::Vc;  // age 3 < 8, crowding 0.2 <= 0.3, density 0.7 >= 0.5
  EXPECT_TRUE(eligible(p, weak));
}

TEST(SubsidyRules, VcNeedsYoungFirmsOnUncrowdedRelatedTracks) {
  SubsidyParams p;
  p.regime = SubsidyRegime::Vc;
  Eligibility e = young_related(0, 0);
  e.firm_age_ticks = 8;  // vc_max_age = 8: strictly younger
  EXPECT_FALSE(eligible(p, e));
  e = young_related(0, 0);
  e.crowding_share = 0.31;
  EXPECT_FALSE(eligible(p, e));
  e = young_related(0, 0);
  e.density = 0.5;  // the least density is allowed ...
  EXPECT_TRUE(eligible(p, e));
  p.vc_min_density = 0.6;  // ... and is a parameter
  EXPECT_FALSE(eligible(p, e));
}

TEST(SubsidyRules, EntrantsExpectEligibilityWithoutKnowingTheirDraw) {
  SubsidyParams p;
  Eligibility cell;
  cell.crowding_share = 0.1;
  cell.density = 0.8;
  cell.firm_age_ticks = 100;  // not read: an entrant is born now
  p.regime = SubsidyRegime::None;
  EXPECT_EQ(entrant_eligible_share(p, cell), 0.0);
  p.regime = SubsidyRegime::Universal;
  EXPECT_EQ(entrant_eligible_share(p, cell), 1.0);
  p.regime = SubsidyRegime::Precise;
  EXPECT_EQ(entrant_eligible_share(p, cell), 0.5);
  p.precise_entrant_share = 0.3;
  EXPECT_EQ(entrant_eligible_share(p, cell), 0.3);
  p.regime = SubsidyRegime::Vc;
  EXPECT_EQ(entrant_eligible_share(p, cell), 1.0);
  cell.density = 0.4;
  EXPECT_EQ(entrant_eligible_share(p, cell), 0.0);
}

TEST(SubsidyRules, LandDiscountIsCapped) {
  SubsidyParams p;  // land_ratio 2, cap 0.9
  EXPECT_DOUBLE_EQ(land_discount(p, 0.2), 0.4);
  EXPECT_DOUBLE_EQ(land_discount(p, 0.5), 0.9);
  p.land_discount_cap = 0.6;
  EXPECT_DOUBLE_EQ(land_discount(p, 0.5), 0.6);
}

TEST(SubsidyRules, YardstickMovesTowardsNeighboursAndTargetWithinTheCap) {
  SubsidyParams p;  // lambda 0.5, rho 0.5, cap 0.5
  // goal = 0.5 * 0.3 + 0.5 * 0.1 = 0.2; next = 0.5 * 0.1 + 0.5 * 0.2 = 0.15.
  EXPECT_DOUBLE_EQ(yardstick_update(p, 0.1, 0.3, 0.1), 0.15);
  // goal = 0.5 * 1.0 + 0.5 * 1.0 = 1; next = 0.5 * 0.4 + 0.5 = 0.7, capped at 0.5.
  EXPECT_DOUBLE_EQ(yardstick_update(p, 0.4, 1.0, 1.0), 0.5);
}

TEST(SubsidyRules, TargetRisesWithPressureAndLag) {
  SubsidyParams p;  // base 0.10, pressure 0.15, lag 0.05
  EXPECT_DOUBLE_EQ(subsidy_target(p, 0.0, 0.0), 0.10);
  // Pressure counts up to 1: 0.10 + 0.15 * 1 + 0.05 * 0.5.
  EXPECT_DOUBLE_EQ(subsidy_target(p, 3.0, 0.5), 0.275);
}

TEST(SubsidyRules, DebtRoomFallsLinearlyFromTheSoftLimitToTheCap) {
  BudgetParams p;  // cap 1.5, soft share 0.8: soft limit 1.2
  EXPECT_EQ(debt_room(p, 1.0), 1.0);
  EXPECT_DOUBLE_EQ(debt_room(p, 1.35), 0.5);
  EXPECT_EQ(debt_room(p, 1.5), 0.0);
  p.debt_cap = 0.0;
  EXPECT_EQ(debt_room(p, 0.0), 0.0);
}

TEST(SubsidyRules, InstrumentMasks) {
  const auto all = instrument_mask(Instruments::All);
  EXPECT_TRUE(all.capex_expansion && all.capex_entry && all.production && all.land);
  const auto entry = instrument_mask(Instruments::Entry);
  EXPECT_TRUE(entry.capex_entry);
  EXPECT_FALSE(entry.capex_expansion || entry.production || entry.land);
  const auto production = instrument_mask(Instruments::Production);
  EXPECT_TRUE(production.production);
  EXPECT_FALSE(production.capex_expansion || production.capex_entry || production.land);
}

}  // namespace
}  // namespace regsim::policies
