// Saved states: a copy or a reloaded state continues exactly as the original; damaged, other
// version and other column-set bytes are refused with a message naming them.
#include "state/state.h"

#include <gtest/gtest.h>

#include <boost/crc.hpp>
#include <cstring>
#include <string>

#include "agents/metrics.h"
#include "support/baseline.h"
#include "support/test_world.h"

namespace regsim::state {
namespace {

/// A small world with a scheduled change in year 2 and another in year 4 (so a state saved in
/// between holds a schedule position part-way).
agents::RunConfig config() {
  const std::string text = testing::baseline_text() +
                           "\n[[schedule]]\nyear = 2\nset = { \"market.kappa\" = 0.3 }\n"
                           "\n[[schedule]]\nyear = 4\nset = { \"government.w_herd\" = 2.0 }\n";
  return agents::load_run_config_text(
      text, "schedule test",
      {"world.cities=24", "world.provinces=3", "world.initial_firms=600", "world.years=6",
       "world.seed=11"});
}

/// Steps to the end, returning the national rows and the final hash.
std::string finish(agents::Model& m) {
  std::string rows;
  while (!m.finished()) {
    agents::step(m);
    rows += agents::national_csv_row(m.metrics.national) + "\n";
  }
  return rows + std::to_string(agents::hash_state(m.world));
}

agents::Model stepped_to(int tick) {
  agents::Model m = agents::make_model(config());
  while (m.world.tick < tick) agents::step(m);
  return m;
}

TEST(State, CopyAndReloadContinueExactlyAsTheOriginalAtAnyTick) {
  for (int tick : {0, 5, 9, 12}) {  // before any step, mid-year, between the two changes
    agents::Model m = stepped_to(tick);
    const std::string bytes = save_state(m);
    agents::Model copy = copy_model(m);
    Saved loaded = load_state(bytes, "mem");
    EXPECT_EQ(agents::hash_state(copy.world), agents::hash_state(m.world)) << tick;
    EXPECT_EQ(loaded.model.next_change, m.next_change) << tick;
    EXPECT_EQ(loaded.model.applied.size(), m.applied.size()) << tick;
    EXPECT_EQ(save_state(loaded.model), bytes) << "save, load, save gives the same bytes";
    const std::string expected = finish(m);
    EXPECT_EQ(finish(copy), expected) << tick;
    EXPECT_EQ(finish(loaded.model), expected) << tick;
  }
}

TEST(State, BranchesFromOneStateTakeTheirOwnCommands) {
  agents::Model m = stepped_to(8);
  agents::Model a = copy_model(m), b = copy_model(m);
  const agents::ParamChange closed{8, "market.kappa", 0.0};
  agents::step(a, std::span(&closed, 1));
  agents::step(b);
  agents::step(m);
  EXPECT_EQ(agents::hash_state(b.world), agents::hash_state(m.world));
  EXPECT_NE(agents::hash_state(a.world), agents::hash_state(m.world));
  EXPECT_EQ(a.params.market.kappa, 0.0);
  EXPECT_NE(m.params.market.kappa, 0.0);
}

TEST(State, SectionsComeBackAsSaved) {
  const agents::Model m = stepped_to(4);
  const std::string binary("a\0b\n", 4);
  const Saved s = load_state(save_state(m, {{"tables", "x,y\n1,2\n"}, {"bin", binary}}), "mem");
  ASSERT_NE(s.section("tables"), nullptr);
  EXPECT_EQ(*s.section("tables"), "x,y\n1,2\n");
  EXPECT_EQ(*s.section("bin"), binary);
  EXPECT_EQ(s.section("none"), nullptr);
}

std::string refusal(std::string_view bytes) {
  try {
    (void)load_state(bytes, "state.bin");
  } catch (const sim::ConfigException& e) {
    return e.what();
  }
  return "(accepted)";
}

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

constexpr std::size_t kHeader = 8 + 4 + 8 + 8 + 4;

/// Rewrites the header's checksum (and fingerprint, if given) after the payload was edited.
void reseal(std::string& bytes) {
  boost::crc_32_type crc;
  crc.process_bytes(bytes.data() + kHeader, bytes.size() - kHeader);
  const std::uint32_t c = crc.checksum();
  std::memcpy(bytes.data() + kHeader - 4, &c, 4);
}

TEST(State, TruncatedCorruptedAndForeignBytesAreRefusedByName) {
  const std::string bytes = save_state(stepped_to(6));
  for (std::size_t n : {std::size_t{0}, std::size_t{5}, std::size_t{20}, kHeader, kHeader + 100,
                        bytes.size() / 2, bytes.size() - 1}) {
    const std::string why = refusal(std::string_view(bytes).substr(0, n));
    EXPECT_TRUE(has(why, "state.bin: ")) << why;
    EXPECT_TRUE(has(why, "truncated") || has(why, "not a regsim state")) << n << ": " << why;
  }
  for (std::size_t at : {kHeader + 3, bytes.size() / 3, bytes.size() - 2}) {
    std::string bad = bytes;
    bad[at] = static_cast<char>(bad[at] ^ 0x40);
    EXPECT_EQ(refusal(bad), "state.bin: is corrupted (checksum mismatch)\n") << at;
  }
  EXPECT_TRUE(has(refusal(bytes + "x"), "extra bytes"));
  std::string version = bytes;
  version[8] = 7;
  EXPECT_EQ(refusal(version),
            "state.bin: has state format version 7; this regsim reads 1 (save the state again "
            "with this build)\n");
  EXPECT_TRUE(has(refusal("hello, world: not a state at all"), "not a regsim state file"));
}

TEST(State, AnotherColumnSetIsAVersionErrorNamingTheColumns) {
  std::string bytes = save_state(stepped_to(4));
  // A build whose tracks.demand_shock is called demand_shocX: one column added, one missing.
  const auto at = bytes.find("tracks.demand_shock");
  ASSERT_NE(at, std::string::npos);
  bytes[at + 18] = 'X';
  reseal(bytes);
  const std::string why = refusal(bytes);
  EXPECT_TRUE(has(why, "other state columns")) << why;
  EXPECT_TRUE(has(why, "columns this build has and the file lacks: tracks.demand_shock")) << why;
  EXPECT_TRUE(has(why, "columns the file has: tracks.demand_shocX")) << why;
}

TEST(State, EveryColumnOfTheListIsSavedSoNewColumnsNeedNoChangeHere) {
  const agents::Model m = stepped_to(4);
  const std::string bytes = save_state(m);
  std::size_t saved = 0;
  sim::for_each_column(m.world, [&](const sim::ColumnInfo& c, const auto&) {
    const std::string name = std::string(c.group) + "." + std::string(c.name);
    const bool in_file = bytes.find(name) != std::string::npos;
    if (c.lifetime == sim::Lifetime::Cache) return;
    ++saved;
    EXPECT_TRUE(in_file) << name;
  });
  EXPECT_GT(saved, 100u);
}

TEST(State, AStateOfAnotherWorldSizeIsRefused) {
  // Same columns, but the saved cities column claims another length: caught before use.
  agents::Model m = stepped_to(4);
  m.world.city_price.push_back(1.0);
  const std::string why = refusal(save_state(m));
  EXPECT_TRUE(has(why, "column world.city_price has")) << why;
}

}  // namespace
}  // namespace regsim::state
