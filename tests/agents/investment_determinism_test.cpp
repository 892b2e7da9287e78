// The investment switches (market access, guidance funds, the platform's credit and disclosure)
// give the same state for any number of threads.
#include <gtest/gtest.h>
#include <tbb/task_arena.h>

#include "agents/model.h"
#include "support/test_world.h"

namespace regsim::agents {
namespace {

struct Fingerprint {
  std::uint64_t hash = 0;
  std::vector<double> mill_prices, fund_stakes;
  std::vector<std::uint8_t> state_linked;
  int fund_entries = 0;
};

Fingerprint run(const std::vector<std::string>& sets) {
  Model m = make_model(testing::small_config(sets));
  Fingerprint out;
  while (!m.finished()) {
    step(m);
    out.fund_entries += m.world.flows.fund_entries;
  }
  out.hash = hash_state(m.world);
  out.mill_prices = m.world.cities.mill_price_last_year;
  out.fund_stakes = m.world.firms.fund_stake;
  out.state_linked = m.world.firms.state_linked;
  return out;
}

TEST(InvestmentDeterminism, SameStateForEveryThreadCount) {
  const std::vector<std::vector<std::string>> variants = {
      {"firms.expectations=market_access", "funds.enabled=true", "funds.budget=0.05",
       "government.coordination_platform=true", "platform.screening=true",
       "platform.disclosure=true"},
      {"firms.expectations=market_access", "market.kappa=1", "funds.enabled=true",
       "funds.loss_tolerance=5", "government.coordination_platform=true", "platform.screening=true",
       "platform.credit=refuse"}};
  for (const auto& sets : variants) {
    Fingerprint first;
    for (int threads : {1, 2, 3}) {
      tbb::task_arena arena(threads);
      const Fingerprint f = arena.execute([&] { return run(sets); });
      if (threads == 1) {
        first = f;
        EXPECT_GT(f.fund_entries, 0) << "the variant exercises the funds";
        continue;
      }
      EXPECT_EQ(f.hash, first.hash) << threads << " threads";
      EXPECT_EQ(f.mill_prices, first.mill_prices) << threads << " threads";
      EXPECT_EQ(f.fund_stakes, first.fund_stakes) << threads << " threads";
      EXPECT_EQ(f.state_linked, first.state_linked) << threads << " threads";
      EXPECT_EQ(f.fund_entries, first.fund_entries) << threads << " threads";
    }
  }
}

}  // namespace
}  // namespace regsim::agents
