// The scenario picker's list.
#include "visual/scenarios.h"

#include <algorithm>
#include <exception>
#include <system_error>

#include "visual/session.h"

#ifndef REGSIM_EXPERIMENTS_DIR
#define REGSIM_EXPERIMENTS_DIR "experiments"
#endif

namespace regsim::visual {

namespace fs = std::filesystem;

fs::path default_experiments_dir() {
  std::error_code ec;
  if (fs::is_directory("experiments", ec)) return fs::path("experiments");
  return fs::path(REGSIM_EXPERIMENTS_DIR);
}

std::vector<Scenario> find_scenarios(const fs::path& root) {
  std::vector<Scenario> out;
  std::error_code ec;
  if (!fs::is_directory(root, ec)) return out;
  for (fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec),
       end;
       it != end; it.increment(ec)) {
    if (ec) break;
    if (!it->is_regular_file(ec) || it->path().extension() != ".toml") continue;
    out.push_back(Scenario{it->path(), it->path().lexically_relative(root).generic_string(), {}});
  }
  std::sort(out.begin(), out.end(),
            [](const Scenario& a, const Scenario& b) { return a.label < b.label; });
  return out;
}

void check_scenarios(std::vector<Scenario>& scenarios, const std::vector<std::string>& overrides) {
  for (Scenario& s : scenarios) {
    try {
      load_config(ConfigSource{s.path.string(), {}, s.label, overrides});
      s.problem.clear();
    } catch (const std::exception& e) {
      s.problem = e.what();
      s.problem = s.problem.substr(0, s.problem.find('\n'));
    }
  }
}

}  // namespace regsim::visual
