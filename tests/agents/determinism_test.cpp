// The same config and seed give the same state whatever the number of threads.
#include <gtest/gtest.h>
#include <tbb/task_arena.h>

#include <cstdio>

#include "agents/model.h"
#include "support/test_world.h"

namespace regsim::agents {
namespace {

// Changing this constant is a deliberate commit whose message names the model change behind it.
constexpr std::uint64_t kReferenceHash = 0x3ad97b54e950e24dull;

std::uint64_t run_reference() {
  Model m = make_model(testing::small_config());
  while (!m.finished()) step(m);
  return hash_state(m.world);
}

TEST(Determinism, SameHashForEveryThreadCount) {
  std::uint64_t first = 0;
  for (int threads : {1, 2, 3}) {
    tbb::task_arena arena(threads);
    const std::uint64_t hash = arena.execute([] { return run_reference(); });
    if (threads == 1) first = hash;
    EXPECT_EQ(hash, first) << threads << " threads";
  }
  std::printf("reference hash: 0x%016llxull\n", static_cast<unsigned long long>(first));
  EXPECT_EQ(first, kReferenceHash) << "the model's results changed";
}

TEST(Determinism, DifferentSeedsAndRunsGiveDifferentStates) {
  Model a = make_model(testing::small_config({"world.seed=1"}));
  Model b = make_model(testing::small_config({"world.seed=2"}));
  Model c = make_model(testing::small_config({"world.seed=1"}), 1);
  for (int t = 0; t < 8; ++t) {
    step(a);
    step(b);
    step(c);
  }
  EXPECT_NE(hash_state(a.world), hash_state(b.world));
  EXPECT_NE(hash_state(a.world), hash_state(c.world));
}

}  // namespace
}  // namespace regsim::agents
