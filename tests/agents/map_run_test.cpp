// End to end on the China map: config resolution (world.map overrides cities and provinces),
// the shipped experiment files, and two simulated years through make_model and step.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "agents/model.h"
#include "sim/map_loader.h"
#include "support/baseline.h"

namespace regsim::agents {
namespace {

RunConfig china_config(std::vector<std::string> extra = {}) {
  std::vector<std::string> sets = {"world.map=china-prefectures", "world.years=2",
                                   "world.initial_firms=3000", "world.cities=40"};
  sets.insert(sets.end(), extra.begin(), extra.end());
  return load_run_config_text(testing::baseline_text(), "china", sets);
}

TEST(ChinaRun, MapDecidesCitiesAndProvinces) {
  const RunConfig c = china_config();
  EXPECT_EQ(c.params.world.map, "china-prefectures");
  EXPECT_EQ(c.params.world.cities, 366) << "world.cities=40 is overridden by the map";
  EXPECT_EQ(c.params.world.provinces, 31);
  // The default (no map) dumps world.map = "" and reads it back unchanged.
  const RunConfig synthetic = load_run_config_text(testing::baseline_text(), "d", {});
  EXPECT_EQ(synthetic.params.world.map, "");
  const RunConfig again = load_run_config_text(params_to_toml(synthetic.params), "again", {});
  EXPECT_EQ(params_to_toml(again.params), params_to_toml(synthetic.params));
}

TEST(ChinaRun, UnknownMapIsAConfigErrorAtItsLine) {
  try {
    load_run_config_text("[world]\nseed = 1\nmap = \"atlantis\"\n", "bad.toml", {});
    ADD_FAILURE() << "an unknown map was accepted";
  } catch (const sim::ConfigException& e) {
    EXPECT_NE(
        std::string(e.what()).find("bad.toml:3: world.map: no nodes.csv for map \"atlantis\""),
        std::string::npos)
        << e.what();
  }
}

TEST(ChinaRun, ShippedExperimentsLoad) {
  const std::string dir = std::string(REGSIM_SOURCE_DIR) + "/experiments/";
  const RunConfig china = load_run_config(dir + "china.toml", {});
  EXPECT_EQ(china.params.world.cities, 366);
  const RunConfig classroom = load_run_config(dir + "scenarios/classroom_china.toml", {});
  EXPECT_EQ(classroom.params.world.cities, 366);
  ASSERT_EQ(classroom.schedule.size(), 2u);
  EXPECT_EQ(classroom.schedule[0].tick, 5 * sim::kTicksPerYear);
  EXPECT_EQ(classroom.schedule[0].key, "tracks.low_altitude.signal");
  EXPECT_EQ(classroom.schedule[1].tick, 12 * sim::kTicksPerYear);
  EXPECT_EQ(classroom.schedule[1].key, "market.kappa");
}

TEST(ChinaRun, TwoYearsEndToEnd) {
  const RunConfig config = china_config();
  Model m = make_model(config);
  ASSERT_EQ(m.world.num_cities(), 366u);
  EXPECT_EQ(m.world.geo.num_provinces, 31);
  EXPECT_EQ(m.world.geo.names[0], "Beijing");
  while (!m.finished()) step(m);
  EXPECT_EQ(m.world.tick, 2 * sim::kTicksPerYear);
  double gdp = 0.0;
  for (const double y : m.world.cities.gdp) {
    EXPECT_TRUE(std::isfinite(y));
    gdp += y;
  }
  EXPECT_GT(gdp, 0.0);
  // Same config, same world: the map path is as deterministic as the synthetic one.
  Model again = make_model(config);
  while (!again.finished()) step(again);
  EXPECT_EQ(hash_state(again.world), hash_state(m.world));
}

}  // namespace
}  // namespace regsim::agents
