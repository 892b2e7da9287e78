// The sweep, analyze and merge commands of the regsim program.
#pragma once

namespace regsim::experiments {

/// True when argv[1] names a command handled here.
bool is_sweep_command(const char* command);
/// Runs `regsim sweep|analyze|merge ...`; returns the exit code (2 for bad input).
int sweep_cli_main(int argc, char** argv);
/// Usage lines for regsim --help.
const char* sweep_cli_help();

}  // namespace regsim::experiments
