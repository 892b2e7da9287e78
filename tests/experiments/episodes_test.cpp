// Every dated episode in experiments/episodes/ validates, documents its facts and design in its
// header, and runs briefly (two years) through the regsim binary. The directory is globbed, so a
// new episode is covered without touching this file.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "support/regsim_binary.h"

namespace {

namespace fs = std::filesystem;

using regsim::testing::quote;
using regsim::testing::run_regsim;

fs::path episode_dir() {
  return fs::path(REGSIM_SOURCE_DIR) / "experiments" / "episodes";
}

std::vector<std::string> episode_files() {
  std::vector<std::string> out;
  for (const auto& entry : fs::directory_iterator(episode_dir()))
    if (entry.is_regular_file() && entry.path().extension() == ".toml")
      out.push_back(entry.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

/// The leading comment block of a file.
std::string header(const fs::path& p) {
  std::ifstream in(p);
  std::string out;
  for (std::string line; std::getline(in, line) && !line.empty() && line[0] == '#';) {
    out += line;
    out += '\n';
  }
  return out;
}

class Episode : public ::testing::TestWithParam<std::string> {};

TEST_P(Episode, DocumentsValidatesAndRunsBriefly) {
  const fs::path file = episode_dir() / GetParam();
  const std::string head = header(file);
  for (const char* part : {"Dated episode", "Model year 0 = ", "Facts", "Design:", "Command:"})
    EXPECT_NE(head.find(part), std::string::npos) << file << ": header lacks '" << part << "'";
  EXPECT_EQ(run_regsim("validate " + quote(file)), 0) << "regsim validate " << file;
  std::string dir = "regsim_episode_";
  dir += fs::path(GetParam()).stem().string();
  dir += '_';
  dir += std::to_string(::getpid());
  const fs::path out = fs::temp_directory_path() / dir;
  fs::remove_all(out);
  const std::string args =
      "run " + quote(file) + " --set world.years=2 --quiet --out " + quote(out);
  ASSERT_EQ(run_regsim(args), 0) << "regsim " << args;
  for (const char* f : {"metrics.csv", "tracks.csv", "cities.csv", "manifest.json"})
    EXPECT_TRUE(fs::exists(out / f)) << f;
  fs::remove_all(out);
}

std::string test_name(const ::testing::TestParamInfo<std::string>& info) {
  std::string name = fs::path(info.param).stem().string();
  for (char& c : name)
    if (std::isalnum(static_cast<unsigned char>(c)) == 0) c = '_';
  return name;
}

INSTANTIATE_TEST_SUITE_P(Episodes, Episode, ::testing::ValuesIn(episode_files()), test_name);

TEST(Episodes, TheThreeDatedEpisodesExist) {
  const auto files = episode_files();
  for (const char* name :
       {"pv_2011_13.toml", "pv_battery_2022_24.toml", "low_altitude_2024_25.toml"})
    EXPECT_NE(std::find(files.begin(), files.end(), name), files.end()) << name;
}

}  // namespace
