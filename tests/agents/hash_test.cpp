// The state hash sees every column that is not a cache, and no cache.
#include <gtest/gtest.h>

#include <string>

#include "agents/model.h"
#include "support/test_world.h"

namespace regsim::agents {
namespace {

TEST(StateHash, ChangesWithEveryNonCacheColumnAndNoCache) {
  Model m = make_model(testing::small_config());
  for (int t = 0; t < 5; ++t) step(m);  // mid-year: year sums, flows and orders are non-empty
  sim::World& w = m.world;
  const std::uint64_t base = hash_state(w);
  int seen = 0, caches = 0;
  sim::for_each_column(w, [&](const sim::ColumnInfo& c, auto& x) {
    const std::string name = std::string(c.group) + "." + std::string(c.name);
    auto perturb = [&](auto& v) {
      const auto old = v;
      using T = std::remove_reference_t<decltype(v)>;
      if constexpr (std::is_arithmetic_v<T>)
        v = static_cast<T>(v + 1);
      else
        v = T(static_cast<typename T::rep_type>(v.value + 1));  // a typed id
      const std::uint64_t h = hash_state(w);
      v = old;
      if (c.lifetime == sim::Lifetime::Cache || c.lifetime == sim::Lifetime::Output) {
        ++caches;
        EXPECT_EQ(h, base) << name << " is a cache or an output accumulator but moves the hash";
      } else {
        ++seen;
        EXPECT_NE(h, base) << name << " is not in the hash";
      }
    };
    if constexpr (sim::is_column_vector<decltype(x)>) {
      if (x.empty()) {
        ADD_FAILURE() << name << " is empty after five ticks: the test cannot perturb it";
        return;
      }
      perturb(x.back());
    } else {
      perturb(x);
    }
  });
  EXPECT_EQ(hash_state(w), base);
  EXPECT_GT(seen, 100);
  EXPECT_GT(caches, 0);
}

}  // namespace
}  // namespace regsim::agents
