// Every file in experiments/scenarios/ runs through the regsim binary: sweep files as a shrunk
// sweep (one replication, two-year runs), run configs as a two-year run. The directory is globbed,
// so a new scenario is covered without touching this file.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "support/regsim_binary.h"

namespace {

namespace fs = std::filesystem;

using regsim::testing::quote;
using regsim::testing::run_regsim;

std::vector<std::string> lines(const fs::path& p) {
  std::vector<std::string> out;
  std::ifstream in(p);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return "";
  const auto e = s.find_last_not_of(" \t\r");
  return s.substr(b, e - b + 1);
}

bool starts_with(const std::string& s, const std::string& prefix) {
  return s.compare(0, prefix.size(), prefix) == 0;
}

fs::path scenario_dir() {
  return fs::path(REGSIM_SOURCE_DIR) / "experiments" / "scenarios";
}

std::vector<std::string> scenario_files() {
  std::vector<std::string> out;
  for (const auto& entry : fs::directory_iterator(scenario_dir()))
    if (entry.is_regular_file() && entry.path().extension() == ".toml")
      out.push_back(entry.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

// A sweep file has a [design] or [factors] section; anything else is a run config.
bool is_sweep(const std::vector<std::string>& text) {
  return std::any_of(text.begin(), text.end(), [](const std::string& l) {
    const std::string t = trim(l);
    return t == "[design]" || t == "[factors]";
  });
}

// The shrunk copy of a sweep file: one replication, no explicit seed list, the base made absolute
// and world.years dropped from [fixed] (it is set to 2 on the command line instead). Returns
// whether world.years is a factor (then it cannot be overridden).
bool shrink_sweep(const std::vector<std::string>& text, const fs::path& source_dir,
                  const fs::path& out) {
  std::ofstream o(out);
  std::string section;
  bool years_is_factor = false;
  for (const std::string& l : text) {
    const std::string t = trim(l);
    if (starts_with(t, "[")) section = t;
    if (section == "[design]" && starts_with(t, "replications")) {
      o << "replications = 1\n";
      continue;
    }
    if (section == "[design]" && starts_with(t, "seeds")) continue;
    if (section.empty() && starts_with(t, "base")) {
      const auto q1 = t.find('"');
      const auto q2 = t.find('"', q1 + 1);
      if (q1 != std::string::npos && q2 != std::string::npos) {
        fs::path base = t.substr(q1 + 1, q2 - q1 - 1);
        if (base.is_relative()) base = source_dir / base;
        o << "base = \"" << fs::weakly_canonical(base).string() << "\"\n";
        continue;
      }
    }
    if (starts_with(t, "\"world.years\"")) {
      if (section == "[fixed]") continue;
      if (section == "[factors]") years_is_factor = true;
    }
    o << l << "\n";
  }
  return years_is_factor;
}

fs::path temp_dir(const std::string& name) {
  const fs::path d =
      fs::temp_directory_path() / ("regsim_scenario_" + name + "_" + std::to_string(::getpid()));
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

class Scenario : public ::testing::TestWithParam<std::string> {};

TEST_P(Scenario, RunsShortAndWritesOutputs) {
  const fs::path file = scenario_dir() / GetParam();
  const auto text = lines(file);
  ASSERT_FALSE(text.empty()) << file;
  EXPECT_TRUE(starts_with(trim(text.front()), "#"))
      << file << ": a scenario starts with a header comment (claim, design, command)";
  const fs::path tmp = temp_dir(fs::path(GetParam()).stem().string());
  if (is_sweep(text)) {
    const fs::path copy = tmp / GetParam();
    const bool years_is_factor = shrink_sweep(text, file.parent_path(), copy);
    const fs::path out = tmp / "out";
    std::string args = "sweep " + quote(copy) + " --out " + quote(out) + " --jobs 1 --quiet";
    if (!years_is_factor) args += " --set world.years=2";
    ASSERT_EQ(run_regsim(args), 0) << "regsim " << args;
    EXPECT_TRUE(fs::exists(out / "results.sqlite"));
    const auto summary = lines(out / "summary.csv");
    ASSERT_GE(summary.size(), 2u) << "summary.csv has no run";
    for (std::size_t r = 1; r < summary.size(); ++r)
      EXPECT_NE(summary[r].find(",ok,"), std::string::npos) << "run failed: " << summary[r];
  } else {
    const fs::path out = tmp / "out";
    const std::string args =
        "run " + quote(file) + " --set world.years=2 --quiet --out " + quote(out);
    ASSERT_EQ(run_regsim(args), 0) << "regsim " << args;
    for (const char* f : {"metrics.csv", "tracks.csv", "cities.csv", "manifest.json"})
      EXPECT_TRUE(fs::exists(out / f)) << f;
    EXPECT_EQ(lines(out / "metrics.csv").size(), 1u + 2u * 4u);  // header + 2 years x 4 ticks
  }
  fs::remove_all(tmp);
}

std::string test_name(const ::testing::TestParamInfo<std::string>& info) {
  std::string name = fs::path(info.param).stem().string();
  for (char& c : name)
    if (std::isalnum(static_cast<unsigned char>(c)) == 0) c = '_';
  return name;
}

INSTANTIATE_TEST_SUITE_P(Scenarios, Scenario, ::testing::ValuesIn(scenario_files()), test_name);

TEST(Scenarios, DirectoryHoldsOneFilePerQuestion) {
  const auto files = scenario_files();
  for (int q = 1; q <= 9; ++q) {
    std::string prefix = "q";
    prefix += std::to_string(q);
    prefix += '_';
    EXPECT_TRUE(std::any_of(files.begin(), files.end(),
                            [&](const std::string& f) { return starts_with(f, prefix); }))
        << "no scenario for question " << q;
  }
}

}  // namespace
