// What the tracks panel reads off a track: demand net of trade, the overshoot, the price-war
// badge, the stretches below the cash cost and the sparklines' scale (hand-worked values).
#include "visual/track_signals.h"

#include <gtest/gtest.h>

#include <cmath>

namespace regsim::visual {
namespace {

TrackSnap track(double capacity, double demand, double war, double loss) {
  TrackSnap t;
  t.capacity = capacity;
  t.demand = demand;
  t.war_intensity = war;
  t.loss_share = loss;
  return t;
}

TEST(TrackSignals, DemandForHomePlantsIsNetOfTrade) {
  TrackSnap t = track(150, 100, 0, 0);
  EXPECT_DOUBLE_EQ(sales_demand(t), 100);  // closed economy
  t.exports = 30;
  t.imports = 10;
  EXPECT_DOUBLE_EQ(sales_demand(t), 120);
  EXPECT_DOUBLE_EQ(overshoot_ratio(t), 1.25);
  t.imports = 200;  // imports beyond home demand: nothing left for home plants
  EXPECT_DOUBLE_EQ(sales_demand(t), 0);
  EXPECT_DOUBLE_EQ(overshoot_ratio(t), 0);
}

TEST(TrackSignals, BadgeNamesThePriceWarTheOvershootAndTheLosses) {
  // 2.9 times demand, a full price war, 90% of firms losing money: longest first, "war" last.
  const auto war = badge_candidates(track(290, 100, 1.0, 0.9));
  ASSERT_GE(war.size(), 3u);
  EXPECT_EQ(war.front(), "2.9\xC3\x97 demand \xC2\xB7 price war \xC2\xB7 90% lose money");
  EXPECT_EQ(war[1], "2.9\xC3\x97 \xC2\xB7 price war \xC2\xB7 90% lose");
  EXPECT_EQ(war.back(), "war");
  for (const auto& b : war)
    EXPECT_NE(b.find("war"), std::string::npos) << "every text names the war";
  // Zombies come last in the text and are the first part dropped.
  TrackSnap zombies = track(290, 100, 1.0, 0.9);
  zombies.zombie_share = 0.8;
  const auto z = badge_candidates(zombies);
  EXPECT_EQ(z.front(),
            "2.9\xC3\x97 demand \xC2\xB7 price war \xC2\xB7 90% lose money \xC2\xB7 80% zombies");
  EXPECT_EQ(z[2], war.front());
  zombies.zombie_share = 0.19;
  EXPECT_EQ(badge_candidates(zombies), war) << "below a fifth, zombies are not named";
  // Conduct halfway to AVC pricing is a war; less is not.
  EXPECT_EQ(badge_candidates(track(100, 100, kWarBadge, 0.1)).front(), "price war");
  for (const auto& b : badge_candidates(track(200, 100, 0.49, 0.1)))
    EXPECT_EQ(b.find("war"), std::string::npos) << b;
  EXPECT_EQ(badge_candidates(track(200, 100, 0.49, 0.1)).front(), "2.0\xC3\x97 demand");
  // No war, no overshoot: only a majority of loss-making firms is worth a word.
  EXPECT_TRUE(badge_candidates(track(110, 100, 0, 0.3)).empty());
  EXPECT_EQ(badge_candidates(track(110, 100, 0, 0.6)).front(), "60% lose money");
}

TEST(TrackSignals, SpansWherePriceIsBelowTheCashCost) {
  const std::vector<double> price{1.0, 0.8, 0.7, 1.2, 0.5, 0.4, 0.3};
  const std::vector<double> cash{0.9, 0.9, 0.9, 0.9, 0.0, 0.6, 0.6};
  const auto spans = below_cost_spans(price, cash);
  ASSERT_EQ(spans.size(), 2u);  // an unknown cash cost (0) is not "below"
  EXPECT_EQ(spans[0], std::make_pair(std::size_t{1}, std::size_t{3}));
  EXPECT_EQ(spans[1], std::make_pair(std::size_t{5}, std::size_t{7}));
  EXPECT_TRUE(below_cost_spans({1.0, 2.0}, {0.5, 0.5}).empty());
}

TEST(TrackSignals, SparklinesAreRelativeToTheCashCostWithOneInside) {
  const auto rel = relative_to({1.2, 0.6, 0.5}, {0.6, 0.0, 1.0});
  ASSERT_EQ(rel.size(), 3u);
  EXPECT_DOUBLE_EQ(rel[0], 2.0);
  EXPECT_TRUE(std::isnan(rel[1]));
  EXPECT_DOUBLE_EQ(rel[2], 0.5);
  const SparkRange wide = spark_range(rel, {0.7});
  EXPECT_DOUBLE_EQ(wide.lo, 0.5 * 0.95);
  EXPECT_DOUBLE_EQ(wide.hi, 2.0 * 1.05);
  // A price always 1.6-1.9 times cost still shows the cost line at 1.
  const SparkRange high = spark_range({1.6, 1.9}, {});
  EXPECT_LT(high.lo, 1.0);
  EXPECT_NEAR(high.lo, 0.8, 1e-12);
  EXPECT_NEAR(high.hi, 1.9 * 1.05, 1e-12);
}

}  // namespace
}  // namespace regsim::visual
