// A student's decision is checked like a config value: known tracks, list size, ranges, bans.
#include "classroom/decision.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace regsim::classroom {
namespace {

DecisionLimits limits() {
  DecisionLimits l;
  l.tracks = {"pv", "battery", "ev", "ai"};
  l.list_size = 2;
  l.max_subsidy = 0.4;
  return l;
}

TEST(Decision, AcceptsKnownDistinctTracksInOrder) {
  const auto c = check_decision(limits(), {{"ai", "pv"}, 0.25, true});
  ASSERT_TRUE(c.choice) << c.error;
  EXPECT_EQ(c.choice->priorities, (std::vector<sim::TrackId>{sim::TrackId(3), sim::TrackId(0)}));
  EXPECT_DOUBLE_EQ(c.choice->subsidy_rate, 0.25);
  EXPECT_TRUE(c.choice->bailouts);
  EXPECT_EQ(track_names(limits(), *c.choice), (std::vector<std::string>{"ai", "pv"}));
}

TEST(Decision, AnEmptyListAndNoSubsidyAreAChoice) {
  const auto c = check_decision(limits(), {{}, 0.0, false});
  ASSERT_TRUE(c.choice) << c.error;
  EXPECT_TRUE(c.choice->priorities.empty());
}

TEST(Decision, RefusesUnknownDuplicateAndTooManyTracks) {
  EXPECT_NE(check_decision(limits(), {{"solar"}, 0.1, false}).error.find("unknown track"),
            std::string::npos);
  EXPECT_NE(check_decision(limits(), {{"pv", "pv"}, 0.1, false}).error.find("twice"),
            std::string::npos);
  EXPECT_NE(check_decision(limits(), {{"pv", "ev", "ai"}, 0.1, false}).error.find("at most 2"),
            std::string::npos);
}

TEST(Decision, RefusesSubsidyRatesOutsideTheCap) {
  for (const double bad :
       {-0.01, 0.41, 5.0, std::nan(""), std::numeric_limits<double>::infinity()}) {
    const auto c = check_decision(limits(), {{"pv"}, bad, false});
    EXPECT_FALSE(c.choice) << bad;
    EXPECT_NE(c.error.find("subsidy_rate"), std::string::npos) << c.error;
  }
  EXPECT_TRUE(check_decision(limits(), {{"pv"}, 0.4, false}).choice);
}

TEST(Decision, RespectsTheCentresBans) {
  DecisionLimits l = limits();
  l.subsidies_allowed = false;
  l.bailouts_allowed = false;
  EXPECT_NE(check_decision(l, {{"pv"}, 0.1, false}).error.find("banned subsidies"),
            std::string::npos);
  EXPECT_NE(check_decision(l, {{"pv"}, 0.0, true}).error.find("banned bailouts"),
            std::string::npos);
  EXPECT_TRUE(check_decision(l, {{"pv"}, 0.0, false}).choice);
}

TEST(Decision, LimitsFollowTheParametersInForce) {
  agents::ModelParams p;
  p.government.list_size = 3;
  p.subsidy.state_aid_cap = 0.2;
  p.subsidy.regime = policies::SubsidyRegime::None;
  p.exit.bailouts = false;
  const DecisionLimits l = decision_limits(p);
  EXPECT_EQ(l.list_size, 3);
  EXPECT_DOUBLE_EQ(l.max_subsidy, 0.2);
  EXPECT_FALSE(l.subsidies_allowed);
  EXPECT_FALSE(l.bailouts_allowed);
  EXPECT_EQ(l.tracks.size(), p.tracks.size());
}

}  // namespace
}  // namespace regsim::classroom
