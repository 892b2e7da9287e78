// The scenario picker's list: every *.toml under experiments/, found recursively.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace regsim::visual {

struct Scenario {
  std::filesystem::path path;  ///< absolute or as found
  std::string label;           ///< path relative to the experiments folder
  std::string problem;         ///< why it cannot be opened (a sweep spec, an invalid file), or ""
};

/// The experiments folder: ./experiments when it exists, else the source tree's.
std::filesystem::path default_experiments_dir();
/// Every *.toml below `root` (recursively), sorted by label; empty when root does not exist.
std::vector<Scenario> find_scenarios(const std::filesystem::path& root);
/// Fills Scenario::problem for files that do not load as a run config with these overrides (sweep
/// specs also live under experiments/); the first line of the error is kept.
void check_scenarios(std::vector<Scenario>& scenarios, const std::vector<std::string>& overrides);

}  // namespace regsim::visual
