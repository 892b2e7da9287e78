// Command-line handling shared by regsim-view and regsim-classroom (the programs behind
// `regsim view` and `regsim classroom`): usage errors with exit code 2, numbers checked against a
// range, the walk over argv with --help and CONFIG, and the exit codes of errors at run time.
#pragma once

#include <cstdio>
#include <exception>
#include <string>

#include "sim/config.h"
#include "sim/limits.h"

namespace regsim::apps {

inline constexpr int kExitRuntime = 1, kExitUsage = 2;

/// Which program reports: "regsim-view" and the `regsim` subcommand that starts it, "view".
struct AppName {
  const char* program;
  const char* command;
};

/// "PROGRAM: MESSAGE" and "Try 'regsim COMMAND --help'." on stderr, then exit 2.
[[noreturn]] void usage_error(const AppName& app, const std::string& message);

/// A whole number written as one (std::stol) in [lo, hi]; otherwise a usage error naming flag.
long parse_long(const AppName& app, const std::string& flag, const std::string& text, long lo,
                long hi);
/// A number (std::stod) in [lo, hi]; otherwise a usage error naming flag.
double parse_number(const AppName& app, const std::string& flag, const std::string& text, double lo,
                    double hi);
/// A number in [lo, hi] (as parse_number, so "1e3" is 1000) that must be whole.
long parse_integer(const AppName& app, const std::string& flag, const std::string& text, long lo,
                   long hi);

/// Walks argv[1..]: --help or -h prints `usage` and exits 0; every other argument goes to
/// `option(arg, value)`, where value() takes the next argument (a usage error when there is none)
/// and which returns false for an argument it does not know. An unknown one starting with '-' is
/// a usage error; the first other one is the CONFIG, a second one a usage error.
template <class Option>
void walk_args(const AppName& app, const char* usage, int argc, char** argv, std::string& config,
               Option&& option) {
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) usage_error(app, arg + " needs a value");
      return argv[++i];
    };
    if (arg == "--help" || arg == "-h") {
      std::printf("%s", usage);
      std::exit(0);
    } else if (option(arg, value)) {
      continue;
    } else if (!arg.empty() && arg[0] == '-') {
      usage_error(app, "unknown option " + arg);
    } else if (config.empty()) {
      config = arg;
    } else {
      usage_error(app, "unexpected argument " + arg);
    }
  }
}

/// Runs `body` and turns what it throws into the exit code: a config error (its message already
/// names file, line and key) exits 2, any other error 1 with "PROGRAM: error: ...".
template <class Body>
int run_reporting_errors(const AppName& app, Body&& body) {
  try {
    return body();
  } catch (const sim::ConfigException& e) {
    std::fprintf(stderr, "%s", e.what());
    return kExitUsage;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s: error: %s\n", app.program,
                 sim::shorten_for_message(e.what(), 4000).c_str());
    return kExitRuntime;
  }
}

}  // namespace regsim::apps
