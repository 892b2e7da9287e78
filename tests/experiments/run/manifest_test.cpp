// The manifests: typed JSON whose numbers read back to the same doubles; the real thread count.
#include "experiments/manifest.h"

#include <gtest/gtest.h>
#include <tbb/task_arena.h>
#include <unistd.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "agents/param_table.h"
#include "experiments/default_config.h"
#include "support/files.h"

namespace regsim::experiments {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

agents::RunConfig small_config() {
  return agents::load_run_config_text(
      default_config_text(), "(default)",
      {"world.years=1", "world.cities=20", "world.initial_firms=300", "world.rewire=0.05"});
}

/// Runs `config` into a fresh directory and returns the text of its manifest.json.
std::string manifest_text(const agents::RunConfig& config, int threads) {
  const fs::path dir =
      fs::temp_directory_path() / ("regsim_manifest_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  RunOptions options;
  options.out_dir = dir;
  options.threads = threads;
  options.argv = {"regsim", "run", "--out", dir.string()};
  run_experiment(config, options);
  std::string text = testing::slurp(dir / "manifest.json");
  fs::remove_all(dir);
  return text;
}

sim::ScalarValue from_json(const json& j) {
  if (j.is_boolean()) return j.get<bool>();
  if (j.is_number_integer()) return j.get<std::int64_t>();
  if (j.is_number_float()) return j.get<double>();
  return j.get<std::string>();
}

TEST(Manifest, EveryParameterReadsBackToTheSameTypedValue) {
  const agents::RunConfig config = small_config();
  const json m = json::parse(manifest_text(config, 1));
  const agents::ParamTable table(config.params.tracks);
  ASSERT_EQ(m.at("config").size(), table.specs().size());
  for (const auto& spec : table.specs()) {
    const json& value = m.at("config").at(spec.key);
    EXPECT_EQ(from_json(value), spec.get(config.params)) << spec.key << " = " << value.dump();
    const bool real = spec.type == agents::ParamType::Real;
    const bool integer = spec.type == agents::ParamType::Integer;
    const bool boolean = spec.type == agents::ParamType::Boolean;
    EXPECT_EQ(value.is_number_float(), real) << spec.key;
    EXPECT_EQ(value.is_number_integer(), integer) << spec.key;
    EXPECT_EQ(value.is_boolean(), boolean) << spec.key;
  }
  EXPECT_EQ(m.at("seed").get<std::uint64_t>(), config.params.world.seed);
}

TEST(Manifest, NumbersAreTheShortestTextThatReadsBack) {
  const std::string text = manifest_text(small_config(), 1);
  EXPECT_NE(text.find("\"world.rewire\": 0.05,"), std::string::npos) << text.substr(0, 2000);
  EXPECT_EQ(text.find("0.050000000000000003"), std::string::npos);
}

TEST(Manifest, ScheduleValuesAreTyped) {
  const agents::RunConfig config = small_config();
  ASSERT_FALSE(config.schedule.empty()) << "the baseline schedules a signal change";
  const json m = json::parse(manifest_text(config, 1));
  ASSERT_EQ(m.at("schedule").size(), config.schedule.size());
  for (std::size_t i = 0; i < config.schedule.size(); ++i) {
    const json& entry = m.at("schedule")[i];
    EXPECT_EQ(entry.at("tick").get<std::uint32_t>(), config.schedule[i].tick);
    EXPECT_EQ(entry.at("key").get<std::string>(), config.schedule[i].key);
    EXPECT_FALSE(entry.at("value").is_string()) << entry.dump();
    EXPECT_EQ(from_json(entry.at("value")), config.schedule[i].value) << entry.dump();
  }
}

TEST(Manifest, ThreadsIsTheCountTheRunCouldUse) {
  const agents::RunConfig config = small_config();
  EXPECT_EQ(json::parse(manifest_text(config, 1)).at("threads").get<int>(), 1);
  const int cores = tbb::this_task_arena::max_concurrency();
  EXPECT_EQ(json::parse(manifest_text(config, 0)).at("threads").get<int>(), cores);
  EXPECT_EQ(json::parse(manifest_text(config, cores + 5)).at("threads").get<int>(), cores)
      << "more threads than cores are not used";
}

TEST(Manifest, SweepManifestIsValidJsonWhateverTheSweepIsCalled) {
  SweepManifest s;
  s.sweep = "a \"quoted\"\\name\n";
  s.design = "grid";
  s.shard = "0/1";
  s.runs = 12;
  s.finished = 10;
  s.failed = 1;
  s.jobs = 3;
  s.wall_seconds = 0.1;
  const json m = json::parse(sweep_manifest(s));
  EXPECT_EQ(m.at("sweep").get<std::string>(), s.sweep);
  EXPECT_EQ(m.at("runs").get<int>(), 12);
  EXPECT_EQ(m.at("jobs").get<int>(), 3);
  EXPECT_EQ(m.at("wall_seconds_last_session").get<double>(), 0.1);
}

}  // namespace
}  // namespace regsim::experiments
