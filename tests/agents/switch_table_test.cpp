// The switch keys of the parameter table as a class: every named choice rejects an unknown value
// with file, line and key whatever the other switches say, and experiments/legacy.toml (with
// tests/support/legacy_switches.h) pins every switch added since the model before issue 12.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <string>
#include <variant>

#include "agents/param_table.h"
#include "support/legacy_switches.h"

namespace regsim::agents {
namespace {

const ParamTable& table() {
  static const ParamTable t(sim::default_tracks());
  return t;
}

/// The canonical key of `key` (an alias names its parameter's spec), or "" if unknown.
std::string canonical(const std::string& key) {
  const ParamSpec* s = table().find(key);
  return s ? s->key : std::string();
}

TEST(SwitchTable, EveryChoiceRejectsAnUnknownValueUnderEitherConduct) {
  int checked = 0;
  for (const ParamSpec& spec : table().specs()) {
    if (spec.type != ParamType::Choice || spec.choices.empty()) continue;
    for (const char* conduct : {"competitive", "cournot"}) {
      // The bad value on line 3 (line 2 when the key is the conduct itself).
      const bool self = spec.key == "market.conduct";
      std::string text = "world.seed = 1\n";
      if (!self) text += std::string("market.conduct = \"") + conduct + "\"\n";
      text += spec.key + " = \"no_such_choice\"\n";
      try {
        load_run_config_text(text, "choices.toml", {});
        ADD_FAILURE() << spec.key << " accepted an unknown value under " << conduct;
      } catch (const sim::ConfigException& e) {
        const auto& all = e.errors().all();
        const bool named = std::any_of(all.begin(), all.end(), [&](const sim::ConfigError& x) {
          return x.key == spec.key && x.where.file == "choices.toml" &&
                 x.where.line == (self ? 2 : 3);
        });
        EXPECT_TRUE(named) << spec.key << " under " << conduct << ": " << e.what();
      }
      ++checked;
    }
  }
  EXPECT_GE(checked, 2 * 10);
}

/// "table.key" of every `key = value` line of a flat TOML file (no inline tables, no arrays of
/// tables before the keys that matter: [[schedule]] and what follows it are skipped).
std::set<std::string> file_keys(const std::string& path) {
  std::ifstream in(path);
  std::set<std::string> keys;
  std::string line, table;
  while (std::getline(in, line)) {
    const auto first = line.find_first_not_of(" \t");
    if (first == std::string::npos || line[first] == '#') continue;
    if (line.compare(first, 2, "[[") == 0) break;
    if (line[first] == '[') {
      table = line.substr(first + 1, line.find(']') - first - 1);
      continue;
    }
    const auto eq = line.find('=');
    if (eq == std::string::npos) continue;
    std::string key = line.substr(first, eq - first);
    key.erase(key.find_last_not_of(" \t") + 1);
    keys.insert(table.empty() ? key : table + "." + key);
  }
  return keys;
}

TEST(SwitchTable, LegacyConfigPinsEverySwitchAddedSinceTheLegacyModel) {
  // Switches of the model before issue 12: the legacy run keeps each at what an experiment says.
  // A switch added since has no place here: give it its old value (the mechanism off) in
  // experiments/legacy.toml and tests/support/legacy_switches.h instead.
  const std::set<std::string> predate = {"world.graph",
                                         "spillover.colocation_relatedness",
                                         "subsidy.yardstick",
                                         "policy.evaluation",
                                         "policy.subsidy_regime",
                                         "policy.subsidy_instruments",
                                         "policy.bailouts",
                                         "policy.coordination_platform",
                                         "policy.capacity_controls",
                                         "policy.smart_specialisation",
                                         "market.solver"};
  // Read only when a switch the fixtures already turn off is on (exit.mothballing under
  // exit.rule forward_looking, platform.* under government.coordination_platform), so the
  // fixtures leave them to the test that turns that switch on.
  const std::set<std::string> nested = {
      canonical("exit.mothballing"), canonical("platform.screening"), canonical("platform.credit"),
      canonical("platform.disclosure")};
  std::set<std::string> old;
  for (const auto& k : predate) {
    ASSERT_NE(canonical(k), "") << k << " is no longer a parameter: drop it from this list";
    old.insert(canonical(k));
  }
  const std::string path = std::string(REGSIM_SOURCE_DIR) + "/experiments/legacy.toml";
  std::set<std::string> legacy;
  for (const auto& k : file_keys(path)) {
    ASSERT_NE(canonical(k), "") << path << ": " << k << " is not a parameter";
    legacy.insert(canonical(k));
  }
  std::set<std::string> pinned;  // by the hand-worked tests' fixtures
  for (const auto& s : testing::legacy_switches())
    pinned.insert(canonical(s.substr(0, s.find('='))));
  int switches = 0;
  for (const ParamSpec& spec : table().specs()) {
    const bool is_switch = spec.type == ParamType::Boolean ||
                           (spec.type == ParamType::Choice && !spec.choices.empty());
    if (!is_switch || spec.key.rfind("tracks.", 0) == 0 || spec.key.rfind("output.", 0) == 0)
      continue;
    ++switches;
    if (old.count(spec.key)) continue;
    EXPECT_TRUE(legacy.count(spec.key))
        << spec.key << " (a switch added since the legacy model) has no value in " << path;
    EXPECT_TRUE(pinned.count(spec.key) || nested.count(spec.key))
        << spec.key << " is not in tests/support/legacy_switches.h";
  }
  EXPECT_GE(switches, 15);
  // Every pinned fixture value is legacy.toml's (same key, same value after loading both).
  const RunConfig file = load_run_config(path, {});
  const RunConfig fixture = load_run_config(path, testing::legacy_switches());
  for (const auto& s : testing::legacy_switches()) {
    const ParamSpec* spec = table().find(s.substr(0, s.find('=')));
    ASSERT_NE(spec, nullptr) << s;
    EXPECT_EQ(spec->get(file.params), spec->get(fixture.params)) << s;
  }
}

}  // namespace
}  // namespace regsim::agents
