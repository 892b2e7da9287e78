// Running the regsim binary from a test: its exit code, and paths quoted for the shell.
#pragma once

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <string>

namespace regsim::testing {

/// Runs `regsim ARGS` (the binary just built), output discarded; its exit code, -1 if it did not
/// exit normally.
inline int run_regsim(const std::string& args) {
  const std::string cmd = std::string(REGSIM_BINARY) + " " + args + " >/dev/null 2>&1";
  const int status = std::system(cmd.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/// A path in single quotes for the shell (test paths hold no single quote).
inline std::string quote(const std::filesystem::path& p) {
  // Appended piecewise: "'" + s + "'" trips GCC 12's false -Wrestrict at -O3.
  std::string out(1, '\'');
  out += p.string();
  out += '\'';
  return out;
}

}  // namespace regsim::testing
