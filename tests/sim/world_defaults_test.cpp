// The rest of the world's default terms per track (sim/params.cpp, docs/model.md 4.4): each
// track's export demand is derived from its documented export share; hand-worked values.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "sim/params.h"

namespace regsim::sim {
namespace {

const TrackParams& track(const std::vector<TrackParams>& ts, const std::string& name) {
  for (const TrackParams& t : ts)
    if (t.name == name) return t;
  ADD_FAILURE() << "no track " << name;
  return ts.front();
}

// China sets the world price of PV and batteries. PV: export share 0.50 at trend home demand,
// freight 4%: x = (0.5 / 0.5) 1.04^0.4 = 1.015812. Batteries: share 0.346, trade cost 6%:
// x = 0.529052 x 1.06^0.4 = 0.541528.
TEST(WorldDefaults, ChinaSetsThePriceOfPvAndBatteries) {
  const auto ts = default_tracks();
  const TrackParams& pv = track(ts, "pv");
  EXPECT_EQ(pv.world_pricing, "china_price");
  EXPECT_DOUBLE_EQ(pv.trade_cost, 0.04);
  EXPECT_NEAR(pv.export_demand, 1.015812, 1e-6);
  const TrackParams& battery = track(ts, "battery");
  EXPECT_EQ(battery.world_pricing, "china_price");
  EXPECT_NEAR(battery.export_demand, 0.541528, 1e-6);
  // Foreign buyers on the home curve at China's price plus trade cost: at equal home and
  // foreign demand levels the export share is x 1.06^-0.4 / (1 + x 1.06^-0.4) = 0.346.
  const double abroad = battery.export_demand * std::pow(1.06, -battery.eta_short);
  EXPECT_NEAR(abroad / (1.0 + abroad), 0.346, 1e-12);
}

// EVs: foreign makers' cost 1.33 times China's (UBS: BYD ~25% cheaper) and China's gate price
// 1.45 times the frontier cost in the model, so the world price is 1.33 x 1.45 = 1.9285 times
// the frontier cost; share 0.125 at a home price 1.45 times the frontier cost with home demand
// at its reference level: x = (1/7) (1.45 x 1.06 / 1.9285)^4 = (1/7) (1.06 / 1.33)^4 = 0.0576393.
// Textiles: no cost gap (world price = the model's 1.01), share 0.41:
// x = (0.41 / 0.59) 1.06^4 = 0.877314.
TEST(WorldDefaults, ForeignMakersPriceTheOtherTracks) {
  const auto ts = default_tracks();
  const TrackParams& ev = track(ts, "ev");
  EXPECT_EQ(ev.world_pricing, "foreign_cost");
  EXPECT_NEAR(ev.world_price, 1.9285, 1e-12);
  EXPECT_DOUBLE_EQ(ev.trade_cost, 0.06);
  EXPECT_DOUBLE_EQ(ev.export_eta, 4.0);
  EXPECT_NEAR(ev.export_demand, 0.0576393, 1e-7);
  const TrackParams& textiles = track(ts, "textiles");
  EXPECT_DOUBLE_EQ(textiles.world_price, 1.01);
  EXPECT_NEAR(textiles.export_demand, 0.877314, 1e-6);
  // Back to the share: exports x (1.45 / parity)^-4 with parity = 1.9285 / 1.06, home demand 1.
  const double abroad = ev.export_demand * std::pow(1.45 * 1.06 / 1.9285, -4.0);
  EXPECT_NEAR(abroad / (1.0 + abroad), 0.125, 1e-12);
  for (const TrackParams& t : ts) {
    EXPECT_DOUBLE_EQ(t.foreign_tariff, 0.0) << t.name;  // tariffs are dated events
    EXPECT_GT(t.export_demand, 0.0) << t.name;
    EXPECT_GE(t.export_eta, t.eta) << t.name;  // Cournot's G(P) stays monotone (model.md 4.4)
  }
}

// Derived variants of a larger world keep their parent's terms.
TEST(WorldDefaults, DerivedTracksKeepTheirParentsTerms) {
  const auto ts = make_tracks(14);
  EXPECT_EQ(ts[12].name, "pv_2");
  EXPECT_EQ(ts[12].world_pricing, "china_price");
  EXPECT_DOUBLE_EQ(ts[12].export_demand, ts[0].export_demand);
  EXPECT_DOUBLE_EQ(ts[13].world_price, ts[1].world_price);
}

}  // namespace
}  // namespace regsim::sim
