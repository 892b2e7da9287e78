// Plots of an analysed sweep: runs scripts/plot_sweep.py with Debian's python3 and matplotlib.
#include "experiments/sweep/plots.h"

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

extern char** environ;

namespace regsim::experiments {

namespace fs = std::filesystem;

namespace {

std::string find_plot_script() {
  if (const char* env = std::getenv("REGSIM_PLOT_SCRIPT")) return env;
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  std::vector<fs::path> candidates;
  if (!ec) candidates.push_back(exe.parent_path().parent_path() / "share/regsim/plot_sweep.py");
#ifdef REGSIM_SCRIPTS_DIR
  candidates.push_back(fs::path(REGSIM_SCRIPTS_DIR) / "plot_sweep.py");
#endif
  for (const auto& c : candidates)
    if (fs::exists(c)) return c.string();
  return "";
}

/// Runs scripts/plot_sweep.py with Debian's python3 (MPLBACKEND=Agg); returns its exit status.
int run_plot_script(const std::string& script, const fs::path& analysis_dir) {
  const char* python = std::getenv("REGSIM_PYTHON");
  const std::string interpreter = python != nullptr ? python : "/usr/bin/python3";
  if (::access(interpreter.c_str(), X_OK) != 0) return 127;
  std::vector<std::string> env_text = {"MPLBACKEND=Agg"};
  for (char** e = environ; *e != nullptr; ++e)
    if (std::string(*e).rfind("MPLBACKEND=", 0) != 0) env_text.emplace_back(*e);
  std::vector<char*> envp;
  for (auto& e : env_text) envp.push_back(e.data());
  envp.push_back(nullptr);
  std::string a0 = interpreter, a1 = script, a2 = analysis_dir.string();
  char* argv[] = {a0.data(), a1.data(), a2.data(), nullptr};
  pid_t pid = 0;
  if (posix_spawn(&pid, interpreter.c_str(), nullptr, nullptr, argv, envp.data()) != 0) return 127;
  int status = 0;
  if (waitpid(pid, &status, 0) < 0) return 127;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

}  // namespace

void make_plots(const fs::path& analysis_dir, const fs::path& shown_dir, bool quiet) {
  const std::string script = find_plot_script();
  if (script.empty()) {
    std::fprintf(stderr,
                 "plots skipped: scripts/plot_sweep.py not found (set "
                 "REGSIM_PLOT_SCRIPT)\n");
    return;
  }
  const int rc = run_plot_script(script, analysis_dir);
  if (rc == 0) {
    if (!quiet) std::printf("plots in %s/plots/\n", shown_dir.string().c_str());
  } else if (rc == 127) {
    std::fprintf(stderr, "plots skipped: /usr/bin/python3 not found (set REGSIM_PYTHON)\n");
  } else if (rc == 3) {
    std::fprintf(stderr,
                 "plots skipped: matplotlib is not installed for /usr/bin/python3 "
                 "(apt-get install python3-matplotlib)\n");
  } else {
    std::fprintf(stderr, "plots skipped: %s exited with status %d\n", script.c_str(), rc);
  }
}

}  // namespace regsim::experiments
